// Versioned documents in structured sections (the terms of reference, the review's report): what both share,
// one way. A document is numbered versions of sections; each section carries a revision (the count of its
// saves, kept when a version is copied into the next), and a save names the revision its editor opened, so a
// save on what someone else changed since is refused (stale), never written over. A version that is frozen
// (approved; submitted for QA) is never written: a change makes the next version, a copy with the change.
// Two versions of a section compare word by word (or line by line for lists). Pure.

/** Whether a save names a revision other than the section's current one (someone changed it since it was opened). */
export function isStaleSave(revisions: Readonly<Record<string, number>>, section: string, opened: number): boolean {
  return (revisions[section] ?? 0) !== opened;
}

/**
 * Where a change is written: onto the latest version while it is a draft; otherwise (none yet, or the latest is
 * frozen) onto a new version numbered after the latest, a copy of it with the change.
 */
export function changeTarget<V extends { id: string; version: number; status: string }>(
  latest: V | undefined,
  latestVersion: number,
): { kind: 'draft'; id: string; version: number } | { kind: 'new'; version: number } {
  if (latest && latest.status === 'draft') return { kind: 'draft', id: latest.id, version: latest.version };
  return { kind: 'new', version: latestVersion + 1 };
}

// ---- The difference between two versions of a section ------------------------------------------------------

export type DiffPart = { kind: 'same' | 'ins' | 'del'; text: string };

/**
 * The text as tokens, so the text joined back is the text: words (letters, digits, apostrophes and hyphens
 * within them), each punctuation mark, and the space between (by word); or whole lines and their breaks (by line).
 */
function tokens(text: string, by: 'word' | 'line'): string[] {
  return (by === 'line' ? text.match(/\n|[^\n]+/g) : text.match(/\s+|[\p{L}\p{N}][\p{L}\p{N}’'-]*|[^\s\p{L}\p{N}]/gu)) ?? [];
}

/** Largest table of the longest common subsequence (tokens × tokens) before the difference is given as a whole replacement. */
const MAX_DIFF_CELLS = 4_000_000;

/**
 * The difference from `before` to `after`, word by word (or, for lists, line by line): runs of unchanged, deleted
 * and inserted text, in order, so that the unchanged and deleted runs make `before` and the unchanged and
 * inserted runs make `after`.
 */
export function wordDiff(before: string, after: string, by: 'word' | 'line' = 'word'): DiffPart[] {
  const a = tokens(before, by);
  const b = tokens(after, by);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_DIFF_CELLS) {
    push('del', midA.join(''));
    push('ins', midB.join(''));
  } else {
    // lcs[i][j]: the longest common subsequence of midA[i..] and midB[j..], in one flat table.
    const lcs = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[at(i, j)] = midA[i] === midB[j] ? (lcs[at(i + 1, j + 1)] ?? 0) + 1 : Math.max(lcs[at(i + 1, j)] ?? 0, lcs[at(i, j + 1)] ?? 0);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('same', midA[i] ?? '');
        i++;
        j++;
      } else if ((lcs[at(i + 1, j)] ?? 0) >= (lcs[at(i, j + 1)] ?? 0)) push('del', midA[i++] ?? '');
      else push('ins', midB[j++] ?? '');
    }
    while (i < n) push('del', midA[i++] ?? '');
    while (j < m) push('ins', midB[j++] ?? '');
  }
  push('same', a.slice(endA).join(''));
  return parts;
}

/** Whether a difference changes anything. */
export function diffChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.kind !== 'same');
}
