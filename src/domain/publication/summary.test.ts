// The executive summary's rules (issue 13 item 3): its sections with English and Welsh titles (the board's
// statement last), the first draft from an SCR overview report's summary sections, what approval needs, the
// translation request's rules and moves, and the parity check between the languages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkTranslation,
  completedOf,
  initialSummary,
  missingForApproval,
  type ParitySide,
  parityCheck,
  SUMMARY_SECTIONS,
  TRANSLATION_MOVES,
} from './summary.ts';

const full = (changedAt: string | null, text = 'Text.'): ParitySide['sections'] => Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s.id, { text, changedAt }]));

describe('executive summary', () => {
  test('sections: the summary, then the board’s statement in three parts; every title in English and Welsh', () => {
    assert.deepEqual(
      SUMMARY_SECTIONS.map((s) => s.id),
      ['introduction', 'people', 'parallel_processes', 'events', 'key_issues', 'learning', 'recommendations', 'actions_taken', 'impact', 'further_actions'],
    );
    assert.deepEqual(
      SUMMARY_SECTIONS.filter((s) => s.statement).map((s) => s.id),
      ['actions_taken', 'impact', 'further_actions'],
    );
    for (const s of SUMMARY_SECTIONS) {
      assert.ok(s.title.en && s.title.cy && s.hint.en && s.hint.cy, s.id);
      assert.notEqual(s.title.en, s.title.cy, `${s.id} is translated`);
    }
    assert.match(SUMMARY_SECTIONS.find((s) => s.id === 'events')?.hint.cy ?? '', /wedi’i ddienwi/, 'anonymised = dienwi');
  });

  test('the first draft: empty, or the SCR overview report’s summary sections where they say something', () => {
    assert.ok(Object.values(initialSummary()).every((s) => s.text === ''));
    const from = initialSummary({ summary_introduction: { text: 'Why.' }, summary_events: { text: '' }, process: { text: 'Not the summary.' } });
    assert.equal(from.introduction?.text, 'Why.');
    assert.equal(from.events?.text, '');
    assert.equal(from.people?.text, '');
    assert.deepEqual(missingForApproval(from), { form: 'summary:errors.incomplete' });
    assert.deepEqual(missingForApproval(Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s.id, { text: 'x' }]))), {});
  });

  test('completed actions are the settled ones', () => {
    assert.equal(completedOf({ not_started: 2, on_track: 1, complete: 3, verified: 1, impact_evidenced: 1, sustained: 1, closed: 1 }), 7);
  });

  test('translation request: a name, an email or an agency, a due date not past; returned and cancelled are final', () => {
    const today = '2026-12-12';
    const ok = checkTranslation(
      { translatorName: ' Siân Jones ', translatorEmail: 'sian@example.cymru', agencyId: '', dueOn: '2026-12-20', note: '' },
      [],
      today,
    );
    assert.deepEqual(ok, {
      ok: true,
      value: { translatorName: 'Siân Jones', translatorEmail: 'sian@example.cymru', agencyId: null, dueOn: '2026-12-20', note: null },
    });
    const byAgency = checkTranslation(
      { translatorName: 'Uned Gyfieithu', translatorEmail: '', agencyId: 'a1', dueOn: '2026-12-12', note: 'Urgent' },
      ['a1'],
      today,
    );
    assert.equal(byAgency.ok, true);
    const bad = checkTranslation({ translatorName: '', translatorEmail: '', agencyId: 'other', dueOn: '2026-12-11', note: '' }, ['a1'], today);
    assert.deepEqual(bad, {
      ok: false,
      errors: { translatorName: 'summary:errors.translatorNameRequired', agencyId: 'summary:errors.agencyUnknown', dueOn: 'summary:errors.dueOnPast' },
    });
    const noContact = checkTranslation({ translatorName: 'X', translatorEmail: 'not-an-email', agencyId: '', dueOn: '2026-02-30', note: '' }, [], today);
    assert.deepEqual(noContact, { ok: false, errors: { translatorEmail: 'summary:errors.translatorEmailInvalid', dueOn: 'summary:errors.dueOnInvalid' } });
    assert.deepEqual(TRANSLATION_MOVES.returned, []);
    assert.deepEqual(TRANSLATION_MOVES.cancelled, []);
    assert.ok(TRANSLATION_MOVES.requested.includes('in_progress'));
  });

  test('parity: missing sections either way', () => {
    const en: ParitySide = { sections: { ...full('2026-12-01T10:00:00Z'), learning: { text: '', changedAt: null } }, approvedAt: null };
    const cy: ParitySide = { sections: { ...full('2026-12-02T10:00:00Z'), impact: { text: ' ', changedAt: null } }, approvedAt: null };
    assert.deepEqual(parityCheck(en, cy), [
      { section: 'learning', kind: 'missing', language: 'en' },
      { section: 'impact', kind: 'missing', language: 'cy' },
    ]);
    assert.equal(
      parityCheck(en, { sections: null, approvedAt: null }).length,
      SUMMARY_SECTIONS.length - 1,
      'no Welsh yet: each English section is missing in Welsh',
    );
  });

  test('parity: the Welsh written after the English was approved is its translation; later changes in either are flagged', () => {
    // English written (10:00) and approved (11:00); Welsh translated (12:00) and approved (13:00): in step.
    const enApproved: ParitySide = { sections: full('2026-12-01T10:00:00Z'), approvedAt: '2026-12-01T11:00:00Z' };
    const cyApproved: ParitySide = { sections: full('2026-12-01T12:00:00Z'), approvedAt: '2026-12-01T13:00:00Z' };
    assert.deepEqual(parityCheck(enApproved, cyApproved), []);
    // The Welsh being translated (a draft, not yet approved): nothing flagged but what is missing.
    assert.deepEqual(parityCheck(enApproved, { sections: full('2026-12-01T12:00:00Z'), approvedAt: null }), []);
    // An English section changed after the Welsh was approved: the Welsh needs translating again (approving the English does not clear it).
    const enLater: ParitySide = {
      sections: { ...full('2026-12-01T10:00:00Z'), key_issues: { text: 'Changed.', changedAt: '2026-12-02T09:00:00Z' } },
      approvedAt: '2026-12-02T10:00:00Z',
    };
    assert.deepEqual(parityCheck(enLater, cyApproved), [{ section: 'key_issues', kind: 'changed', language: 'en', since: 'cy' }]);
    // A Welsh section changed after both were approved: the English lacks it.
    const cyLater: ParitySide = {
      sections: { ...full('2026-12-01T12:00:00Z'), learning: { text: 'Newid.', changedAt: '2026-12-03T09:00:00Z' } },
      approvedAt: '2026-12-01T13:00:00Z',
    };
    assert.deepEqual(parityCheck(enApproved, cyLater), [{ section: 'learning', kind: 'changed', language: 'cy', since: 'en' }]);
  });
});
