// Helpers for the tests of uploaded files: multipart bodies as a browser sends them, a deployment
// administrator's caller, sample files of each kind made by the libraries the service already uses, and
// checks of what the database and the store hold.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import type { Services } from '../container.ts';
import type { Db } from '../db/database.ts';
import type { Caller } from '../services/context.ts';
import type { BlobStore } from '../services/files/blob-store.ts';
import { type AnyAuditAction, testAction } from './audit-actions.ts';
import { seedPerson } from './fixtures.ts';

export type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; contentType?: string };

/** A multipart/form-data body with the parts in the given order. */
export function multipartBody(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----case-review-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(part.content, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A new deployment administrator (two-factor passed) as a service caller. */
export async function deploymentAdminCaller(services: Services, action: AnyAuditAction = 'TEST'): Promise<Caller> {
  const person = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
  const loaded = await services.identity.loadActor(person.id, true);
  if (!loaded) throw new Error('the administrator could not be loaded');
  return { actor: { personId: person.id, grants: loaded.grants, twoFactorSatisfied: true }, ip: '127.0.0.1', requestId: null, action: testAction(action) };
}

export function streamOf(content: Buffer, chunkBytes = 16 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < content.length; at += chunkBytes) yield content.subarray(at, at + chunkBytes);
    })(),
  );
}

/** A small real PDF (pdfkit) holding the text. */
export async function samplePdf(text = 'A test document'): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A small real Word document (docx). */
export async function sampleDocx(text = 'A test document'): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

/** A 1×1 PNG. */
export const SAMPLE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The start of a Windows executable: never an accepted kind. */
export const SAMPLE_EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), randomBytes(512)]);

/** Every key the store holds. */
export async function storedKeys(store: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for (const prefix of ['tmp/', 'blobs/']) for await (const o of store.list(prefix)) keys.push(o.key);
  return keys.sort();
}

/** How many blobs, files and references there are, and whether every count matches its rows (and none is zero). */
export async function fileCounts(db: Db): Promise<{ blobs: number; files: number; references: number; consistent: boolean }> {
  const k = db.kysely;
  const [blobs, files, references] = await Promise.all([
    k.selectFrom('file_blobs').select(['id', 'file_count']).execute(),
    k.selectFrom('files').select(['id', 'blob_id', 'reference_count']).execute(),
    k.selectFrom('file_references').select('file_id').execute(),
  ]);
  const refsPerFile = new Map<string, number>();
  for (const r of references) refsPerFile.set(r.file_id, (refsPerFile.get(r.file_id) ?? 0) + 1);
  const filesPerBlob = new Map<string, number>();
  for (const f of files) filesPerBlob.set(f.blob_id, (filesPerBlob.get(f.blob_id) ?? 0) + 1);
  const consistent =
    files.every((f) => Number(f.reference_count) === (refsPerFile.get(f.id) ?? 0) && Number(f.reference_count) > 0) &&
    blobs.every((b) => Number(b.file_count) === (filesPerBlob.get(b.id) ?? 0) && Number(b.file_count) > 0);
  return { blobs: blobs.length, files: files.length, references: references.length, consistent };
}

/** Reads a stream whole (tests only: the service never does). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
