// A notification letter a framework requires after the decision to hold a review (DOMAIN.md §8.5; e.g. to
// the Welsh Government: SUSR §3.2 step 6, CPR §2.3 step 2), composed as a document model (rendered as a page,
// Word and tagged PDF by the document pipeline), wholly in the reader's language. The children are named
// only by their pseudonym codes: the letter has no field for a name.
import { formatDate } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, type ParagraphSpace, paragraph } from '../domain/documents.ts';
import type { NotificationPurpose, NotificationRecipient } from '../domain/frameworks/notifications.ts';
import { type Language, localName } from '../domain/organisation.ts';
import { type Pseudonym, pseudonymText } from '../domain/pseudonyms.ts';
import { translator } from '../i18n.ts';

export interface NotificationLetter {
  board: { nameEn: string; nameCy: string; code: string };
  reference: string;
  recipient: NotificationRecipient;
  purpose: NotificationPurpose;
  framework: { nameEn: string; nameCy: string };
  reviewType: 'concise' | 'extended' | null;
  decidedOn: string;
  sentOn: string;
  /** The children the review covers (its own referral's first), as pseudonyms only. */
  children: Pseudonym[];
  /** A joint review: the other boards, and the board that leads (null: not joint). */
  joint: { partners: { nameEn: string; nameCy: string }[]; lead: { nameEn: string; nameCy: string } } | null;
}

export function composeNotificationLetter(letter: NotificationLetter, language: Language): DocumentModel {
  const t = translator(language);
  const k = (key: string, vars?: Record<string, string>) => t(`review-setup:letter.${key}`, vars ?? {});
  const board = localName(letter.board, language);
  const framework = localName(letter.framework, language);
  const children = letter.children.map((c) => pseudonymText(c, language)).join(', ');
  const blocks: Block[] = [];
  const p = (text: string, space?: ParagraphSpace) => blocks.push(paragraph(text, space));

  blocks.push({ type: 'heading', level: 1, text: board });
  p(k('date', { date: formatDate(letter.sentOn, language) }), 'none');
  p(k('ourReference', { reference: letter.reference }));
  p(k(`recipients.${letter.recipient}`));
  blocks.push({ type: 'heading', level: 2, text: k('subject', { reference: letter.reference }) });
  const type = letter.reviewType ? ` ${k(`reviewTypes.${letter.reviewType}`)}` : '';
  blocks.push({
    type: 'paragraph',
    runs: [{ text: k(`purposes.${letter.purpose}`, { board, framework, decidedOn: formatDate(letter.decidedOn, language) }) + type, strong: true }],
  });
  p(k('children', { children }));
  if (letter.joint) {
    p(k('joint', { partners: letter.joint.partners.map((b) => localName(b, language)).join(', '), lead: localName(letter.joint.lead, language) }));
  }
  p(k('pseudonyms'));
  p(k('quoteReference', { reference: letter.reference }));
  p(k('closing'), 'large');
  p(k('signature', { board }));
  return {
    meta: { title: k('title', { reference: letter.reference }), language, author: board, subject: k('subject', { reference: letter.reference }) },
    blocks,
  };
}

/** The file's name without extension, from the review's reference (never a name): "CYSUR-2026-03-notification-welsh_government-en". */
export function notificationLetterFileName(letter: Pick<NotificationLetter, 'reference' | 'recipient'>, language: Language): string {
  const stem = letter.reference.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return translator(language)('review-setup:letter.fileName', { stem, recipient: letter.recipient.replace(/_/g, '-') });
}
