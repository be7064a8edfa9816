// An agency's report to a review (its IMR or agency timeline, DOMAIN.md §6.4) as a document of the pipeline: the
// sections its author drafted and its senior manager signed off, headed by the agency, the review's reference and
// the sign-off's date. Used by the submission packet (issue 13 item 6: the 2006 regulations send every agency
// report to the Welsh Government). It names the child only as the sections do (by pseudonym).
import { formatDateOf } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, paragraph } from '../domain/documents.ts';
import { type Language, localName } from '../domain/organisation.ts';
import { type ContributionKind, sectionsOf } from '../domain/reviews/contributions.ts';
import { translator } from '../i18n.ts';

export interface AgencyReportDocument {
  board: { nameEn: string; nameCy: string };
  agency: { nameEn: string; nameCy: string };
  reference: string;
  kind: ContributionKind;
  signedOffAt: string | null;
  sections: ReadonlyMap<string, string>;
}

export function composeAgencyReport(doc: AgencyReportDocument, language: Language): DocumentModel {
  const t = translator(language);
  const agency = localName(doc.agency, language);
  const title = t(`contributions:document.title.${doc.kind}`, { agency, reference: doc.reference });
  const blocks: Block[] = [{ type: 'heading', level: 1, text: title }, paragraph(localName(doc.board, language), 'none')];
  if (doc.signedOffAt) blocks.push(paragraph(t('contributions:document.signedOff', { date: formatDateOf(doc.signedOffAt, language) })));
  for (const section of sectionsOf(doc.kind)) {
    blocks.push({ type: 'heading', level: 2, text: t(`contributions:sections.${section}`) });
    const body = doc.sections.get(section)?.trim();
    const lines = body ? body.split(/\n+/) : [t('contributions:document.empty')];
    for (const line of lines) blocks.push(paragraph(line));
  }
  return { meta: { title, language, author: agency, subject: t('contributions:document.subject') }, blocks };
}

/** The file's name without extension: "CYSUR-2026-03-agency-report-gwent-police-en" (references and the agency only). */
export function agencyReportFileName(doc: Pick<AgencyReportDocument, 'reference' | 'agency'>, language: Language): string {
  const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return translator(language)('contributions:document.fileName', { stem: slug(doc.reference), agency: slug(doc.agency.nameEn).toLowerCase() });
}
