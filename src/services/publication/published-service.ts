// The public pages' reads (issue 13 item 5): the list of released reviews (newest first, a page at a time, and with
// search words only those public now whose published text holds every word), the reviews held for parallel
// proceedings whose board chose to say so, a publication and its documents as Word or tagged PDF. No sign-in and
// no access check: everything here is read from the public snapshot taken at release (published-snapshot.ts) and
// review_publications' status columns, never from the case, so nothing unpublished can be reached. A withdrawn
// publication is a status only ("No longer published": no content, no files). Reads are public: not audited.
import type { Db } from '../../db/database.ts';
import {
  findPublished,
  findPublishedDocument,
  listDelayed,
  listPublished,
  type PublishedDocumentRow,
  type PublishedReviewRow,
  publishedDocumentsOf,
} from '../../db/repositories/published-repository.ts';
import { composePublishedDocument, publishedFileName } from '../../documents/published-document.ts';
import { FORMAT_FILES, renderDocument } from '../../documents/render.ts';
import type { Language } from '../../domain/organisation.ts';
import { publicStatus } from '../../domain/publication/publication.ts';
import { searchWords } from '../../domain/publication/published.ts';
import { type Clock, notFound } from '../context.ts';

export interface PublishedDeps {
  db: Db;
  clock: Clock;
}

export type PublishedStatus = 'published' | 'withdrawn';

export interface PublishedItem extends PublishedReviewRow {
  status: PublishedStatus;
}

/** How many reviews a page of the list shows, and how many delayed ones the first page lists at most. */
const PUBLISHED_PAGE_SIZE = 20;
const DELAYED_LISTED = 50;

/** Rendered files kept in memory (a publication's files never change: its snapshot is written once). */
const FILES_KEPT = 64;

export interface PublishedFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

export class PublishedService {
  private readonly files = new Map<string, PublishedFile>();

  constructor(private readonly deps: PublishedDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private statusOf(row: PublishedReviewRow, now: string): PublishedStatus | null {
    const status = publicStatus({ publishedAt: row.publishedAt, withdrawnAt: row.withdrawnAt, held: false, showHold: false }, now);
    return status === 'published' || status === 'withdrawn' ? status : null;
  }

  /**
   * A page of the list (the last when asked beyond it), and on the first page of the unsearched list the reviews
   * whose publication is delayed by parallel proceedings (their board only).
   */
  async list(input: { page: number; search: unknown }): Promise<{
    items: PublishedItem[];
    total: number;
    page: number;
    pages: number;
    searched: boolean;
    delayed: { boardNameEn: string; boardNameCy: string }[];
  }> {
    const now = this.now();
    const words = searchWords(input.search);
    const db = this.deps.db.kysely;
    const first = await listPublished(db, { words, now, limit: PUBLISHED_PAGE_SIZE, offset: (input.page - 1) * PUBLISHED_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(first.total / PUBLISHED_PAGE_SIZE));
    const page = Math.min(input.page, pages);
    const found = page === input.page ? first : await listPublished(db, { words, now, limit: PUBLISHED_PAGE_SIZE, offset: (page - 1) * PUBLISHED_PAGE_SIZE });
    const items = found.rows.flatMap((r) => {
      const status = this.statusOf(r, now);
      return status ? [{ ...r, status }] : [];
    });
    const delayed = words.length === 0 && page === 1 ? await listDelayed(db, DELAYED_LISTED) : [];
    return { items, total: found.total, page, pages, searched: words.length > 0, delayed };
  }

  /**
   * A publication: its snapshot and, while it is public, the executive summary in the reader's language and which
   * documents it has as files; withdrawn, the status only. Not found: any id no released review has.
   */
  async publication(
    id: string,
    language: Language,
  ): Promise<{ item: PublishedItem; summary: PublishedDocumentRow | null; documents: { document: string; language: Language }[] }> {
    const row = await findPublished(this.deps.db.kysely, id);
    const status = row ? this.statusOf(row, this.now()) : null;
    if (!row || !status) throw notFound('publication');
    const item = { ...row, status };
    if (status === 'withdrawn') return { item, summary: null, documents: [] };
    const summary = (await findPublishedDocument(this.deps.db.kysely, id, 'summary', language)) ?? null;
    const documents = (await publishedDocumentsOf(this.deps.db.kysely, id)).map((d) => ({ document: d.document, language: d.language as Language }));
    return { item, summary, documents };
  }

  /**
   * A public document of a publication as Word or tagged PDF in a language (the report, written in English only,
   * in English whatever the reader's language); not found once withdrawn, or if it has none.
   */
  async file(id: string, document: 'summary' | 'report', asked: Language, format: 'pdf' | 'docx'): Promise<PublishedFile> {
    const db = this.deps.db.kysely;
    const row = await findPublished(db, id);
    if (!row || this.statusOf(row, this.now()) !== 'published') throw notFound('publication');
    const doc =
      (await findPublishedDocument(db, id, document, asked)) ?? (document === 'report' ? await findPublishedDocument(db, id, document, 'en') : undefined);
    if (!doc) throw notFound('published document');
    const language: Language = doc.language === 'cy' ? 'cy' : 'en';
    const key = `${id}/${document}/${language}/${format}`;
    const kept = this.files.get(key);
    if (kept) return kept;
    const input = {
      language,
      reviewTitle: row.title[language],
      boardName: row.boardName[language],
      frameworkName: row.frameworkName[language],
      publishedAt: row.publishedAt,
      documentTitle: doc.title,
      version: doc.version,
      sections: doc.sections,
    };
    const bytes = await renderDocument(composePublishedDocument(input), format, { createdAt: new Date(row.publishedAt) });
    const file = { bytes, contentType: FORMAT_FILES[format].contentType, fileName: `${publishedFileName(input)}.${FORMAT_FILES[format].extension}` };
    if (this.files.size >= FILES_KEPT) this.files.delete(this.files.keys().next().value as string);
    this.files.set(key, file);
    return file;
  }
}
