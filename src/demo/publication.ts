// The demo's public pages (issue 13 items 5 and 7): two Child Practice Reviews at the board's acceptance (their
// reviewers' reports signed off by their panel's chair: src/demo/stages.ts) taken on through the services as the
// board would. The first is published: the chair accepts its report, the business unit adds an action for each
// review recommendation and the board accepts the plan at its last meeting; it is sent to the Welsh Government and
// its publication prepared — the learning identified, the executive summary written and approved in English and
// Welsh, each language's anonymisation check approved by information governance, the family told, the welfare
// check recorded, the decision approved by the chair — and released by the publication job at its embargo's time
// (the decision is recorded as if two days ago, so the time has come). The second is held for criminal proceedings
// with the hold shown to the public ("Publication delayed: parallel proceedings"). The SUSR blocked by an open
// anonymisation finding (src/demo/anonymisation.ts) stays as it is. Run once: a review moved on already is left.
import type { Services } from '../container.ts';
import { lastBoardMeeting } from '../db/repositories/board-meetings-repository.ts';
import { findReportHead } from '../db/repositories/report-repository.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addDays } from '../domain/clock/dates.ts';
import type { Agency, Language } from '../domain/organisation.ts';
import { CHECKLIST } from '../domain/publication/checklist.ts';
import { type Caller, clockFrom } from '../services/context.ts';
import { PublicationService } from '../services/publication/publication-service.ts';
import { openPublicationGates } from './publication-gates.ts';

const as = (caller: Caller, action: AuditAction): Caller => ({ ...caller, action });
const DAY = 86_400_000;

const TEXT: Record<string, Record<Language, string>> = {
  introduction: {
    en: 'The board held a Child Practice Review after a child was seriously injured at home. Independent reviewers led it with a panel of the agencies involved.',
    cy: 'Cynhaliodd y bwrdd Adolygiad Ymarfer Plant ar ôl i blentyn gael ei anafu’n ddifrifol gartref. Arweiniodd adolygwyr annibynnol yr adolygiad gyda phanel o’r asiantaethau dan sylw.',
  },
  people: {
    en: 'The panel chair, two independent reviewers, and senior managers from health, children’s services and the police.',
    cy: 'Cadeirydd y panel, dau adolygydd annibynnol, ac uwch reolwyr o’r maes iechyd, gwasanaethau plant a’r heddlu.',
  },
  parallel_processes: { en: 'There were no parallel proceedings.', cy: 'Nid oedd achosion cyfochrog.' },
  events: {
    en: 'Over a year, agencies had contact with the family many times. Each recorded concerns that were not brought together.',
    cy: 'Dros flwyddyn, bu asiantaethau mewn cysylltiad â’r teulu droeon. Cofnododd pob un bryderon na chawsant eu dwyn ynghyd.',
  },
  key_issues: {
    en: 'Information was not shared at the first concern, and no single plan brought the agencies’ work together.',
    cy: 'Ni rannwyd gwybodaeth ar y pryder cyntaf, ac nid oedd un cynllun yn dwyn gwaith yr asiantaethau ynghyd.',
  },
  learning: {
    en: 'Agencies must share information on the day a concern arises and agree one plan for a family.',
    cy: 'Rhaid i asiantaethau rannu gwybodaeth ar y diwrnod y mae pryder yn codi a chytuno ar un cynllun i deulu.',
  },
  recommendations: {
    en: 'Share a concern with children’s services on the day it arises; agree a single plan with one lead professional.',
    cy: 'Rhannu pryder gyda gwasanaethau plant ar y diwrnod y mae’n codi; cytuno ar un cynllun gydag un gweithiwr proffesiynol arweiniol.',
  },
  actions_taken: {
    en: 'Every partner agency now records the day it shares a concern. A lead professional is named at every multi-agency meeting.',
    cy: 'Mae pob asiantaeth bartner bellach yn cofnodi’r diwrnod y mae’n rhannu pryder. Enwir gweithiwr proffesiynol arweiniol ym mhob cyfarfod amlasiantaethol.',
  },
  impact: {
    en: 'An audit found nine in ten concerns shared on the same day, up from four in ten.',
    cy: 'Canfu archwiliad fod naw o bob deg pryder wedi’u rhannu ar yr un diwrnod, o gymharu â phedwar o bob deg.',
  },
  further_actions: {
    en: 'The board will audit again in six months and report progress at each of its meetings.',
    cy: 'Bydd y bwrdd yn archwilio eto ymhen chwe mis ac yn adrodd ar gynnydd ym mhob un o’i gyfarfodydd.',
  },
};

/** The review's report accepted, an action for each review recommendation, the plan accepted, and the moves to publication preparation. */
async function toPublicationPreparation(
  services: Services,
  scope: { boardId: string; reviewId: string },
  agencies: readonly Agency[],
  bu: Caller,
  chair: Caller,
) {
  const head = await findReportHead(services.db.kysely, scope.reviewId);
  if (head?.qaVersion == null) return false;
  if (head.acceptedVersion == null) await services.report.accept(as(chair, 'REPORT_ACCEPTED'), scope.boardId, scope.reviewId, { version: head.qaVersion });
  const plan = await services.actionPlans.plan(as(bu, 'ACTION_PLAN_VIEWED'), scope);
  const today = services.clock.today();
  for (const r of plan.recommendations)
    await services.actionPlans.addAction(as(bu, 'ACTION_ADDED'), scope, r.id, {
      action: 'Record the day each concern is shared, and audit it every quarter (demo).',
      leadAgencyId: agencies.find((a) => a.nameEn === 'Teifi Valley Police')?.id ?? '',
      supportingAgencyIds: [],
      ownerName: 'Rhodri Owen',
      ownerEmail: 'rhodri.owen@teifi.example',
      ownerLanguage: 'en',
      targetOn: addDays(today, 180),
      successMeasure: 'Every concern shared the same day (demo).',
      completionEvidence: 'The quarterly audit (demo).',
      impactMeasure: 'A re-audit after six months (demo).',
    });
  const meeting = await lastBoardMeeting(services.db.kysely, scope.boardId, today);
  if (!meeting) return false;
  await services.actionPlans.accept(as(chair, 'ACTION_PLAN_ACCEPTED'), scope, { meetingId: meeting.id });
  for (const event of ['submit_to_welsh_government', 'prepare_publication'])
    await services.reviews.move(as(bu, 'REVIEW_MOVED'), scope.boardId, scope.reviewId, { event, reason: 'Moved on by the business unit (demo).' });
  return true;
}

/** Every gate of the published review opened through the services (as the test fixture openEveryGate does). */
async function openGates(services: Services, scope: { boardId: string; reviewId: string }, bu: Caller, ig: Caller) {
  const [event] = await services.db.kysely.selectFrom('learning_events').select('id').where('review_id', '=', scope.reviewId).execute();
  if (event) {
    await services.learningEvents.addPoint(as(bu, 'LEARNING_POINT_RECORDED'), scope, event.id, {
      theme: 'information_sharing',
      text: 'Practitioners did not know what the other agencies had recorded (demo).',
      agencyIds: [],
    });
    await services.learningEvents.addPoint(as(bu, 'LEARNING_POINT_RECORDED'), scope, event.id, {
      theme: 'multi_agency_working',
      text: 'No single plan brought the agencies’ work together (demo).',
      agencyIds: [],
    });
  }
  await openPublicationGates(services, scope, bu, ig, {
    section: (id, language) => TEXT[id]?.[language] ?? '',
    acceptReason: 'Reviewed by information governance: it does not identify the child or the family (demo).',
    answers: Object.fromEntries(CHECKLIST.map((i) => [i.id, { answer: i.group === 'abuse' ? 'not_applicable' : 'checked', note: '' }])),
    familyMember: { fullName: 'Demo Mother Ffug', relationship: 'Mother', language: 'cy' },
  });
}

const decision = (releaseDate: string, showHold: boolean) => ({
  choice: 'summary',
  reasons: 'The learning should be shared across the region; the family agree (demo).',
  releaseDate,
  releaseTime: '09:30',
  pressStatementEn: 'The board publishes the executive summary of a Child Practice Review (demo).',
  pressStatementCy: 'Mae’r bwrdd yn cyhoeddi crynodeb gweithredol Adolygiad Ymarfer Plant (demo).',
  briefingEn: '',
  briefingCy: '',
  showHold,
  withdrawAfterMonths: '',
  revision: 0,
});

/** Seeds both; how many reviews it moved on (0 when there are no such reviews or they were moved on already). */
export async function seedDemoPublication(
  services: Services,
  boardId: string,
  agencies: readonly Agency[],
  bu: Caller,
  chair: Caller,
  ig: Caller,
): Promise<number> {
  const { items } = await services.reviews.list(as(bu, 'REVIEWS_LISTED'), boardId, { stages: ['BOARD_ACCEPTANCE'], frameworkIds: ['CPR_2016'] });
  const [published, held] = [...items].sort((a, b) => a.reference.localeCompare(b.reference));
  let moved = 0;
  if (published) {
    const scope = { boardId, reviewId: published.id };
    if (await toPublicationPreparation(services, scope, agencies, bu, chair)) {
      await openGates(services, scope, bu, ig);
      // The decision as the board recorded it two days ago, for release yesterday morning: the job releases it now.
      const twoDaysAgo = new Date(services.clock.now().getTime() - 2 * DAY);
      const past = new PublicationService({
        db: services.db,
        clock: clockFrom(() => twoDaysAgo),
        audit: services.audit,
        cipher: services.cipher,
        mail: services.mail,
        publicUrl: () => services.config.publicBase,
      });
      await past.decide(as(bu, 'PUBLICATION_DECIDED'), scope, decision(addDays(services.clock.today(), -1), false));
      await past.recordWelfareCheck(as(bu, 'PUBLICATION_WELFARE_CHECKED'), scope, {
        checkedOn: addDays(services.clock.today(), -2),
        note: 'The child’s siblings are safe and settled (demo).',
        revision: 1,
      });
      await past.approve(as(chair, 'PUBLICATION_APPROVED'), scope, { revision: 1 });
      await services.publication.runDue();
      moved++;
    }
  }
  if (held) {
    const scope = { boardId, reviewId: held.id };
    if (await toPublicationPreparation(services, scope, agencies, bu, chair)) {
      await services.publication.decide(as(bu, 'PUBLICATION_DECIDED'), scope, decision(addDays(services.clock.today(), 60), true));
      await services.publication.hold(as(bu, 'PUBLICATION_HELD'), scope, {
        reason: 'Criminal proceedings against a parent are open; the Crown Prosecution Service asked the board to wait for the trial (demo).',
        recheckOn: addDays(services.clock.today(), 30),
        revision: 1,
      });
      moved++;
    }
  }
  return moved;
}
