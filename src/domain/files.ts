// Files people upload: what may be stored (decided by the content, never by the name), how large, and how
// a stored file is named when it is downloaded. Pure rules: the streaming, storage and encryption live in
// src/services/files.
import type { AuditAction } from './audit-actions.ts';

/**
 * Why a file is uploaded: it decides the size limit (config.ts) and the kinds of file accepted. `packet`: a
 * submission packet the service makes (issue 13 item 6), a zip, stored like any upload (encrypted, scanned).
 */
export const FILE_PURPOSES = ['attachment', 'import', 'packet'] as const;

/** The largest submission packet stored (the review's documents as a zip). */
export const PACKET_MAX_BYTES = 512 * 1024 * 1024;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** A kind of file the service accepts: its media type, and the extensions a download may keep. */
export interface FileKind {
  mime: string;
  /** The first is the one a download is given when its name has none of them. */
  extensions: readonly string[];
}

/** Every kind accepted anywhere, by the media type the content is detected as. */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  rtf: { mime: 'application/rtf', extensions: ['rtf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  tif: { mime: 'image/tiff', extensions: ['tif', 'tiff'] },
  // Plain text has no signature: it is text when the content is UTF-8 without control characters.
  txt: { mime: 'text/plain', extensions: ['txt', 'csv'] },
  zip: { mime: 'application/zip', extensions: ['zip'] },
} as const satisfies Record<string, FileKind>;
export type FileKindName = keyof typeof FILE_KINDS;

/** The kinds each purpose accepts. Imports are tables: CSV (plain text) or a spreadsheet. */
export const ACCEPTED_KINDS: Record<FilePurpose, readonly FileKindName[]> = {
  attachment: ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'rtf', 'png', 'jpg', 'tif', 'txt'],
  import: ['txt', 'xlsx', 'ods'],
  packet: ['zip'],
};

/** The kind a detected media type stands for, if the service knows it. */
export function kindOfMime(mime: string): FileKindName | undefined {
  return (Object.keys(FILE_KINDS) as FileKindName[]).find((k) => FILE_KINDS[k].mime === mime);
}

/** Whether a purpose accepts content of this media type. */
export function isAccepted(purpose: FilePurpose, mime: string): boolean {
  const kind = kindOfMime(mime);
  return kind !== undefined && ACCEPTED_KINDS[purpose].includes(kind);
}

/**
 * Whether the first bytes of a file read as plain text: valid UTF-8 (a character cut off at the end of a
 * sample that is not the whole file is allowed) with no control characters but tab, line feed, form feed
 * and carriage return, and no byte-order mark other than UTF-8's.
 */
export function looksLikeText(sample: Uint8Array, complete: boolean): boolean {
  if (sample.length === 0) return false;
  let bytes = sample;
  if (!complete) {
    // Drop an incomplete character at the end of the sample (at most 3 bytes of a 4-byte sequence).
    let cut = bytes.length;
    for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
      const b = bytes[i] ?? 0;
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (bytes.length - i < need) cut = i;
      break;
    }
    bytes = bytes.subarray(0, cut);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return false;
  }
  // Cc other than \t \n \f \r (NUL, escape sequences, DEL, C1) means a binary or terminal file.
  return !/(?![\t\n\f\r])\p{Cc}/u.test(text);
}

const MAX_NAME_LENGTH = 150;

/**
 * A file's name as it will be kept and shown: its last path segment (browsers and tools may send a whole
 * path), without control or bidirectional formatting characters (which can make "report‮fdp.exe" display
 * as "reportexe.pdf"), spaces collapsed, at most 150 characters; "file" when nothing is left.
 */
export function cleanFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...cleaned];
  const short = chars.length > MAX_NAME_LENGTH ? chars.slice(0, MAX_NAME_LENGTH).join('').trim() : cleaned;
  return short === '' ? 'file' : short;
}

/**
 * The name a download is given: the stored name when its extension fits the content's kind, otherwise the
 * stored name with the kind's extension added ("notes.html" holding plain text downloads as
 * "notes.html.txt"), so nothing opens a file as something its content is not.
 */
export function downloadName(name: string, mime: string): string {
  const kind = kindOfMime(mime);
  if (!kind) return name;
  const extensions: readonly string[] = FILE_KINDS[kind].extensions;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return extensions.includes(extension) ? name : `${name}.${extensions[0]}`;
}

/** The audit names of what happens to files. */
export const FILE_AUDIT = {
  stored: 'FILE_STORED',
  downloaded: 'FILE_DOWNLOADED',
  deleted: 'FILE_DELETED',
  refusedInfected: 'FILE_REFUSED_INFECTED',
} as const satisfies Record<string, AuditAction>;

/** Why an upload was refused (a locale key in the errors namespace: `file.<reason>`). */
const UPLOAD_REFUSALS = ['required', 'empty', 'tooLarge', 'type', 'infected', 'scanUnavailable'] as const;
export type UploadRefusal = (typeof UPLOAD_REFUSALS)[number];
