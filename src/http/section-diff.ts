// A section's changes between two versions as HTML, one way for every versioned document (the terms of
// reference, the review's report): inserted and deleted words marked in text (<ins>/<del> with a visually
// hidden "inserted"/"deleted" in the reader's language, and where each ends), never by colour alone.
import type { DiffPart } from '../domain/reviews/section-versions.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };
export const escapeHtml = (s: string) => s.replace(/[&"'<>]/g, (c) => ENTITIES[c] ?? c);
/** Escaped text with its line breaks kept. */
export const htmlLines = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');

export interface DiffLabels {
  /** "inserted", "deleted" in the reader's language. */
  inserted: string;
  deleted: string;
  /** "end of inserted"/"end of deleted": said after the marked words. */
  end: (what: string) => string;
}

export function diffHtml(parts: readonly DiffPart[], labels: DiffLabels): string {
  const ins = escapeHtml(labels.inserted);
  const del = escapeHtml(labels.deleted);
  const end = (what: string) => `<span class="govuk-visually-hidden"> ${escapeHtml(labels.end(what))}</span>`;
  return parts
    .map(
      (p, i) =>
        // A deletion followed at once by an insertion is kept apart by a space, so the two words do not run together.
        (p.kind === 'ins' && parts[i - 1]?.kind === 'del' ? ' ' : '') +
        (p.kind === 'same'
          ? htmlLines(p.text)
          : p.kind === 'ins'
            ? `<ins><span class="govuk-visually-hidden">${ins} </span>${htmlLines(p.text)}${end(labels.inserted)}</ins>`
            : `<del><span class="govuk-visually-hidden">${del} </span>${htmlLines(p.text)}${end(labels.deleted)}</del>`),
    )
    .join('');
}
