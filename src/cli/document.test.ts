import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { bootServices } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { testAction } from '../testing/audit-actions.ts';
import { callerWithRole } from '../testing/case-fixtures.ts';
import { decidedReferral } from '../testing/document-fixtures.ts';
import { docxReading } from '../testing/document-inspect.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { buildTestApp } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import type { Output } from './context.ts';
import { documentDecisionLetter } from './document.ts';
import { buildProgram } from './program.ts';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => void lines.push(l), err: (l) => void errors.push(l) };
}

function scratch(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'case-review-document-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

for (const dialect of dialectsUnderTest()) {
  describe(`case-review document decision-letter (${dialect})`, () => {
    test('writes the letter for a person who may see the referral, audited as theirs; never over a file; refuses anyone else', async (t) => {
      const { services } = await buildTestApp(t, dialect);
      const { referral, member } = await decidedReferral(services);
      const dir = scratch(t);
      const out = join(dir, 'llythyr.pdf');
      const io = capture();
      const opts = { referral: referral.id, format: 'pdf', language: 'cy', out, as: member.email.toUpperCase() };
      assert.equal(await documentDecisionLetter(services, opts, io), 0, io.errors.join('\n'));
      const bytes = readFileSync(out);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(statSync(out).mode & 0o777, 0o600, 'case material: readable by its owner alone');
      assert.deepEqual(io.lines, [
        `Wrote version 1 of the decision letter (CYSUR-2026-01-llythyr-penderfyniad-cy.pdf, ${bytes.length} bytes) to ${out}.`,
        `SHA-256: ${createHash('sha256').update(bytes).digest('hex')}`,
      ]);
      const page = await services.documents.view({ ...member, action: testAction('TEST') }, 'decision_letter', referral.id, 'cy');
      assert.equal(page.version, 1, 'the same version as the service gives');
      const [event, ...more] = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'DECISION_LETTER_EXPORTED').execute();
      assert.equal(more.length, 0);
      assert.equal(event?.actor_id, member.personId);
      assert.equal(event?.record_id, referral.id);
      assert.equal(event?.ip, null);
      assert.equal(JSON.parse(event?.summary ?? '{}').format, 'pdf');

      const again = capture();
      assert.equal(await documentDecisionLetter(services, opts, again), 1);
      assert.deepEqual(again.errors, [`Error: ${out} already exists; it is never overwritten`]);
      assert.ok(readFileSync(out).equals(bytes));

      const docx = join(dir, 'letter.docx');
      assert.equal(await documentDecisionLetter(services, { ...opts, format: 'docx', language: 'en', out: docx }, capture()), 0);
      assert.ok(docxReading(readFileSync(docx)).some((p) => p.text === 'Decision on the referral about Child A'));

      const other = await seedBoard(services, 'OTHER', { en: 'Other Board', cy: 'Bwrdd Arall' });
      const outsider = await callerWithRole(services, 'business_unit', other.id);
      for (const [who, message] of [
        [outsider.email, 'Error: referral not found'],
        ['nobody@example.org', 'Error: --as names no active account: nobody@example.org'],
      ] as const) {
        const refused = capture();
        const path = join(dir, `refused-${refused.lines.length}-${who}.pdf`);
        assert.equal(await documentDecisionLetter(services, { ...opts, as: who, out: path }, refused), 1);
        assert.deepEqual(refused.errors, [message]);
        assert.ok(!existsSync(path));
      }
      for (const [bad, message] of [
        [{ format: 'odt' }, 'Error: --format must be one of html, docx, pdf'],
        [{ language: 'fr' }, 'Error: --language must be one of en, cy'],
      ] as const) {
        const refused = capture();
        assert.equal(await documentDecisionLetter(services, { ...opts, ...bad, out: join(dir, 'x') }, refused), 1);
        assert.deepEqual(refused.errors, [message]);
      }
    });
  });
}

describe('case-review document decision-letter, as a command', () => {
  test('its options, against the database in DATA_DIR', async (t) => {
    const dataDir = scratch(t);
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const { db, services } = await bootServices(config);
    const { referral, chair } = await decidedReferral(services);
    services.mail.close();
    await db.close();

    const io = capture();
    const codes: number[] = [];
    const out = join(dataDir, 'letter.html');
    await buildProgram({ io, env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, exit: (code) => void codes.push(code) }).parseAsync(
      ['document', 'decision-letter', '--referral', referral.id, '--as', chair.email, '--format', 'html', '--language', 'cy', '--out', out],
      { from: 'user' },
    );
    assert.deepEqual(codes, [0], io.errors.join('\n'));
    assert.match(readFileSync(out, 'utf8'), /<html lang="cy-GB">[\s\S]*Penderfyniad ar yr atgyfeiriad ynghylch Plentyn A/);
  });
});
