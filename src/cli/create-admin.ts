// case-review create-admin: a deployment administrator with no password yet, and the one-time link
// with which they set one (they enrol in two-factor authentication when they first sign in).
import type { Services } from '../container.ts';
import { LANGUAGES, type Language } from '../domain/organisation.ts';
import { cliCaller, guarded, type Output } from './context.ts';

export interface CreateAdminOptions {
  email: string;
  name: string;
  language?: string;
}

export async function createAdmin(services: Services, opts: CreateAdminOptions, io: Output): Promise<number> {
  return guarded(io, async () => {
    const language = (opts.language ?? 'en') as Language;
    if (!LANGUAGES.includes(language)) {
      io.err(`Error: --language must be one of ${LANGUAGES.join(', ')}`);
      return 1;
    }
    const created = await services.adminBootstrap.createAdministrator(cliCaller('ADMINISTRATOR_CREATED'), { email: opts.email, fullName: opts.name, language });
    io.out(`Created deployment administrator ${opts.email.trim().toLowerCase()} (id ${created.personId}).`);
    io.out(`They set their password with this one-time link (expires ${created.expiresAt}):`);
    io.out('');
    io.out(`  ${created.link}`);
    io.out('');
    if (created.emailed) io.out('The link has also been queued for email.');
    return 0;
  });
}
