// Reading a file upload (multipart/form-data) as a stream, for pages and the API alike (a stored file goes
// back out through sendDownload in download.ts). One file a request; the file is handed on as it arrives, never read
// whole into memory. A page form puts its CSRF token first (the session plugin checks it before the
// file is read) and any other fields before the file, so they are known when the file arrives.
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { FilePurpose, UploadRefusal } from '../domain/files.ts';

export interface UploadedFile {
  /** The name the uploader's computer gave it (cleaned when stored). */
  name: string;
  content: Readable;
}

/** Reads a stream to its end, discarding it (a part nobody wants, so that parsing can go on). */
async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) {
    // discarded
  }
}

/**
 * Reads the form's fields up to the file field, then calls `store` with the file as a stream and the
 * fields seen so far; parts after the file are read and discarded. `store` is not called when no file was
 * chosen (a browser sends an empty part with no name) or the request is not multipart.
 */
export async function readUpload<T>(
  req: FastifyRequest,
  fileField: string,
  store: (file: UploadedFile, fields: Record<string, string>) => Promise<T>,
): Promise<{ fields: Record<string, string>; stored: T | undefined }> {
  const fields: Record<string, string> = {};
  let stored: T | undefined;
  if (!req.isMultipart()) return { fields, stored };
  const parts = req.uploadParts ?? req.parts();
  let handled = false;
  for await (const part of parts) {
    if (part.type === 'field') {
      if (!handled && part.fieldname !== '_csrf' && typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    if (handled || part.fieldname !== fileField || part.filename === '') {
      await drain(part.file);
      continue;
    }
    handled = true;
    try {
      stored = await store({ name: part.filename, content: part.file }, fields);
    } finally {
      if (!part.file.destroyed) await drain(part.file).catch(() => {});
    }
  }
  return { fields, stored };
}

/** A size for people: "512 bytes", "20 KB", "1.5 MB" (in Welsh, "512 beit"). */
export function displaySize(t: TFunction, lang: string, bytes: number): string {
  const number = (n: number) => new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return t('files:size.bytes', { n: number(bytes) });
  if (bytes < 1024 * 1024) return t('files:size.kb', { n: number(bytes / 1024) });
  return t('files:size.mb', { n: number(bytes / (1024 * 1024)) });
}

/** What a refused upload's uploader is told, in their language (the limit named when it was too large). */
export function refusalMessage(t: TFunction, lang: string, reason: UploadRefusal, purpose: FilePurpose, maxBytes: number): string {
  if (reason === 'tooLarge') return t('errors:file.tooLarge', { size: displaySize(t, lang, maxBytes) });
  if (reason === 'type') return t(purpose === 'import' ? 'errors:file.typeImport' : 'errors:file.typeAttachment');
  return t(`errors:file.${reason}`);
}

/** The status of each refusal in the API: too large 413, not an accepted kind 415, the scanner unreachable 503, otherwise 422. */
const REFUSAL_STATUS: Record<UploadRefusal, number> = { required: 422, empty: 422, tooLarge: 413, type: 415, infected: 422, scanUnavailable: 503 };

/** An API problem for a refused upload, naming the field `file` and the refusal's code. */
export function uploadRefusalProblem(req: FastifyRequest, reply: FastifyReply, reason: UploadRefusal, purpose: FilePurpose, maxBytes: number): FastifyReply {
  const message = refusalMessage(req.t, req.lang, reason, purpose, maxBytes);
  return reply.problem(REFUSAL_STATUS[reason], req.t('errors:problem.invalidTitle'), message, { errors: [{ field: 'file', code: `file.${reason}`, message }] });
}
