// The generated executive summaries' text (issue 13 item 3): for each section of SUMMARY_SECTIONS, a few
// English sentences with their Welsh (WELSH.md's terms: crynodeb gweithredol, asiantaethau, gwasanaethau plant;
// the child named by role only, never a name). A summary draws one pair a section, so the English and the Welsh
// of a generated summary say the same. Data only.
import type { Language } from '../../domain/organisation.ts';

type Pair = Record<Language, string>;

export const SUMMARY_TEXTS: Record<string, readonly Pair[]> = {
  introduction: [
    {
      en: 'The board held a Child Practice Review after a child was seriously injured at home. Independent reviewers led it with a panel of the agencies involved.',
      cy: 'Cynhaliodd y bwrdd Adolygiad Ymarfer Plant ar ôl i blentyn gael ei anafu’n ddifrifol gartref. Arweiniodd adolygwyr annibynnol yr adolygiad gyda phanel o’r asiantaethau dan sylw.',
    },
    {
      en: 'The board commissioned the review after a child suffered serious harm. The family met the reviewers twice.',
      cy: 'Comisiynodd y bwrdd yr adolygiad ar ôl i blentyn ddioddef niwed difrifol. Cyfarfu’r teulu â’r adolygwyr ddwywaith.',
    },
  ],
  people: [
    {
      en: 'The panel chair, two independent reviewers, and senior managers from health, children’s services and the police.',
      cy: 'Cadeirydd y panel, dau adolygydd annibynnol, ac uwch reolwyr o’r maes iechyd, gwasanaethau plant a’r heddlu.',
    },
    {
      en: 'The board chair; the independent panel chair; the reviewer; senior managers from education and children’s services.',
      cy: 'Cadeirydd y bwrdd; cadeirydd annibynnol y panel; yr adolygydd; uwch reolwyr o’r maes addysg a gwasanaethau plant.',
    },
  ],
  parallel_processes: [
    { en: 'There were no parallel proceedings.', cy: 'Nid oedd achosion cyfochrog.' },
    {
      en: 'A criminal investigation ran alongside the review. The review agreed its timetable with the police.',
      cy: 'Roedd ymchwiliad troseddol yn digwydd ochr yn ochr â’r adolygiad. Cytunodd yr adolygiad ar ei amserlen gyda’r heddlu.',
    },
  ],
  events: [
    {
      en: 'Over a year, agencies had contact with the family many times. Each recorded concerns that were not brought together.',
      cy: 'Dros flwyddyn, bu asiantaethau mewn cysylltiad â’r teulu droeon. Cofnododd pob un bryderon na chawsant eu dwyn ynghyd.',
    },
    {
      en: 'Over eighteen months, agencies had contact with the child and the family on many occasions.',
      cy: 'Dros ddeunaw mis, bu asiantaethau mewn cysylltiad â’r plentyn a’r teulu droeon.',
    },
  ],
  key_issues: [
    {
      en: 'Information was not shared at the first concern, and no single plan brought the agencies’ work together.',
      cy: 'Ni rannwyd gwybodaeth ar y pryder cyntaf, ac nid oedd un cynllun yn dwyn gwaith yr asiantaethau ynghyd.',
    },
    {
      en: 'Referrals after domestic abuse call-outs were not made on the same day; the voice of the child was not heard.',
      cy: 'Ni wnaed atgyfeiriadau ar yr un diwrnod ar ôl galwadau cam-drin domestig; ni chlywyd llais y plentyn.',
    },
  ],
  learning: [
    {
      en: 'Agencies must share information on the day a concern arises and agree one plan for a family.',
      cy: 'Rhaid i asiantaethau rannu gwybodaeth ar y diwrnod y mae pryder yn codi a chytuno ar un cynllun i deulu.',
    },
    {
      en: 'Agencies must check what others know before deciding that a threshold is not met.',
      cy: 'Rhaid i asiantaethau wirio beth mae eraill yn ei wybod cyn penderfynu nad yw trothwy wedi’i gyrraedd.',
    },
  ],
  recommendations: [
    {
      en: 'The review made recommendations on information sharing, same-day referrals and hearing the voice of the child.',
      cy: 'Gwnaeth yr adolygiad argymhellion ar rannu gwybodaeth, atgyfeiriadau ar yr un diwrnod a chlywed llais y plentyn.',
    },
    {
      en: 'Share a concern with children’s services on the day it arises; agree a single plan with one lead professional.',
      cy: 'Rhannu pryder gyda gwasanaethau plant ar y diwrnod y mae’n codi; cytuno ar un cynllun gydag un gweithiwr proffesiynol arweiniol.',
    },
  ],
  actions_taken: [
    {
      en: 'Every partner agency now records the day it shares a concern. Training on information sharing has been delivered to front-line staff.',
      cy: 'Mae pob asiantaeth bartner bellach yn cofnodi’r diwrnod y mae’n rhannu pryder. Mae hyfforddiant ar rannu gwybodaeth wedi’i ddarparu i staff rheng flaen.',
    },
    {
      en: 'A lead professional is named at every multi-agency meeting.',
      cy: 'Enwir gweithiwr proffesiynol arweiniol ym mhob cyfarfod amlasiantaethol.',
    },
  ],
  impact: [
    {
      en: 'An audit found nine in ten concerns shared on the same day, up from four in ten.',
      cy: 'Canfu archwiliad fod naw o bob deg pryder wedi’u rhannu ar yr un diwrnod, o gymharu â phedwar o bob deg.',
    },
    {
      en: 'Practitioners report that they check with other agencies before closing a case.',
      cy: 'Mae ymarferwyr yn dweud eu bod yn gwirio gydag asiantaethau eraill cyn cau achos.',
    },
  ],
  further_actions: [
    {
      en: 'The board will audit again in six months and report progress at each of its meetings.',
      cy: 'Bydd y bwrdd yn archwilio eto ymhen chwe mis ac yn adrodd ar gynnydd ym mhob un o’i gyfarfodydd.',
    },
    {
      en: 'The board will report progress on the remaining actions until all are complete.',
      cy: 'Bydd y bwrdd yn adrodd ar gynnydd y camau gweithredu sy’n weddill nes bydd y cyfan wedi’u cwblhau.',
    },
  ],
};
