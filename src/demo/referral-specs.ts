import type { FrameworkId } from '../domain/frameworks/types.ts';
import type { AbuseOrNeglect, ChildPeriodKind, IncidentType, LearningRoute, ProceedingType, ReferralStatus } from '../domain/referrals/referral.ts';
import type { HoldReason } from '../domain/reviews/review.ts';
import type { ReferralInput } from '../services/referral-service.ts';

/** How far a demo referral goes. */
export type Step = 'referred' | 'on_agenda' | 'analysed' | 'recommended' | 'decided';

export const STEP_ORDER: readonly Step[] = ['referred', 'on_agenda', 'analysed', 'recommended', 'decided'];

export interface DemoReferralSpec {
  step: Step;
  /** Who records it: the business unit, or a referrer in a partner agency. */
  recordedBy: 'business_unit' | 'agency_referrer';
  referringAgency: string | null;
  /** Someone without an account, emailed the decision; null: the person recording it (the agency referrer). */
  referrerName: string | null;
  referrerEmail?: string;
  referrerRole: string;
  /** Days before today. */
  incidentDaysAgo: number;
  receivedDaysAgo: number;
  incidentType: IncidentType;
  abuseOrNeglect: AbuseOrNeglect;
  initialFacts: string;
  /** Fictional, and obviously so: these are restricted details only some roles see. */
  child: { fullName: string; dateOfBirthOn: string; address: string; isDeceased: boolean };
  agenciesInvolved: string[];
  familyMembers?: ReferralInput['familyMembers'];
  periods?: { kind: ChildPeriodKind; startDaysAgo: number; endDaysAgo: number | null }[];
  proceedings?: { proceedingType: ProceedingType; liaisonContact: string }[];
  recommendation?: { route: LearningRoute; reasons: string; dissent: string | null };
  decision?: { rationale: string };
  /** The framework the group assesses against, when not the statutory one (the board runs it too). */
  frameworkId?: FrameworkId;
  /** The review's moves after the decision, by the business unit (issue 10: stages, a hold with its reason). */
  reviewMoves?: { event: string; reason?: string; holdReason?: HoldReason }[];
}

const COUNCIL = 'Teifi County Council Children’s Services';
const EDUCATION = 'Teifi County Council Education Service';
const POLICE = 'Teifi Valley Police';
const HEALTH = 'Teifi Valley University Health Board';
const HOUSING = 'Cartrefi Teifi Housing Association';
const FAMILY_SUPPORT = 'Teifi Family Support Trust';

/** The statutory (SUSR) path's moves, in order, from the decision to the board's acceptance. */
const SUSR_PATH: readonly string[] = [
  'notify_welsh_government',
  'start_scoping',
  'start_timeline',
  'engage_family',
  'hold_learning_event',
  'draft_reviewer_report',
  'submit_to_panel',
  'submit_to_board',
];
/** One review per stage: the first at DECIDED_PROCEED (no move), the last at BOARD_ACCEPTANCE (every move). */
const SUSR_NAMES = ['Alaw', 'Bedwyr', 'Catrin', 'Deiniol', 'Efa', 'Gethin', 'Heledd', 'Iolo', 'Lowri'];
/** The Serious Case Review path's moves to drafting the overview report. */
const SCR_PATH = ['start_scoping', 'request_agency_reports', 'receive_agency_reports', 'draft_overview_report'];
const SCR_PATH_TO = ['receive_agency_reports', 'draft_overview_report'];
const SCR_NAMES = ['Mabon', 'Nia'];
/** The Child Practice Review path's moves to the board's acceptance (issue 13 item 5: one published, one held). */
const CPR_PATH = ['start_scoping', 'start_timeline', 'engage_family', 'hold_learning_event', 'draft_reviewer_report', 'submit_to_panel', 'submit_to_board'];
const CPR_NAMES = ['Mererid', 'Rhun'];

/** A demo referral decided for a review that is then moved along its path (each move with a reason: demo). */
function stageSpec(o: { name: string; dateOfBirthOn: string; moves: readonly string[]; frameworkId?: FrameworkId }): DemoReferralSpec {
  return {
    step: 'decided',
    recordedBy: 'business_unit',
    referringAgency: HEALTH,
    referrerName: 'Safeguarding lead (demo)',
    referrerEmail: 'safeguarding.lead@example.org',
    referrerRole: 'Safeguarding children team',
    incidentDaysAgo: 30,
    receivedDaysAgo: 28,
    incidentType: 'life_threatening_injury',
    abuseOrNeglect: 'suspected',
    initialFacts: `A child was seriously injured at home and abuse is suspected. Several agencies knew the family (demo, ${o.name}).`,
    child: {
      fullName: `Demo Child ${o.name} Ffug`,
      dateOfBirthOn: o.dateOfBirthOn,
      address: `${o.name.length} Stryd Ffug, Tref Ffug (fictional)`,
      isDeceased: false,
    },
    agenciesInvolved: [HEALTH, COUNCIL, POLICE],
    recommendation: {
      route: 'review',
      reasons: 'The criteria for a review are met: a child was seriously harmed and abuse is suspected.',
      dissent: null,
    },
    decision: { rationale: 'I agree: a review will be held.' },
    ...(o.frameworkId ? { frameworkId: o.frameworkId } : {}),
    reviewMoves: o.moves.map((event) => ({ event, reason: 'Moved on by the business unit (demo).' })),
  };
}

export const DEMO_REFERRALS: readonly DemoReferralSpec[] = [
  {
    step: 'referred',
    recordedBy: 'agency_referrer',
    referringAgency: EDUCATION,
    referrerName: null,
    referrerRole: 'Designated safeguarding lead',
    incidentDaysAgo: 5,
    receivedDaysAgo: 3,
    incidentType: 'life_threatening_injury',
    abuseOrNeglect: 'suspected',
    initialFacts:
      'A pupil was admitted to hospital with a head injury after a weekend at home. Staff had raised concerns about bruising twice this term. The police are making enquiries.',
    child: { fullName: 'Demo Child Seren Ffug', dateOfBirthOn: '2016-03-09', address: '1 Stryd Ffug, Tref Ffug (fictional)', isDeceased: false },
    agenciesInvolved: [EDUCATION, HEALTH, POLICE],
  },
  {
    step: 'analysed',
    recordedBy: 'business_unit',
    referringAgency: HEALTH,
    referrerName: 'Named nurse (demo)',
    referrerEmail: 'named.nurse@example.org',
    referrerRole: 'Named nurse, safeguarding',
    incidentDaysAgo: 16,
    receivedDaysAgo: 14,
    incidentType: 'serious_permanent_impairment',
    abuseOrNeglect: 'suspected',
    initialFacts:
      'An infant was found to have a brain injury that is expected to cause lasting impairment. The explanation given does not account for the injury. A child protection enquiry is under way.',
    child: { fullName: 'Demo Child Cai Ffug', dateOfBirthOn: '2025-06-14', address: '2 Lôn Ffug, Pentref Ffug (fictional)', isDeceased: false },
    agenciesInvolved: [HEALTH, COUNCIL, POLICE],
    familyMembers: [
      {
        relationship: 'Mother',
        isSignificantPerson: true,
        language: 'cy',
        fullName: 'Demo Parent Mari Ffug',
        contactDetails: 'Known to children’s services (fictional)',
      },
    ],
    proceedings: [{ proceedingType: 'family_court', liaisonContact: 'Council legal team (demo)' }],
  },
  {
    step: 'recommended',
    recordedBy: 'business_unit',
    referringAgency: COUNCIL,
    referrerName: 'Team manager (demo)',
    referrerEmail: 'team.manager@example.org',
    referrerRole: 'Team manager, child protection',
    incidentDaysAgo: 20,
    receivedDaysAgo: 18,
    incidentType: 'life_threatening_injury',
    abuseOrNeglect: 'known',
    initialFacts:
      'A teenager on the child protection register was seriously assaulted by an adult known to the family. Several agencies had contact with the family in the previous year.',
    child: { fullName: 'Demo Child Elis Ffug', dateOfBirthOn: '2010-11-02', address: '3 Heol Ffug, Tref Ffug (fictional)', isDeceased: false },
    agenciesInvolved: [COUNCIL, POLICE, EDUCATION, HOUSING],
    periods: [{ kind: 'child_protection_register', startDaysAgo: 300, endDaysAgo: null }],
    proceedings: [{ proceedingType: 'criminal', liaisonContact: 'Senior investigating officer (demo)' }],
    recommendation: {
      route: 'review',
      reasons:
        'The criteria for a statutory review are met: the child was on the child protection register and abuse is known. There is learning about how agencies shared information.',
      dissent: 'The police member thought a multi-agency professional forum would draw out the learning sooner, while the criminal case continues.',
    },
  },
  {
    step: 'decided',
    recordedBy: 'business_unit',
    referringAgency: POLICE,
    referrerName: 'Detective inspector (demo)',
    referrerEmail: 'detective.inspector@example.org',
    referrerRole: 'Public protection unit',
    incidentDaysAgo: 24,
    receivedDaysAgo: 22,
    incidentType: 'death',
    abuseOrNeglect: 'suspected',
    initialFacts:
      'A young child died at home. The post-mortem found injuries of different ages. The family had recently moved into the area and were known to health visiting.',
    child: { fullName: 'Demo Child Nel Ffug', dateOfBirthOn: '2023-01-20', address: '4 Ffordd Ffug, Tref Ffug (fictional)', isDeceased: true },
    agenciesInvolved: [POLICE, HEALTH, COUNCIL, HOUSING],
    periods: [{ kind: 'looked_after', startDaysAgo: 700, endDaysAgo: 500 }],
    proceedings: [
      { proceedingType: 'criminal', liaisonContact: 'Crown Prosecution Service (demo)' },
      { proceedingType: 'inquest', liaisonContact: 'Coroner’s officer (demo)' },
    ],
    recommendation: {
      route: 'review',
      reasons: 'The child died and abuse or neglect is suspected: the criteria for a statutory review are met.',
      dissent: null,
    },
    decision: { rationale: 'I agree with the management group: the criteria are met and a review will be held.' },
    reviewMoves: [
      {
        event: 'hold',
        holdReason: 'criminal_proceedings',
        reason: 'The Crown Prosecution Service asked that agencies’ staff are not interviewed before the criminal trial (demo).',
      },
    ],
  },
  {
    step: 'decided',
    recordedBy: 'business_unit',
    referringAgency: FAMILY_SUPPORT,
    referrerName: 'Project worker (demo)',
    referrerEmail: 'project.worker@example.org',
    referrerRole: 'Family support worker',
    incidentDaysAgo: 26,
    receivedDaysAgo: 25,
    incidentType: 'other_harm',
    abuseOrNeglect: 'not_suspected',
    initialFacts:
      'A child was harmed in an accident at home while the family was waiting for a housing adaptation. No abuse or neglect is suspected, but agencies want to learn from the delays.',
    child: { fullName: 'Demo Child Osian Ffug', dateOfBirthOn: '2018-08-30', address: '5 Rhodfa Ffug, Pentref Ffug (fictional)', isDeceased: false },
    agenciesInvolved: [FAMILY_SUPPORT, HOUSING, COUNCIL],
    recommendation: {
      route: 'multi_agency_professional_forum',
      reasons: 'The criteria for a statutory review are not met. A multi-agency professional forum can look at the housing adaptation delays.',
      dissent: null,
    },
    decision: { rationale: 'I agree: a multi-agency professional forum is the right way to learn from this case.' },
  },
  {
    step: 'on_agenda',
    recordedBy: 'business_unit',
    referringAgency: COUNCIL,
    referrerName: 'Duty manager (demo)',
    referrerEmail: 'duty.manager@example.org',
    referrerRole: 'Duty and assessment team',
    incidentDaysAgo: 70,
    receivedDaysAgo: 63,
    incidentType: 'serious_permanent_impairment',
    abuseOrNeglect: 'suspected',
    initialFacts:
      'A child suffered a serious burn that has left lasting damage. The management group deferred its analysis while medical reports are awaited, and the decision is now overdue.',
    child: { fullName: 'Demo Child Tomos Ffug', dateOfBirthOn: '2019-04-11', address: '6 Maes Ffug, Tref Ffug (fictional)', isDeceased: false },
    agenciesInvolved: [COUNCIL, HEALTH],
  },
  {
    step: 'decided',
    recordedBy: 'business_unit',
    referringAgency: HEALTH,
    referrerName: 'Named nurse for safeguarding (demo)',
    referrerEmail: 'named.nurse@example.org',
    referrerRole: 'Safeguarding children team',
    incidentDaysAgo: 40,
    receivedDaysAgo: 38,
    incidentType: 'life_threatening_injury',
    abuseOrNeglect: 'known',
    initialFacts:
      'A baby was admitted with a head injury that the hospital judged non-accidental. The family had missed several health appointments and were known to children’s services.',
    child: { fullName: 'Demo Child Cai Ffug', dateOfBirthOn: '2025-09-14', address: '7 Lôn Ffug, Tref Ffug (fictional)', isDeceased: false },
    agenciesInvolved: [HEALTH, COUNCIL, POLICE],
    recommendation: {
      route: 'review',
      reasons: 'The criteria for a Serious Case Review are met: a child was seriously harmed and abuse is known.',
      dissent: null,
    },
    decision: { rationale: 'I agree: a Serious Case Review will be held under the board’s 2006 procedures.' },
    frameworkId: 'SCR_2006',
    reviewMoves: [
      { event: 'start_scoping', reason: 'Panel convened and terms of reference being drafted (demo).' },
      { event: 'request_agency_reports', reason: 'Individual management reviews requested from health, children’s services and police (demo).' },
    ],
  },
  {
    step: 'decided',
    recordedBy: 'business_unit',
    referringAgency: COUNCIL,
    referrerName: 'Head of service (demo)',
    referrerEmail: 'head.of.service@example.org',
    referrerRole: 'Children’s services',
    incidentDaysAgo: 33,
    receivedDaysAgo: 31,
    incidentType: 'serious_permanent_impairment',
    abuseOrNeglect: 'suspected',
    initialFacts: 'A child was left with a lasting injury after a period of neglect. Several agencies had raised concerns that were not shared at the time.',
    child: { fullName: 'Demo Child Mali Ffug', dateOfBirthOn: '2016-03-05', address: '8 Stryd Ffug, Pentref Ffug (fictional)', isDeceased: false },
    agenciesInvolved: [COUNCIL, EDUCATION, HEALTH],
    recommendation: {
      route: 'review',
      reasons: 'The criteria for a Serious Case Review are met: serious and permanent impairment, and neglect is suspected.',
      dissent: null,
    },
    decision: { rationale: 'I agree: a Serious Case Review will be held.' },
    frameworkId: 'SCR_2006',
    reviewMoves: [{ event: 'start_scoping', reason: 'Independent chair being appointed (demo).' }],
  },
  // Issue 10 item 11: reviews at each stage the review's path reaches today, appended so the children's codes
  // and review references above keep theirs. The statutory reviews (SUSR) from the decision to the board's
  // acceptance; two Serious Case Reviews with their agencies' reports received and the overview being drafted.
  // What each gate needs is done before its move (src/demo/stages.ts).
  ...SUSR_NAMES.map((name, i) =>
    stageSpec({
      name,
      dateOfBirthOn: `201${i}-0${(i % 9) + 1}-1${i}`,
      moves: SUSR_PATH.slice(0, i),
    }),
  ),
  ...SCR_PATH_TO.map((last, i) =>
    stageSpec({
      name: SCR_NAMES[i] ?? 'Nia',
      dateOfBirthOn: `2015-1${i}-2${i}`,
      moves: SCR_PATH.slice(0, SCR_PATH.indexOf(last) + 1),
      frameworkId: 'SCR_2006',
    }),
  ),
  // Issue 13 item 5: two Child Practice Reviews at the board's acceptance, taken on to publication by
  // src/demo/publication.ts — the first published on the public pages, the second held for criminal proceedings.
  ...CPR_NAMES.map((name, i) => stageSpec({ name, dateOfBirthOn: `2017-0${i + 2}-0${i + 3}`, moves: CPR_PATH, frameworkId: 'CPR_2016' })),
];

/** What each step leaves behind: the referral's status. */
export const DEMO_STEP_STATUS: Record<Step, ReferralStatus[]> = {
  referred: ['referred'],
  on_agenda: ['under_consideration'],
  analysed: ['under_consideration'],
  recommended: ['recommended_to_chair'],
  decided: ['decided_proceed', 'decided_not_proceed'],
};
