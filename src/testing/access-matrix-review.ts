// The access matrix's records of a board's review (src/testing/access-matrix-world.ts seeds the boards): its
// framework's notification and a parallel proceeding, a register entry nominated and withdrawn, its milestone
// plan and a panel meeting, approved terms of reference, library documents, and the agencies' contributions.
// Their texts carry the board's directory word at most: a review's people rightly see its records, and who sees
// which is judged by the answers.

import { Readable } from 'node:stream';
import type { Services } from '../container.ts';
import { claimChallenge } from '../db/repositories/action-challenges-repository.ts';
import { insertImport } from '../db/repositories/chronology-imports-repository.ts';
import { insertEntries, markShared } from '../db/repositories/chronology-repository.ts';
import { insertLearningEvent } from '../db/repositories/learning-events-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Actor } from '../domain/permissions.ts';
import { type Caller, newId } from '../services/context.ts';
import type { MatrixBoard } from './access-matrix-world.ts';
import { seedMatrixReport } from './report-fixtures.ts';
import { seedApprovedTerms } from './terms-fixtures.ts';

const TODAY = '2026-11-27';

/** A caller for the services, as a fully signed-in person. */
export async function callerFor(services: Services, personId: string, action: AuditAction): Promise<Caller> {
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error(`no such person ${personId}`);
  const actor: Actor = { personId, grants: loaded.grants, twoFactorSatisfied: true };
  return { actor, ip: '127.0.0.1', requestId: null, action };
}

/** Seeds the review's own records, marking each id as the board's directory data; their ids. */
export async function seedMatrixReviewRecords(
  services: Services,
  o: { boardId: string; reviewId: string; key: string; dir: string; policeId: string; businessUnitId: string; mark: (id: string) => void },
) {
  const { dir } = o;
  const bu = await callerFor(services, o.businessUnitId, 'MILESTONES_VIEWED');
  const setUp = await callerFor(services, o.businessUnitId, 'REVIEW_NOTIFICATION_RECORDED');
  const notification = await services.reviewSetup.recordNotification(setUp, o.boardId, o.reviewId, { requirement: 'welsh_government', sentOn: TODAY });
  o.mark(notification.id);
  const proceeding = await services.reviewSetup.addProceeding({ ...setUp, action: 'REVIEW_PROCEEDING_ADDED' }, o.boardId, o.reviewId, {
    proceedingType: 'inquest',
    status: 'open',
    nextHearingOn: null,
    concludedOn: null,
    // Review material the review's panel sees (DOMAIN.md §8.3), not the referral's case details: no marker word.
    liaisonContact: 'Coroner’s officer',
  });
  o.mark(proceeding.id);

  // The register and the review's panel: an entry, nominated as the panel's chair and withdrawn.
  const registrar = await callerFor(services, o.businessUnitId, 'REGISTER_ENTRY_ADDED');
  const { id: entryId } = await services.register.add(registrar, o.boardId, {
    fullName: `${dir} Independent`,
    email: `independent-${o.key.toLowerCase()}@example.org`,
    specialisms: dir,
    wgApproved: true,
    languages: ['en', 'cy'],
    availability: 'available',
    pastReviews: '',
    declaredInterests: '',
    employerAgencyId: null,
  });
  const { id: nominationId } = await services.panel.nominate(registrar, o.boardId, o.reviewId, { role: 'panel_chair', entryId });
  await services.panel.withdraw(registrar, o.boardId, o.reviewId, nominationId, `${dir} withdrawn`);
  o.mark(entryId);
  o.mark(nominationId);

  // The review's milestone plan (made as the business unit first opens it) and a panel meeting, not yet held.
  const plan = await services.milestones.plan(bu, o.boardId, o.reviewId);
  const milestoneId = plan.milestones[0]?.id ?? '';
  o.mark(milestoneId);
  const { id: panelMeetingId } = await services.panelMeetings.schedule({ ...bu, action: 'PANEL_MEETING_SCHEDULED' }, o.boardId, o.reviewId, {
    meetsOn: TODAY,
    mode: 'in_person',
    location: `${dir} Hall, Room 3`,
    agenda: [`${dir} terms of reference`],
    milestoneId,
  });
  o.mark(panelMeetingId);
  // The review's terms of reference, version 1 approved (neutral words: the panel and the agencies read them).
  await seedApprovedTerms(services, {
    boardId: o.boardId,
    reviewId: o.reviewId,
    editor: await callerFor(services, o.businessUnitId, 'TERMS_OF_REFERENCE_SECTION_SAVED'),
    approverId: o.businessUnitId,
    purpose: 'A statutory review of the board.',
  });

  // The review's report, version 1 submitted, a resolved comment on it and a review recommendation (neutral words).
  const report = await seedMatrixReport(services, { boardId: o.boardId, reviewId: o.reviewId, personId: o.businessUnitId });
  o.mark(report.commentId);
  o.mark(report.recommendationId);

  // The review's library: an agency report (the first agency's) and panel minutes. Their titles carry no
  // marker word: the markers stand for a board's referrals, and a review's people rightly see its documents;
  // who sees which document is judged by the answers (404 for a document the reader may not see).
  const adder = await callerFor(services, o.businessUnitId, 'REVIEW_DOCUMENT_ADDED');
  const addDocument = async (kind: 'agency_report' | 'minutes', agencyId: string | null) => {
    const added = await services.library.add(
      adder,
      { boardId: o.boardId, reviewId: o.reviewId },
      { kind, classification: 'official_sensitive', agencyId, title: `The review’s ${kind === 'minutes' ? 'panel minutes' : 'agency report'}`, note: null },
      { name: `${kind}.txt`, content: Readable.from([Buffer.from(`${kind} of the review\n`)]) },
    );
    o.mark(added.documentId);
    return added.documentId;
  };
  const documents = { agencyReport: await addDocument('agency_report', o.policeId), minutes: await addDocument('minutes', null) };

  // A practitioners' learning event of the review, planned (written as it stands: the board's review may have
  // no appointed reviewer to facilitate it); neutral words.
  const learningEventId = `${o.reviewId}-learning-event`;
  await insertLearningEvent(
    services.db.kysely,
    {
      id: learningEventId,
      reviewId: o.reviewId,
      boardId: o.boardId,
      status: 'planned',
      heldOn: TODAY,
      startsAt: null,
      mode: 'online',
      venue: 'Online',
      createdBy: null,
    },
    services.clock.now().toISOString(),
  );
  o.mark(learningEventId);

  return {
    milestoneId,
    panelMeetingId,
    learningEventId,
    documents,
    notificationId: notification.id,
    proceedingId: proceeding.id,
    panel: { entryId, nominationId },
    report,
  };
}

/**
 * The board's agencies are asked for their contributions to its review (a contact each, an author and a
 * senior manager each); on board A the police's author is the world's agency contributor.
 */
export async function seedMatrixContributions(
  services: Services,
  board: MatrixBoard,
  dir: string,
  mark: (id: string) => void,
  policeAuthorEmail?: string,
): Promise<void> {
  const bu = await callerFor(services, board.people.business_unit.id, 'AGENCY_CONTACT_ADDED');
  for (const [i, agencyId] of board.agencyIds.entries()) {
    const slug = `${dir.toLowerCase()}-${i}`;
    const contact = await services.agencyContacts.add(bu, board.id, agencyId, {
      fullName: `${dir} Contact ${i}`,
      email: `${slug}-contact@example.org`,
      language: 'en',
    });
    mark(contact.id);
    board.contactIds.push(contact.id);
    const request = await services.contributions.request({ ...bu, action: 'CONTRIBUTION_REQUESTED' }, board.id, board.reviewId, {
      agencyId,
      contactId: contact.id,
      dueOn: '2027-01-08',
      author: { fullName: `${dir} Author ${i}`, email: i === 0 && policeAuthorEmail ? policeAuthorEmail : `${slug}-author@example.org` },
      seniorManager: { fullName: `${dir} Senior Manager ${i}`, email: `${slug}-manager@example.org` },
    });
    mark(request.id);
    board.requestIds.push(request.id);
  }
}

/**
 * An entry in the police's chronology on the board's review, its text carrying the board's marker (as the
 * contributions' do: an agency's own material, which its contributor and the panel read), and
 * that chronology shared with the panel (written as the share writes it: the matrix's requests are not signed
 * off, so every change the chronology routes are sent is refused after the access checks).
 */
export async function seedMatrixChronology(services: Services, board: MatrixBoard, marker: string): Promise<void> {
  const requestId = board.requestIds[0] ?? '';
  const agencyId = board.agencyIds[0] ?? '';
  const at = services.clock.now().toISOString();
  const id = newId();
  const importId = newId();
  await inTransaction(services.db, async (trx) => {
    await insertEntries(
      trx,
      [
        {
          id,
          reviewId: board.reviewId,
          requestId,
          agencyId,
          entryNo: 1,
          importId: null,
          occurredOn: '2026-05-02',
          precision: 'exact',
          time: null,
          eventType: 'police_incident',
          description: `Officers attended (${marker}).`,
          people: [],
          practitionerRole: 'Police constable',
          actionTaken: '',
          outcome: '',
          sourceRef: `STORM-${marker}`,
          significance: 'high',
          analystComment: '',
        },
      ],
      null,
      at,
    );
    await markShared(trx, requestId, board.people.business_unit.id, at);
    await insertImport(trx, { id: importId, reviewId: board.reviewId, requestId, agencyId, fileId: null, fileName: 'xlsx', language: 'en', by: null }, at);
  });
  board.chronologyEntryId = id;
  board.chronologyImportId = importId;
}

/**
 * An action of the board's review's plan, led by its police, on the review's report recommendation, owned by an
 * action owner of the police (on board A the world's action owner), with a progress update carrying an evidence
 * file; through the services. Its text carries the board's marker: the plan's readers rightly see it.
 */
export async function seedMatrixActions(services: Services, board: MatrixBoard, marker: string, ownerEmail: string): Promise<void> {
  const police = board.agencyIds[0] ?? '';
  const bu = await callerFor(services, board.people.business_unit.id, 'ACTION_ADDED');
  const { actionId } = await services.actionPlans.addAction(bu, { boardId: board.id, reviewId: board.reviewId }, board.report.recommendationId, {
    action: `Audit same-day referrals (${marker}).`,
    leadAgencyId: police,
    supportingAgencyIds: [],
    ownerName: `${marker} Action Owner`,
    ownerEmail,
    ownerLanguage: 'en',
    targetOn: '2027-06-30',
    successMeasure: 'Every referral made the same day.',
    completionEvidence: 'The audit report.',
    impactMeasure: 'A re-audit.',
  });
  const owner = await services.db.kysely.selectFrom('review_actions').select('owner_id').where('id', '=', actionId).executeTakeFirstOrThrow();
  const caller = await callerFor(services, owner.owner_id, 'ACTION_UPDATED');
  await services.actionProgress.update(
    caller,
    { boardId: board.id, reviewId: board.reviewId },
    actionId,
    { narrative: `The audit tool is agreed (${marker}).`, status: 'on_track' },
    { name: 'audit-tool.txt', content: Readable.from([Buffer.from(`Audit tool (${marker})`)]) },
  );
  const evidence = await services.db.kysely.selectFrom('review_action_evidence').select('file_id').where('action_id', '=', actionId).executeTakeFirstOrThrow();
  board.actionId = actionId;
  board.evidenceFileId = evidence.file_id;
  // The ladder's letter rung on it (as the reminders job claims it), for the challenge log's routes.
  board.challengeId = newId();
  const today = services.clock.today();
  const claim = { id: board.challengeId, actionId, reviewId: board.reviewId, boardId: board.id, agencyId: police, rung: 'chair_letter', trigger: 'overdue' };
  const facts = { daysOverdue: 28, offTrackCycles: 0, targetOn: '2027-06-30', status: 'on_track', firedOn: today, boardMeetingId: null, statutoryBasis: null };
  await claimChallenge(services.db.kysely, { ...claim, ...facts }, services.clock.now().toISOString());
}
