// One autocannon run, in its own process (in-process it would share the event loop it measures).
// argv[2]: JSON { url, connections, duration, headers?, requests? }; prints the summary as JSON.
import autocannon from 'autocannon';

interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }[];
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.duration,
  headers: spec.headers ?? {},
  ...(spec.requests ? { requests: spec.requests } : {}),
});
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    status: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    errors: result.errors,
    timeouts: result.timeouts,
    loadGeneratorCpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    bytesPerRequest: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  })}\n`,
);
