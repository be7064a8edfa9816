import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHECK_ANSWERS, type JourneyState } from '../../journeys/flow.ts';
import { FLOW, type ReferralAnswers, referralFlow } from './flow.ts';

const { firstIncomplete, isReachable, markDone, nextAfter, previousBefore, stepForField } = referralFlow;
const empty: JourneyState<ReferralAnswers> = { answers: {}, done: [] };

function answeredUpTo(slug: string, extra: ReferralAnswers = {}): JourneyState<ReferralAnswers> {
  const index = FLOW.findIndex((s) => s.slug === slug);
  return { answers: { incidentType: 'death', ...extra }, done: FLOW.slice(0, index + 1).map((s) => s.slug) };
}

describe('new referral journey table', () => {
  test('starts at the referrer and walks the pages in order, skipping the impairment page unless needed', () => {
    assert.equal(firstIncomplete(empty), 'referrer');
    const walked: string[] = [];
    let state: JourneyState<ReferralAnswers> = empty;
    let slug: string = 'referrer';
    while (slug !== CHECK_ANSWERS) {
      walked.push(slug);
      state = markDone(state, slug, slug === 'incident-type' ? { incidentType: 'death' } : {});
      slug = nextAfter(state, slug, false);
    }
    assert.deepEqual(walked, [
      'referrer',
      'dates',
      'incident-type',
      'abuse-or-neglect',
      'board-area',
      'child',
      'periods',
      'family',
      'agencies',
      'facts',
      'proceedings',
    ]);
    assert.equal(firstIncomplete(state), undefined);
  });

  test('serious and permanent impairment without the date asks for it on its own page', () => {
    const state = answeredUpTo('incident-type', { incidentType: 'serious_permanent_impairment', impairmentIdentifiedOn: null });
    assert.equal(nextAfter(state, 'incident-type', false), 'impairment');
    assert.equal(firstIncomplete(state), 'impairment');
    assert.equal(previousBefore(state, 'abuse-or-neglect'), 'impairment');
    const answered = markDone(state, 'impairment', { impairmentIdentifiedOn: '2026-10-01' });
    assert.equal(nextAfter(answered, 'impairment', false), 'abuse-or-neglect');
  });

  test('the date given on the incident type page (revealed by scripts) skips the separate page', () => {
    const state = answeredUpTo('incident-type', { incidentType: 'serious_permanent_impairment', impairmentIdentifiedOn: '2026-10-01' });
    assert.equal(nextAfter(state, 'incident-type', false), 'abuse-or-neglect');
    assert.equal(previousBefore(state, 'abuse-or-neglect'), 'incident-type');
  });

  test('returning to check answers goes straight back, unless the change needs another answer', () => {
    const all = answeredUpTo('proceedings');
    assert.equal(firstIncomplete(all), undefined);
    assert.equal(nextAfter(all, 'dates', true), CHECK_ANSWERS);
    const changed = markDone(all, 'incident-type', { incidentType: 'serious_permanent_impairment', impairmentIdentifiedOn: null });
    assert.equal(nextAfter(changed, 'incident-type', true), 'impairment');
  });

  test('pages cannot be reached before the pages they follow', () => {
    const state = answeredUpTo('dates');
    assert.equal(isReachable(state, 'incident-type'), true);
    assert.equal(isReachable(state, 'dates'), true);
    assert.equal(isReachable(state, 'child'), false);
    assert.equal(isReachable(answeredUpTo('proceedings'), 'child'), true);
  });

  test('back links: the first page has none; check answers goes back to the last page', () => {
    assert.equal(previousBefore(empty, 'referrer'), undefined);
    assert.equal(previousBefore(answeredUpTo('proceedings'), CHECK_ANSWERS), 'proceedings');
  });

  test('service errors are shown on the page whose field it is', () => {
    assert.equal(stepForField('incidentOn'), 'dates');
    assert.equal(stepForField('receivedOn'), 'dates');
    assert.equal(stepForField('impairmentIdentifiedOn'), 'incident-type');
    assert.equal(stepForField('dateOfBirth'), 'child');
    assert.equal(stepForField('periods.2'), 'periods');
    assert.equal(stepForField('referringAgencyId'), 'referrer');
    assert.equal(stepForField('agenciesInvolved'), 'agencies');
    assert.equal(stepForField('initialFacts'), 'facts');
    assert.equal(stepForField('unknown'), undefined);
  });
});

describe('new referral journey table: answers that no longer apply', () => {
  test('changing the incident type from serious and permanent impairment drops the impairment date', () => {
    const state = answeredUpTo('proceedings', { incidentType: 'serious_permanent_impairment', impairmentIdentifiedOn: '2026-10-01' });
    const changed = markDone(state, 'incident-type', { incidentType: 'death' });
    assert.equal(changed.answers.impairmentIdentifiedOn, undefined);
    assert.equal(changed.done.includes('impairment'), false);
    assert.equal(nextAfter(changed, 'incident-type', true), CHECK_ANSWERS);
  });
});
