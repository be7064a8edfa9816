// The panel of a review (issue 10 item 2; DOMAIN.md §1.3, §2.2, §3.2, R3): its agency members (the
// panel_member review role, naming the agency they represent), and its independent roles — the panel chair
// and the author or reviewers — nominated and then appointed as separate recorded steps, each after the
// candidate's independence declaration, from the board's register (panel-register-service.ts).
//
// "The panel" takes a step (src/domain/reviews/independence.ts, appointmentRule) through its independent
// chair (panel.act, held by the panel_chair review role on this review) or through the business unit
// recording the panel's decision on its behalf (panel.manage; the audit event says onBehalfOfPanel). A
// business-unit step needs panel.manage.
//
// The candidate declares through a link (only its hash is stored; single use, 14 days), which shows the
// review's reference, area, dates, the child's pseudonym and the involved agencies — nothing else, and
// never the child's identity, which is not read. An appointment is refused, nothing written, when the
// candidate is employed by an involved agency, declared a conflict or has not declared (or, where the
// framework needs it, is not on the Welsh Government's approved list). The appointed person gets the review
// role (services.reviewRoles, an account made and invited when new) in the appointment's transaction, to a
// numbered place (a unique key: two concurrent appointments to the last place, one wins, the other is a
// conflict). Someone who leaves is ended (their review role ends with it); their successor is nominated
// with `replacesId` and declares anew, and on appointment the leaver's open nominations pass to them,
// recorded as a reassignment.
import type { Db } from '../db/database.ts';
import { findAgencies } from '../db/repositories/organisation-repository.ts';
import {
  type DeclarationRow,
  findNomination,
  insertNomination,
  involvedAgencyIds,
  latestDeclarations,
  markAppointed,
  markEnded,
  type NominationRow,
  nominationsOf,
  panelMembers,
  reassignmentsOf,
} from '../db/repositories/panel-repository.ts';
import { findPersonRowByEmail } from '../db/repositories/people-repository.ts';
import { findRegisterEntry, setRegisterEntryPerson } from '../db/repositories/register-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { PANEL_END_TEXT } from '../domain/limits.ts';
import type { Language } from '../domain/organisation.ts';
import { can } from '../domain/permissions.ts';
import {
  type AppointmentRule,
  appointmentRefusals,
  appointmentRule,
  declaresIndependence,
  engagementWarnings,
  INDEPENDENT_ROLES,
  type IndependentRole,
  isIndependentRole,
  type RegisterFilter,
  type StepActor,
} from '../domain/reviews/independence.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkText, forbidden, invalid, newId, notFound, ServiceError } from './context.ts';
import type { MailService } from './mail-service.ts';
import { type DeclarationBrief, type DeclarationInput, PanelDeclarations } from './panel-declarations.ts';
import { openNomination, reassignOpenWork } from './panel-nominations.ts';
import { entriesWithEngagements, type RegisterEntry } from './panel-register-service.ts';
import { mayOnReview, reviewInScope } from './review-access.ts';
import type { ReviewPersonInput, ReviewRolesService } from './review-roles.ts';

export interface PanelDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mail: MailService;
  reviewRoles: ReviewRolesService;
  publicUrl: () => string;
}

export interface NominationView extends NominationRow {
  entryName: string;
  declaration: DeclarationRow | undefined;
  /** Whether the declaration declares independence with no conflict. */
  independent: boolean;
  /** Why appointing now would be refused (field → locale key); empty when it may go ahead. */
  refusals: Record<string, string>;
  /** Engagements with an involved agency in the last five years. */
  warnings: number;
}

export interface PanelView {
  review: ReviewRow;
  involvedAgencies: { id: string; en: string; cy: string }[];
  rules: Record<IndependentRole, AppointmentRule>;
  members: { assignmentId: string; personId: string; name: string; agencyId: string | null }[];
  nominations: NominationView[];
  reassignments: Awaited<ReturnType<typeof reassignmentsOf>>;
  may: { nominate: Record<IndependentRole, boolean>; appoint: Record<IndependentRole, boolean>; manage: boolean };
}

export class PanelService {
  private readonly declarations: PanelDeclarations;

  constructor(private readonly deps: PanelDeps) {
    this.declarations = new PanelDeclarations(deps);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Whether the caller may take a step the rule gives to the panel or to the business unit. */
  private mayTake(caller: Caller, review: ReviewRow, who: StepActor): boolean {
    if (mayOnReview(caller, review, 'panel.manage')) return true;
    return who === 'panel' && mayOnReview(caller, review, 'panel.act');
  }

  private rulesOf(review: ReviewRow): Record<IndependentRole, AppointmentRule> {
    return {
      panel_chair: appointmentRule(review.frameworkId, review.reviewType, 'panel_chair'),
      author: appointmentRule(review.frameworkId, review.reviewType, 'author'),
    };
  }

  /** The panel as it stands, read in the caller's transaction (no audit: the caller's read records it). */
  private async load(db: Executor, caller: Caller, review: ReviewRow): Promise<PanelView> {
    const [nominations, declarations, involved, holders, reassignments] = await Promise.all([
      nominationsOf(db, review.id),
      latestDeclarations(db, review.id),
      involvedAgencyIds(db, review.id),
      panelMembers(db, review.id),
      reassignmentsOf(db, review.id),
    ]);
    const agencies = await findAgencies(db, involved);
    const rules = this.rulesOf(review);
    const entries = new Map<string, RegisterEntry>();
    for (const e of await entriesWithEngagements(db, review.boardId, {})) entries.set(e.id, e);
    const today = this.deps.clock.today();
    const views: NominationView[] = [];
    for (const n of nominations) {
      const entry = entries.get(n.entryId);
      const declaration = declarations.get(n.id);
      const role = isIndependentRole(n.role) ? n.role : 'author';
      const person = entry ? await findPersonRowByEmail(db, entry.email) : undefined;
      views.push({
        ...n,
        entryName: entry?.fullName ?? '',
        declaration,
        independent: declaration ? declaresIndependence(declaration) : false,
        refusals:
          n.status === 'nominated'
            ? appointmentRefusals({
                rule: rules[role],
                declaration,
                employerAgencyIds: [entry?.employerAgencyId ?? null, person?.agency_id ?? null],
                involvedAgencyIds: involved,
                wgApproved: entry?.wgApproved ?? false,
              })
            : {},
        warnings: entry ? engagementWarnings(entry.engagements, involved, today).length : 0,
      });
    }
    const step = (kind: 'nominatedBy' | 'appointedBy') =>
      Object.fromEntries(INDEPENDENT_ROLES.map((r) => [r, this.mayTake(caller, review, rules[r][kind])])) as Record<IndependentRole, boolean>;
    return {
      review,
      involvedAgencies: agencies.map((a) => ({ id: a.id, en: a.nameEn, cy: a.nameCy })),
      rules,
      members: holders,
      nominations: views,
      reassignments,
      may: { nominate: step('nominatedBy'), appoint: step('appointedBy'), manage: mayOnReview(caller, review, 'panel.manage') },
    };
  }

  /** The review's panel (members, nominations, declarations, appointments); the read is audited. */
  async view(caller: Caller, boardId: string, reviewId: string): Promise<PanelView> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'panel.view');
      const panel = await this.load(trx, caller, review);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { nominations: panel.nominations.length, members: panel.members.length },
      });
      return panel;
    });
  }

  /**
   * The panel for the review page's section (read in that page's transaction, for a review it has checked), or
   * null when the caller may not see it. No audit of its own: the page's read (REVIEW_VIEWED) is the one event.
   */
  async sectionIn(db: Executor, caller: Caller, review: ReviewRow): Promise<PanelView | null> {
    return mayOnReview(caller, review, 'panel.view') ? this.load(db, caller, review) : null;
  }

  /**
   * Register entries the role may be given (availability, language and specialism as filtered; SUSR: the
   * approved list only), each with its engagements with an involved agency in the last five years (the
   * warning). For whoever may nominate to the role.
   */
  async candidates(caller: Caller, boardId: string, reviewId: string, role: IndependentRole, filter: RegisterFilter) {
    const db = this.deps.db.kysely;
    const review = await reviewInScope(db, caller, { boardId, reviewId }, 'panel.view');
    const rule = appointmentRule(review.frameworkId, review.reviewType, role);
    if (!this.mayTake(caller, review, rule.nominatedBy)) throw forbidden();
    const involved = await involvedAgencyIds(db, reviewId);
    const today = this.deps.clock.today();
    const entries = await entriesWithEngagements(db, boardId, { ...filter, approvedOnly: rule.approvedListOnly || filter.approvedOnly });
    return entries.map((e) => ({
      ...e,
      warnings: engagementWarnings(e.engagements, involved, today),
      employedByInvolved: !!e.employerAgencyId && involved.includes(e.employerAgencyId),
    }));
  }

  /** Adds an agency's representative to the panel (the panel_member review role, naming an involved agency). */
  async addMember(caller: Caller, boardId: string, reviewId: string, input: ReviewPersonInput & { agencyId: string | null }) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'panel.manage');
      const involved = await involvedAgencyIds(trx, reviewId);
      if (!input.agencyId || !involved.includes(input.agencyId)) throw invalid({ agencyId: 'panel.memberAgencyNotInvolved' });
      const existing = await findPersonRowByEmail(trx, input.email);
      if (existing?.agency_id && existing.agency_id !== input.agencyId) throw invalid({ email: 'panel.memberOtherAgency' });
      return this.deps.reviewRoles.grantByEmail(trx, caller, review, input, { role: 'panel_member', agencyId: input.agencyId });
    });
  }

  /** Ends a panel member's role on the review. */
  async endMember(caller: Caller, boardId: string, reviewId: string, assignmentId: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'panel.manage');
      const held = (await this.deps.reviewRoles.holders(trx, reviewId, { role: 'panel_member' })).find((h) => h.id === assignmentId);
      if (!held) throw notFound('panel member');
      await this.deps.reviewRoles.end(trx, caller, review, { personId: held.personId, role: 'panel_member', agencyId: held.agencyId ?? undefined });
    });
  }

  /** Nominates a register entry to an independent role (a successor names the appointment it replaces). */
  async nominate(
    caller: Caller,
    boardId: string,
    reviewId: string,
    input: { role: string; entryId: string; replacesId?: string | null },
  ): Promise<{ id: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'panel.view');
      // Only the panel's chair or the business unit nominates (which of them, the role's rule says below).
      if (!this.mayTake(caller, review, 'panel')) throw forbidden();
      if (!isIndependentRole(input.role)) throw invalid({ role: 'panel.roleRequired' });
      const entry = input.entryId ? await findRegisterEntry(trx, input.entryId) : undefined;
      if (!entry || entry.boardId !== boardId) throw invalid({ entryId: 'panel.entryRequired' });
      const rule = appointmentRule(review.frameworkId, review.reviewType, input.role);
      if (!this.mayTake(caller, review, rule.nominatedBy)) throw forbidden();
      if (rule.approvedListOnly && !entry.wgApproved) throw invalid({ entryId: 'panel.notOnApprovedList' });
      const open = (await nominationsOf(trx, reviewId)).filter((n) => n.role === input.role && (n.status === 'nominated' || n.status === 'appointed'));
      if (open.some((n) => n.entryId === entry.id)) throw invalid({ entryId: 'panel.alreadyNominated' });
      let replacesId: string | null = null;
      if (input.replacesId) {
        const replaced = await findNomination(trx, input.replacesId);
        if (!replaced || replaced.reviewId !== reviewId || replaced.role !== input.role || replaced.status !== 'ended')
          throw invalid({ replacesId: 'panel.replacesUnknown' });
        replacesId = replaced.id;
      }
      const id = newId();
      await insertNomination(
        trx,
        { id, boardId, reviewId, role: input.role, entryId: entry.id, nominatedBy: caller.actor?.personId ?? null, replacesId },
        this.now(),
      );
      await this.deps.audit.record(trx, caller, {
        action: 'PANEL_NOMINATED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { nominationId: id, entryId: entry.id, role: input.role, replacesId, onBehalfOfPanel: this.onBehalf(caller, review, rule.nominatedBy) },
      });
      return { id };
    });
  }

  private onBehalf(caller: Caller, review: ReviewRow, who: StepActor): boolean {
    return who === 'panel' && !mayOnReview(caller, review, 'panel.act');
  }

  /**
   * A new declaration link for the candidate (an earlier one stops working), emailed to them in their
   * language and returned to show to the caller. Whoever may nominate to the role asks for it.
   */
  async requestDeclaration(caller: Caller, boardId: string, reviewId: string, nominationId: string): Promise<{ url: string; expiresAt: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'panel.view');
      const n = await openNomination(trx, reviewId, nominationId, 'nominated', (role) =>
        this.mayTake(caller, review, appointmentRule(review.frameworkId, review.reviewType, role).nominatedBy),
      );
      return this.declarations.issueLink(trx, caller, review, n);
    });
  }

  /** What the candidate is shown to declare, by their link (panel-declarations.ts); the read is audited. */
  declarationBrief(caller: Caller, token: string): Promise<DeclarationBrief> {
    return this.declarations.brief(caller, token);
  }

  /** The candidate's declaration through their link, which it uses up (panel-declarations.ts). */
  declare(caller: Caller, token: string, input: DeclarationInput): Promise<{ independent: boolean }> {
    return this.declarations.declare(caller, token, input);
  }

  /**
   * Appoints a nominated candidate: refused, nothing written, with every reason (employed by an involved
   * agency, a conflict declared, no declaration, not on the approved list), or when every place of the role
   * is taken (409). The person gets the review role in the same transaction; a successor takes over the
   * open work of the person they replace.
   */
  async appoint(
    caller: Caller,
    boardId: string,
    reviewId: string,
    nominationId: string,
  ): Promise<{ personId: string; created: boolean; invitation: { link: string; emailed: boolean } | null }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'panel.view');
      const n = await openNomination(trx, reviewId, nominationId, 'nominated', (role) =>
        this.mayTake(caller, review, appointmentRule(review.frameworkId, review.reviewType, role).appointedBy),
      );
      const rule = appointmentRule(review.frameworkId, review.reviewType, n.role);
      const entry = await findRegisterEntry(trx, n.entryId);
      if (!entry) throw notFound('register entry');
      const [involved, declarations, account] = await Promise.all([
        involvedAgencyIds(trx, reviewId),
        latestDeclarations(trx, reviewId),
        findPersonRowByEmail(trx, entry.email),
      ]);
      const refusals = appointmentRefusals({
        rule,
        declaration: declarations.get(n.id),
        employerAgencyIds: [entry.employerAgencyId, account?.agency_id ?? null],
        involvedAgencyIds: involved,
        wgApproved: entry.wgApproved,
      });
      if (Object.keys(refusals).length > 0) throw invalid(refusals);
      const taken = new Set((await nominationsOf(trx, reviewId)).filter((x) => x.role === n.role && x.status === 'appointed').map((x) => x.place));
      const place = Array.from({ length: rule.places }, (_, i) => i + 1).find((p) => !taken.has(p));
      if (place === undefined) throw new ServiceError('conflict', 'panel.placesFilled', { form: 'panel.placesFilled' });
      const language: Language = entry.languages.includes('en') ? 'en' : 'cy';
      const granted = await this.deps.reviewRoles.grantByEmail(
        trx,
        caller,
        review,
        { fullName: entry.fullName, email: entry.email, jobTitle: null, agencyId: null, language },
        { role: n.role, agencyId: null },
      );
      if (!(await markAppointed(trx, n.id, { place, personId: granted.personId, appointedBy: caller.actor?.personId ?? null, at: this.now() })))
        throw new ServiceError('conflict', 'panel.notOpen', { form: 'panel.notOpen' });
      await setRegisterEntryPerson(trx, entry.id, granted.personId, this.now());
      await this.deps.audit.record(trx, caller, {
        action: 'PANEL_APPOINTED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: {
          nominationId: n.id,
          entryId: entry.id,
          personId: granted.personId,
          role: n.role,
          place,
          onBehalfOfPanel: this.onBehalf(caller, review, rule.appointedBy),
        },
      });
      if (n.replacesId) await reassignOpenWork(trx, this.deps, caller, review, n.replacesId, n.id, granted.personId);
      return {
        personId: granted.personId,
        created: granted.created,
        invitation: granted.invitation ? { link: granted.invitation.link, emailed: granted.invitation.emailed } : null,
      };
    });
  }

  /** Withdraws a nomination not yet appointed (its declaration link stops working), with a reason. */
  async withdraw(caller: Caller, boardId: string, reviewId: string, nominationId: string, reason: string): Promise<void> {
    await this.end(caller, boardId, reviewId, nominationId, reason, 'nominated');
  }

  /** Someone appointed leaves: the appointment ends, with a reason, and so does their review role. */
  async leave(caller: Caller, boardId: string, reviewId: string, nominationId: string, reason: string): Promise<void> {
    await this.end(caller, boardId, reviewId, nominationId, reason, 'appointed');
  }

  /** Withdraws the nomination, or ends the appointment, whichever it is now. */
  async endNomination(caller: Caller, boardId: string, reviewId: string, nominationId: string, reason: string): Promise<void> {
    const n = await findNomination(this.deps.db.kysely, nominationId);
    await this.end(caller, boardId, reviewId, nominationId, reason, n?.status === 'appointed' ? 'appointed' : 'nominated');
  }

  private async end(caller: Caller, boardId: string, reviewId: string, nominationId: string, reason: string, from: 'nominated' | 'appointed'): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'panel.manage');
      checkText(PANEL_END_TEXT, { reason });
      const n = await openNomination(trx, reviewId, nominationId, from);
      const ended = await markEnded(trx, n.id, from, {
        status: from === 'nominated' ? 'withdrawn' : 'ended',
        endedBy: caller.actor?.personId ?? null,
        at: this.now(),
        reason: reason.trim(),
      });
      if (!ended) throw new ServiceError('conflict', 'panel.notOpen', { form: 'panel.notOpen' });
      if (from === 'appointed' && n.personId) await this.deps.reviewRoles.end(trx, caller, review, { personId: n.personId, role: n.role });
      await this.deps.audit.record(trx, caller, {
        action: from === 'nominated' ? 'PANEL_NOMINATION_WITHDRAWN' : 'PANEL_APPOINTMENT_ENDED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { nominationId: n.id, role: n.role },
      });
    });
  }
}

export type { DeclarationBrief, IndependentRole, RegisterFilter };
/** Whether the caller may see the board's register (to link to it). */
export const mayViewRegister = (caller: Caller, boardId: string) => can(caller.actor, 'register.view', { boardId });
