import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentHeader } from './download.ts';

test('a plain ASCII file name is given as it is, twice: filename for every client, filename* for those that read it', () => {
  assert.equal(
    attachmentHeader('CYSUR-2026-01-decision-letter-en.pdf'),
    `attachment; filename="CYSUR-2026-01-decision-letter-en.pdf"; filename*=UTF-8''CYSUR-2026-01-decision-letter-en.pdf`,
  );
});

test('Welsh letters and punctuation: an ASCII fallback without accents, and the name itself encoded by RFC 5987', () => {
  assert.equal(
    attachmentHeader('Adroddiad – Ŵyr ŷd (drafft) 100%.pdf'),
    `attachment; filename="Adroddiad-Wyr-yd-(drafft)-100-.pdf"; filename*=UTF-8''Adroddiad%20%E2%80%93%20%C5%B4yr%20%C5%B7d%20%28drafft%29%20100%25.pdf`,
  );
});

test('nothing in a name can break out of the header, name a path, or hide as a dot file', () => {
  const hostile = '../..\\etc/passwd"; filename="evil.exe\r\nSet-Cookie: a=b\u0000.pdf';
  const header = attachmentHeader(hostile);
  assert.ok(!/[\r\n]/.test(header) && !header.includes('\u0000'), 'no line breaks or NUL');
  const [, ascii = '', encoded = ''] = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(header) ?? [];
  assert.ok(ascii !== '' && encoded !== '', header);
  for (const name of [ascii, decodeURIComponent(encoded)]) {
    assert.doesNotMatch(name, /[/\\"\r\n]/, name);
    assert.ok(!name.includes('\u0000'), name);
    assert.ok(!name.startsWith('.'), name);
  }
  assert.match(encoded, /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/, 'filename* holds only RFC 5987 attr-chars and escapes');
  assert.equal(attachmentHeader('...'), `attachment; filename="download"; filename*=UTF-8''download`);
  assert.equal(attachmentHeader(''), `attachment; filename="download"; filename*=UTF-8''download`);
});
