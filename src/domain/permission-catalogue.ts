// Every permission the service knows, and which of them are over case material: the catalogue that
// ./permissions.ts gives to roles (who holds what, and the deny-by-default check, are there).
/**
 * Permissions over case material. Only the business unit, the management group, the board chair,
 * information governance (and, later, people assigned to a review) hold them: an administrator
 * administers people and agencies but does not see children's cases.
 */
const CASE_PERMISSION_LIST = [
  'referral.create',
  'referral.view',
  'referral.view_restricted',
  'meeting.manage',
  'assessment.record',
  'recommendation.submit',
  'decision.record',
  // A review (issue 10 onwards): its workspace, its running, its terms of reference, the agencies'
  // contributions (reports, chronologies), and its action plan.
  'review.view',
  'review.manage',
  // Reopening a closed review (the board chair, with a reason).
  'review.reopen',
  'review.terms_view',
  // A review's milestone plan and panel meetings (issue 10 item 5): planning, moving dates, scheduling and
  // recording meetings (the business unit); minutes and decisions (also the panel's chair).
  'milestone.manage',
  'panel_meeting.minute',
  // Editing a draft of the terms of reference (the business unit, the panel chair) and approving a version (the panel chair only).
  'review.terms_edit',
  'review.terms_approve',
  // The review's document library: seeing it, adding documents and versions, and the restricted kinds
  // (family correspondence) that identify the family (src/domain/reviews/library.ts).
  'review.documents_view',
  'review.documents_add',
  'review.documents_restricted',
  // Early learning (R12): recording a lesson and an immediate action for an agency, at any stage.
  'review.learning_record',
  // The review's report (issue 10 item 10): reading it; drafting and submitting it for QA (the author or
  // reviewers); its review recommendations (the author, the business unit); commenting (the panel); QA sign-off
  // (the panel chair); board acceptance (the board chair).
  'report.view',
  'report.edit',
  'report.recommend',
  'report.comment',
  'report.qa',
  'report.accept',
  // Family involvement (issue 10 item 6): seeing the family's record (people, consent, contacts, meetings);
  // recording contacts with the family and meetings with them (the panel chair and the author/reviewers);
  // adding people and recording their language and consent (the business unit). Never an agency's role.
  'family.view',
  'family.record',
  'family.manage',
  // The practitioners' learning event (CPR, SUSR): reading it; organising it (the business unit: the event,
  // its facilitators, the invitations); recording it (its facilitators — the review's independent people — and
  // the business unit: replies, attendance, notes and the learning identified). Agencies' people hold none.
  'learning_event.view',
  'learning_event.manage',
  'learning_event.record',
  'contribution.view',
  'contribution.edit',
  'contribution.sign_off',
  // The integrated chronology (issue 11): an agency's own entries are its contribution (contribution.view and
  // .edit, on its agency only). The merged chronology of the shared agencies' entries (the panel, the business
  // unit, the independent author; the board chair and information governance read it too); its named view
  // (the roles that may see restricted identity fields, and the panel's chair); marking key events (the panel,
  // the author, the business unit recording them for the panel).
  'chronology.view',
  'chronology.named',
  'chronology.mark',
  // Asking agencies for their contributions, naming their authors and senior managers, waiving a request.
  'contribution.manage',
  // The review's pseudonym dictionary (issue 13 item 1): its published terms (those who read the review's
  // documents: the business unit, the board chair, information governance, the panel, the author); its real
  // identifiers, restricted fields (the board's roles allowed restricted details, as referral.view_restricted);
  // adding, changing and removing entries (the business unit, and the review's independent panel chair and
  // author, who write and check what is published: they type a real identifier they know but, like the rest of
  // the panel, do not read the stored ones back). Never an agency's role.
  'dictionary.view',
  'dictionary.identify',
  'dictionary.manage',
  // The review's executive summary for publication (issue 13 item 3), in English and Welsh: reading it and the
  // action plan's figures its board's statement quotes (those who read the review's documents: the business unit,
  // the board chair, information governance, the panel, the author); drafting its sections in either language (the
  // business unit, the independent panel chair, the author); approving a language version (the business unit on
  // the board's behalf, or the independent panel chair — each language separately; never the author alone, never
  // an agency's role); asking a translator for the Welsh and recording the request's status (the business unit).
  'summary.view',
  'summary.edit',
  'summary.approve',
  'summary.translate',
  // The anonymisation check of a publishable document (issue 13 item 2; R7): seeing the review's checks and a
  // check's findings in context — the real names, so only the board's roles allowed restricted details, those
  // holding dictionary.identify (the business unit, the board chair, information governance); scanning a
  // document (the business unit and information governance); accepting a finding with a reason, answering the
  // judicial checklist and approving the check (information governance only). Never a review role.
  'anonymisation.view',
  'anonymisation.scan',
  'anonymisation.decide',
  // The review's publication (issue 13 item 4): reading the board's decision and its gates (the business unit,
  // the board chair, information governance; the welfare check's note and the liaison's details only to those
  // who may see restricted details); preparing it — the decision recorded for the board, the welfare check, holds,
  // withdrawal from public view (the business unit); the board chair's approval, and its override of ongoing
  // criminal proceedings with the police/CPS liaison's details (R5). Never a panel's, an author's or an agency's.
  'publication.view',
  'publication.prepare',
  'publication.approve',
  // The submission packet (issue 13 item 6): making the zip of the documents the framework sends (Welsh Government,
  // the national panel, the Wales Safeguarding Repository), downloading it and recording its sending. It can hold
  // agency reports (special-category data): the business unit of the review's board only.
  'publication.packet',
  // The action plan (issue 12): seeing a review's plan and its actions (an action owner: their agency's actions
  // only); an owner's progress updates and completion (on the actions they own); verifying a completion (the
  // business unit or the panel chair, never the owner); managing the plan — recommendations, actions, revised
  // dates, RAG overrides, the board's decisions recorded with its meeting —; the board chair's acceptance of the
  // plan (monitoring starts) and sign-off of the review's closure.
  'action.view',
  'action.update',
  'action.verify',
  'action.manage',
  'action.plan_accept',
  // The panel of a review (issue 10 item 2): seeing it; acting for the panel as its independent chair
  // (nominating, and under CPR appointing, the reviewers); the business unit's management of it (members,
  // nominations, appointments, replacements, and recording the panel's steps on its behalf).
  'panel.view',
  'panel.act',
  'panel.manage',
  // The board's register of independent chairs and reviewers: seeing it, and adding and editing entries.
  'register.view',
  'register.manage',
] as const;

export const PERMISSIONS = [
  // Deployment
  'deployment.administer', // create boards, grant deployment administrators
  // Board and organisation
  'board.view',
  'board.manage',
  'agency.view',
  'agency.manage',
  'person.view',
  'person.manage',
  'role.manage',
  'invitation.manage',
  // An agency's contacts, where contribution requests go (the business unit of a board the agency is on).
  'agency.contacts_manage',
  // Confirm or decline a case role an administrator granted on the board (the chair; information governance).
  'role.confirm',
  'audit.view',
  // The board's own meetings (issue 12 item 3): seeing them (the board, its business unit, information
  // governance) and managing them (the business unit). Not case permissions (a board member sees them without
  // case access), but their pages are audited reads: minutes may mention case matters.
  'board_meeting.view',
  'board_meeting.manage',
  // The board's progress report on its action plans and the partner view of an agency's actions (issue 12
  // items 5 and 6): counts by status and RAG, review references, target dates — no action's text, no case
  // detail —, so held by the board and its members as well as the business unit, the chair and information
  // governance. Not a case permission; its pages are audited reads (review references).
  'action.report',
  ...CASE_PERMISSION_LIST,
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const CASE_PERMISSIONS: readonly Permission[] = CASE_PERMISSION_LIST;
