// The demo's family involvement (issue 10 item 6): on the review whose agency reports are requested (or the
// first past its decision), a grandmother added during the review, the language and consent of its first
// family member, a contact that told them the review had started and invited them to contribute, and a
// meeting of the review with them — made through the family service as the business unit, so sealed and
// audited like any other. A review that already has contacts is left as it is (the demo can be run again).
import type { Services } from '../container.ts';
import type { Caller } from '../services/context.ts';

export async function seedDemoFamily(services: Services, boardId: string, businessUnit: Caller): Promise<number> {
  const as = (action: Caller['action']): Caller => ({ ...businessUnit, action });
  const { items } = await services.reviews.list(as('REVIEWS_LISTED'), boardId, { pageSize: 100 });
  const review = items.find((r) => r.stage === 'AGENCY_REPORTS_REQUESTED') ?? items.find((r) => r.stage !== 'DECIDED_PROCEED') ?? items[0];
  const me = businessUnit.actor?.personId;
  if (!review || !me) return 0;
  const scope = { boardId, reviewId: review.id };
  if ((await services.family.page(as('FAMILY_VIEWED'), scope)).contacts.length > 0) return 0;
  await services.family.addPerson(as('FAMILY_PERSON_ADDED'), scope, {
    kind: 'family_member',
    relationship: 'Grandmother',
    fullName: 'Mair Demo',
    contactDetails: '1 Heol y Bont, Aberteifi',
    language: 'cy',
  });
  const family = (await services.family.page(as('FAMILY_VIEWED'), scope)).people.filter((p) => p.kind !== 'child');
  const first = family[0];
  if (!first) return 1;
  const today = services.clock.today();
  await services.family.recordConsent(as('FAMILY_CONSENT_RECORDED'), scope, {
    personId: first.id,
    language: 'cy',
    languageOther: '',
    interpreterNeeded: false,
    consent: 'agreed',
    consentOn: today,
  });
  await services.family.recordContact(as('FAMILY_CONTACT_RECORDED'), scope, {
    personId: first.id,
    contactedOn: today,
    method: 'letter',
    madeBy: me,
    topics: ['review_started', 'purpose_and_terms', 'invitation_to_contribute'],
    notes: 'Letter in Welsh, with the leaflet about the review.',
  });
  await services.family.recordMeeting(as('FAMILY_MEETING_RECORDED'), scope, {
    metOn: today,
    staffIds: [me],
    familyIds: family.map((p) => p.id),
    place: 'The family home',
    summary: 'The family described their contact with the health visitor and the school in the months before the incident.',
    followUp: 'Send the draft terms of reference in Welsh.',
  });
  return 4;
}
