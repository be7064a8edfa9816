// Family involvement's pure rules: a language and a consent as recorded, a past date, and the last day each
// topic was told.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { languageConsentProblems, lastToldOn, pastDateProblem } from './family.ts';

const TODAY = '2026-12-06';

describe('family involvement rules', () => {
  test('another language is named; a consent other than “not yet asked” has its date, not in the future', () => {
    const ok = { language: 'cy', languageOther: null, consent: 'agreed', consentOn: '2026-12-01', today: TODAY };
    assert.deepEqual(languageConsentProblems(ok), {});
    assert.deepEqual(languageConsentProblems({ ...ok, language: 'other', languageOther: ' ' }), { languageOther: 'family:errors.languageOtherRequired' });
    assert.deepEqual(languageConsentProblems({ ...ok, language: 'fr' }), { language: 'family:errors.languageRequired' });
    assert.deepEqual(languageConsentProblems({ ...ok, consentOn: null }), { consentOn: 'family:errors.consentOnRequired' });
    assert.deepEqual(languageConsentProblems({ ...ok, consentOn: '2026-12-07' }), { consentOn: 'family:errors.dateFuture' });
    assert.deepEqual(languageConsentProblems({ ...ok, consent: 'not_asked', consentOn: '2026-12-01' }), { consentOn: 'family:errors.consentOnNotAsked' });
    assert.deepEqual(languageConsentProblems({ ...ok, consent: 'not_asked', consentOn: null }), {});
    assert.deepEqual(languageConsentProblems({ ...ok, consent: 'maybe' }), { consent: 'family:errors.consentRequired' });
  });

  test('a contact’s or meeting’s date: given, complete, real, not in the future, not before the review', () => {
    assert.equal(pastDateProblem('metOn', null, TODAY), 'family:errors.metOnRequired');
    assert.equal(pastDateProblem('metOn', 'incomplete', TODAY), 'family:errors.dateIncomplete');
    assert.equal(pastDateProblem('metOn', 'invalid', TODAY), 'family:errors.dateInvalid');
    assert.equal(pastDateProblem('metOn', '2026-12-07', TODAY), 'family:errors.dateFuture');
    assert.equal(pastDateProblem('metOn', '2026-11-01', TODAY, '2026-11-20'), 'family:errors.dateBeforeReview');
    assert.equal(pastDateProblem('metOn', TODAY, TODAY, '2026-11-20'), undefined);
  });

  test('the last day each topic was told, whatever order the contacts come in; unknown topics ignored', () => {
    assert.deepEqual(
      lastToldOn([
        { contactedOn: '2026-11-02', topics: ['review_started'] },
        { contactedOn: '2026-11-20', topics: ['review_started', 'publication_date'] },
        { contactedOn: '2026-11-10', topics: ['review_started', 'gossip'] },
      ]),
      { review_started: '2026-11-20', publication_date: '2026-11-20' },
    );
    assert.deepEqual(lastToldOn([]), {});
  });
});
