// One place for failures: GOV.UK problem pages for people, application/problem+json for the API.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { ServiceError } from '../../services/context.ts';

const KIND_STATUS: Record<ServiceError['kind'], number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 422,
  conflict: 409,
  unauthorised: 401,
  rate_limited: 429,
};

/** A service's field errors as a problem's `errors`: each field, its locale key and the message in the reader's language. */
export function fieldProblems(t: (key: string) => string, fieldErrors: Record<string, string>): { field: string; code: string; message: string }[] {
  return Object.entries(fieldErrors).map(([field, key]) => ({ field, code: key, message: t(key.includes(':') ? key : `errors:${key}`) }));
}

export default fp(
  async (app: FastifyInstance) => {
    app.decorateReply('problem', function (this: FastifyReply, status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
      return this.code(status)
        .type('application/problem+json; charset=utf-8')
        .send({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra });
    });

    app.setNotFoundHandler({ preHandler: app.rateLimit ? app.rateLimit({ max: 120, timeWindow: '1 minute' }) : undefined }, (req, reply) => {
      if (req.isApi) return reply.problem(404, req.t('errors:problem.notFoundTitle'));
      return reply.page('errors/not-found.njk', {}, { status: 404 });
    });

    app.setErrorHandler((error: FastifyError | ServiceError, req, reply) => {
      let status: number;
      if (error instanceof ServiceError) status = KIND_STATUS[error.kind];
      else status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      const code = (error as FastifyError).code;
      if (status >= 500) req.log.error({ err: error }, 'request failed');
      else req.log.info({ status, code }, 'request refused');

      if (req.isApi) {
        if (error instanceof ServiceError && error.kind === 'invalid') {
          const errors = fieldProblems(req.t, error.fieldErrors);
          return reply.problem(422, req.t('errors:problem.invalidTitle'), undefined, { errors });
        }
        if (error instanceof ServiceError && error.kind === 'conflict' && Object.keys(error.fieldErrors).length > 0) {
          // A clash with the current state (a unique key hit by two requests at once): which field, and why.
          const errors = fieldProblems(req.t, error.fieldErrors);
          return reply.problem(409, req.t('errors:problem.conflictTitle'), errors[0]?.message, { code: error.message, errors });
        }
        if (code === 'FST_ERR_VALIDATION') {
          const validation = (error as FastifyError).validation ?? [];
          const errors = validation.map((v) => {
            const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(v.params?.missingProperty ?? '');
            const message = v.message ?? '';
            // A rule shared with the pages (src/http/journeys/fields.ts: a required answer, a length limit) names its
            // locale key: the same field error as the service's (422), so a page and the API refuse alike.
            const key = /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(message) && req.t(`errors:${message}`) !== message ? message : undefined;
            return key ? { field, code: key, message: req.t(`errors:${key}`) } : { field, message };
          });
          const rules = errors.length > 0 && errors.every((e) => 'code' in e);
          return reply.problem(rules ? 422 : 400, req.t('errors:problem.invalidTitle'), undefined, { errors });
        }
        const title =
          status === 404
            ? req.t('errors:problem.notFoundTitle')
            : status === 403
              ? req.t('errors:problem.forbiddenTitle')
              : status === 401
                ? req.t('errors:problem.unauthorisedTitle')
                : status === 413
                  ? req.t('errors:problem.tooLargeTitle')
                  : status === 429
                    ? req.t('errors:problem.rateLimitedTitle')
                    : status === 409
                      ? req.t('errors:problem.conflictTitle')
                      : status < 500
                        ? req.t('errors:problem.badRequestTitle')
                        : req.t('errors:problem.serverTitle');
        return reply.problem(status, title);
      }
      if (status === 404) return reply.page('errors/not-found.njk', {}, { status });
      if (status === 403) {
        const csrf = typeof code === 'string' && code.startsWith('FST_CSRF');
        return reply.page('errors/forbidden.njk', { csrf }, { status });
      }
      if (status === 413) return reply.page('errors/too-large.njk', {}, { status });
      if (status === 429) return reply.page('errors/rate-limited.njk', {}, { status });
      // A conflict no form caught: its reasons in the error summary.
      const fieldErrors = error instanceof ServiceError && error.kind === 'conflict' ? error.fieldErrors : {};
      if (status < 500) return reply.page('errors/bad-request.njk', {}, { status, ...(Object.keys(fieldErrors).length > 0 ? { errors: fieldErrors } : {}) });
      return reply.page('errors/problem.njk', {}, { status: 500 });
    });
  },
  { name: 'errors', dependencies: ['views', 'i18n'] },
);
