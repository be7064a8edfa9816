// Nunjucks views (govuk-frontend macros), compiled once and cached. reply.page() renders a page with
// the layout's common context: language, nonce, CSRF token, navigation and errors.
import view from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { can, isDeploymentAdministrator } from '../../domain/permissions.ts';
import type { FieldErrors } from '../../services/context.ts';
import { configureEnvironment } from '../../views/environment.ts';
import { errorView } from '../forms.ts';

export interface ViewOptions {
  searchPaths: string[];
  development: boolean;
}

function navigation(req: FastifyRequest) {
  const a = req.actor;
  if (!a?.twoFactorSatisfied) return [];
  const items = [{ href: '/', text: req.t('common:nav.home') }];
  if (can(a, 'person.manage') || can(a, 'agency.manage') || isDeploymentAdministrator(a)) {
    items.push({ href: '/admin', text: req.t('common:nav.admin') });
  }
  if (can(a, 'role.confirm')) items.push({ href: '/role-grants', text: req.t('common:nav.roleGrants') });
  if (can(a, 'audit.view')) items.push({ href: '/audit', text: req.t('common:nav.audit') });
  items.push({ href: '/account', text: req.t('common:nav.account') });
  const path = req.url.split('?')[0] ?? '/';
  return items.map((i) => ({ ...i, active: i.href === '/' ? path === '/' : path.startsWith(i.href) }));
}

/**
 * A link to this page on this site: the request's path with one leading slash, so that a path such as
 * `//evil.example` or `/\evil.example` can never become a scheme-relative link to another site.
 */
export function sitePath(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  return `/${path.replace(/^[/\\]+/, '')}`;
}

export function languageLinks(req: Pick<FastifyRequest, 'url' | 'lang'>) {
  const path = sitePath(req.url);
  const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const link = (lang: string) => {
    params.set('lang', lang);
    return `${path}?${params.toString()}`;
  };
  return [
    { text: 'English', lang: 'en', href: link('en'), current: req.lang === 'en' },
    { text: 'Cymraeg', lang: 'cy', href: link('cy'), current: req.lang === 'cy' },
  ];
}

export default fp(
  async (app: FastifyInstance, opts: ViewOptions) => {
    await app.register(view, {
      engine: { nunjucks },
      templates: opts.searchPaths,
      production: !opts.development,
      options: {
        noCache: opts.development,
        onConfigure: configureEnvironment,
      },
    });
    app.decorateReply(
      'page',
      function (this: FastifyReply, name: string, context: Record<string, unknown> = {}, options: { status?: number; errors?: FieldErrors } = {}) {
        const req = this.request;
        const flash = req.session?.flash;
        if (flash) req.session.flash = undefined;
        const errors =
          options.errors && Object.keys(options.errors).length > 0
            ? errorView(
                options.errors,
                req.t,
                (context.fieldIds as Record<string, string>) ?? {},
                (context.errorParams as Record<string, Record<string, string>>) ?? {},
              )
            : undefined;
        let csrfToken = '';
        if (req.session) csrfToken = this.generateCsrf();
        this.code(options.status ?? (errors ? 400 : 200));
        this.header('cache-control', 'no-store');
        return this.view(name, {
          t: req.t,
          lang: req.lang,
          htmlLang: req.lang,
          cspNonce: this.cspNonce?.script,
          csrfToken,
          serviceName: req.t('common:serviceName'),
          actor: req.actor,
          navigation: navigation(req),
          languageLinks: languageLinks(req),
          currentPath: sitePath(req.url),
          errorList: errors?.errorList ?? [],
          fieldErrors: errors?.fieldErrors ?? {},
          hasErrors: errors !== undefined,
          flash,
          ...context,
        });
      },
    );
  },
  { name: 'views', dependencies: ['i18n'] },
);
