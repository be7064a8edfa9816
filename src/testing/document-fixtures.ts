// For the tests of the document pipeline: a document that uses every part of the document model (headings,
// paragraphs with emphasis, both kinds of list, a table with header rows, row headers and a caption, a figure
// with its text alternative) in English and in Welsh, and a referral decided through the real services.
import type { Services } from '../container.ts';
import type { DocumentModel } from '../domain/documents.ts';
import type { Language } from '../domain/organisation.ts';
import { callerWithRole, criteriaAnswers, referralInput } from './case-fixtures.ts';
import { seedBoard } from './fixtures.ts';

/** A bar chart of referrals and reviews, with text (Welsh letters included) drawn in the figure itself. */
export function sampleFigure(label = 'Atgyfeiriadau ac adolygiadau: ŵyr ŷd'): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 220" width="400" height="220">',
    '<rect x="0" y="0" width="400" height="220" fill="#ffffff"/>',
    `<text x="20" y="24" font-family="sans-serif" font-size="16" font-weight="bold">${label}</text>`,
    '<rect x="40" y="60" width="90" height="140" fill="#1d70b8"/>',
    '<rect x="180" y="150" width="90" height="50" fill="#d4351c"/>',
    '<line x1="20" y1="200" x2="380" y2="200" stroke="#0b0c0c" stroke-width="2"/>',
    '</svg>',
  ].join('');
}

const TEXT = {
  en: {
    title: 'Annual report: referrals and reviews',
    author: 'Teifi Valley Safeguarding Children Board',
    h1: 'Annual report',
    intro: [
      { text: 'This year the board received ' },
      { text: '14 referrals', strong: true },
      { text: ' and held ' },
      { text: 'three reviews', emphasis: true },
      { text: '; every decision was made within the target.' },
    ],
    h2: 'What we learned',
    bullets: ['Agencies shared information sooner.', 'Schools took part in every review.'],
    h3: 'What happens next',
    steps: ['Publish the reports.', 'Monitor the action plans.', 'Report to the board in March.'],
    caption: 'Referrals and reviews by quarter',
    head: ['Quarter', 'Referrals', 'Reviews'],
    body: [
      ['April to June', '4', '1'],
      ['July to September', '6', '1'],
      ['October to December', '4', '1'],
    ],
    alt: 'Bar chart: 14 referrals and 3 reviews this year.',
    figcaption: 'Figure 1: referrals and reviews',
    close: 'Questions about this report go to the business unit.',
  },
  cy: {
    title: 'Adroddiad blynyddol: atgyfeiriadau ac adolygiadau',
    author: 'Bwrdd Diogelu Plant Dyffryn Teifi',
    h1: 'Adroddiad blynyddol',
    intro: [
      { text: 'Eleni daeth ' },
      { text: '14 atgyfeiriad', strong: true },
      { text: ' i law’r bwrdd, a chynhaliwyd ' },
      { text: 'tri adolygiad', emphasis: true },
      { text: '; gwnaed pob penderfyniad o fewn y targed. Ŵyr ŷd.' },
    ],
    h2: 'Beth a ddysgwyd',
    bullets: ['Rhannodd yr asiantaethau wybodaeth yn gynt.', 'Cymerodd ysgolion ran ym mhob adolygiad.'],
    h3: 'Beth sy’n digwydd nesaf',
    steps: ['Cyhoeddi’r adroddiadau.', 'Monitro’r cynlluniau gweithredu.', 'Adrodd i’r bwrdd ym mis Mawrth.'],
    caption: 'Atgyfeiriadau ac adolygiadau fesul chwarter',
    head: ['Chwarter', 'Atgyfeiriadau', 'Adolygiadau'],
    body: [
      ['Ebrill i Fehefin', '4', '1'],
      ['Gorffennaf i Fedi', '6', '1'],
      ['Hydref i Ragfyr', '4', '1'],
    ],
    alt: 'Siart bar: 14 atgyfeiriad a 3 adolygiad eleni.',
    figcaption: 'Ffigur 1: atgyfeiriadau ac adolygiadau',
    close: 'Anfonwch gwestiynau am yr adroddiad hwn at yr uned fusnes.',
  },
} as const;

/** The sample document in a language. */
export function sampleDocument(language: Language): DocumentModel {
  const x = TEXT[language];
  return {
    meta: { title: x.title, language, author: x.author, subject: x.caption },
    blocks: [
      { type: 'heading', level: 1, text: x.h1 },
      { type: 'paragraph', runs: x.intro.map((r) => ({ ...r })) },
      { type: 'heading', level: 2, text: x.h2 },
      { type: 'list', ordered: false, items: [...x.bullets] },
      { type: 'heading', level: 3, text: x.h3 },
      { type: 'list', ordered: true, items: [...x.steps] },
      { type: 'table', caption: x.caption, head: [[...x.head]], body: x.body.map((row) => [...row]), rowHeaders: true },
      { type: 'figure', svg: sampleFigure(), alt: x.alt, caption: x.figcaption },
      { type: 'paragraph', runs: [{ text: x.close }] },
    ],
  };
}

/**
 * A board (CYSUR) whose chair has decided a referral (a review, CYSUR/2026/01), made through the real services:
 * the callers of each role, and the referral. The child's identity (name, date of birth, address) is distinctive,
 * so a test can look for it where it must not be.
 */
export async function decidedReferral(services: Services, opts: { rationale?: string } = {}) {
  const board = await seedBoard(services, 'CYSUR');
  const bu = await callerWithRole(services, 'business_unit', board.id, 'REFERRAL_CREATED');
  const member = await callerWithRole(services, 'management_group_member', board.id, 'CRITERIA_ASSESSED', { fullName: 'Meirion Aelod' });
  const groupChair = await callerWithRole(services, 'management_group_chair', board.id, 'RECOMMENDATION_SUBMITTED', { fullName: 'Carys Grŵp' });
  const chair = await callerWithRole(services, 'board_chair', board.id, 'DECISION_RECORDED', { fullName: 'Gwyn Cadeirydd' });
  const referral = await services.referrals.create(bu, referralInput(board.id, { child: CHILD }));
  const { framework } = await services.consideration.frameworkFor(member, referral.id);
  const answers = criteriaAnswers(framework);
  await services.consideration.recordAssessment(member, referral.id, { meetingId: null, answers });
  await services.consideration.submitRecommendation(groupChair, referral.id, {
    route: 'review',
    reviewType: framework.reviewersByType ? 'concise' : null,
    reasons: 'The statutory criteria are met.\nSeveral agencies knew the family.',
    dissent: null,
  });
  await services.consideration.recordDecision(chair, referral.id, {
    agreesWithRecommendation: true,
    route: null,
    reviewType: null,
    rationale: opts.rationale ?? 'I agree: the criteria are met. Ŵyr ŷd.',
    decidedOn: '2026-11-27',
  });
  return { board, referral, bu, member, groupChair, chair };
}

/** The child of decidedReferral: none of this may appear in a document. */
export const CHILD = { fullName: 'Elinor Quenby-Marsh', dateOfBirthOn: '2019-05-04', address: '17 Heol Quenby, Llanfairquenby', isDeceased: true };
