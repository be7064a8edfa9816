// A local SMTP server on a free port that keeps every message it receives, so tests read what the
// service really sent over SMTP instead of mocking the mail layer. Used by HTTP and browser tests.
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** For SMTP_URL. */
  url: string;
  /** Every message received, raw (headers and quoted-printable body). */
  messages: string[];
  /** Every message received, read: the address, the subject and the body as the person sees them. */
  emails(): SentEmail[];
  /** Resolves when `count` messages have arrived; rejects after the timeout, saying how many did. */
  waitForMessages(count: number, timeoutMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let data = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        data += chunk;
      });
      stream.on('end', () => {
        messages.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    emails: () => messages.map(readEmail),
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} email(s), ${messages.length} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A sink closed when the test ends. */
export async function smtpSink(t: TestContext): Promise<SmtpSink> {
  const sink = await startSmtpSink();
  t.after(() => sink.close());
  return sink;
}

export interface SentEmail {
  /** The From header, decoded: 'Adolygu Achosion <no-reply@…>'. */
  from: string;
  to: string;
  subject: string;
  /** The text, with \n line ends. */
  body: string;
}

/** Undoes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QB]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

/** A raw message as received, read back: its To and Subject headers and its decoded text. */
export function readEmail(raw: string): SentEmail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const text = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const body = encoding === 'quoted-printable' ? decodeQuotedPrintable(text) : encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
  return {
    from: decodeWords(header('From')).replace(/^"(.*)"(\s*<)/, '$1$2'),
    to: decodeWords(header('To')),
    subject: decodeWords(header('Subject')),
    body: body.replace(/\r\n/g, '\n'),
  };
}

/** Undoes quoted-printable soft line breaks and escapes, so a long link can be read back whole. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  // Escapes are UTF-8 bytes (Welsh letters such as ô): read them back as UTF-8.
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
