import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import { documentTexts } from '../../../domain/documents.ts';
import { testAction } from '../../../testing/audit-actions.ts';
import { criteriaAnswers } from '../../../testing/case-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

type Setup = Awaited<ReturnType<typeof considerationSetup>>;

/** The referral analysed, recommended and decided (a review) through the services, as the people of the setup. */
async function decide(s: Setup) {
  const caller = async (id: string, action: AuditAction) => ({ actor: await s.services.identity.loadActor(id, true), ip: null, requestId: null, action });
  const member = await caller(s.people.member.id, 'CRITERIA_ASSESSED');
  const { framework } = await s.services.consideration.frameworkFor(member, s.referral.id);
  const answers = criteriaAnswers(framework);
  await s.services.consideration.recordAssessment(member, s.referral.id, { meetingId: null, answers });
  await s.services.consideration.submitRecommendation(await caller(s.people.groupChair.id, 'RECOMMENDATION_SUBMITTED'), s.referral.id, {
    route: 'review',
    reviewType: framework.reviewersByType ? 'concise' : null,
    reasons: 'The statutory criteria are met.',
    dissent: null,
  });
  await s.services.consideration.recordDecision(await caller(s.people.chair.id, 'DECISION_RECORDED'), s.referral.id, {
    agreesWithRecommendation: true,
    route: null,
    reviewType: null,
    rationale: 'I agree: <the criteria> are met & a review is needed.',
    decidedOn: '2026-11-27',
  });
}

async function events(s: Setup, action: string) {
  return s.services.db.kysely.selectFrom('audit_events').select(['summary', 'record_id']).where('action', '=', action).orderBy('seq').execute();
}

for (const dialect of dialectsUnderTest()) {
  describe(`the decision letter's page and files (${dialect})`, () => {
    test('the letter as a page: its text in the service’s layout, headings under the page’s h1, the version, the downloads; one audit event a read', async (t) => {
      const s = await considerationSetup(t, dialect);
      await decide(s);
      const member = await s.browserFor('member');
      const page = await member.get(`${s.base}/decision-letter`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Decision letter');
      assert.equal(page.$('h1').length, 1, 'the letter’s own headings sit under the page’s');
      assert.equal(page.$('.app-document h2').first().text(), 'Test Safeguarding Children Board');
      assert.equal(page.$('.app-document').attr('lang'), 'en-GB');
      assert.equal(page.$('.app-document-version').text().trim(), 'Version 1, made on 27 November 2026');
      assert.equal(page.$(`a[href="${s.base}/decision-letter.pdf"]`).length, 1);
      assert.equal(page.$(`a[href="${s.base}/decision-letter.docx"]`).length, 1);
      assert.equal(page.$('a.govuk-back-link').attr('href'), `${s.base}/consideration`);
      // Every text of the letter is on the page, and the chair's free text is escaped, not markup.
      const letter = await s.services.documents.view(
        { actor: await s.services.identity.loadActor(s.people.member.id, true), ip: null, requestId: null, action: testAction('TEST_READ') },
        'decision_letter',
        s.referral.id,
        'en',
      );
      const shown = page.$('.app-document').text().replace(/\s+/g, ' ');
      for (const { text } of documentTexts(letter.model)) assert.ok(shown.includes(text.replace(/\s+/g, ' ')), text);
      assert.ok(page.body.includes('I agree: &lt;the criteria&gt; are met &amp; a review is needed.'));
      assert.equal((await events(s, 'DECISION_LETTER_VIEWED')).length, 1, 'one audit event for the page');

      const welsh = await member.get(`${s.base}/decision-letter?lang=cy`);
      assert.equal(welsh.$('h1').text().trim(), 'Llythyr penderfyniad');
      assert.equal(welsh.$('.app-document').attr('lang'), 'cy-GB');
      assert.match(welsh.$('.app-document').text(), /Penderfyniad ar yr atgyfeiriad ynghylch Plentyn A/);
      assert.equal((await events(s, 'DECISION_LETTER_VIEWED')).length, 2);

      // The consideration page links to it.
      const consideration = await member.get(`${s.base}/consideration?lang=en`);
      assert.equal(consideration.$(`a[href="${s.base}/decision-letter"]`).text().trim(), 'Read the decision letter');
    });

    test('the files: the stored version’s bytes, a safe file name in the reader’s language, no sniffing, no caching; each download audited with its checksum', async (t) => {
      const s = await considerationSetup(t, dialect);
      await decide(s);
      const chair = await s.browserFor('chair');
      const pdf = await chair.get(`${s.base}/decision-letter.pdf?lang=cy`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.headers['x-content-type-options'], 'nosniff');
      assert.equal(pdf.headers['cache-control'], 'no-store');
      assert.equal(
        pdf.headers['content-disposition'],
        `attachment; filename="CYSUR-2026-01-llythyr-penderfyniad-cy.pdf"; filename*=UTF-8''CYSUR-2026-01-llythyr-penderfyniad-cy.pdf`,
      );
      const again = await chair.get(`${s.base}/decision-letter.pdf?lang=cy`);
      assert.ok(again.rawPayload.equals(pdf.rawPayload), 'the same stored file');
      const [first, second] = await events(s, 'DECISION_LETTER_DOWNLOADED');
      const summary = JSON.parse(first?.summary ?? '{}');
      assert.equal(summary.version, 1);
      assert.equal(summary.sha256, (await import('node:crypto')).createHash('sha256').update(pdf.rawPayload).digest('hex'));
      assert.equal(JSON.parse(second?.summary ?? '{}').newVersion, false);
    });

    test('before a decision there is no letter: the page and the files are not found', async (t) => {
      const s = await considerationSetup(t, dialect);
      const member = await s.browserFor('member');
      for (const path of ['decision-letter', 'decision-letter.pdf', 'decision-letter.docx']) {
        assert.equal((await member.get(`${s.base}/${path}`)).statusCode, 404, path);
      }
      assert.equal((await s.services.db.kysely.selectFrom('documents').selectAll().execute()).length, 0);
    });
  });
}
