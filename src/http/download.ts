// Sending a file (a generated document or a stored upload): its type, a Content-Disposition that is safe whatever the file's name holds, no
// sniffing and no caching (a document is case material). The name comes from the document service, built
// from codes and references, but it is still treated as untrusted here: nothing reaches the header unescaped.
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { downloadName } from '../domain/files.ts';

/** Characters no file system or header should get: path separators, Windows' reserved ones, quotes, controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]+/g;

/** The name with anything unsafe in a file name replaced, without leading dots; "download" if nothing is left. */
function safeName(fileName: string): string {
  const name = fileName
    .normalize('NFC')
    .replace(UNSAFE, '-')
    .replace(/^[.\s-]+/, '')
    .trim();
  return name === '' ? 'download' : name;
}

/** An ASCII version of the name for clients that do not read filename*: accents dropped, anything else a hyphen. */
function asciiName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._()-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '');
  return ascii === '' || ascii.startsWith('.') ? 'download' : ascii;
}

/** RFC 5987 encoding: UTF-8, percent-encoded except attr-char (encodeURIComponent leaves ' ( ) * too). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="<ASCII>"; filename*=UTF-8''<name>` (RFC 6266): every client gets a usable name, and
 * those that read filename* (all current browsers) get it as written, Welsh letters included.
 */
export function attachmentHeader(fileName: string): string {
  const name = safeName(fileName);
  return `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}

/**
 * Sends a file as a download — a generated document (its bytes) or a stored upload (streamed): always an
 * attachment with a safe name (for a stored file, with the extension of what its content is: downloadName),
 * never sniffed, never rendered by the browser (a sandboxing Content-Security-Policy should it be opened as
 * a page anyway), never cached (a document is case material). The one way the service sends a file.
 */
export function sendDownload(reply: FastifyReply, file: { bytes: Buffer; contentType: string; fileName: string }): FastifyReply;
export function sendDownload(reply: FastifyReply, file: { name: string; contentType: string; sizeBytes: number }, content: Readable): FastifyReply;
export function sendDownload(
  reply: FastifyReply,
  file: { bytes: Buffer; contentType: string; fileName: string } | { name: string; contentType: string; sizeBytes: number },
  content?: Readable,
): FastifyReply {
  const stored = 'name' in file;
  const type = stored && file.contentType.startsWith('text/') ? `${file.contentType}; charset=utf-8` : file.contentType;
  reply
    .header('content-type', type)
    .header('content-disposition', attachmentHeader(stored ? downloadName(file.name, file.contentType) : file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store');
  if (stored) return reply.header('content-length', String(file.sizeBytes)).send(content);
  return reply.send(file.bytes);
}
