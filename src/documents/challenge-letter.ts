// The board chair's letter to a partner agency whose action is overdue or off track (issue 12 item 4: the ladder's
// third rung), composed as a document model (rendered as a page, Word and tagged PDF by the document pipeline),
// wholly in the reader's language. It names the review by its reference and the action by what it says: never a
// child or a family member (the letter has no field for them).
import { formatDate } from '../domain/clock/london.ts';
import { type Block, type DocumentModel, paragraph } from '../domain/documents.ts';
import { type Language, localName } from '../domain/organisation.ts';
import { translator } from '../i18n.ts';

export interface ChallengeLetter {
  board: { nameEn: string; nameCy: string };
  agency: { nameEn: string; nameCy: string };
  reference: string;
  action: string;
  targetOn: string;
  /** 'overdue' | 'off_track'. */
  trigger: string;
  daysOverdue: number;
  offTrackCycles: number;
  sentOn: string;
  chair: { fullName: string } | null;
}

export function composeChallengeLetter(letter: ChallengeLetter, language: Language): DocumentModel {
  const t = translator(language);
  const k = (key: string, vars: Record<string, string | number> = {}) => t(`action-challenges:letter.${key}`, vars);
  const board = localName(letter.board, language);
  const agency = localName(letter.agency, language);
  const blocks: Block[] = [];
  blocks.push({ type: 'heading', level: 1, text: board });
  blocks.push(paragraph(k('date', { date: formatDate(letter.sentOn, language) }), 'none'));
  blocks.push(paragraph(k('ourReference', { reference: letter.reference })));
  blocks.push(paragraph(k('to', { agency })));
  blocks.push({ type: 'heading', level: 2, text: k('subject', { reference: letter.reference }) });
  blocks.push(paragraph(k('opening', { board, reference: letter.reference })));
  blocks.push({ type: 'paragraph', runs: [{ text: letter.action, strong: true }] });
  const target = formatDate(letter.targetOn, language);
  blocks.push(
    paragraph(letter.trigger === 'off_track' ? k('offTrack', { target, count: letter.offTrackCycles }) : k('overdue', { target, count: letter.daysOverdue })),
  );
  blocks.push(paragraph(k('ask', { agency })));
  blocks.push(paragraph(k('next')));
  blocks.push(paragraph(k('closing'), 'large'));
  blocks.push(paragraph(letter.chair?.fullName ? k('signatureNamed', { name: letter.chair.fullName, board }) : k('signature', { board })));
  return {
    meta: { title: k('title', { reference: letter.reference }), language, author: board, subject: k('subject', { reference: letter.reference }) },
    blocks,
  };
}

/** The file's name without extension, from the review's reference (never a name). */
export function challengeLetterFileName(reference: string, language: Language): string {
  const stem = reference.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return translator(language)('action-challenges:letter.fileName', { stem });
}
