// Background jobs, for deployment administrators: the jobs in each state (failed first: what needs
// someone), with their attempts, last error (an error's name and codes, never personal data) and when
// they run, a page at a time; a failed job run again (audited); and the recurring jobs. Each job is a
// GOV.UK summary card, so the page reflows to 320 px. Reading it shows no case material.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { formatDateTime } from '../../../domain/clock/london.ts';
import { JOB_STATES, JobService, type JobState, type JobView, type ScheduleView } from '../../../services/job-service.ts';
import { urls } from '../../../urls.ts';
import { paginationView, requestedPage } from '../../pagination.ts';

const PAGE_SIZE = 25;
/** The state a list opens on: the jobs that need someone. */
const FIRST_STATE: JobState = 'dead';
/** The order of the states' links. */
const STATE_ORDER: readonly JobState[] = ['dead', 'queued', 'running', 'done'];

/** A state's list (a page of it after the first). */
const jobsPath = (state: JobState, page = 1) => urls.jobs({ state, page: page > 1 ? page : undefined });

function kindText(req: FastifyRequest, kind: string): string {
  return req.t(`jobs:kinds.${kind}`, { defaultValue: kind });
}

function jobCard(req: FastifyRequest, job: JobView) {
  const t = req.t;
  const at = (iso: string | null) => (iso ? formatDateTime(iso, req.lang) : '');
  const row = (key: string, text: string, classes?: string) => ({ key: { text: t(`jobs:rows.${key}`) }, value: { text, ...(classes ? { classes } : {}) } });
  const rows = [row('attempts', t('jobs:rows.attemptsValue', { attempts: job.attempts, max: job.maxAttempts }))];
  if (job.lastError) rows.push(row('lastError', job.lastError, 'app-break-words'));
  if (job.state === 'queued') rows.push(row(job.attempts > 0 ? 'retries' : 'runs', at(job.runAt)));
  if (job.state === 'running') rows.push(row('leaseUntil', at(job.leaseUntil)));
  if (job.state === 'done') rows.push(row('finished', at(job.finishedAt)));
  if (job.state === 'dead') rows.push(row('stopped', at(job.finishedAt)));
  rows.push(row('created', at(job.createdAt)));
  if (job.schedule) rows.push(row('schedule', kindText(req, job.schedule)));
  rows.push(row('id', job.id, 'app-break-words'));
  return { id: job.id, title: kindText(req, job.kind), rows, canRetry: job.state === 'dead' };
}

function scheduleRow(req: FastifyRequest, s: ScheduleView) {
  const t = req.t;
  const lines = [
    t('jobs:schedules.every', { minutes: Math.round(s.everyMs / 60_000) }),
    s.nextRunAt ? t('jobs:schedules.next', { at: formatDateTime(s.nextRunAt, req.lang) }) : '',
    s.lastRunAt ? t('jobs:schedules.last', { at: formatDateTime(s.lastRunAt, req.lang) }) : t('jobs:schedules.never'),
  ].filter(Boolean);
  return { key: { text: kindText(req, s.kind) }, value: { text: lines.join('. ') } };
}

export default async function jobRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { jobs } = opts.services;

  app.get(urls.jobs.pattern, { config: { access: 'deployment.administer', audit: 'JOBS_LISTED' } }, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const state = JobService.isState(query.state) ? query.state : FIRST_STATE;
    const caller = req.caller();
    const [list, schedules] = await Promise.all([
      jobs.list(caller, { state, page: requestedPage(query.page), pageSize: PAGE_SIZE, lastPageIfBeyond: true }),
      jobs.scheduleList(caller),
    ]);
    const stateText = (s: JobState) => req.t(`jobs:states.${s}`);
    return reply.page('features/jobs/jobs.njk', {
      states: STATE_ORDER.filter((s) => JOB_STATES.includes(s)).map((s) => ({
        href: jobsPath(s),
        text: req.t('jobs:stateLink', { state: stateText(s), count: list.counts[s] }),
        current: s === state,
      })),
      caption: req.t('jobs:caption', { state: stateText(state), count: list.total }),
      none: req.t(`jobs:none.${state}`),
      jobs: list.jobs.map((j) => jobCard(req, j)),
      pagination: paginationView(req.t, {
        page: list.page,
        pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
        href: (n) => jobsPath(state, n),
        landmarkLabel: req.t('jobs:paginationLabel'),
      }),
      schedules: schedules.map((s) => scheduleRow(req, s)),
    });
  });

  app.post(urls.jobRetry.pattern, { config: { access: 'deployment.administer', audit: 'JOB_RETRIED' } }, async (req, reply) => {
    const { jobId } = req.params as { jobId: string };
    await jobs.retry(req.caller(), jobId);
    req.session.flash = req.t('jobs:retried');
    return reply.redirect(jobsPath('queued'));
  });
}
