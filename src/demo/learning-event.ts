// The demo's practitioners' learning event (issue 10 item 7): on the first of the demo's reviews whose framework
// holds one (a Child Practice Review or an SUSR, never the SCRs), a reviewer is appointed if none is (through the
// panel's steps: nomination, declaration, appointment), and the business unit plans the event with them as its
// facilitator, invites practitioners of the involved agencies (by role and number), records their replies, the
// event as held (its milestone met), who came, the facilitators' notes and the learning identified. Through the
// services, so it is sealed and audited like anything else. A review that has an event is left as it is.
import type { Services } from '../container.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import { hasLearningEvent } from '../domain/reviews/learning-event.ts';
import type { Caller } from '../services/context.ts';
import { nominateAndDeclare } from './panels.ts';

export async function seedDemoLearningEvent(services: Services, boardId: string, bu: Caller): Promise<number> {
  const as = (action: Caller['action']): Caller => ({ ...bu, action });
  const { items } = await services.reviews.list(as('REVIEWS_LISTED'), boardId, { pageSize: 100 });
  // The first decided (lowest reference): the demo's reviews moved to later stages have their own (src/demo/stages.ts).
  const review = items
    .filter((r) => r.currentStage !== 'WITHDRAWN' && hasLearningEvent(getFramework(r.frameworkId)))
    .sort((a, b) => a.reference.localeCompare(b.reference))[0];
  if (!review) return 0;
  const scope = { boardId, reviewId: review.id };
  let view = await services.learningEvents.view(as('LEARNING_EVENT_VIEWED'), scope);
  if (view.events.length > 0) return 0;
  if (view.candidates.length === 0) {
    const entry = (await services.register.list(as('REGISTER_LISTED'), boardId)).entries.find((e) => e.wgApproved && !e.employerAgencyId);
    if (!entry) return 0;
    const id = await nominateAndDeclare(services, as('PANEL_NOMINATED'), boardId, review.id, 'author', entry.id);
    await services.panel.appoint(as('PANEL_APPOINTED'), boardId, review.id, id);
    view = await services.learningEvents.view(as('LEARNING_EVENT_VIEWED'), scope);
  }
  const today = services.clock.today();
  const { id: eventId } = await services.learningEvents.plan(as('LEARNING_EVENT_PLANNED'), scope, {
    heldOn: today,
    startsAt: '09:30',
    mode: 'in_person',
    venue: 'Canolfan Dyffryn, Room 2 (demo)',
    facilitatorIds: view.candidates.map((c) => c.personId).slice(0, 2),
  });
  const [first, second] = view.agencies;
  const invitations: { id: string }[] = [];
  const invite = async (agencyId: string, practitionerRole: string, fullName: string, email: string, language: 'en' | 'cy') =>
    invitations.push(
      await services.learningEvents.invite(as('LEARNING_EVENT_INVITATION_SENT'), scope, eventId, { agencyId, practitionerRole, fullName, email, language }),
    );
  if (first) {
    await invite(first.id, 'social_worker', 'Demo Practitioner One', 'practitioner.one@agency.example', 'cy');
    await invite(first.id, 'social_worker', 'Demo Practitioner Two', 'practitioner.two@agency.example', 'en');
  }
  if (second) await invite(second.id, 'health_visitor', 'Demo Practitioner Three', 'practitioner.three@agency.example', 'en');
  await services.learningEvents.recordAttendance(
    as('LEARNING_EVENT_ATTENDANCE_RECORDED'),
    scope,
    eventId,
    invitations.map((i, n) => ({ invitationId: i.id, status: n === 1 ? 'declined' : 'accepted' })),
  );
  await services.learningEvents.move(as('LEARNING_EVENT_STATUS_CHANGED'), scope, eventId, { to: 'held' });
  await services.learningEvents.recordAttendance(
    as('LEARNING_EVENT_ATTENDANCE_RECORDED'),
    scope,
    eventId,
    invitations.map((i, n) => ({ invitationId: i.id, status: n === 1 ? 'did_not_attend' : 'attended' })),
  );
  await services.learningEvents.saveNotes(as('LEARNING_EVENT_NOTES_SAVED'), scope, eventId, {
    notes:
      'Social worker 1 and Health visitor 1 walked through the timeline with the reviewers. Both said the escalation route between children’s services and health was unclear when the family moved (demo).',
  });
  await services.learningEvents.addPoint(as('LEARNING_POINT_RECORDED'), scope, eventId, {
    theme: 'information_sharing',
    text: 'Practitioners did not know that the health visitor had not been told of the family’s move between areas.',
    agencyIds: view.agencies.map((a) => a.id),
  });
  await services.learningEvents.addPoint(as('LEARNING_POINT_RECORDED'), scope, eventId, {
    theme: 'escalation',
    text: 'Practitioners were unsure how to challenge a decision to close the case when they still had concerns.',
    agencyIds: first ? [first.id] : [],
  });
  return 1;
}
