// A review's submission packet (issue 13 item 6; DOMAIN.md §1.2, §3.4, §8.6 R9, R16; src/domain/publication/packet.ts
// says what goes in): made with one click by the business unit of the review's board (publication.packet, no one
// else: it can hold agency reports), as a deterministic zip of the framework's documents — each through its own
// pipeline (the executive summary and the report as tagged PDFs from the document pipeline, the action plan as its
// spreadsheet, agency reports as stored) — and manifest.json with every file's size and SHA-256. The zip is stored
// through the file service (encrypted at rest, scanned, referenced by the packet) with the packet's row and its
// audit event in one transaction; every read of a document while making it is audited (the make's action). Every
// download is an audited read of case material. Sending is recorded (the system cannot reach Welsh Government, the
// national panel or the repository): which packet, to whom, when, how, the reference; recording the Wales
// Safeguarding Repository upload of a published SUSR review moves it on (upload_to_repository) in that transaction.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { unzipSync } from 'fflate';
import type { Db } from '../../db/database.ts';
import { reviewRequests } from '../../db/repositories/contributions-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import {
  findPacket,
  insertPacket,
  insertSending,
  nextPacketNumber,
  type PacketRow,
  reviewPackets,
  reviewSendings,
  type SendingRow,
} from '../../db/repositories/packets-repository.ts';
import { findPublication } from '../../db/repositories/publication-repository.ts';
import { findReferral } from '../../db/repositories/referrals-repository.ts';
import { findReportHead, findReportVersion } from '../../db/repositories/report-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { listSummaryVersions } from '../../db/repositories/summary-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { isIsoDate } from '../../domain/clock/dates.ts';
import { getFramework } from '../../domain/frameworks/index.ts';
import {
  deterministicZip,
  FRAMEWORK_RECIPIENTS,
  isRecipient,
  isSendingMethod,
  type PacketFile,
  type PacketManifest,
  type PacketRecipient,
  packetFileName,
  packetZip,
  SENDING_LIMITS,
  sendsAgencyReports,
} from '../../domain/publication/packet.ts';
import type { PlanSpreadsheetService } from '../actions/plan-spreadsheet-service.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, type FieldErrors, invalid, newId, notFound } from '../context.ts';
import { contributionOwner } from '../contribution-drafting.ts';
import type { DocumentService } from '../documents/document-service.ts';
import type { FileService } from '../files/file-service.ts';
import { mayOnReview, type ReviewScope, reviewInScope } from '../review-access.ts';
import { WorkflowService } from '../workflow.ts';

export type { PacketRow, SendingRow } from '../../db/repositories/packets-repository.ts';

export interface PacketDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  files: FileService;
  documents: DocumentService;
  actionSheets: PlanSpreadsheetService;
}

export interface PacketsView {
  review: ReviewRow;
  packets: PacketRow[];
  sendings: SendingRow[];
  recipients: readonly PacketRecipient[];
  /** Whether a recorded repository upload would move the review on (a published SUSR review). */
  movesOnUpload: boolean;
}

export interface SendingInput {
  packetId: string;
  recipient: string;
  method: string;
  sentOn: string;
  reference: string;
}

/** The packet's owner in the file service: the zip is kept while its packet references it. */
export const packetOwner = (packetId: string) => ({ type: 'submission_packet', id: packetId });

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A document read while making a packet is its own audited read, named by the make (never by a page's declaration). */
const readerOf = (caller: Caller): Caller => ({ ...caller, read: undefined });

/** The spreadsheet rewritten without its making time (the workbook's core properties and every entry's time). */
function steadyWorkbook(bytes: Buffer): Buffer {
  const entries = unzipSync(bytes);
  return deterministicZip(
    Object.entries(entries).map(([name, data]) => ({
      name,
      bytes:
        name === 'docProps/core.xml'
          ? Buffer.from(
              Buffer.from(data)
                .toString('utf8')
                .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, '$12000-01-01T00:00:00Z$3'),
            )
          : data,
    })),
  );
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? 'bin';
const slug = (text: string) =>
  text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'agency';

export class PacketService {
  private readonly workflow: WorkflowService;

  constructor(private readonly deps: PacketDeps) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The review's packets and sendings (the business unit of its board only); an audited read of case material. */
  async list(caller: Caller, scope: ReviewScope): Promise<PacketsView> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'publication.packet');
      const packets = await reviewPackets(trx, review.id);
      const sendings = await reviewSendings(trx, review.id);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { packets: packets.length, sendings: sendings.length },
      });
      return { review, packets, sendings, recipients: FRAMEWORK_RECIPIENTS[review.frameworkId], movesOnUpload: movesOnUpload(review) };
    });
  }

  /** Whether the review page offers the packet: the caller may make it. */
  sectionIn(caller: Caller, review: ReviewRow): { recipients: readonly PacketRecipient[] } | null {
    return mayOnReview(caller, review, 'publication.packet') ? { recipients: FRAMEWORK_RECIPIENTS[review.frameworkId] } : null;
  }

  /**
   * Makes the packet: refuses (invalid, nothing stored) a review without an approved executive summary in English
   * or in Welsh, or without an accepted report. Two makes at once: each its own number (the second a conflict if
   * they clash on PostgreSQL: "made meanwhile", nothing stored).
   */
  async make(caller: Caller, scope: ReviewScope): Promise<{ id: string; number: number; sha256: string; sizeBytes: number }> {
    const db = this.deps.db.kysely;
    const review = await reviewInScope(db, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'publication.packet');
    const reader = readerOf(caller);
    const errors: FieldErrors = {};
    const summaries = await listSummaryVersions(db, review.id);
    const approved = (language: 'en' | 'cy') => summaries.find((v) => v.language === language && v.status === 'approved');
    if (!approved('en')) errors.form = 'packet:errors.noSummaryEn';
    else if (!approved('cy')) errors.form = 'packet:errors.noSummaryCy';
    const head = await findReportHead(db, review.id);
    const report = head?.acceptedVersion ? await findReportVersion(db, review.id, head.acceptedVersion) : undefined;
    if (!errors.form && !report) errors.form = 'packet:errors.noReport';
    if (errors.form || !report) throw invalid(errors);

    const files: PacketFile[] = [];
    for (const language of ['en', 'cy'] as const) {
      const version = approved(language);
      if (!version) continue;
      const doc = await this.deps.documents.download(reader, 'executive_summary', version.id, language, 'pdf');
      files.push({ name: `executive-summary-${language}.pdf`, kind: 'EXEC_SUMMARY', language, version: version.version, bytes: doc.bytes });
    }
    const reportDoc = await this.deps.documents.download(reader, 'review_report', report.id, 'en', 'pdf');
    files.push({ name: 'report-en.pdf', kind: 'OVERVIEW', language: 'en', version: report.version, bytes: reportDoc.bytes });
    const plan = await this.deps.actionSheets.export(reader, scope, 'en');
    files.push({ name: 'action-plan-en.xlsx', kind: 'ACTION_PLAN', language: 'en', version: null, bytes: steadyWorkbook(plan.bytes) });
    if (sendsAgencyReports(review.frameworkId)) files.push(...(await this.agencyReports(reader, review)));

    const manifest = await this.manifest(db, review, report.acceptedAt, files);
    const zip = packetZip(manifest, files);
    const checksum = sha256(zip);
    const id = newId();
    let number = 0;
    await this.deps.files.upload(
      caller,
      { boardId: review.boardId, purpose: 'packet', name: packetFileName(review.reference, 0), content: Readable.from([zip]), owner: packetOwner(id) },
      async (trx, file) => {
        number = await nextPacketNumber(trx, review.id);
        await insertPacket(trx, {
          id,
          reviewId: review.id,
          boardId: review.boardId,
          number,
          fileId: file.id,
          manifest,
          sha256: checksum,
          sizeBytes: zip.length,
          madeBy: caller.actor?.personId ?? null,
          madeAt: this.now(),
        });
        await this.deps.audit.record(trx, caller, {
          boardId: review.boardId,
          recordType: 'review',
          recordId: review.id,
          summary: { packetId: id, number, fileId: file.id, sha256: checksum, files: files.length },
        });
      },
    );
    return { id, number, sha256: checksum, sizeBytes: zip.length };
  }

  /**
   * Every signed-off agency report: the report its author drafted, as a tagged PDF from the document pipeline, and
   * any files attached to it, each read through the file service (each read audited).
   */
  private async agencyReports(reader: Caller, review: ReviewRow): Promise<PacketFile[]> {
    const out: PacketFile[] = [];
    const requests = (await reviewRequests(this.deps.db.kysely, review.id)).filter((r) => r.status === 'signed_off');
    for (const request of requests) {
      const stem = `agency-reports/${slug(request.agencyName.en)}-${request.kind}`;
      const doc = await this.deps.documents.download(reader, 'agency_report', request.id, 'en', 'pdf');
      out.push({ name: `${stem}.pdf`, kind: 'IMR', language: 'en', version: doc.version, bytes: doc.bytes });
      let n = 0;
      for (const file of await this.deps.files.filesOf(contributionOwner(request.id))) {
        const { content } = await this.deps.files.download(reader, file.id, contributionOwner(request.id));
        n++;
        out.push({ name: `${stem}-attachment-${n}.${extensionOf(file.name)}`, kind: 'IMR', language: null, version: null, bytes: await bytesOf(content) });
      }
    }
    return out;
  }

  private async manifest(db: Executor, review: ReviewRow, reportAcceptedAt: string | null, files: readonly PacketFile[]): Promise<PacketManifest> {
    const framework = getFramework(review.frameworkId);
    const board = await findBoard(db, review.boardId);
    if (!board) throw notFound('board');
    const referral = await findReferral(db, review.referralId);
    const publication = await findPublication(db, review.id);
    const themes = await db.selectFrom('learning_points').select('theme').distinct().where('review_id', '=', review.id).orderBy('theme').execute();
    return {
      format: 'case-review-submission-packet/1',
      reference: review.reference,
      framework: { id: framework.id, nameEn: framework.name.en, nameCy: framework.name.cy },
      board: { nameEn: board.nameEn, nameCy: board.nameCy },
      recipients: [...FRAMEWORK_RECIPIENTS[review.frameworkId]],
      dates: {
        referral: referral?.receivedOn ?? null,
        decision: review.decidedOn,
        reportAccepted: reportAcceptedAt,
        publication: publication?.publishedAt ?? publication?.releaseAt ?? null,
      },
      themes: themes.map((t) => t.theme),
      files: files.map((f) => ({ name: f.name, kind: f.kind, language: f.language, version: f.version, sizeBytes: f.bytes.length, sha256: sha256(f.bytes) })),
    };
  }

  /** A packet's zip (the business unit of the review's board only): the read audited with the packet's checksum. */
  async download(caller: Caller, scope: ReviewScope, packetId: string): Promise<{ bytes: Buffer; sha256: string; contentType: string; fileName: string }> {
    const found = await inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'publication.packet');
      const packet = await findPacket(trx, review.id, packetId);
      if (!packet) throw notFound('packet');
      return { review, packet };
    });
    // The file service's read is the download's audited read (its transaction reads the file's record).
    const { content } = await this.deps.files.download(caller, found.packet.fileId, packetOwner(found.packet.id));
    const bytes = await bytesOf(content);
    if (sha256(bytes) !== found.packet.sha256) throw new Error(`packet ${found.packet.id} fails its checksum`);
    return { bytes, sha256: found.packet.sha256, contentType: 'application/zip', fileName: packetFileName(found.review.reference, found.packet.number) };
  }

  /** Records a sending; a repository upload of a published SUSR review moves it on (upload_to_repository). */
  async recordSending(caller: Caller, scope: ReviewScope, input: SendingInput): Promise<{ id: string; moved: boolean }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'publication.packet');
      const errors: FieldErrors = {};
      const packet = input.packetId ? await findPacket(trx, review.id, input.packetId) : undefined;
      if (!packet) errors.packetId = 'packet:errors.packetMissing';
      const recipients = FRAMEWORK_RECIPIENTS[review.frameworkId];
      if (!isRecipient(input.recipient) || !recipients.includes(input.recipient)) errors.recipient = 'packet:errors.recipientMissing';
      if (!isSendingMethod(input.method)) errors.method = 'packet:errors.methodMissing';
      if (!isIsoDate(input.sentOn)) errors.sentOn = 'packet:errors.sentOnMissing';
      else if (input.sentOn > this.deps.clock.today()) errors.sentOn = 'packet:errors.sentOnFuture';
      else if (packet && input.sentOn < packet.madeAt.slice(0, 10)) errors.sentOn = 'packet:errors.sentOnBeforeMade';
      const reference = input.reference.trim();
      if (!reference) errors.reference = 'packet:errors.referenceMissing';
      else if (reference.length > SENDING_LIMITS.reference) errors.reference = 'packet:errors.referenceTooLong';
      if (Object.keys(errors).length > 0 || !packet) throw invalid(errors);
      const id = newId();
      await insertSending(trx, {
        id,
        packetId: packet.id,
        reviewId: review.id,
        boardId: review.boardId,
        recipient: input.recipient,
        method: input.method,
        sentOn: input.sentOn,
        reference,
        recordedBy: caller.actor?.personId ?? null,
        recordedAt: this.now(),
      });
      const moves = input.recipient === 'wales_safeguarding_repository' && movesOnUpload(review);
      const event = await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { sendingId: id, packetId: packet.id, recipient: input.recipient, method: input.method, moved: moves },
      });
      if (moves)
        await this.workflow.transition(trx, caller, {
          record: 'review',
          id: review.id,
          event: 'upload_to_repository',
          from: review.stage,
          reason: null,
          recordedBy: event,
        });
      return { id, moved: moves };
    });
  }
}

/** A published SUSR review: its table moves PUBLISHED → REPOSITORY_UPLOADED by the repository upload (R16). */
function movesOnUpload(review: ReviewRow): boolean {
  return review.stage === 'PUBLISHED' && getFramework(review.frameworkId).stages.includes('REPOSITORY_UPLOADED');
}
