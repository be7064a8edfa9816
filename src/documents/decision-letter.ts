// The chair's decision letter on a referral (issue 3, item 5), as Word (docx) and tagged PDF, written wholly in
// the reader's language. The child is named only by their pseudonym code: the letter has no field for a name.

import { formatDate } from '../domain/clock/london.ts';
import { type Language, localName } from '../domain/organisation.ts';
import { type Pseudonym, pseudonymText } from '../domain/pseudonyms.ts';
import type { LearningRoute } from '../domain/referrals/referral.ts';
import { translator } from '../i18n.ts';
import { createTaggedPdf } from './pdf.ts';

export interface DecisionLetter {
  board: { nameEn: string; nameCy: string; code: string };
  /** The review's reference (e.g. "CYSUR/2026/03") when a review is held, else null. */
  reference: string | null;
  /** The child's pseudonym (written "Child A" / "Plentyn A"); never the child's name. */
  pseudonym: Pseudonym;
  /** Dates as YYYY-MM-DD. */
  referralReceivedOn: string;
  incidentOn: string;
  decidedOn: string;
  decision: LearningRoute;
  framework: { nameEn: string; nameCy: string } | null;
  reviewType: 'concise' | 'extended' | null;
  agreesWithRecommendation: boolean;
  recommendation: { route: LearningRoute; reasons: string };
  /** The chair's rationale, free text in whatever language the chair wrote it. */
  rationale: string;
  chair: { fullName: string };
  /** Null for a generic letter kept on file. */
  recipient: { fullName: string; role: string } | null;
}

export interface LetterBlock {
  kind: 'h1' | 'h2' | 'p';
  text: string;
  /** Space after the block in lines (paragraphs only); a letter's address lines sit close together. */
  gapAfter?: number;
}

export interface ComposedLetter {
  title: string;
  language: Language;
  blocks: LetterBlock[];
}

/**
 * The letter's file name in the reader's language, from the review reference or the child's pseudonym (never a
 * name): "CYSUR-2026-01-decision-letter-cy.pdf", "CYSUR-Plentyn-A-decision-letter-cy.docx".
 */
export function decisionLetterFileName(letter: Pick<DecisionLetter, 'reference' | 'pseudonym' | 'board'>, format: 'docx' | 'pdf', language: Language): string {
  const stem = letter.reference ?? `${letter.board.code}-${pseudonymText(letter.pseudonym, language)}`;
  const safe = stem.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${safe}-decision-letter-${language}.${format}`;
}

/** Free text as paragraphs: one per non-blank line. */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The letter's wording and order, independent of the file format. */
export function composeDecisionLetter(letter: DecisionLetter, language: Language): ComposedLetter {
  const t = translator(language);
  const k = (key: string, vars?: Record<string, string>) => t(`documents:decisionLetter.${key}`, vars ?? {});
  const board = localName(letter.board, language);
  const child = pseudonymText(letter.pseudonym, language);
  const date = (iso: string) => formatDate(iso, language);

  const blocks: LetterBlock[] = [];
  const h2 = (text: string) => blocks.push({ kind: 'h2', text });
  const p = (text: string, gapAfter?: number) => blocks.push(gapAfter === undefined ? { kind: 'p', text } : { kind: 'p', text, gapAfter });

  blocks.push({ kind: 'h1', text: board });
  p(k('date', { date: date(letter.decidedOn) }), 0);
  p(k('ourReference', { reference: letter.reference ?? k('referralAbout', { child }) }));
  if (letter.recipient) {
    p(letter.recipient.fullName, 0);
    p(letter.recipient.role);
  }
  p(letter.recipient ? k('salutation', { name: letter.recipient.fullName }) : k('salutationGeneric'));

  h2(k('subject', { child }));
  p(k('intro', { board, child, receivedOn: date(letter.referralReceivedOn), incidentOn: date(letter.incidentOn), decidedOn: date(letter.decidedOn) }));

  const decision =
    letter.decision === 'review'
      ? letter.framework
        ? k('decision.review', { framework: localName(letter.framework, language) })
        : k('decision.reviewNoFramework')
      : k(`decision.${letter.decision}`);
  const reviewType = letter.decision === 'review' && letter.reviewType ? ` ${k(`reviewType.${letter.reviewType}`)}` : '';
  p(decision + reviewType);
  p(`${k(`recommendation.${letter.recommendation.route}`)} ${k(letter.agreesWithRecommendation ? 'agrees' : 'differs')}`);

  const reasons = paragraphs(letter.recommendation.reasons);
  if (reasons.length > 0) {
    h2(k('recommendationReasonsHeading'));
    for (const text of reasons) p(text);
  }
  const rationale = paragraphs(letter.rationale);
  if (rationale.length > 0) {
    h2(k('rationaleHeading'));
    for (const text of rationale) p(text);
  }

  h2(k('nextStepsHeading'));
  p(k(`nextSteps.${letter.decision}`));
  if (letter.reference) p(k('quoteReference', { reference: letter.reference }));

  h2(k('dataProtectionHeading'));
  p(k('dataProtection'));

  p(k(letter.recipient ? 'closing' : 'closingGeneric'), 2);
  p(letter.chair.fullName, 0);
  p(k('signatureRole', { board }));

  return { title: k('title', { child }), language, blocks };
}

const DOCX_LANG: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' };
/** Word measures paragraph spacing in twentieths of a point; one line of 11pt text is about 264. */
const DOCX_LINE = 264;

export async function renderDecisionLetterDocx(letter: DecisionLetter, language: Language): Promise<Buffer> {
  // Loaded on first use, like pdfkit: it is large and most requests never need it.
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const composed = composeDecisionLetter(letter, language);
  const children = composed.blocks.map((block) => {
    if (block.kind === 'h1') return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(block.text)] });
    if (block.kind === 'h2') return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(block.text)] });
    return new Paragraph({ children: [new TextRun(block.text)], spacing: { after: Math.round((block.gapAfter ?? 0.8) * DOCX_LINE) } });
  });
  const document = new Document({
    title: composed.title,
    creator: localName(letter.board, language),
    lastModifiedBy: localName(letter.board, language),
    styles: { default: { document: { run: { font: 'Arial', size: 22, language: { value: DOCX_LANG[language] } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

export async function renderDecisionLetterPdf(letter: DecisionLetter, language: Language): Promise<Buffer> {
  const composed = composeDecisionLetter(letter, language);
  const pdf = await createTaggedPdf(composed.title, language);
  for (const block of composed.blocks) {
    if (block.kind === 'h1') pdf.h1(block.text);
    else if (block.kind === 'h2') pdf.h2(block.text);
    else pdf.p(block.text, block.gapAfter);
  }
  return pdf.finish();
}
