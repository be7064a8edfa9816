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

/** Undoes quoted-printable soft line breaks and escapes, so a long link can be read back whole. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  // Escapes are UTF-8 bytes (Welsh letters such as ô): read them back as UTF-8.
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/**
 * A whole message made readable: headers unfolded with their RFC 2047 encoded words decoded (a subject
 * with ’ or ô is sent as =?UTF-8?Q?…?=, split across lines), and the body as decodeQuotedPrintable gives it.
 */
export function decodeMessage(raw: string): string {
  const end = raw.indexOf('\r\n\r\n');
  const head = (end < 0 ? raw : raw.slice(0, end))
    .replace(/\r\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
  return end < 0 ? head : `${head}\r\n\r\n${decodeQuotedPrintable(raw.slice(end + 4))}`;
}
