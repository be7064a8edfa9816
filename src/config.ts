// The only reader of process.env. Validated once at start-up; fails fast naming the bad variables.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Names proxy-addr (Fastify's trustProxy) understands for ranges of private addresses. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const TRUST_PROXY_HELP =
  'set the address or CIDR range of the reverse proxy in front of the service (comma separated, e.g. TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.0/8,192.168.1.5), or the number of proxies in front of it (e.g. TRUST_PROXY=1), or false';

/** A proxy address: an IP address, a CIDR range (address/prefix) or one of proxy-addr's range names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Fastify's trustProxy: false, a hop count, or the proxies' addresses and CIDR ranges.
 * `true` (trust every client's X-Forwarded-For, so anyone can forge their address) is refused.
 */
export function parseTrustProxy(value: string): { ok: true; value: false | number | string[] } | { ok: false; message: string } {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return { ok: true, value: false };
  if (v === 'true') return { ok: false, message: `true would trust X-Forwarded-For from any client, so anyone could forge their address: ${TRUST_PROXY_HELP}` };
  if (/^\d+$/.test(v)) return { ok: true, value: Number(v) };
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length > 0) return { ok: false, message: `${bad.map((b) => `"${b}"`).join(', ')} is not an IP address or CIDR range: ${TRUST_PROXY_HELP}` };
  return { ok: true, value: entries };
}

/** A size such as 25MB, 512KB or 1048576 (bytes); KB, MB and GB are powers of 1024. */
export function parseSize(value: string): number | undefined {
  const m = /^\s*(\d+)\s*(B|KB|MB|GB)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(m[2] ?? 'B').toUpperCase() as 'B'];
  return Number(m[1]) * unit;
}

const size = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const bytes = parseSize(v);
      if (bytes !== undefined && bytes >= 1 && bytes <= 1024 ** 3) return bytes;
      ctx.addIssue({ code: 'custom', message: 'must be a size from 1 byte to 1GB, such as 25MB, 512KB or 1048576' });
      return z.NEVER;
    });

/** The S3 variables, each of which only means something with FILE_STORAGE=s3. */
const S3_VARIABLES = ['S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'] as const;
const S3_REQUIRED = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

const EnvSchema = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
      .optional(),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address, e.g. https://case-review.example.org' }).optional(),
    SESSION_SECRET: z.string().min(32).optional(),
    SMTP_URL: z.string().optional(),
    // The sender's name in both languages: one sender for every recipient, and a Welsh speaker sees the Welsh name (docs/welsh.md).
    MAIL_FROM: z.string().default('no-reply@case-review.invalid'),
    SERVICE_NAME: z.string().default('Case Review'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v, ctx) => {
        const parsed = parseTrustProxy(v);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }),
    RATE_LIMIT_MAX: z.coerce.number().int().positive().default(1200),
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
    // Keys kept outside the database (src/keyring.ts): all three variables, or a key file.
    AUDIT_KEY: z.string().min(1).optional(),
    ENCRYPTION_KEYS: z.string().min(1).optional(),
    BLIND_INDEX_KEY: z.string().min(1).optional(),
    KEYS_FILE: z.string().min(1).optional(),
    // Signed checkpoints of the audit chain's head, written outside the database.
    AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
    AUDIT_CHECKPOINT_EMAIL: z.email().optional(),
    // How often the job worker looks for due jobs besides being woken by a commit that enqueued one.
    JOB_POLL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(5),
    // Uploaded files (src/services/files): limits, where they are kept, and the optional virus scan.
    UPLOAD_MAX_SIZE: size('25MB'),
    IMPORT_MAX_SIZE: size('50MB'),
    FILE_STORAGE: z.enum(['local', 's3'], { error: 'must be local (files under DATA_DIR/files) or s3' }).default('local'),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address, e.g. https://s3.example.org' }).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    S3_PREFIX: z
      .string()
      .regex(/^([a-z0-9][a-z0-9-]*\/)*$/, 'must be empty or lowercase folders each ending in /, e.g. case-review/')
      .default(''),
    CLAMD_SOCKET: z.string().min(1).optional(),
    CLAMD_HOST: z.string().min(1).optional(),
    CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
    CLAMD_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  })
  .superRefine((e, ctx) => {
    // S3 storage is all or nothing: half a configuration would store files where nobody expects them.
    if (e.FILE_STORAGE === 's3') {
      for (const name of S3_REQUIRED) {
        if (!e[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with FILE_STORAGE=s3' });
      }
    } else {
      for (const name of S3_VARIABLES) {
        if (e[name] !== undefined && e[name] !== '') {
          ctx.addIssue({ code: 'custom', path: [name], message: 'is set but FILE_STORAGE is not s3: set FILE_STORAGE=s3 to keep files in S3, or remove it' });
        }
      }
    }
    if (e.CLAMD_SOCKET && e.CLAMD_HOST) {
      ctx.addIssue({ code: 'custom', path: ['CLAMD_HOST'], message: 'set CLAMD_SOCKET or CLAMD_HOST, not both' });
    }
    // Links in emails must point at the service's real address, never at whatever Host a request named.
    if (e.SMTP_URL && !e.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required with SMTP_URL: emailed links must use the address people reach the service at (e.g. PUBLIC_URL=https://case-review.example.org)',
      });
    }
  });

/** S3-compatible object storage for uploaded files (FILE_STORAGE=s3). */
export interface S3Settings {
  bucket: string;
  region: string;
  /** Omitted for AWS itself; the address of any other S3-compatible service. */
  endpoint: string | undefined;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (most S3-compatible services) rather than in the host name (AWS). */
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can hold several deployments' files ('' or ending in /). */
  prefix: string;
}

export type Config = Readonly<{
  host: string;
  port: number;
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  publicUrl: string | undefined;
  /**
   * The base of every link the service writes out (emails, links shown to administrators): PUBLIC_URL,
   * else the configured host and port. Never the Host header of a request.
   */
  publicBase: string;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  serviceName: string;
  logLevel: string;
  /** Fastify's trustProxy: false, a hop count, or the proxies' addresses and CIDR ranges. */
  trustProxy: false | number | string[];
  rateLimitMax: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  keys: { audit: string | undefined; encryption: string | undefined; blindIndex: string | undefined; file: string | undefined };
  auditCheckpoint: { file: string; everyMs: number; email: string | undefined };
  jobPollMs: number;
  files: {
    /** The largest upload of each purpose, in bytes. */
    maxBytes: { attachment: number; import: number };
    storage: { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings);
    /** clamd's address when uploads are scanned for viruses; undefined: not scanned. */
    clamd: { socket: string } | { host: string; port: number } | undefined;
    clamdTimeoutMs: number;
  };
}>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = e.PUBLIC_URL?.replace(/\/+$/, '');
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { dialect: 'postgres' as const, url: e.DATABASE_URL }
      : { dialect: 'sqlite' as const, file: resolve(dataDir, 'case-review.sqlite') },
    publicUrl,
    publicBase: publicUrl ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    serviceName: e.SERVICE_NAME,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimitMax: e.RATE_LIMIT_MAX,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    keys: { audit: e.AUDIT_KEY, encryption: e.ENCRYPTION_KEYS, blindIndex: e.BLIND_INDEX_KEY, file: e.KEYS_FILE ? resolve(e.KEYS_FILE) : undefined },
    auditCheckpoint: { file: resolve(dataDir, 'audit-checkpoints.log'), everyMs: e.AUDIT_CHECKPOINT_SECONDS * 1000, email: e.AUDIT_CHECKPOINT_EMAIL },
    jobPollMs: e.JOB_POLL_SECONDS * 1000,
    files: {
      maxBytes: { attachment: e.UPLOAD_MAX_SIZE, import: e.IMPORT_MAX_SIZE },
      storage:
        e.FILE_STORAGE === 's3'
          ? {
              kind: 's3' as const,
              bucket: e.S3_BUCKET ?? '',
              region: e.S3_REGION ?? '',
              endpoint: e.S3_ENDPOINT,
              accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
              secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
              // Most S3-compatible services want the bucket in the path; AWS itself in the host name.
              forcePathStyle: e.S3_FORCE_PATH_STYLE === undefined ? e.S3_ENDPOINT !== undefined : e.S3_FORCE_PATH_STYLE === 'true',
              prefix: e.S3_PREFIX,
            }
          : { kind: 'local' as const, dir: resolve(dataDir, 'files') },
      clamd: e.CLAMD_SOCKET ? { socket: resolve(e.CLAMD_SOCKET) } : e.CLAMD_HOST ? { host: e.CLAMD_HOST, port: e.CLAMD_PORT } : undefined,
      clamdTimeoutMs: e.CLAMD_TIMEOUT_SECONDS * 1000,
    },
  });
}
