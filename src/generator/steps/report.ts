// The generated reviews' reports (issue 10 item 10): every review at its drafting stage or later has a report
// of its framework's sections (src/domain/reviews/report.ts) — a draft while drafting, submitted for QA at
// PANEL_QA, QA signed off at BOARD_ACCEPTANCE, accepted beyond — with one to four review recommendations
// (about one in five still without its target date while the report is not accepted: R4 refuses acceptance
// then) and, from QA on, a panel comment resolved by the author. The author and the panel's chair are the
// review's when a step before this one gave it them. Audit events as the service's.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays } from '../../domain/clock/dates.ts';
import { STAGE_IDS } from '../../domain/frameworks/index.ts';
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import { initialReport, RECOMMENDATIONS_SECTION, type ReportStatus, reportSections } from '../../domain/reviews/report.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn } from '../random.ts';

const DRAFTING = ['OVERVIEW_DRAFTING', 'REVIEWER_REPORT_DRAFTING'];
const TEXTS = [
  'Agencies each held part of the picture; no agency brought the concerns together.',
  'Practitioners were unsure how to raise a concern that did not meet the threshold for a referral.',
  'The child’s voice was recorded but not acted on when plans were reviewed.',
  'Information was shared promptly between health and children’s services.',
];
const RECOMMENDATIONS = [
  'Agencies agree how concerns below the threshold are shared, and with whom.',
  'Practitioners record the child’s own words and what the child wants to happen.',
  'Missed health appointments are shared with children’s services within a week.',
  'The board audits multi-agency referrals each quarter.',
];

/** The report's status for a review's stage (none before drafting). */
function statusFor(stage: string): ReportStatus | null {
  if (DRAFTING.includes(stage)) return 'draft';
  if (stage === 'PANEL_QA') return 'submitted';
  if (stage === 'BOARD_ACCEPTANCE') return 'qa_signed_off';
  const i = STAGE_IDS.indexOf(stage as (typeof STAGE_IDS)[number]);
  return i > STAGE_IDS.indexOf('BOARD_ACCEPTANCE') && !['WITHDRAWN', 'DECIDED_NOT_PROCEED', 'ALTERNATIVE_LEARNING'].includes(stage) ? 'accepted' : null;
}

export const reportStep: GeneratorStep = {
  id: 'review reports',
  tables: ['review_reports', 'review_report_versions', 'review_report_sections', 'review_report_comments', 'review_recommendations'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('report');
    const db = ctx.db.kysely;
    const reviews = await db
      .selectFrom('reviews as r')
      .innerJoin('referrals as f', 'f.id', 'r.referral_id')
      .select(['r.id', 'r.board_id', 'r.referral_id', 'r.framework_id', 'r.stage', 'r.decided_on', 'r.created_at'])
      .orderBy('r.id')
      .execute();
    const holders = new Map<string, string>();
    for (const row of await db
      .selectFrom('role_assignments')
      .select(['review_id', 'person_id', 'role'])
      .where('role', 'in', ['author', 'panel_chair', 'panel_member'])
      .where('review_id', 'is not', null)
      .execute())
      if (row.review_id) holders.set(`${row.review_id}:${row.role}`, row.person_id);
    const agencies = new Map<string, string[]>();
    for (const row of await db.selectFrom('referral_agencies').select(['referral_id', 'agency_id']).orderBy('referral_id').orderBy('agency_id').execute()) {
      const list = agencies.get(row.referral_id) ?? [];
      list.push(row.agency_id);
      agencies.set(row.referral_id, list);
    }

    const heads: Insertable<Database['review_reports']>[] = [];
    const versions: Insertable<Database['review_report_versions']>[] = [];
    const sections: Insertable<Database['review_report_sections']>[] = [];
    const comments: Insertable<Database['review_report_comments']>[] = [];
    const recommendations: Insertable<Database['review_recommendations']>[] = [];
    const at = (on: string, after: string) => {
      const day = on > ctx.asOf ? ctx.asOf : on;
      const instant = instantOn(rng, day);
      return instant < after ? after : instant;
    };
    for (const r of reviews) {
      const status = statusFor(r.stage.replace(/^ON_HOLD:/, ''));
      if (!status) continue;
      const author = holders.get(`${r.id}:author`) ?? null;
      const chair = holders.get(`${r.id}:panel_chair`) ?? null;
      const member = holders.get(`${r.id}:panel_member`) ?? chair;
      const frameworkId = r.framework_id as FrameworkId;
      const content = initialReport(frameworkId);
      for (const s of reportSections(frameworkId)) if (rng.chance(0.8)) content[s.id] = { text: rng.pick(TEXTS) };
      content[RECOMMENDATIONS_SECTION] = { text: 'The review recommendations follow, each with who is responsible and by when.' };
      const createdAt = at(addDays(r.decided_on, rng.int(60, 150)), r.created_at);
      const submittedAt = status !== 'draft' ? at(addDays(createdAt.slice(0, 10), rng.int(20, 60)), createdAt) : null;
      const qaAt = submittedAt && status !== 'submitted' ? at(addDays(submittedAt.slice(0, 10), rng.int(10, 30)), submittedAt) : null;
      const acceptedAt = qaAt && status === 'accepted' ? at(addDays(qaAt.slice(0, 10), rng.int(10, 40)), qaAt) : null;
      const id = rng.idAt(Date.parse(createdAt));
      const updatedAt = acceptedAt ?? qaAt ?? submittedAt ?? createdAt;
      versions.push({
        id,
        review_id: r.id,
        version: 1,
        status,
        revision: Object.keys(content).length,
        created_by: author,
        created_at: createdAt,
        updated_by: author,
        updated_at: updatedAt,
        submitted_by: submittedAt ? author : null,
        submitted_at: submittedAt,
        qa_by: qaAt ? chair : null,
        qa_at: qaAt,
        accepted_by: null,
        accepted_at: acceptedAt,
      });
      for (const [section, value] of Object.entries(content))
        sections.push({ version_id: id, section, content: JSON.stringify(value), revision: 1, updated_by: author, updated_at: createdAt });
      heads.push({
        review_id: r.id,
        board_id: r.board_id,
        latest_version: 1,
        submitted_version: submittedAt ? 1 : null,
        qa_version: qaAt ? 1 : null,
        accepted_version: acceptedAt ? 1 : null,
        created_at: createdAt,
        updated_at: updatedAt,
      });
      ctx.audit({
        id: rng.idAt(Date.parse(createdAt)),
        at: createdAt,
        actorId: author,
        action: 'REPORT_SECTION_SAVED',
        boardId: r.board_id,
        recordType: 'review',
        recordId: r.id,
        summary: { reportVersion: 1, section: RECOMMENDATIONS_SECTION, newVersion: true },
      });
      for (const [when, action] of [
        [submittedAt, 'REPORT_SUBMITTED'],
        [qaAt, 'REPORT_QA_SIGNED_OFF'],
        [acceptedAt, 'REPORT_ACCEPTED'],
      ] as const)
        if (when)
          ctx.audit({
            id: rng.idAt(Date.parse(when)),
            at: when,
            actorId: action === 'REPORT_SUBMITTED' ? author : action === 'REPORT_QA_SIGNED_OFF' ? chair : null,
            action,
            boardId: r.board_id,
            recordType: 'review',
            recordId: r.id,
            summary: { reportVersion: 1 },
          });
      if (submittedAt && member) {
        const commentAt = at(addDays(submittedAt.slice(0, 10), rng.int(1, 10)), submittedAt);
        comments.push({
          id: rng.idAt(Date.parse(commentAt)),
          review_id: r.id,
          version_id: id,
          section: reportSections(frameworkId)[0]?.id ?? 'process',
          text: 'Say when each agency first knew of the concern.',
          created_by: member,
          created_at: commentAt,
          resolved_by: qaAt ? author : null,
          resolved_at: qaAt,
        });
      }
      const count = rng.int(1, 4);
      const reviewAgencies = agencies.get(r.referral_id) ?? [];
      for (let n = 1; n <= count; n++) {
        // Until the board has accepted, about one in five still lacks its target date (R4 refuses acceptance).
        const dated = status === 'accepted' || status === 'qa_signed_off' ? true : !rng.chance(0.2);
        recommendations.push({
          id: rng.idAt(Date.parse(createdAt)),
          review_id: r.id,
          board_id: r.board_id,
          number: n,
          text: rng.pick(RECOMMENDATIONS),
          agency_id: reviewAgencies.length > 0 ? rng.pick(reviewAgencies) : null,
          person_id: null,
          responsible: 'Head of service',
          target_on: dated ? addDays(createdAt.slice(0, 10), rng.int(90, 365)) : null,
          revision: 0,
          created_by: author,
          created_at: createdAt,
          updated_by: author,
          updated_at: createdAt,
        });
      }
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'review reports', 'review_reports', heads);
      await ctx.insert(trx, 'review reports', 'review_report_versions', versions);
      await ctx.insert(trx, 'review reports', 'review_report_sections', sections);
      await ctx.insert(trx, 'review reports', 'review_report_comments', comments);
      await ctx.insert(trx, 'review reports', 'review_recommendations', recommendations);
    });
  },
};
