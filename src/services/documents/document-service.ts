// The document pipeline (issue 9, item 6): compose a document from a record's data into the document model
// (domain/documents.ts) → store it as a numbered version → render it as an HTML page, a Word file or a tagged
// PDF (src/documents) → give it to the reader, audited. Each kind of document has a source that reads its
// record (refusing whoever may not see it) and composes the model; the decision letter is the first, and
// report drafts, summaries, briefings and board reports come through the same pipeline.
//
// Versions. A version is what the document says: its model as JSON. Reading a document composes it from the
// data as it is now; if that says something other than the latest version (or there is none), it becomes the
// next version, numbered per document without gaps (documents-repository.ts). So a letter downloaded twice is
// one version, and a letter whose data changed (the chair's name, say) is version 2, with version 1 kept.
//
// Storage. Each version's renderings are kept as bytes in the database (document_renderings), made on their
// first download and served as stored from then on, each with the SHA-256 of its bytes: the checksum says
// which file someone had, and a download is always byte-for-byte the stored file, whatever version of pdfkit
// or docx runs now. When the file storage (issue 9, item 7: encrypted at rest, its own addressing) is used
// here, the bytes move there, document_renderings keeps the hash and a reference to the stored file, and a
// migration drops its content column; nothing else here changes. The model is kept as JSON, so a version can
// be rendered in a format it was not yet asked for, and shown as a page.
//
// A document is case material. Every read (page or file) is audited in the transaction that reads it, with
// ids, the version, format, language and checksum; never its content. Nothing in a document may identify a
// child: sources take only pseudonyms (the decision letter has no field for a name), and tests check it.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import {
  type DocumentKey,
  type DocumentRecord,
  type DocumentVersionRecord,
  findLatestVersion,
  findRendering,
  insertRendering,
  insertVersion,
  lockDocument,
  nextVersionNumber,
} from '../../db/repositories/documents-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { assertRenderable, FORMAT_FILES, preloadRenderer, renderDocument } from '../../documents/render.ts';
import type { AuditSummary } from '../../domain/audit.ts';
import type { DocumentFormat, DocumentKind, DocumentModel, DocumentRecordType } from '../../domain/documents.ts';
import type { Language } from '../../domain/organisation.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, newId } from '../context.ts';

/** What a source makes of a record: the document and where it belongs. */
interface ComposedDocument {
  boardId: string;
  recordType: DocumentRecordType;
  recordId: string;
  model: DocumentModel;
  /** The file's name without its extension, in the document's language, from codes and references only (never a name). */
  fileName: string;
  /** Ids to add to the audit event (e.g. the decision's id). */
  summary?: AuditSummary;
}

export interface DocumentSource {
  /** Reads the record's data and composes the document; refuses (not found) a caller who may not see the record. */
  compose(db: Executor, caller: Caller, recordId: string, language: Language): Promise<ComposedDocument>;
}

export interface DocumentVersionView {
  documentId: string;
  version: number;
  createdAt: string;
  model: DocumentModel;
  fileName: string;
}

export interface DocumentFile {
  bytes: Buffer;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  contentType: string;
  /** With its extension; may hold any character: the HTTP layer makes it safe for a header. */
  fileName: string;
  documentId: string;
  version: number;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export class DocumentService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; sources: Partial<Record<DocumentKind, DocumentSource>> }) {}

  /** The document as it stands, for a page: the current version, made if the data changed; the read audited (recordRead: as the route declares). */
  async view(caller: Caller, kind: DocumentKind, recordId: string, language: Language): Promise<DocumentVersionView> {
    return inTransaction(this.deps.db, async (trx) => {
      const { composed, document, version, created } = await this.current(trx, caller, kind, recordId, language);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: composed.boardId,
        recordType: composed.recordType,
        recordId: composed.recordId,
        summary: { ...composed.summary, document: kind, documentId: document.id, version: version.version, newVersion: created, format: 'page', language },
      });
      return { documentId: document.id, version: version.version, createdAt: version.createdAt, model: version.model, fileName: composed.fileName };
    });
  }

  /**
   * The document as a file: the current version (made if the data changed) in the format, rendered and stored on
   * its first download and served as stored after; the read audited (recordRead: as the route declares) with the file's checksum.
   * A first rendering happens inside the read's transaction, so the version, the stored file and the audit
   * event are one change; the renderer's modules and fonts are loaded before it opens, so it holds the
   * transaction only for the rendering itself (~20 ms for a decision letter as PDF).
   */
  async download(caller: Caller, kind: DocumentKind, recordId: string, language: Language, format: DocumentFormat): Promise<DocumentFile> {
    await preloadRenderer(format);
    return inTransaction(this.deps.db, async (trx) => {
      const { composed, document, version, created } = await this.current(trx, caller, kind, recordId, language);
      let rendering = await findRendering(trx, version.id, format);
      if (!rendering) {
        const bytes = await renderDocument(version.model, format, { createdAt: new Date(version.createdAt) });
        await insertRendering(trx, { versionId: version.id, format, sha256: sha256(bytes), size: bytes.length, content: bytes, createdAt: this.now() });
        // Another transaction may have stored its rendering of this version first: everyone gets the stored one.
        rendering = await findRendering(trx, version.id, format);
        if (!rendering) throw new Error('the rendering was not stored');
      }
      if (sha256(rendering.content) !== rendering.sha256)
        throw new Error(`stored ${format} of document ${document.id} version ${version.version} fails its checksum`);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: composed.boardId,
        recordType: composed.recordType,
        recordId: composed.recordId,
        summary: {
          ...composed.summary,
          document: kind,
          documentId: document.id,
          version: version.version,
          newVersion: created,
          format,
          language,
          sha256: rendering.sha256,
        },
      });
      return {
        bytes: rendering.content,
        sha256: rendering.sha256,
        contentType: FORMAT_FILES[format].contentType,
        fileName: `${composed.fileName}.${FORMAT_FILES[format].extension}`,
        documentId: document.id,
        version: version.version,
      };
    });
  }

  /**
   * Makes (or finds) the document's current version in the caller's transaction, without reading it to anyone: a
   * document the system produces as part of a change (the escalation ladder's letter), so the version and the
   * change are one. Whether a new version was made.
   */
  async prepare(
    trx: Executor,
    caller: Caller,
    kind: DocumentKind,
    recordId: string,
    language: Language,
  ): Promise<{ documentId: string; version: number; created: boolean }> {
    const { document, version, created } = await this.current(trx, caller, kind, recordId, language);
    return { documentId: document.id, version: version.version, created };
  }

  /** Composes the document from the record's data and finds, or makes, the version that says it. */
  private async current(trx: Executor, caller: Caller, kind: DocumentKind, recordId: string, language: Language) {
    const source = this.deps.sources[kind];
    if (!source) throw new Error(`no source composes documents of kind ${kind}`);
    const composed = await source.compose(trx, caller, recordId, language);
    assertRenderable(composed.model);
    const json = JSON.stringify(composed.model);
    const modelSha256 = sha256(json);
    const key: DocumentKey = { kind, recordType: composed.recordType, recordId: composed.recordId, language };
    const latest = await findLatestVersion(trx, key);
    if (latest?.version.modelSha256 === modelSha256) return { composed, ...latest, created: false };

    // A new version: lock the document (made now if new), then look again, since a concurrent transaction may
    // have stored this very version while this one waited for the lock.
    const now = this.now();
    const locked = await lockDocument(trx, { ...key, id: newId(), boardId: composed.boardId }, now);
    const stored = await findLatestVersion(trx, key);
    if (stored?.version.modelSha256 === modelSha256) return { composed, ...stored, created: false };
    const number = await nextVersionNumber(trx, locked.id);
    const version: DocumentVersionRecord = {
      id: newId(),
      documentId: locked.id,
      version: number,
      model: JSON.parse(json) as DocumentModel,
      modelSha256,
      createdBy: caller.actor?.personId ?? null,
      createdAt: now,
    };
    await insertVersion(trx, version);
    const document: DocumentRecord = { ...locked, latestVersion: number };
    return { composed, document, version, created: true };
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
