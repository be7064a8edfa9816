// Agency contributions for tests (issue 10 item 4), made through the services: an agency's contact, a request
// naming an author and a senior manager who already have accounts (seeded with a password and two-factor, so
// HTTP tests can sign them in), and each of them as a caller once the request has given them their roles.
import type { Services } from '../container.ts';
import type { Actor } from '../domain/permissions.ts';
import type { Caller } from '../services/context.ts';
import type { AnyAuditAction } from './audit-actions.ts';
import { testAction } from './audit-actions.ts';
import { as } from './case-fixtures.ts';
import { type SeededPerson, seedPerson } from './fixtures.ts';

/** A caller for a person as their grants stand now (after a request gave them a review role). */
export async function callerFor(services: Services, personId: string, action: AnyAuditAction = 'TEST'): Promise<Caller> {
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error('no such person');
  const actor: Actor = { personId, grants: loaded.grants, twoFactorSatisfied: true };
  return { actor, ip: '127.0.0.1', requestId: null, action: testAction(action) };
}

export interface SeededRequest {
  id: string;
  contactId: string;
  author: SeededPerson;
  seniorManager: SeededPerson;
}

/** A contact for the agency and a request to it (due `dueOn`), its author and senior manager existing people of the agency. */
export async function seedRequest(
  services: Services,
  bu: Caller,
  where: { boardId: string; reviewId: string; agencyId: string },
  opts: { dueOn: string; contactLanguage?: 'en' | 'cy'; contactEmail?: string },
): Promise<SeededRequest> {
  const contact = await services.agencyContacts.add(as(bu, 'AGENCY_CONTACT_ADDED'), where.boardId, where.agencyId, {
    fullName: 'Agency Contact',
    email: opts.contactEmail ?? `contact-${where.agencyId.slice(-6)}@example.org`,
    language: opts.contactLanguage ?? 'en',
  });
  const author = await seedPerson(services, { agencyId: where.agencyId, totp: true, fullName: 'Agency Author' });
  const seniorManager = await seedPerson(services, { agencyId: where.agencyId, totp: true, fullName: 'Senior Manager' });
  const { id } = await services.contributions.request(as(bu, 'CONTRIBUTION_REQUESTED'), where.boardId, where.reviewId, {
    agencyId: where.agencyId,
    contactId: contact.id,
    dueOn: opts.dueOn,
    author: { fullName: 'Agency Author', email: author.email },
    seniorManager: { fullName: 'Senior Manager', email: seniorManager.email },
  });
  return { id, contactId: contact.id, author, seniorManager };
}

/** The author declares, writes every section, submits; the senior manager signs it off (from where the request stands: `from`). */
export async function completeRequest(
  services: Services,
  where: { boardId: string; reviewId: string },
  request: SeededRequest,
  kind: 'imr' | 'timeline',
  until: 'declared' | 'submitted' | 'signed_off' = 'signed_off',
  from: 'requested' | 'declared' | 'submitted' = 'requested',
): Promise<void> {
  const author = await callerFor(services, request.author.id);
  if (from === 'requested')
    await services.contributions.declare(as(author, 'CONTRIBUTION_DECLARED'), where.boardId, where.reviewId, request.id, {
      directlyInvolved: false,
      lineManager: false,
      authorRole: 'Detective Inspector, safeguarding review unit',
      recordsSecuredOn: kind === 'imr' ? services.clock.today() : null,
    });
  if (until === 'declared') return;
  if (from !== 'submitted') await draftAndSubmit(services, where, request, kind, author);
  if (until === 'submitted') return;
  const manager = await callerFor(services, request.seniorManager.id);
  await services.contributions.signOff(as(manager, 'CONTRIBUTION_SIGNED_OFF'), where.boardId, where.reviewId, request.id, { decision: 'sign_off' });
}

async function draftAndSubmit(
  services: Services,
  where: { boardId: string; reviewId: string },
  request: SeededRequest,
  kind: 'imr' | 'timeline',
  author: Caller,
) {
  const sections =
    kind === 'imr'
      ? {
          context: 'Caseloads were high.',
          methodology: 'Records read; two interviews.',
          chronology: 'Three contacts.',
          analysis: 'The referral was not followed up.',
          good_practice: 'The first visit was prompt.',
          lessons: 'Follow-up after a missed visit.',
          recommendations: 'Introduce a follow-up check.',
          action_plan: 'Team manager to introduce the check by March.',
        }
      : { summary: 'The agency holds records of three contacts.' };
  await services.contributions.saveDraft(as(author, 'CONTRIBUTION_SAVED'), where.boardId, where.reviewId, request.id, { sections });
  await services.contributions.submit(as(author, 'CONTRIBUTION_SUBMITTED'), where.boardId, where.reviewId, request.id);
}
