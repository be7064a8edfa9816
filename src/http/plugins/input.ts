// The text rule (src/domain/text.ts) at the boundary: every route parameter, query string, form post
// and JSON body is checked before any handler sees it. Form posts have their CR LF line breaks read as
// LF first. A refused request changes nothing: pages answer 400 with an error summary and a back link,
// the API a 400 problem naming the fields. Runs after the auth plugin, so that a request without a
// session or token is still a redirect to sign in or a 401 first.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type TextViolation, textViolations, withLineBreaksNormalised } from '../../domain/text.ts';
import { sitePath, urls } from '../../urls.ts';
import { isStaticAsset } from './security.ts';

function isFormPost(req: FastifyRequest): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '');
}

/** Where a page's back link goes: the form the post came from, else the page without its query. */
function backLinkFor(req: FastifyRequest, inParams: boolean): string {
  if (inParams) return urls.home();
  return sitePath(req.url);
}

export default fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (req, reply) => {
      if (isStaticAsset(req.url)) return;
      if (req.body !== undefined && isFormPost(req)) req.body = withLineBreaksNormalised(req.body);
      const found: (TextViolation & { in: 'params' | 'query' | 'body' })[] = [
        ...textViolations(req.params).map((v) => ({ ...v, in: 'params' as const })),
        ...textViolations(req.query).map((v) => ({ ...v, in: 'query' as const })),
        ...textViolations(req.body).map((v) => ({ ...v, in: 'body' as const })),
      ];
      if (found.length === 0) return;
      const fields = found.map((v) => v.path.join('.'));
      req.log.info({ fields }, 'request refused: control characters');
      if (req.isApi) {
        const errors = found.map((v) => ({ field: v.path.join('.'), code: v.problem, message: req.t(`errors:${v.problem}`) }));
        return reply.problem(400, req.t('errors:problem.invalidTitle'), undefined, { errors });
      }
      return reply.page(
        'errors/bad-request.njk',
        {
          textRefused: true,
          backLink: backLinkFor(
            req,
            found.some((v) => v.in === 'params'),
          ),
          hasErrors: true,
          errorList: [{ text: req.t('errors:text.refused') }],
        },
        { status: 400 },
      );
    });
  },
  { name: 'input', dependencies: ['auth', 'views', 'errors', 'i18n'] },
);
