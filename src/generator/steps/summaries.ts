// The generated reviews' executive summaries and their anonymisation checks (issue 13 items 2 and 3), by stage
// (a review on hold counts as the stage it left; a withdrawn one has none):
// - from BOARD_ACCEPTANCE: the English version 1 written by the business unit (a draft, some sections still empty,
//   while the board accepts the report), the Welsh asked of a translator once the English is written;
// - from SUBMITTED_TO_WG: the English approved (by the review's panel chair, else another of the business unit),
//   the Welsh written from the approved English and approved too (about four in ten still a draft at
//   SUBMITTED_TO_WG), the translation request returned; each approval freezes the action plan's figures as the
//   service does (figuresOf over the review's line of the board's progress report and its plan's recommendations —
//   counted as of the generated day, since the generator keeps no history of the plan, dated the approval's day);
// - from PUBLICATION_PREPARATION: each language's anonymisation check of the approved version, without findings,
//   its checklist answered and approved by information governance (about one review in four still open while in
//   preparation), its digest that of the document the summary source gives (summaryDocument, documentDigest).
// Audit events as the services write them (a version's saves as one event, like the report step's).
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { emptyTally, type Tally } from '../../domain/actions/progress-report.ts';
import { addDays, type IsoDate } from '../../domain/clock/dates.ts';
import { STAGE_IDS } from '../../domain/frameworks/index.ts';
import type { Language } from '../../domain/organisation.ts';
import { CHECKLIST } from '../../domain/publication/checklist.ts';
import { SUMMARY_SECTIONS, type SummaryContent, type SummaryFigures } from '../../domain/publication/summary.ts';
import { boardProgress } from '../../services/actions/progress-report-service.ts';
import { documentDigest } from '../../services/publication/publishable.ts';
import { figuresOf } from '../../services/publication/summary-figures.ts';
import { summaryDocument } from '../../services/publication/summary-publishable.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn, type Random } from '../random.ts';
import { SUMMARY_TEXTS } from './summary-texts.ts';

const at = (stage: string) => STAGE_IDS.indexOf(stage as (typeof STAGE_IDS)[number]);
/** The stage a review is at for the publication steps (its held stage when on hold), or -1 when it has none. */
export function stageIndex(stage: string): number {
  const s = stage.replace(/^ON_HOLD:/, '');
  return s === 'WITHDRAWN' ? -1 : at(s);
}
export const FROM = {
  summary: at('BOARD_ACCEPTANCE'),
  approved: at('SUBMITTED_TO_WG'),
  preparation: at('PUBLICATION_PREPARATION'),
  published: at('PUBLISHED'),
  monitoring: at('MONITORING'),
};

/** An instant on a day (no later than the generated day) and after `after`. */
export function instantAfter(ctx: GeneratorContext, rng: Random, day: string, after: string): string {
  const instant = instantOn(rng, (day > ctx.asOf ? ctx.asOf : day) as IsoDate);
  return instant > after ? instant : new Date(Date.parse(after) + rng.int(60, 3600) * 1000).toISOString();
}

const later = (ctx: GeneratorContext, rng: Random, after: string, min: number, max: number) =>
  instantAfter(ctx, rng, addDays(after.slice(0, 10), rng.int(min, max)), after);

export const summariesStep: GeneratorStep = {
  id: 'executive summaries',
  tables: ['executive_summaries', 'executive_summary_versions', 'executive_summary_sections', 'executive_summary_translations', 'anonymisation_checks'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('summaries');
    const db = ctx.db.kysely;
    const reviews = (await db.selectFrom('reviews').select(['id', 'board_id', 'stage', 'decided_on', 'created_at']).orderBy('id').execute()).filter(
      (r) => stageIndex(r.stage) >= FROM.summary,
    );
    const reports = new Map(
      (await db.selectFrom('review_report_versions').select(['review_id', 'qa_at', 'accepted_at']).orderBy('review_id').orderBy('version').execute()).map(
        (r) => [r.review_id, r.accepted_at ?? r.qa_at],
      ),
    );
    const chairs = new Map(
      (
        await db
          .selectFrom('role_assignments')
          .select(['review_id', 'person_id'])
          .where('role', '=', 'panel_chair')
          .where('review_id', 'is not', null)
          .execute()
      ).map((r) => [r.review_id as string, r.person_id]),
    );
    const recommendations = new Map<string, { number: number; text: string; source: 'report' | 'board' }[]>();
    for (const r of await db.selectFrom('review_recommendations').select(['review_id', 'number', 'text', 'source']).orderBy('review_id').execute()) {
      const list = recommendations.get(r.review_id) ?? [];
      list.push({ number: Number(r.number), text: r.text, source: r.source === 'board' ? 'board' : 'report' });
      recommendations.set(r.review_id, list);
    }
    // Each board's progress report once, as of the generated day: each review's line is its plan's tally.
    const tallies = new Map<string, Tally>();
    for (const boardId of new Set(reviews.filter((r) => stageIndex(r.stage) >= FROM.approved).map((r) => r.board_id))) {
      const report = await boardProgress(db, boardId, { from: ctx.startOn as IsoDate, to: ctx.asOf as IsoDate }, ctx.asOf as IsoDate, 'en');
      for (const line of report.reviews) tallies.set(line.id, line);
    }
    const boards = new Map(ctx.state.boards.map((b) => [b.id, b]));

    const heads: Insertable<Database['executive_summaries']>[] = [];
    const versions: Insertable<Database['executive_summary_versions']>[] = [];
    const sections: Insertable<Database['executive_summary_sections']>[] = [];
    const translations: Insertable<Database['executive_summary_translations']>[] = [];
    const checks: Insertable<Database['anonymisation_checks']>[] = [];
    for (const r of reviews) {
      const stage = stageIndex(r.stage);
      const board = boards.get(r.board_id);
      const unit = board?.roles.get('business_unit') ?? [];
      const writer = unit.length > 0 ? rng.pick(unit) : null;
      const approver = chairs.get(r.id) ?? unit.find((p) => p !== writer) ?? writer;
      const governance = board?.roles.get('information_governance') ?? [];
      const ig = governance.length > 0 ? rng.pick(governance) : null;
      const audit = (
        when: string,
        actorId: string | null,
        action: Parameters<GeneratorContext['audit']>[0]['action'],
        summary: Record<string, string | number | boolean | null>,
      ) => ctx.audit({ id: rng.idAt(Date.parse(when)), at: when, actorId, action, boardId: r.board_id, recordType: 'review', recordId: r.id, summary });
      const pairs = Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s.id, rng.pick(SUMMARY_TEXTS[s.id] ?? [{ en: '', cy: '' }])]));
      const start = reports.get(r.id) ?? instantAfter(ctx, rng, addDays(r.decided_on, 300), r.created_at);

      /** A language's version 1: its sections saved at `created` (empty ones never saved), approved at `approvedAt`. */
      const version = (language: Language, created: string, approvedAt: string | null, filled: (id: string) => boolean) => {
        const id = rng.idAt(Date.parse(created));
        const content: SummaryContent = {};
        let saved = 0;
        for (const s of SUMMARY_SECTIONS) {
          const text = filled(s.id) ? (pairs[s.id]?.[language] ?? '') : '';
          content[s.id] = { text };
          if (text !== '') saved++;
          sections.push({
            version_id: id,
            section: s.id,
            text,
            revision: text === '' ? 0 : 1,
            changed_at: text === '' ? null : created,
            updated_by: writer,
            updated_at: created,
          });
        }
        const asOn = (approvedAt ?? created).slice(0, 10) as IsoDate;
        const figures: SummaryFigures | null = approvedAt ? figuresOf(tallies.get(r.id) ?? emptyTally(), recommendations.get(r.id) ?? [], asOn) : null;
        versions.push({
          id,
          review_id: r.id,
          language,
          version: 1,
          status: approvedAt ? 'approved' : 'draft',
          revision: saved,
          created_by: writer,
          created_at: created,
          updated_by: approvedAt ? approver : writer,
          updated_at: approvedAt ?? created,
          approved_by: approvedAt ? approver : null,
          approved_at: approvedAt,
          figures: figures ? JSON.stringify(figures) : null,
        });
        audit(created, writer, 'SUMMARY_SECTION_SAVED', { language, summaryVersion: 1, section: SUMMARY_SECTIONS[0]?.id ?? 'introduction', newVersion: true });
        if (approvedAt && figures) audit(approvedAt, approver, 'SUMMARY_APPROVED', { language, summaryVersion: 1, revision: saved, actions: figures.total });
        return { content, figures, approvedAt };
      };

      const enCreated = later(ctx, rng, start, 3, 20);
      const enApproved = stage >= FROM.approved ? later(ctx, rng, enCreated, 5, 25) : null;
      const en = version('en', enCreated, enApproved, () => enApproved !== null || rng.chance(0.8));
      // The Welsh: asked of a translator once the English is written (at board acceptance, about half already asked).
      let cy: ReturnType<typeof version> | null = null;
      if (enApproved || rng.chance(0.5)) {
        const requested = later(ctx, rng, enApproved ?? enCreated, 0, 5);
        const translationId = rng.idAt(Date.parse(requested));
        const dueOn = addDays(requested.slice(0, 10), 20);
        const written = enApproved ? later(ctx, rng, requested, 5, 20) : null;
        const cyApproved = written && (stage >= FROM.preparation || rng.chance(0.6)) ? later(ctx, rng, written, 2, 10) : null;
        const status = cyApproved ? 'returned' : written ? 'in_progress' : 'requested';
        translations.push({
          id: translationId,
          review_id: r.id,
          board_id: r.board_id,
          translator_name: 'Uned Gyfieithu’r Bwrdd',
          translator_email: 'cyfieithu@translation.example',
          agency_id: null,
          due_on: dueOn,
          note: null,
          status,
          version: status === 'requested' ? 1 : status === 'in_progress' ? 2 : 3,
          requested_by: writer,
          requested_at: requested,
          updated_by: writer,
          updated_at: cyApproved ?? written ?? requested,
        });
        audit(requested, writer, 'SUMMARY_TRANSLATION_REQUESTED', { translationId, dueOn, byAgency: false });
        if (written) {
          audit(written, writer, 'SUMMARY_TRANSLATION_UPDATED', { translationId, from: 'requested', to: 'in_progress' });
          cy = version('cy', written, cyApproved, () => true);
        }
        if (cyApproved) audit(cyApproved, writer, 'SUMMARY_TRANSLATION_UPDATED', { translationId, from: 'in_progress', to: 'returned' });
      }
      const last =
        [enCreated, enApproved, cy?.approvedAt]
          .filter((x): x is string => !!x)
          .sort()
          .at(-1) ?? enCreated;
      heads.push({
        review_id: r.id,
        board_id: r.board_id,
        en_latest: 1,
        en_approved: enApproved ? 1 : null,
        cy_latest: cy ? 1 : 0,
        cy_approved: cy?.approvedAt ? 1 : null,
        created_at: enCreated,
        updated_at: last,
      });

      // The anonymisation checks of both approved languages, once the review is in publication's preparation.
      if (stage < FROM.preparation || !cy?.approvedAt || !en.approvedAt) continue;
      const approve = stage > FROM.preparation || rng.chance(0.75);
      let after = cy.approvedAt;
      for (const [language, v] of [
        ['en', en],
        ['cy', cy],
      ] as const) {
        const doc = summaryDocument({ language, version: 1, content: v.content, figures: v.figures });
        const scanned = later(ctx, rng, after, 1, 10);
        const checkId = rng.idAt(Date.parse(scanned));
        const answered = approve || rng.chance(0.5);
        const answeredAt = answered ? later(ctx, rng, scanned, 0, 5) : null;
        const approvedAt = approve && answeredAt ? later(ctx, rng, answeredAt, 0, 3) : null;
        checks.push({
          id: checkId,
          review_id: r.id,
          board_id: r.board_id,
          document_kind: 'summary',
          language,
          document_version: 1,
          document_digest: documentDigest(doc),
          status: approvedAt ? 'approved' : 'open',
          checklist: answered
            ? JSON.stringify(Object.fromEntries(CHECKLIST.map((i) => [i.id, { answer: i.group === 'abuse' ? 'not_applicable' : 'checked', note: '' }])))
            : '{}',
          previous_check_id: null,
          scanned_by: ig,
          scanned_at: scanned,
          approved_by: approvedAt ? ig : null,
          approved_at: approvedAt,
          version: 1 + (answeredAt ? 1 : 0) + (approvedAt ? 1 : 0),
          created_at: scanned,
          updated_at: approvedAt ?? answeredAt ?? scanned,
        });
        audit(scanned, ig, 'ANONYMISATION_SCANNED', { checkId, kind: 'summary', language, documentVersion: 1, findings: 0, open: 0, rescan: false });
        if (answeredAt) audit(answeredAt, ig, 'ANONYMISATION_CHECKLIST_ANSWERED', { checkId, answered: CHECKLIST.length });
        if (approvedAt) audit(approvedAt, ig, 'ANONYMISATION_CHECK_APPROVED', { checkId, kind: 'summary', language, documentVersion: 1 });
        after = approvedAt ?? answeredAt ?? scanned;
      }
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'executive summaries', 'executive_summaries', heads);
      await ctx.insert(trx, 'executive summaries', 'executive_summary_versions', versions);
      await ctx.insert(trx, 'executive summaries', 'executive_summary_sections', sections);
      await ctx.insert(trx, 'executive summaries', 'executive_summary_translations', translations);
      await ctx.insert(trx, 'executive summaries', 'anonymisation_checks', checks);
    });
  },
};
