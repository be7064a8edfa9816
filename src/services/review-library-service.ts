// A review's document library (issue 10 item 9): documents uploaded to the review (agency reports, panel
// minutes, family correspondence, drafts…) with a kind, a classification and numbered versions, each version
// an uploaded file through the platform's FileService (type from the content, size limit, virus scan,
// encrypted at rest), referenced by the version. Who sees and adds what is src/domain/reviews/library.ts:
// an agency's roles only their agency's documents, the restricted kinds only the restricted roles. Every
// listing, document page and download is audited as the route declares (recordRead; a download through the
// file service's FILE_DOWNLOADED); every upload writes its document or version and its audit event in the
// file's own transaction, so a refused file writes nothing, and a file is never kept without its version.
import type { Readable } from 'node:stream';
import type { Db } from '../db/database.ts';
import { type FieldCipher, sealedPlace } from '../db/field-cipher.ts';
import { findAgency, listAgencies } from '../db/repositories/organisation-repository.ts';
import {
  findLibraryDocument,
  insertLibraryDocument,
  insertLibraryVersion,
  type LibraryDocumentRow,
  type LibraryVersionRow,
  libraryDocuments,
  libraryVersions,
} from '../db/repositories/review-documents-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { LIBRARY_TEXT, textProblems } from '../domain/limits.ts';
import { can, type Permission } from '../domain/permissions.ts';
import {
  type Classification,
  isClassification,
  isLibraryKind,
  kindNamesAgency,
  LIBRARY_KINDS,
  type LibraryKind,
  libraryPermissions,
} from '../domain/reviews/library.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, type FieldErrors, forbidden, invalid, newId, notFound } from './context.ts';
import type { FileService, StoredFile } from './files/file-service.ts';
import { type ReviewScope, reviewInAnyPart } from './review-access.ts';

export interface LibraryDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: FieldCipher;
  files: FileService;
}

export interface LibraryVersion extends Omit<LibraryVersionRow, 'documentId'> {}

export interface LibraryDocument {
  id: string;
  kind: LibraryKind;
  classification: Classification;
  agencyId: string | null;
  title: string;
  latestVersion: number;
  updatedAt: string;
  versions: LibraryVersion[];
}

export interface NewLibraryDocument {
  kind: string;
  classification: string;
  /** The agency an agency's kind (an agency report) belongs to; none for the other kinds. */
  agencyId: string | null;
  title: string;
  note: string | null;
}

export interface UploadedContent {
  name: string;
  content: Readable;
}

/** Files of the library are attachments (their size limit and kinds: src/domain/files.ts). */
const PURPOSE = 'attachment' as const;

export class ReviewLibraryService {
  constructor(private readonly deps: LibraryDeps) {}

  /** Whether the caller holds every permission on the review, for material of the agency (or none). */
  private holds(caller: Caller, review: ReviewRow, permissions: readonly Permission[], agencyId: string | null): boolean {
    return permissions.every((p) => can(caller.actor, p, { boardId: review.boardId, reviewId: review.id, agencyId: agencyId ?? undefined }));
  }

  /** The review, when the caller may use its library (the whole of it, or their agency's part). */
  private canRead(caller: Caller, review: ReviewRow, doc: { kind: string; agencyId: string | null }): boolean {
    return isLibraryKind(doc.kind) && this.holds(caller, review, libraryPermissions(doc.kind, 'read'), doc.agencyId);
  }

  private documentOf(row: LibraryDocumentRow, versions: LibraryVersionRow[]): LibraryDocument {
    return {
      id: row.id,
      kind: row.kind as LibraryKind,
      classification: row.classification as Classification,
      agencyId: row.agencyId,
      title: this.deps.cipher.decrypt(row.title, sealedPlace('review_documents', 'title', row.id)),
      latestVersion: row.latestVersion,
      updatedAt: row.updatedAt,
      versions: versions.filter((v) => v.documentId === row.id).map(({ documentId: _, ...v }) => v),
    };
  }

  /** What the caller may add: the kinds, and for an agency's kind the agencies. */
  private async mayAdd(db: Executor, caller: Caller, review: ReviewRow) {
    const agencies = await listAgencies(db, [review.boardId]);
    const agencyIds = agencies.map((a) => a.id).filter((a) => this.holds(caller, review, ['review.documents_add'], a));
    const kinds = LIBRARY_KINDS.filter((k) => (kindNamesAgency(k) ? agencyIds.length > 0 : this.holds(caller, review, libraryPermissions(k, 'add'), null)));
    return { kinds, agencyIds, agencies: agencies.map((a) => ({ id: a.id, nameEn: a.nameEn, nameCy: a.nameCy })) };
  }

  /** The documents of the review the caller may see, with their versions; the read is audited (as the route declares). */
  async list(caller: Caller, scope: ReviewScope) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInAnyPart(trx, caller, scope, 'review.documents_view');
      const rows = (await libraryDocuments(trx, review.id)).filter((d) => this.canRead(caller, review, d));
      const versions = await libraryVersions(
        trx,
        rows.map((r) => r.id),
      );
      const add = await this.mayAdd(trx, caller, review);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { documents: rows.length },
      });
      return { review, documents: rows.map((r) => this.documentOf(r, versions)), add };
    });
  }

  /** The document (not found when the caller may not see it: its existence is not shown either). */
  private async visibleDocument(db: Executor, caller: Caller, review: ReviewRow, documentId: string): Promise<LibraryDocumentRow> {
    const row = await findLibraryDocument(db, documentId);
    if (!row || row.reviewId !== review.id || !this.canRead(caller, review, row)) throw notFound('document');
    return row;
  }

  /** One document with its versions; the read is audited (as the route declares). */
  async document(caller: Caller, scope: ReviewScope, documentId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInAnyPart(trx, caller, scope, 'review.documents_view');
      const row = await this.visibleDocument(trx, caller, review, documentId);
      const versions = await libraryVersions(trx, [row.id]);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_document',
        recordId: row.id,
        summary: { reviewId: review.id, versions: versions.length },
      });
      const document = this.documentOf(row, versions);
      const agency = row.agencyId ? await findAgency(trx, row.agencyId) : undefined;
      const canAddVersion = this.holds(caller, review, libraryPermissions(document.kind, 'add'), row.agencyId);
      return { review, document, agency: agency ? { nameEn: agency.nameEn, nameCy: agency.nameCy } : null, canAddVersion };
    });
  }

  /**
   * Refuses, before any of a form is read, a caller who may add nothing to this review's library (or, with a
   * document, no version to it): another board's review is not found, no permission is forbidden.
   */
  async checkMayAdd(caller: Caller, scope: ReviewScope, documentId?: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInAnyPart(trx, caller, scope, 'review.documents_add');
      if (documentId === undefined) {
        if ((await this.mayAdd(trx, caller, review)).kinds.length === 0) throw forbidden();
        return;
      }
      const doc = await this.visibleDocument(trx, caller, review, documentId);
      if (!this.holds(caller, review, libraryPermissions(doc.kind as LibraryKind, 'add'), doc.agencyId)) throw forbidden();
    });
  }

  /** What is wrong with a new document's answers (before any file is read): field → locale key. */
  problems(input: NewLibraryDocument): FieldErrors {
    const errors: FieldErrors = {};
    if (!isLibraryKind(input.kind)) errors.kind = 'library.kindRequired';
    if (isLibraryKind(input.kind) && kindNamesAgency(input.kind) && !input.agencyId) errors.agencyId = 'library.agencyRequired';
    if (!isClassification(input.classification)) errors.classification = 'library.classificationRequired';
    return { ...errors, ...textProblems(LIBRARY_TEXT, input) };
  }

  /** What is wrong with a new version's note. */
  versionProblems(note: string | null): FieldErrors {
    return textProblems({ note: LIBRARY_TEXT.note }, { note });
  }

  private checkNew(input: NewLibraryDocument): { kind: LibraryKind; classification: Classification } {
    const errors = this.problems(input);
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return { kind: input.kind as LibraryKind, classification: input.classification as Classification };
  }

  /**
   * Adds a document with its first version. Checked before the file is read (kind, classification, agency,
   * title, and that the caller may add this kind for this agency), so nothing is stored for a refused
   * request; the document, its version and its audit event are written in the file's own transaction.
   */
  async add(
    caller: Caller,
    scope: ReviewScope,
    input: NewLibraryDocument,
    file: UploadedContent,
  ): Promise<{ documentId: string; version: number; file: StoredFile }> {
    const { kind, classification } = this.checkNew(input);
    const agencyId = kindNamesAgency(kind) ? input.agencyId : null;
    const review = await inTransaction(this.deps.db, async (trx) => {
      const found = await reviewInAnyPart(trx, caller, scope, 'review.documents_add');
      const { agencyIds } = await this.mayAdd(trx, caller, found);
      if (agencyId && !agencyIds.includes(agencyId)) throw invalid({ agencyId: 'library.agencyUnknown' });
      if (!this.holds(caller, found, libraryPermissions(kind, 'add'), agencyId)) throw forbidden();
      return found;
    });
    const documentId = newId();
    let version = 0;
    const stored = await this.deps.files.upload(
      caller,
      { boardId: review.boardId, purpose: PURPOSE, name: file.name, content: file.content, owner: { type: 'review_document', id: documentId } },
      async (trx, storedFile) => {
        const at = this.deps.clock.now().toISOString();
        const title = this.deps.cipher.encrypt(input.title.trim(), sealedPlace('review_documents', 'title', documentId));
        await insertLibraryDocument(
          trx,
          { id: documentId, reviewId: review.id, kind, classification, agencyId, title, createdBy: caller.actor?.personId ?? null },
          at,
        );
        version = await this.addVersionRow(trx, caller, review, documentId, storedFile, input.note, { kind, classification, agencyId });
      },
    );
    return { documentId, version, file: stored };
  }

  /** A new version of a document the caller may add to; written in the file's own transaction. */
  async addVersion(
    caller: Caller,
    scope: ReviewScope,
    documentId: string,
    note: string | null,
    file: UploadedContent,
  ): Promise<{ version: number; file: StoredFile }> {
    const noteProblems = this.versionProblems(note);
    if (Object.keys(noteProblems).length > 0) throw invalid(noteProblems);
    const { review, row } = await inTransaction(this.deps.db, async (trx) => {
      const found = await reviewInAnyPart(trx, caller, scope, 'review.documents_add');
      const doc = await this.visibleDocument(trx, caller, found, documentId);
      if (!this.holds(caller, found, libraryPermissions(doc.kind as LibraryKind, 'add'), doc.agencyId)) throw forbidden();
      return { review: found, row: doc };
    });
    let version = 0;
    const stored = await this.deps.files.upload(
      caller,
      { boardId: review.boardId, purpose: PURPOSE, name: file.name, content: file.content, owner: { type: 'review_document', id: documentId } },
      async (trx, storedFile) => {
        version = await this.addVersionRow(trx, caller, review, documentId, storedFile, note, {
          kind: row.kind,
          classification: row.classification,
          agencyId: row.agencyId,
        });
      },
    );
    return { version, file: stored };
  }

  private async addVersionRow(
    trx: Executor,
    caller: Caller,
    review: ReviewRow,
    documentId: string,
    file: StoredFile,
    note: string | null,
    about: { kind: string; classification: string; agencyId: string | null },
  ): Promise<number> {
    const version = await insertLibraryVersion(
      trx,
      { id: newId(), documentId, fileId: file.id, note: note?.trim() || null, uploadedBy: caller.actor?.personId ?? null },
      this.deps.clock.now().toISOString(),
    );
    await this.deps.audit.record(trx, caller, {
      boardId: review.boardId,
      recordType: 'review_document',
      recordId: documentId,
      summary: { reviewId: review.id, version, fileId: file.id, ...about },
    });
    return version;
  }

  /** A version's file, as a download (audited FILE_DOWNLOADED by the file service, as the route declares). */
  async download(caller: Caller, scope: ReviewScope, documentId: string, version: number): Promise<{ file: StoredFile; content: Readable }> {
    const fileId = await inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInAnyPart(trx, caller, scope, 'review.documents_view');
      const row = await this.visibleDocument(trx, caller, review, documentId);
      const found = (await libraryVersions(trx, [row.id])).find((v) => v.version === version);
      if (!found) throw notFound('version');
      return found.fileId;
    });
    return this.deps.files.download(caller, fileId, { type: 'review_document', id: documentId });
  }
}
