// Agency contributions of the generated reviews (issue 10 item 4): each review that has reached the stage
// where agencies are asked (agency reports requested under SCR, the timeline under the practice reviews) has
// a request to each agency involved in its referral, with a contact for each such agency. A review past that
// stage has every request signed off (about one in eight waived); one at it has a mix (requested, in progress,
// submitted, signed off), due four to eight weeks after it was asked, so some are overdue as of the generated
// day. The requests' history is not generated as audit events (a generated review's stages are not either).
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addDays } from '../../domain/clock/dates.ts';
import { getFramework, stageOf } from '../../domain/frameworks/index.ts';
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import { contributionKindFor } from '../../domain/reviews/contributions.ts';
import type { GeneratorContext } from '../context.ts';
import type { Random } from '../random.ts';

export interface ContributionRows {
  contacts: Insertable<Database['agency_contacts']>[];
  requests: Insertable<Database['contribution_requests']>[];
}

const ASKED_AT: Record<'imr' | 'timeline', string> = { imr: 'AGENCY_REPORTS_REQUESTED', timeline: 'TIMELINE_BUILDING' };

export function addContributions(
  ctx: GeneratorContext,
  rng: Random,
  reviews: readonly Insertable<Database['reviews']>[],
  involved: readonly Insertable<Database['referral_agencies']>[],
): ContributionRows {
  const rows: ContributionRows = { contacts: [], requests: [] };
  const byReferral = new Map<string, string[]>();
  for (const i of involved) byReferral.set(String(i.referral_id), [...(byReferral.get(String(i.referral_id)) ?? []), String(i.agency_id)]);
  const contactOf = new Map<string, string>();
  for (const review of reviews) {
    const frameworkId = String(review.framework_id) as FrameworkId;
    const kind = contributionKindFor(frameworkId);
    const stages = getFramework(frameworkId).stages;
    const stage = stageOf(String(review.stage));
    if (!stage || stage === 'WITHDRAWN') continue;
    const at = stages.indexOf(stage);
    const asked = stages.indexOf(ASKED_AT[kind] as (typeof stages)[number]);
    if (asked < 0 || at < asked) continue;
    const past = at > asked;
    const decidedOn = String(review.decided_on);
    const requestedOn = addDays(decidedOn, rng.int(20, 60));
    if (requestedOn > ctx.asOf) continue;
    for (const agencyId of byReferral.get(String(review.referral_id)) ?? []) {
      let contactId = contactOf.get(agencyId);
      if (!contactId) {
        contactId = rng.idAt(Date.parse(`${requestedOn}T09:00:00Z`));
        contactOf.set(agencyId, contactId);
        const n = rows.contacts.length + 1;
        rows.contacts.push({
          id: contactId,
          agency_id: agencyId,
          full_name: `Reviews Contact ${n}`,
          email: `reviews-contact-${n}@agency.example`,
          language: rng.chance(0.2) ? 'cy' : 'en',
          created_at: `${requestedOn}T09:00:00.000Z`,
          updated_at: `${requestedOn}T09:00:00.000Z`,
          removed_at: null,
        });
      }
      const status = past
        ? rng.chance(1 / 8)
          ? 'waived'
          : 'signed_off'
        : rng.pick(['requested', 'in_progress', 'in_progress', 'submitted', 'signed_off'] as const);
      const at9 = `${requestedOn}T09:30:00.000Z`;
      rows.requests.push({
        id: rng.idAt(Date.parse(at9)),
        review_id: String(review.id),
        board_id: String(review.board_id),
        agency_id: agencyId,
        contact_id: contactId,
        kind,
        status,
        requested_on: requestedOn,
        due_on: addDays(requestedOn, 7 * rng.int(4, 8)),
        author_role: status === 'requested' ? null : 'Safeguarding lead (generated)',
        records_secured_on: status === 'requested' || kind !== 'imr' ? null : requestedOn,
        declared_at: status === 'requested' || status === 'waived' ? null : at9,
        declared_by: null,
        submitted_at: status === 'submitted' || status === 'signed_off' ? at9 : null,
        signed_off_at: status === 'signed_off' ? at9 : null,
        signed_off_by: null,
        waived_reason: status === 'waived' ? 'Generated: the agency had no contact with the family in the period.' : null,
        created_at: at9,
        updated_at: at9,
      });
    }
  }
  return rows;
}
