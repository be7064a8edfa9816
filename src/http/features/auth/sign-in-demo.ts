// The demo's sign-in details on the sign-in page. They exist only in the memory of a process started
// by `case-review demo`, which seeds the demo and passes them to the app it starts (start.ts →
// app.ts → here). Nothing else can turn them on: no setting or environment variable is read, and the
// production entry (server.ts) never passes them, so a real deployment's sign-in page never shows an
// account, whatever its database holds.
import type { FastifyRequest } from 'fastify';
import type { BoardRole, ReviewRole } from '../../../domain/roles.ts';

export interface DemoSignIn {
  board: { nameEn: string; nameCy: string };
  accounts: readonly {
    /** A board role, the deployment-wide administrator, or an agency's contributor to a review. */
    role: BoardRole | Extract<ReviewRole, 'agency_contributor' | 'action_owner'> | 'deployment_administrator';
    fullName: string;
    email: string;
    password: string;
    /** The base32 secret to add to an authenticator app; null for those who need no second factor. */
    totpSecret: string | null;
  }[];
}

/** The key in groups of four, easier to read and type into an app (apps ignore the spaces). */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** What the sign-in page shows of the demo, in the reader's language; undefined outside the demo. */
export function demoSignInView(req: FastifyRequest, demo: DemoSignIn | undefined) {
  if (!demo) return undefined;
  return {
    board: req.lang === 'cy' ? demo.board.nameCy : demo.board.nameEn,
    accounts: demo.accounts.map((a) => ({
      role: a.role === 'deployment_administrator' ? req.t('auth:demo.deploymentAdministrator') : req.t(`common:roles.${a.role}`),
      fullName: a.fullName,
      email: a.email,
      password: a.password,
      totpSecret: a.totpSecret ? grouped(a.totpSecret) : undefined,
    })),
  };
}
