// The demo's executive summary (issue 13 item 3): on the SUSR at board acceptance (the review next to be
// published), the English written and approved, a translator asked for the Welsh, the request recorded as in
// progress then returned, the Welsh entered and approved — each language approved separately, the action plan's
// figures frozen with each — so the publication decision (item 4) can publish it. Made through the services as the
// business unit, so versioned and audited like any other. A review with an approved summary is left as it is (the
// demo can be run again). The text names people only by their published terms.
import type { Services } from '../container.ts';
import { addDays } from '../domain/clock/dates.ts';
import type { Language } from '../domain/organisation.ts';
import { SUMMARY_SECTIONS } from '../domain/publication/summary.ts';
import type { Caller } from '../services/context.ts';
import { summaryApproval } from '../services/publication/summary-publishable.ts';

const TEXT: Record<string, Record<Language, string>> = {
  introduction: {
    en: 'The board commissioned a Single Unified Safeguarding Review after Child A suffered serious harm. Independent reviewers led the review with a panel of the agencies involved; Child A’s family met the reviewers twice.',
    cy: 'Comisiynodd y bwrdd Adolygiad Diogelu Unedig Sengl ar ôl i Blentyn A ddioddef niwed difrifol. Arweiniodd adolygwyr annibynnol yr adolygiad gyda phanel o’r asiantaethau a fu’n rhan ohono; cyfarfu teulu Plentyn A â’r adolygwyr ddwywaith.',
  },
  people: {
    en: 'The board chair; the independent panel chair; two independent reviewers; senior managers from the police, health, education and children’s services.',
    cy: 'Cadeirydd y bwrdd; cadeirydd annibynnol y panel; dau adolygydd annibynnol; uwch reolwyr o’r heddlu, iechyd, addysg a gwasanaethau plant.',
  },
  parallel_processes: {
    en: 'A criminal investigation ran alongside the review. The review agreed its timetable with the police so that no witness was approached before the investigation allowed.',
    cy: 'Roedd ymchwiliad troseddol yn digwydd ochr yn ochr â’r adolygiad. Cytunodd yr adolygiad ar ei amserlen gyda’r heddlu fel na chysylltwyd ag unrhyw dyst cyn i’r ymchwiliad ganiatáu hynny.',
  },
  events: {
    en: 'Over eighteen months, agencies in Town 1 had contact with Child A and the family on many occasions. Concerns were recorded by each agency but were not brought together.',
    cy: 'Dros ddeunaw mis, bu asiantaethau yn Nhref 1 mewn cysylltiad â Phlentyn A a’r teulu droeon. Cofnododd pob asiantaeth bryderon ond ni chawsant eu dwyn ynghyd.',
  },
  key_issues: {
    en: 'Information was not shared at the first concern; referrals after domestic abuse call-outs were not made on the same day; the voice of the child was not heard.',
    cy: 'Ni rannwyd gwybodaeth ar y pryder cyntaf; ni wnaed atgyfeiriadau ar yr un diwrnod ar ôl galwadau cam-drin domestig; ni chlywyd llais y plentyn.',
  },
  learning: {
    en: 'Agencies must share information at the first concern and check what others know before deciding that a threshold is not met.',
    cy: 'Rhaid i asiantaethau rannu gwybodaeth ar y pryder cyntaf a gwirio beth mae eraill yn ei wybod cyn penderfynu nad yw trothwy wedi’i gyrraedd.',
  },
  recommendations: {
    en: 'The review made recommendations on information sharing, same-day referrals and hearing the voice of the child; the board added its own on auditing referrals.',
    cy: 'Gwnaeth yr adolygiad argymhellion ar rannu gwybodaeth, atgyfeiriadau ar yr un diwrnod a chlywed llais y plentyn; ychwanegodd y bwrdd ei argymhelliad ei hun ar archwilio atgyfeiriadau.',
  },
  actions_taken: {
    en: 'The police now refer to children’s services on the same day after every domestic abuse call-out. Training on information sharing has been delivered to front-line staff in every partner agency.',
    cy: 'Mae’r heddlu bellach yn atgyfeirio at wasanaethau plant ar yr un diwrnod ar ôl pob galwad cam-drin domestig. Mae hyfforddiant ar rannu gwybodaeth wedi’i ddarparu i staff rheng flaen ym mhob asiantaeth bartner.',
  },
  impact: {
    en: 'An audit found every referral in the last quarter made on the same day. Practitioners report that they check with other agencies before closing a case.',
    cy: 'Canfu archwiliad fod pob atgyfeiriad yn y chwarter diwethaf wedi’i wneud ar yr un diwrnod. Mae ymarferwyr yn dweud eu bod yn gwirio gydag asiantaethau eraill cyn cau achos.',
  },
  further_actions: {
    en: 'The board will re-audit referrals in six months and will report progress on the remaining actions at each of its meetings until all are complete.',
    cy: 'Bydd y bwrdd yn archwilio atgyfeiriadau eto ymhen chwe mis a bydd yn adrodd ar gynnydd y camau gweithredu sy’n weddill ym mhob un o’i gyfarfodydd nes bydd y cyfan wedi’u cwblhau.',
  },
};

/** Seeds the summary; whether it was made (false when there is no such review or it has an approved summary already). */
export async function seedDemoSummary(services: Services, boardId: string, businessUnit: Caller): Promise<boolean> {
  const as = (action: Caller['action']): Caller => ({ ...businessUnit, action });
  const { items } = await services.reviews.list(as('REVIEWS_LISTED'), boardId, { stages: ['BOARD_ACCEPTANCE'], frameworkIds: ['SUSR_2024'] });
  const review = items[0];
  if (!review) return false;
  const approval = await summaryApproval(services.db.kysely, review.id);
  if (approval.en !== null || approval.cy !== null) return false;
  const scope = { boardId, reviewId: review.id };

  const write = async (language: Language) => {
    for (const s of SUMMARY_SECTIONS) {
      const opened = await services.summary.section(as('SUMMARY_SECTION_VIEWED'), scope, language, s.id);
      await services.summary.saveSection(as('SUMMARY_SECTION_SAVED'), scope, {
        language,
        section: s.id,
        text: TEXT[s.id]?.[language] ?? '',
        revision: opened.revision,
      });
    }
  };
  const approve = async (language: Language) => {
    const { languages } = await services.summary.overview(as('SUMMARY_VIEWED'), scope);
    const latest = languages[language].latest;
    await services.summary.approve(as('SUMMARY_APPROVED'), scope, { language, version: latest.version, revision: latest.revision });
  };

  await write('en');
  await approve('en');
  const { id } = await services.summaryTranslations.request(as('SUMMARY_TRANSLATION_REQUESTED'), scope, {
    translatorName: 'Uned Gyfieithu’r Cyngor',
    translatorEmail: 'cyfieithu@demo.example',
    agencyId: '',
    dueOn: addDays(services.clock.today(), 10),
    note: '',
  });
  await services.summaryTranslations.update(as('SUMMARY_TRANSLATION_UPDATED'), scope, id, { status: 'in_progress', version: 1 });
  await write('cy');
  await services.summaryTranslations.update(as('SUMMARY_TRANSLATION_UPDATED'), scope, id, { status: 'returned', version: 2 });
  await approve('cy');
  return true;
}
