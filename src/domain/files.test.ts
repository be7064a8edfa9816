import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACCEPTED_KINDS, cleanFileName, downloadName, FILE_KINDS, isAccepted, looksLikeText } from './files.ts';

describe('file rules', () => {
  test('a name keeps its last path segment, loses control and direction characters, and is never empty', () => {
    assert.equal(cleanFileName('C:\\Users\\me\\Agency report.pdf'), 'Agency report.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('report\u202Efdp.exe'), 'reportfdp.exe');
    assert.equal(cleanFileName('a\u0000b\tc\nd.txt'), 'abcd.txt');
    assert.equal(cleanFileName('  lots   of   space .pdf '), 'lots of space .pdf');
    assert.equal(cleanFileName('...hidden'), 'hidden');
    assert.equal(cleanFileName('///'), 'file');
    assert.equal([...cleanFileName('ŵ'.repeat(400))].length, 150);
  });

  test('a download keeps its extension only when it fits the content, otherwise gets the right one added', () => {
    assert.equal(downloadName('Report.PDF', FILE_KINDS.pdf.mime), 'Report.PDF');
    assert.equal(downloadName('notes.html', FILE_KINDS.txt.mime), 'notes.html.txt');
    assert.equal(downloadName('table.csv', FILE_KINDS.txt.mime), 'table.csv');
    assert.equal(downloadName('photo.jpeg', FILE_KINDS.jpg.mime), 'photo.jpeg');
    assert.equal(downloadName('report.pdf', FILE_KINDS.docx.mime), 'report.pdf.docx');
    assert.equal(downloadName('README', FILE_KINDS.txt.mime), 'README.txt');
  });

  test('plain text is valid UTF-8 without control characters; a cut character at the end of a sample is allowed', () => {
    assert.ok(looksLikeText(Buffer.from('name,date\nSiân,2026-01-01\r\n'), true));
    assert.ok(looksLikeText(Buffer.from('\uFEFFwith a byte-order mark'), true));
    const cut = Buffer.from('ŵŵŵ').subarray(0, 5);
    assert.ok(looksLikeText(cut, false), 'a sample may end inside a character');
    assert.ok(!looksLikeText(cut, true), 'a whole file may not');
    assert.ok(!looksLikeText(Buffer.from([0x41, 0x00, 0x42]), true), 'NUL');
    assert.ok(!looksLikeText(Buffer.from([0xff, 0xfe, 0x41, 0x00]), true), 'UTF-16');
    assert.ok(!looksLikeText(Buffer.from('\u001b[31mred'), true), 'terminal escapes');
    assert.ok(!looksLikeText(Buffer.alloc(0), true));
  });

  test('each purpose accepts its kinds only', () => {
    assert.ok(isAccepted('attachment', 'application/pdf'));
    assert.ok(!isAccepted('import', 'application/pdf'));
    assert.ok(isAccepted('import', 'text/plain'));
    assert.ok(!isAccepted('attachment', 'application/x-msdownload'));
    assert.ok(!isAccepted('attachment', 'application/zip'));
    for (const kinds of Object.values(ACCEPTED_KINDS)) for (const k of kinds) assert.ok(FILE_KINDS[k]);
  });
});
