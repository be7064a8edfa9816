// Nunjucks views (govuk-frontend macros), compiled once and cached. reply.page() renders a page with
// the layout's common context: language, nonce, CSRF token, navigation and errors.
import view from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { can, isDeploymentAdministrator } from '../../domain/permissions.ts';
import type { FieldErrors } from '../../services/context.ts';
import { samePageWith, sitePath, urls } from '../../urls.ts';
import { configureEnvironment } from '../../views/environment.ts';
import { errorView } from '../forms.ts';

export interface ViewOptions {
  searchPaths: string[];
  development: boolean;
}

function navigation(req: FastifyRequest) {
  const a = req.actor;
  if (!a?.twoFactorSatisfied) return [];
  const items = [{ href: urls.home(), text: req.t('common:nav.home') }];
  if (can(a, 'person.manage') || can(a, 'agency.manage') || isDeploymentAdministrator(a)) {
    items.push({ href: urls.admin(), text: req.t('common:nav.admin') });
  }
  if (can(a, 'role.confirm')) items.push({ href: urls.roleGrants(), text: req.t('common:nav.roleGrants') });
  if (can(a, 'audit.view')) items.push({ href: urls.audit(), text: req.t('common:nav.audit') });
  items.push({ href: urls.account(), text: req.t('common:nav.account') });
  const path = sitePath(req.url);
  return items.map((i) => ({ ...i, active: i.href === urls.home() ? path === urls.home() : path.startsWith(i.href) }));
}

export function languageLinks(req: Pick<FastifyRequest, 'url' | 'lang'>) {
  const link = (lang: string) => samePageWith(req.url, 'lang', lang);
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
      function (
        this: FastifyReply,
        name: string,
        context: Record<string, unknown> = {},
        options: { status?: number | undefined; errors?: FieldErrors | undefined } = {},
      ) {
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
