// The demo's agency contributions (issue 10 item 4): the Serious Case Review whose agency reports have been
// requested has a contact at each agency and a request to each: the police's IMR signed off by its senior
// manager, children's services' and health's overdue (one not started, one in progress), and the education
// service's waived with its reason. Made through the services as the business unit, the authors and the senior
// managers (invited, with their review roles only); the requests are then dated as if made five weeks ago, so
// the overdue ones show. Run once: a review that has requests is left as it is.
import type { Services } from '../container.ts';
import { reviewRequests, setRequestDetails } from '../db/repositories/contributions-repository.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addDays } from '../domain/clock/dates.ts';
import type { Caller } from '../services/context.ts';

const as = (caller: Caller, action: AuditAction): Caller => ({ ...caller, action });

async function callerOf(services: Services, personId: string): Promise<Caller> {
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error('demo contributor missing');
  return { actor: { personId, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: 'DEMO_SEEDED' };
}

interface DemoRequest {
  agency: string;
  slug: string;
  contact: { fullName: string; language: 'en' | 'cy' };
  outcome: 'signed_off' | 'overdue' | 'in_progress' | 'waived';
}

const REQUESTS: DemoRequest[] = [
  { agency: 'Teifi Valley Police', slug: 'police', contact: { fullName: 'Rhys Morgan', language: 'en' }, outcome: 'signed_off' },
  { agency: 'Teifi County Council Children’s Services', slug: 'council', contact: { fullName: 'Gwenllian Rees', language: 'cy' }, outcome: 'overdue' },
  { agency: 'Teifi Valley University Health Board', slug: 'health', contact: { fullName: 'Sian Howells', language: 'en' }, outcome: 'in_progress' },
  { agency: 'Teifi County Council Education Service', slug: 'education', contact: { fullName: 'Owain Jenkins', language: 'cy' }, outcome: 'waived' },
];

/** The people the demo's requests name (an author and a senior manager for each agency asked). */
export const DEMO_CONTRIBUTORS = REQUESTS.length * 2;

const IMR = {
  context: 'The child protection team had two vacancies during the period; supervision was monthly (demo).',
  methodology: 'Custody, domestic abuse and public protection records read; two officers interviewed (demo).',
  chronology: 'Three call-outs to the address in the six months before the incident (demo).',
  analysis: 'The second call-out was not shared with children’s services within the expected time (demo).',
  good_practice: 'Officers at the first call-out spoke to the child on their own (demo).',
  lessons: 'Referrals after domestic abuse call-outs must be made the same day (demo).',
  recommendations: 'Audit same-day referrals after domestic abuse call-outs for six months (demo).',
  action_plan: 'Detective Chief Inspector, public protection: monthly audit from January (demo).',
};

/** The demo's contributions on the board's SCR review at "agency reports requested", if it has none yet. */
export async function seedDemoContributions(
  services: Services,
  boardId: string,
  agencies: { id: string; nameEn: string }[],
  businessUnit: Caller,
): Promise<number> {
  const { items } = await services.reviews.list(as(businessUnit, 'REVIEWS_LISTED'), boardId, {
    stages: ['AGENCY_REPORTS_REQUESTED'],
    frameworkIds: ['SCR_2006'],
  });
  const review = items[0];
  if (!review || (await reviewRequests(services.db.kysely, review.id)).length > 0) return 0;
  const today = services.clock.today();
  const where = { boardId, reviewId: review.id };
  for (const spec of REQUESTS) {
    const agency = agencies.find((a) => a.nameEn === spec.agency);
    if (!agency) continue;
    const contact = await services.agencyContacts.add(as(businessUnit, 'AGENCY_CONTACT_ADDED'), boardId, agency.id, {
      fullName: spec.contact.fullName,
      email: `${spec.slug}.reviews@teifi.example`,
      language: spec.contact.language,
    });
    const { id } = await services.contributions.request(as(businessUnit, 'CONTRIBUTION_REQUESTED'), boardId, review.id, {
      agencyId: agency.id,
      contactId: contact.id,
      dueOn: addDays(today, 28),
      author: { fullName: `IMR author (${spec.slug}, demo)`, email: `imr.author.${spec.slug}@teifi.example`, language: spec.contact.language },
      seniorManager: { fullName: `Senior manager (${spec.slug}, demo)`, email: `senior.manager.${spec.slug}@teifi.example`, language: spec.contact.language },
    });
    const holders = await services.reviewRoles.holders(services.db.kysely, review.id, { agencyId: agency.id });
    const author = holders.find((h) => h.role === 'agency_contributor');
    const manager = holders.find((h) => h.role === 'agency_senior_manager');
    if (spec.outcome === 'waived') {
      await services.contributions.waive(as(businessUnit, 'CONTRIBUTION_WAIVED'), boardId, review.id, id, {
        reason: 'The education service had no contact with the family in the period under review (demo).',
      });
    }
    if ((spec.outcome === 'signed_off' || spec.outcome === 'in_progress') && author) {
      const writer = await callerOf(services, author.personId);
      await services.contributions.declare(as(writer, 'CONTRIBUTION_DECLARED'), where.boardId, where.reviewId, id, {
        directlyInvolved: false,
        lineManager: false,
        authorRole: spec.slug === 'police' ? 'Detective Inspector, safeguarding review unit' : 'Named nurse for safeguarding',
        recordsSecuredOn: today,
      });
      const sections = spec.outcome === 'signed_off' ? IMR : { context: IMR.context.replace('child protection team', 'health visiting team') };
      await services.contributions.saveDraft(as(writer, 'CONTRIBUTION_SAVED'), where.boardId, where.reviewId, id, { sections });
      if (spec.outcome === 'signed_off' && manager) {
        await services.contributions.submit(as(writer, 'CONTRIBUTION_SUBMITTED'), where.boardId, where.reviewId, id);
        const signer = await callerOf(services, manager.personId);
        await services.contributions.signOff(as(signer, 'CONTRIBUTION_SIGNED_OFF'), where.boardId, where.reviewId, id, { decision: 'sign_off' });
      }
    }
    // As if asked five weeks ago and due a week ago: the requests still owed show as overdue.
    await setRequestDetails(services.db.kysely, id, { due_on: addDays(today, -7) }, services.clock.now().toISOString());
    await services.db.kysely
      .updateTable('contribution_requests')
      .set({ requested_on: addDays(today, -35) })
      .where('id', '=', id)
      .execute();
  }
  return REQUESTS.length;
}
