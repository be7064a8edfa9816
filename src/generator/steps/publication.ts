// The generated reviews' publication (issue 13 items 4 and 5), after their summaries and checks (summaries.ts),
// by stage (a review on hold counts as the stage it left):
// - PUBLICATION_PREPARATION: about one in seven not decided yet (no row, as before the first change); the rest
//   decided by the business unit (the executive summary; about one in twenty not to publish), most with the
//   welfare check recorded (its note sealed as the repository seals it); where every gate is open the board chair
//   has approved most, for a release at an embargo still to come; about one in six held with a day to look again
//   (some shown to the public as delayed);
// - PUBLISHED and later: released at the embargo's time (the family told of the publication before), about one in
//   ten of those at MONITORING or CLOSED withheld instead (a decision not to publish, approved, never released);
//   about a quarter set to stop being public after some months, withdrawn where that time has passed.
// Each released review has its public snapshot, made by snapshotRows (the release's own rows) from the approved
// summary as the summary source gives it, titled with the child's pseudonym (no dictionary step yet). Audit
// events as the services write them; the release is the system's (PUBLICATION_RELEASED) with no transition
// beside it (a generated review's later stages are not recorded as moves: referral-decisions.ts).
import type { Insertable } from 'kysely';
import { sealedPlace } from '../../db/field-cipher.ts';
import { storedPublished } from '../../db/repositories/published-repository.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { AuditAction } from '../../domain/audit-actions.ts';
import { addDays, addMonths, type IsoDate } from '../../domain/clock/dates.ts';
import { londonInstant } from '../../domain/clock/london.ts';
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import type { Language } from '../../domain/organisation.ts';
import { childPseudonym, pseudonymText } from '../../domain/pseudonyms.ts';
import type { PublicationChoice } from '../../domain/publication/publication.ts';
import { SUMMARY_LANGUAGES, type SummaryContent, type SummaryFigures } from '../../domain/publication/summary.ts';
import { snapshotRows } from '../../services/publication/published-snapshot.ts';
import { summaryDocument } from '../../services/publication/summary-publishable.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { FROM, instantAfter, stageIndex } from './summaries.ts';

const REASONS: Record<PublicationChoice, string> = {
  summary: 'The executive summary is published in English and Welsh, as the guidance expects.',
  summary_and_report: 'The executive summary and the report are published in English and Welsh.',
  withhold: 'Publication would risk identifying a surviving sibling: the board has decided not to publish (R6).',
};
const HOLD_REASON = 'Criminal proceedings are open: publication waits for the trial to end.';
const WELFARE_NOTE = 'The surviving sibling’s social worker was consulted; publication will not harm the child’s welfare.';

export const publicationStep: GeneratorStep = {
  id: 'publication',
  tables: ['review_publications', 'published_reviews', 'published_documents', 'family_contacts', 'family_contact_topics'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('publication');
    const db = ctx.db.kysely;
    const reviews = (
      await db
        .selectFrom('reviews as r')
        .innerJoin('referrals as f', 'f.id', 'r.referral_id')
        .select(['r.id', 'r.board_id', 'r.framework_id', 'r.stage', 'f.child_number'])
        .orderBy('r.id')
        .execute()
    ).filter((r) => stageIndex(r.stage) >= FROM.preparation);
    // What each review's summary and checks came to: when the last was approved, whether both checks were.
    const ready = new Map<string, { at: string; checks: number }>();
    const mark = (id: string, when: string | null, approvedCheck: boolean) => {
      const r = ready.get(id) ?? { at: '', checks: 0 };
      if (when && when > r.at) r.at = when;
      if (approvedCheck) r.checks++;
      ready.set(id, r);
    };
    for (const c of await db.selectFrom('anonymisation_checks').select(['review_id', 'status', 'updated_at']).execute())
      mark(c.review_id, c.updated_at, c.status === 'approved');
    const summaries = new Map<string, { language: Language; version: number; content: SummaryContent; figures: SummaryFigures | null }[]>();
    const versions = await db
      .selectFrom('executive_summary_versions')
      .select(['id', 'review_id', 'language', 'version', 'approved_at', 'figures'])
      .where('status', '=', 'approved')
      .orderBy('review_id')
      .orderBy('language')
      .execute();
    const contents = new Map<string, SummaryContent>();
    for (const s of await db
      .selectFrom('executive_summary_sections as s')
      .innerJoin('executive_summary_versions as v', 'v.id', 's.version_id')
      .select(['s.version_id', 's.section', 's.text'])
      .where('v.status', '=', 'approved')
      .execute()) {
      const content = contents.get(s.version_id) ?? {};
      content[s.section] = { text: s.text };
      contents.set(s.version_id, content);
    }
    for (const v of versions) {
      mark(v.review_id, v.approved_at, false);
      const list = summaries.get(v.review_id) ?? [];
      list.push({
        language: v.language as Language,
        version: Number(v.version),
        content: contents.get(v.id) ?? {},
        figures: v.figures ? (JSON.parse(v.figures) as SummaryFigures) : null,
      });
      summaries.set(v.review_id, list);
    }
    const themes = new Map<string, string[]>();
    for (const p of await db.selectFrom('learning_points').select(['review_id', 'theme']).distinct().orderBy('review_id').orderBy('theme').execute())
      themes.set(p.review_id, [...(themes.get(p.review_id) ?? []), p.theme]);
    const familyOf = new Map<string, string>();
    for (const p of await db.selectFrom('review_people').select(['review_id', 'id']).where('pseudonym_kind', '=', 'family_member').orderBy('id').execute())
      if (!familyOf.has(p.review_id)) familyOf.set(p.review_id, p.id);
    const boardRows = new Map((await db.selectFrom('boards').select(['id', 'name_en', 'name_cy']).execute()).map((b) => [b.id, b]));
    const boards = new Map(ctx.state.boards.map((b) => [b.id, b]));

    const rows: Insertable<Database['review_publications']>[] = [];
    const published: Insertable<Database['published_reviews']>[] = [];
    const documents: Insertable<Database['published_documents']>[] = [];
    const contacts: Insertable<Database['family_contacts']>[] = [];
    const topics: Insertable<Database['family_contact_topics']>[] = [];
    for (const r of reviews) {
      const stage = stageIndex(r.stage);
      const got = ready.get(r.id);
      if (!got?.at) continue;
      const preparing = stage === FROM.preparation;
      if (preparing && rng.chance(1 / 7)) continue;
      const board = boards.get(r.board_id);
      const unit = board?.roles.get('business_unit') ?? [];
      const bu = unit.length > 0 ? rng.pick(unit) : null;
      const chair = board?.roles.get('board_chair')?.[0] ?? null;
      const audit = (when: string, actorId: string | null, action: AuditAction, summary: Record<string, string | number | boolean | null>) =>
        ctx.audit({ id: rng.idAt(Date.parse(when)), at: when, actorId, action, boardId: r.board_id, recordType: 'review', recordId: r.id, summary });
      const later = (after: string, min: number, max: number) => instantAfter(ctx, rng, addDays(after.slice(0, 10), rng.int(min, max)), after);

      const withhold = (stage >= FROM.monitoring && rng.chance(0.1)) || (preparing && rng.chance(0.05));
      const choice: PublicationChoice = withhold ? 'withhold' : 'summary';
      const gatesOpen = got.checks === 2;
      const release = stage >= FROM.published && !withhold;
      const decidedAt = later(got.at, 2, 15);
      const welfare = release || withhold || rng.chance(0.7) ? later(decidedAt, 0, 10) : null;
      const approve = release || withhold || (gatesOpen && welfare !== null && rng.chance(0.7));
      const approvedAt = approve ? later(welfare ?? decidedAt, 1, 10) : null;
      // The embargo: a day after the approval (not after the generated day) for a release; still to come for one approved in preparation.
      let releaseAt: string | null = null;
      if (release && approvedAt) {
        let day = addDays(approvedAt.slice(0, 10), rng.int(3, 20));
        if (day > ctx.asOf) day = ctx.asOf;
        const instant = londonInstant(day as IsoDate, '09:30').toISOString();
        releaseAt = instant > approvedAt ? instant : later(approvedAt, 0, 0);
      } else if (!withhold) releaseAt = londonInstant(addDays(ctx.asOf, rng.int(3, 40)) as IsoDate, '09:30').toISOString();
      const held = preparing && !withhold && rng.chance(1 / 6);
      const heldAt = held ? later(approvedAt ?? welfare ?? decidedAt, 0, 5) : null;
      const recheckOn = held ? addDays(ctx.asOf, rng.int(14, 120)) : null;
      const withdrawAfter = release && rng.chance(0.25) ? rng.pick([12, 24, 36]) : null;
      const withdrawOn = withdrawAfter && releaseAt ? addMonths(releaseAt.slice(0, 10), withdrawAfter) : null;
      const withdrawnAt = withdrawOn && withdrawOn <= ctx.asOf ? londonInstant(withdrawOn as IsoDate, '06:00').toISOString() : null;
      const showHold = held && rng.chance(0.5);
      rows.push({
        review_id: r.id,
        board_id: r.board_id,
        revision: 1,
        choice,
        reasons: REASONS[choice],
        release_at: releaseAt,
        press_statement_en: release ? 'The board publishes the executive summary of its review today.' : null,
        press_statement_cy: release ? 'Mae’r bwrdd yn cyhoeddi crynodeb gweithredol ei adolygiad heddiw.' : null,
        briefing_en: null,
        briefing_cy: null,
        show_hold: showHold ? 1 : 0,
        withdraw_after_months: withdrawAfter,
        decided_by: bu,
        decided_at: decidedAt,
        welfare_checked_on: welfare ? welfare.slice(0, 10) : null,
        welfare_note: welfare ? ctx.cipher.encrypt(WELFARE_NOTE, sealedPlace('review_publications', 'welfare_note', r.id)) : null,
        welfare_by: welfare ? bu : null,
        override_liaison: null,
        override_by: null,
        override_at: null,
        approved_revision: approvedAt ? 1 : null,
        approved_by: approvedAt ? chair : null,
        approved_at: approvedAt,
        hold_reason: held ? HOLD_REASON : null,
        recheck_on: recheckOn,
        prompted_on: null,
        refused_revision: null,
        published_at: release ? releaseAt : null,
        withdrawn_at: withdrawnAt,
        created_at: decidedAt,
        updated_at: withdrawnAt ?? (release ? releaseAt : null) ?? heldAt ?? approvedAt ?? welfare ?? decidedAt,
      });
      audit(decidedAt, bu, 'PUBLICATION_DECIDED', { revision: 1, choice, releaseAt, approvalNeeded: false });
      if (welfare) audit(welfare, bu, 'PUBLICATION_WELFARE_CHECKED', { checkedOn: welfare.slice(0, 10) });
      if (approvedAt) audit(approvedAt, chair, 'PUBLICATION_APPROVED', { revision: 1, choice });
      if (heldAt && recheckOn) audit(heldAt, bu, 'PUBLICATION_HELD', { recheckOn });
      // The family told of the publication and its date (R8) by the business unit, after the decision.
      const person = familyOf.get(r.id);
      if (approvedAt && person && bu && !withhold) {
        const toldAt = later(decidedAt, 0, 3);
        const contactId = rng.idAt(Date.parse(toldAt));
        const told = ['publication_date', 'publication'];
        contacts.push({
          id: contactId,
          review_id: r.id,
          person_id: person,
          contacted_on: toldAt.slice(0, 10),
          method: rng.pick(['letter', 'phone', 'visit', 'email'] as const),
          made_by: bu,
          notes: null,
          created_by: bu,
          created_at: toldAt,
        });
        for (const topic of told) topics.push({ contact_id: contactId, review_id: r.id, topic });
        ctx.audit({
          id: rng.idAt(Date.parse(toldAt)),
          at: toldAt,
          actorId: bu,
          action: 'FAMILY_CONTACT_RECORDED',
          boardId: r.board_id,
          recordType: 'family_contact',
          recordId: contactId,
          summary: { reviewId: r.id, personId: person, madeBy: bu, topics: told },
        });
      }
      if (!release || !releaseAt) continue;
      audit(releaseAt, null, 'PUBLICATION_RELEASED', { event: 'publish', revision: 1, choice });
      if (withdrawnAt) audit(withdrawnAt, null, 'PUBLICATION_WITHDRAWN', { afterMonths: withdrawAfter });

      // The public snapshot, as the release writes it.
      const b = boardRows.get(r.board_id);
      const pseudonym = childPseudonym(Number(r.child_number));
      const snapshot = snapshotRows({
        id: rng.idAt(Date.parse(releaseAt)),
        review: { id: r.id, boardId: r.board_id, frameworkId: r.framework_id as FrameworkId },
        board: { nameEn: b?.name_en ?? '', nameCy: b?.name_cy ?? '' },
        title: { en: pseudonymText(pseudonym, 'en'), cy: pseudonymText(pseudonym, 'cy') },
        themes: themes.get(r.id) ?? [],
        // Each language in the summary's order (English, then Welsh), as the release reads them.
        documents: SUMMARY_LANGUAGES.flatMap((language) =>
          (summaries.get(r.id) ?? []).filter((v) => v.language === language).map((v) => ({ document: 'summary' as const, doc: summaryDocument(v) })),
        ),
        publishedAt: releaseAt,
        now: releaseAt,
      });
      const stored = storedPublished(snapshot.review, snapshot.documents);
      published.push(stored.review);
      documents.push(...stored.documents);
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'publication', 'review_publications', rows);
      await ctx.insert(trx, 'publication', 'family_contacts', contacts);
      await ctx.insert(trx, 'publication', 'family_contact_topics', topics);
      await ctx.insert(trx, 'publication', 'published_reviews', published);
      await ctx.insert(trx, 'publication', 'published_documents', documents);
    });
  },
};
