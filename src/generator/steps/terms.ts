// Terms of reference for the generated reviews (issue 10 item 3): every review past its decision has terms —
// version 1 a draft while the review is being scoped, approved once it has gone further, and for about a
// quarter a version 2 (approved when the review is well on, else a draft) that moved the timescales and added
// a line of enquiry. Sections as the service writes them (src/domain/reviews/terms.ts): the child's
// pseudonym, the framework's period (or 12 months where the framework sets none), the referral's agencies with
// the framework's form of contribution, and text. The approver is the review's panel chair when a step before
// this one gave the review one, else none. Audit events as the service's: a section saved, a version approved.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays, addMonths } from '../../domain/clock/dates.ts';
import { getFramework } from '../../domain/frameworks/index.ts';
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import { childPseudonym } from '../../domain/pseudonyms.ts';
import { initialTerms, type TermsContent } from '../../domain/reviews/terms.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn, type Random } from '../random.ts';

const STAGES_BEFORE_TERMS = ['DECIDED_PROCEED'];
const SCOPING = ['SCOPING'];

const PURPOSES = [
  'A statutory review to learn how agencies worked together with the child and family, and how practice can improve.',
  'To identify the learning for the agencies involved and for the board, and to make recommendations for practice.',
];
const LINES = [
  'How agencies shared information about the child',
  'How the child’s voice was heard and acted on',
  'How risk was assessed and reviewed',
  'How concerns were escalated between agencies',
  'How the family’s circumstances were understood',
  'Whether the child protection procedures were followed',
];

function content(rng: Random, frameworkId: FrameworkId, incidentOn: string, childNumber: number, agencyIds: string[]): TermsContent {
  const framework = getFramework(frameworkId);
  const base = initialTerms({ framework, incidentOn, pseudonym: childPseudonym(childNumber), agencyIds });
  const period = base.period.startOn ? base.period : { startOn: addMonths(incidentOn, -12), endOn: incidentOn };
  const lines = LINES.filter(() => rng.chance(0.6));
  return {
    ...base,
    purpose: { text: rng.pick(PURPOSES) },
    period,
    enquiry: { items: lines.length > 0 ? lines : [LINES[0] ?? 'How agencies worked together'] },
    methodology: {
      text:
        framework.id === 'SCR_2006'
          ? 'Individual management reviews from each agency, an integrated chronology and an overview report.'
          : 'Agencies’ timelines of significant events, a learning event with practitioners and a reviewer’s report.',
    },
    panel: { text: 'An independent chair and senior officers of the agencies involved, each with a statement of independence.' },
    family: { text: rng.chance(0.7) ? 'The family is invited to contribute, in the language they choose.' : '' },
    parallel: { text: rng.chance(0.4) ? 'Criminal proceedings are open: the chair liaises with the police and the CPS.' : '' },
    timescales: { text: `The report to the board within ${rng.pick(['six', 'nine', 'twelve'])} months of the decision.` },
    publication: { text: rng.chance(0.5) ? 'An anonymised report is published once any proceedings end.' : '' },
    expertise: { text: '' },
  };
}

export const termsStep: GeneratorStep = {
  id: 'terms of reference',
  tables: ['terms_of_reference', 'terms_of_reference_versions', 'terms_of_reference_sections'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('terms');
    const db = ctx.db.kysely;
    const reviews = await db
      .selectFrom('reviews as r')
      .innerJoin('referrals as f', 'f.id', 'r.referral_id')
      .select(['r.id', 'r.board_id', 'r.referral_id', 'r.framework_id', 'r.stage', 'r.decided_on', 'r.created_at', 'f.incident_on', 'f.child_number'])
      .orderBy('r.id')
      .execute();
    const agencies = new Map<string, string[]>();
    for (const row of await db.selectFrom('referral_agencies').select(['referral_id', 'agency_id']).orderBy('referral_id').orderBy('agency_id').execute()) {
      const list = agencies.get(row.referral_id) ?? [];
      list.push(row.agency_id);
      agencies.set(row.referral_id, list);
    }
    const chairs = new Map<string, string>();
    for (const row of await db
      .selectFrom('role_assignments')
      .select(['review_id', 'person_id'])
      .where('role', '=', 'panel_chair')
      .where('review_id', 'is not', null)
      .execute()) {
      if (row.review_id) chairs.set(row.review_id, row.person_id);
    }
    const businessUnits = new Map(ctx.state.boards.map((b) => [b.id, b.roles.get('business_unit') ?? []]));

    const heads: Insertable<Database['terms_of_reference']>[] = [];
    const versions: Insertable<Database['terms_of_reference_versions']>[] = [];
    const sections: Insertable<Database['terms_of_reference_sections']>[] = [];
    const at = (on: string, after: string) => {
      const day = on > ctx.asOf ? ctx.asOf : on;
      const instant = instantOn(rng, day);
      return instant < after ? after : instant;
    };
    for (const r of reviews) {
      const stage = r.stage.replace(/^ON_HOLD:/, '');
      if (STAGES_BEFORE_TERMS.includes(stage)) continue;
      const editor = rng.pick(businessUnits.get(r.board_id)?.length ? (businessUnits.get(r.board_id) as string[]) : [null]);
      const chair = chairs.get(r.id) ?? null;
      const v1 = content(rng, r.framework_id as FrameworkId, r.incident_on, Number(r.child_number), agencies.get(r.referral_id) ?? []);
      const createdAt = at(addDays(r.decided_on, rng.int(5, 25)), r.created_at);
      const approve1 = !SCOPING.includes(stage);
      const approvedAt1 = approve1 ? at(addDays(createdAt.slice(0, 10), rng.int(10, 40)), createdAt) : null;
      const second = approve1 && rng.chance(0.25);
      const list: { version: number; content: TermsContent; status: 'draft' | 'approved'; createdAt: string; approvedAt: string | null }[] = [
        { version: 1, content: v1, status: approve1 ? 'approved' : 'draft', createdAt, approvedAt: approvedAt1 },
      ];
      if (second && approvedAt1) {
        const v2: TermsContent = {
          ...v1,
          enquiry: { items: [...v1.enquiry.items, 'How the agencies’ own reviews were taken forward'] },
          timescales: { text: 'The report to the board within twelve months of the decision, after the criminal trial.' },
        };
        const created2 = at(addDays(approvedAt1.slice(0, 10), rng.int(30, 120)), approvedAt1);
        const approve2 = rng.chance(0.6);
        list.push({
          version: 2,
          content: v2,
          status: approve2 ? 'approved' : 'draft',
          createdAt: created2,
          approvedAt: approve2 ? at(addDays(created2.slice(0, 10), rng.int(7, 30)), created2) : null,
        });
      }
      for (const v of list) {
        const id = rng.idAt(Date.parse(v.createdAt));
        const updatedAt = v.approvedAt ?? v.createdAt;
        versions.push({
          id,
          review_id: r.id,
          version: v.version,
          status: v.status,
          revision: Object.keys(v.content).length,
          created_by: editor,
          created_at: v.createdAt,
          updated_by: editor,
          updated_at: updatedAt,
          approved_by: v.status === 'approved' ? chair : null,
          approved_at: v.approvedAt,
        });
        for (const [section, value] of Object.entries(v.content))
          sections.push({ version_id: id, section, content: JSON.stringify(value), revision: v.version, updated_by: editor, updated_at: v.createdAt });
        ctx.audit({
          id: rng.idAt(Date.parse(v.createdAt)),
          at: v.createdAt,
          actorId: editor,
          action: 'TERMS_OF_REFERENCE_SECTION_SAVED',
          boardId: r.board_id,
          recordType: 'review',
          recordId: r.id,
          summary: { termsVersion: v.version, section: 'purpose', newVersion: true },
        });
        if (v.approvedAt)
          ctx.audit({
            id: rng.idAt(Date.parse(v.approvedAt)),
            at: v.approvedAt,
            actorId: chair,
            action: 'TERMS_OF_REFERENCE_APPROVED',
            boardId: r.board_id,
            recordType: 'review',
            recordId: r.id,
            summary: { termsVersion: v.version, revision: Object.keys(v.content).length },
          });
      }
      const last = list.at(-1);
      const approved = [...list].reverse().find((v) => v.status === 'approved');
      heads.push({
        review_id: r.id,
        board_id: r.board_id,
        latest_version: last?.version ?? 1,
        approved_version: approved?.version ?? null,
        created_at: createdAt,
        updated_at: last?.approvedAt ?? last?.createdAt ?? createdAt,
      });
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'terms of reference', 'terms_of_reference', heads);
      await ctx.insert(trx, 'terms of reference', 'terms_of_reference_versions', versions);
      await ctx.insert(trx, 'terms of reference', 'terms_of_reference_sections', sections);
    });
  },
};
