// The chair's decision letter on a referral (issue 3, item 5), composed as a document model (rendered as a
// page, Word and tagged PDF by the document pipeline), written wholly in the reader's language. The child is
// named only by their pseudonym code: the letter has no field for a name.
import { formatDate } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, type ParagraphSpace, paragraph } from '../domain/documents.ts';
import { type Language, localName } from '../domain/organisation.ts';
import { type Pseudonym, pseudonymText } from '../domain/pseudonyms.ts';
import type { LearningRoute } from '../domain/referrals/referral.ts';
import { translator } from '../i18n.ts';

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

/** Free text as paragraphs: one per non-blank line. */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The letter's wording and order, independent of the file format. */
export function composeDecisionLetter(letter: DecisionLetter, language: Language): DocumentModel {
  const t = translator(language);
  const k = (key: string, vars?: Record<string, string>) => t(`documents:decisionLetter.${key}`, vars ?? {});
  const board = localName(letter.board, language);
  const child = pseudonymText(letter.pseudonym, language);
  const date = (iso: string) => formatDate(iso, language);

  const blocks: Block[] = [];
  const h2 = (text: string) => blocks.push({ type: 'heading', level: 2, text });
  const p = (text: string, space?: ParagraphSpace) => blocks.push(paragraph(text, space));

  blocks.push({ type: 'heading', level: 1, text: board });
  p(k('date', { date: date(letter.decidedOn) }), 'none');
  p(k('ourReference', { reference: letter.reference ?? k('referralAbout', { child }) }));
  if (letter.recipient) {
    p(letter.recipient.fullName, 'none');
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
  // The decision is what the letter is for: in bold.
  blocks.push({ type: 'paragraph', runs: [{ text: decision + reviewType, strong: true }] });
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

  p(k(letter.recipient ? 'closing' : 'closingGeneric'), 'large');
  p(letter.chair.fullName, 'none');
  p(k('signatureRole', { board }));

  return { meta: { title: k('title', { child }), language, author: board, subject: k('subject', { child }) }, blocks };
}

/**
 * The letter's file name without extension, in the letter's language, from the review reference or else the
 * board's code and the child's pseudonym (never a name): "CYSUR-2026-03-decision-letter-en".
 */
export function decisionLetterFileName(letter: Pick<DecisionLetter, 'reference' | 'pseudonym' | 'board'>, language: Language): string {
  const stem = letter.reference ?? `${letter.board.code}-${pseudonymText(letter.pseudonym, language)}`;
  return translator(language)('documents:decisionLetter.fileName', { stem: stem.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') });
}
