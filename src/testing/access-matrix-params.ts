// The access matrix's route parameters (src/http/access-matrix.test.ts): the fixtures of each on both boards (own and
// other records; the resource a review-scoped role's permission is checked against), or unscoped values. A route
// parameter without fixtures here fails the matrix's classification test. The cells are access-matrix-cells.ts's.
import type { MatrixBoard, MatrixWorld } from './access-matrix-world.ts';

export interface Fixture {
  label: string;
  value: string;
  /** Which review (and agency's part of it) the record is, for the permission check of review-scoped roles. */
  resource?: { reviewId?: string; agencyId?: string };
}

export interface ParamSpec {
  /** A record of a board: the own and other cells take these from board A and board B. */
  scoped?: (b: MatrixBoard) => Fixture[];
  /** Not a board's record (a journey's item number, a one-time link's token). */
  unscoped?: (w: MatrixWorld) => Fixture[];
}

export const PARAMS: Record<string, ParamSpec> = {
  boardId: { scoped: (b) => [{ label: 'board', value: b.id }] },
  referralId: {
    scoped: (b) => [
      { label: 'recommended referral', value: b.referrals.recommended },
      { label: 'decided referral', value: b.referrals.decided },
    ],
  },
  meetingId: { scoped: (b) => [{ label: 'meeting', value: b.meetingId }] },
  boardMeetingId: { scoped: (b) => [{ label: 'board meeting', value: b.boardMeetingId }] },
  // Own review (board A's, whose panel chair and agency contributor are actors) and other review (board B's).
  // When agencies' parts of a review get addresses, their fixtures name { reviewId, agencyId } the same way.
  reviewId: { scoped: (b) => [{ label: 'review', value: b.reviewId, resource: { reviewId: b.reviewId } }] },
  milestoneId: { scoped: (b) => [{ label: 'milestone', value: b.milestoneId, resource: { reviewId: b.reviewId } }] },
  panelMeetingId: { scoped: (b) => [{ label: 'panel meeting', value: b.panelMeetingId, resource: { reviewId: b.reviewId } }] },
  eventId: { scoped: (b) => [{ label: 'learning event', value: b.learningEventId, resource: { reviewId: b.reviewId } }] },
  // A review's library documents: an agency's report (its agency's contributor reaches it) and panel minutes.
  documentId: {
    scoped: (b) => [
      { label: 'agency report', value: b.documents.agencyReport, resource: { reviewId: b.reviewId, agencyId: b.agencyIds[0] ?? '' } },
      { label: 'minutes', value: b.documents.minutes, resource: { reviewId: b.reviewId } },
    ],
  },
  version: { unscoped: () => [{ label: 'version 1', value: '1' }] },
  requirement: { unscoped: () => [{ label: 'Welsh Government notification', value: 'welsh_government' }] },
  notificationId: { scoped: (b) => [{ label: 'notification', value: b.notificationId, resource: { reviewId: b.reviewId } }] },
  proceedingId: { scoped: (b) => [{ label: 'proceeding', value: b.proceedingId, resource: { reviewId: b.reviewId } }] },
  entryId: { scoped: (b) => [{ label: 'register entry', value: b.panel.entryId }] },
  nominationId: { scoped: (b) => [{ label: 'withdrawn nomination', value: b.panel.nominationId, resource: { reviewId: b.reviewId } }] },
  // An agency's contribution names its review and agency: the contributor of board A's police reaches only the police's.
  requestId: {
    scoped: (b) => [
      { label: 'police contribution', value: b.requestIds[0] ?? '', resource: { reviewId: b.reviewId, agencyId: b.agencyIds[0] ?? '' } },
      { label: 'health contribution', value: b.requestIds[1] ?? '', resource: { reviewId: b.reviewId, agencyId: b.agencyIds[1] ?? '' } },
    ],
  },
  // An entry of the police's chronology (shared with the panel): the request in the address names the agency
  // (through the health's request the entry is not found).
  chronologyEntryId: { scoped: (b) => [{ label: 'police chronology entry', value: b.chronologyEntryId, resource: { reviewId: b.reviewId } }] },
  // An import into the police's chronology (made through the repository: queued, never run).
  importId: { scoped: (b) => [{ label: 'police chronology import', value: b.chronologyImportId, resource: { reviewId: b.reviewId } }] },
  // An entry of the review's pseudonym dictionary (a place: its real name the board's restricted word, its terms its directory word).
  termId: { scoped: (b) => [{ label: 'dictionary entry', value: b.dictionaryTermId, resource: { reviewId: b.reviewId } }] },
  // The executive summary (issue 13 item 3): a language version's section; a translation request (the world has none).
  language: { unscoped: () => [{ label: 'English', value: 'en' }] },
  summarySection: { unscoped: () => [{ label: 'introduction section', value: 'introduction' }] },
  translationId: { unscoped: () => [{ label: 'translation request', value: '01a24f41-0000-7000-8000-000000000000' }] },
  // The anonymisation check of the review's report, and a finding of it (an id no finding has where the scan found none:
  // every cell's body is refused before the finding is looked for).
  checkId: { scoped: (b) => [{ label: 'anonymisation check', value: b.anonymisationCheckId, resource: { reviewId: b.reviewId } }] },
  findingId: { scoped: (b) => [{ label: 'anonymisation finding', value: b.anonymisationFindingId, resource: { reviewId: b.reviewId } }] },
  // A submission packet of the review (issue 13 item 6: a small zip stored through the file service).
  packetId: { scoped: (b) => [{ label: 'submission packet', value: b.packetId, resource: { reviewId: b.reviewId } }] },
  // The template's format.
  format: { unscoped: () => [{ label: 'xlsx', value: 'xlsx' }] },
  contactId: { scoped: (b) => [{ label: 'contact', value: b.contactIds[0] ?? '' }] },
  grantId: { scoped: (b) => [{ label: 'waiting grant', value: b.grantId }] },
  personId: { scoped: (b) => [{ label: 'person', value: b.subject.id }] },
  agencyId: { scoped: (b) => [{ label: 'agency', value: b.agencyIds[0] ?? '' }] },
  assignmentId: { scoped: (b) => [{ label: 'role', value: b.subject.assignmentId }] },
  linkId: { scoped: (b) => [{ label: 'invitation', value: b.invitee.linkId }] },
  index: { unscoped: () => [{ label: 'item 0', value: '0' }] },
  // A section of a review's terms of reference (each board's review has terms version 1, approved: the 'version' above).
  section: { unscoped: () => [{ label: 'purpose section', value: 'purpose' }] },
  // A section of the review's report (the matrix's reviews are SUSRs: the reviewers' report), its panel's resolved
  // comment and its review recommendation.
  reportSection: { unscoped: () => [{ label: 'circumstances section', value: 'circumstances' }] },
  commentId: { scoped: (b) => [{ label: 'resolved comment', value: b.report.commentId, resource: { reviewId: b.reviewId } }] },
  recommendationId: { scoped: (b) => [{ label: 'review recommendation', value: b.report.recommendationId, resource: { reviewId: b.reviewId } }] },
  // The police's action on the review's plan (its agency names whose part it is: the police's action owner reaches it)
  // and the evidence file on it.
  actionId: {
    scoped: (b) => [{ label: 'police action', value: b.actionId, resource: { reviewId: b.reviewId, agencyId: b.agencyIds[0] ?? '' } }],
  },
  evidenceFileId: {
    scoped: (b) => [{ label: 'police action evidence', value: b.evidenceFileId, resource: { reviewId: b.reviewId, agencyId: b.agencyIds[0] ?? '' } }],
  },
  // A step of the police action's challenge log (the board chair's letter): the business unit records its response.
  challengeId: { scoped: (b) => [{ label: 'police action challenge', value: b.challengeId, resource: { reviewId: b.reviewId } }] },
  // A released review's public id (the world has none released: not found for everyone, signed in or not).
  publicationId: { unscoped: () => [{ label: 'public id no release has', value: '01a24f41-0000-7000-8000-0000000000aa' }] },
  token: { unscoped: (w) => [{ label: 'invitation token', value: w.invitationToken }] },
  jobId: { unscoped: (w) => [{ label: 'dead job', value: w.deadJobId }] },
  fileId: { unscoped: (w) => [{ label: 'check file', value: w.checkFileId }] },
};
