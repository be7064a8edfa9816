// Background jobs in the API, for deployment administrators: the list the administration page shows
// (a state, a page at a time, with every state's count) and running a failed job again (audited).
// Registered inside the API scope (src/http/api/index.ts), where the zod schemas validate.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { JOB_STATES, type JobView } from '../../../services/job-service.ts';
import { apiRegistry, Id, Page, problems } from '../../api/schemas.ts';

const tags = ['jobs'];
const PAGE_SIZE = 50;

const Instant = z.iso.datetime();

const Job = z.object({
  id: Id,
  kind: z.string().describe('What the job does: mail.send, housekeeping'),
  state: z.enum(JOB_STATES).describe('queued (waiting for runAt), running, done, or dead (failed its last attempt)'),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: Instant.describe('When a queued job runs (next)'),
  leaseUntil: Instant.nullable().describe('When a running job is taken for lost'),
  lastError: z.string().nullable().describe('What went wrong last: an error’s name and codes, never personal data'),
  schedule: z.string().nullable().describe('The recurring job that enqueued it, if any'),
  createdAt: Instant,
  updatedAt: Instant,
  finishedAt: Instant.nullable(),
});
apiRegistry.add(Job, { id: 'Job', description: 'A background job (never its payload)' });

const JobsPage = z.object({
  jobs: z.array(Job),
  state: z.enum(JOB_STATES),
  counts: z.object({ queued: z.number().int(), running: z.number().int(), done: z.number().int(), dead: z.number().int() }),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
apiRegistry.add(JobsPage, { id: 'JobsPage' });

const JobsQuery = z.strictObject({ state: z.enum(JOB_STATES).default('dead'), page: Page });
const JobParams = z.object({ jobId: Id });

function jobOut(j: JobView) {
  return { ...j };
}

export default async function jobApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { jobs } = opts.services;

  app.get(
    '/jobs',
    {
      config: { access: 'deployment.administer', audit: 'JOBS_LISTED' },
      schema: {
        tags,
        operationId: 'listJobs',
        summary: `Background jobs in one state (default: dead), ${PAGE_SIZE} a page: waiting ones in the order they run, others newest first`,
        querystring: JobsQuery,
        response: { 200: JobsPage, ...problems(400) },
      },
    },
    async (req) => {
      const page = await jobs.list(req.caller(), { state: req.query.state, page: req.query.page, pageSize: PAGE_SIZE });
      return { ...page, jobs: page.jobs.map(jobOut) };
    },
  );

  app.post(
    '/jobs/:jobId/retry',
    {
      config: { access: 'deployment.administer', audit: 'JOB_RETRIED' },
      schema: {
        tags,
        operationId: 'retryJob',
        summary: 'Run a dead job again, now, with all its attempts (audited); 409 when the job is not dead',
        params: JobParams,
        response: { 200: Job, ...problems(400, 404, 409) },
      },
    },
    async (req) => jobOut(await jobs.retry(req.caller(), req.params.jobId)),
  );
}
