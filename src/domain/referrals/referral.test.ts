import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  awareOnProblems,
  departuresFromAnalysis,
  likelyDuplicates,
  nextStatus,
  normaliseName,
  notifiedOnProblem,
  periodProblems,
  referralDateProblems,
  referralFactProblems,
  referrerProblems,
  reviewReference,
} from './referral.ts';

test('the workflow: considered, recommended, then decided once by the chair', () => {
  assert.equal(nextStatus('referred', 'consider'), 'under_consideration');
  assert.equal(nextStatus('under_consideration', 'recommend'), 'recommended_to_chair');
  assert.equal(nextStatus('recommended_to_chair', 'decide_proceed'), 'decided_proceed');
  assert.equal(nextStatus('recommended_to_chair', 'decide_not_proceed'), 'decided_not_proceed');
  assert.equal(nextStatus('under_consideration', 'decide_proceed'), undefined, 'no decision without a recommendation');
  assert.equal(nextStatus('referred', 'decide_proceed'), undefined);
  assert.equal(nextStatus('decided_proceed', 'decide_not_proceed'), undefined, 'no second decision');
  assert.equal(nextStatus('decided_not_proceed', 'decide_proceed'), undefined);
});

test('incident date rules', () => {
  const today = '2026-11-27';
  assert.deepEqual(referralDateProblems({ incidentOn: '2026-11-01', receivedOn: '2026-11-03', today }), {});
  assert.deepEqual(referralDateProblems({ incidentOn: '2026-11-03', receivedOn: '2026-11-03', today }), {}, 'same day is fine');
  assert.deepEqual(referralDateProblems({ incidentOn: '2026-11-04', receivedOn: '2026-11-03', today }), { incidentOn: 'referral.incidentAfterReceived' });
  assert.deepEqual(referralDateProblems({ incidentOn: '2026-11-28', receivedOn: '2026-11-27', today }), { incidentOn: 'referral.incidentInFuture' });
  assert.deepEqual(referralDateProblems({ incidentOn: '2026-11-01', receivedOn: '2026-11-28', today }), { receivedOn: 'referral.receivedInFuture' });
});

test('periods', () => {
  assert.equal(periodProblems({ startOn: '2026-01-01', endOn: null }, '2026-11-27'), undefined);
  assert.equal(periodProblems({ startOn: '2026-01-02', endOn: '2026-01-01' }, '2026-11-27'), 'period.endBeforeStart');
  assert.equal(periodProblems({ startOn: '2026-12-01', endOn: null }, '2026-11-27'), 'period.startInFuture');
});

test('review references', () => {
  assert.equal(reviewReference('CYSUR', 2026, 3), 'CYSUR/2026/03');
  assert.equal(reviewReference('CYSUR', 2026, 112), 'CYSUR/2026/112');
});

test('duplicate detection: same child, same incident, on opaque keys', () => {
  assert.equal(normaliseName('  Siân  Ŵyn-Jones '), 'sian wyn jones');
  const candidates = [
    { referralId: 'r1', nameKey: 'N1', dobKey: 'D1', incidentOn: '2026-10-01', incidentType: 'death' as const },
    { referralId: 'r2', nameKey: 'N2', dobKey: 'D2', incidentOn: '2026-11-20', incidentType: 'other_harm' as const },
    { referralId: 'r3', nameKey: 'N3', dobKey: 'D3', incidentOn: '2025-01-01', incidentType: 'death' as const },
  ];
  assert.deepEqual(likelyDuplicates({ nameKey: 'N1', dobKey: 'D1', incidentOn: '2026-11-01', incidentType: 'death' }, candidates), [
    { referralId: 'r1', reason: 'same_child' },
  ]);
  assert.deepEqual(likelyDuplicates({ nameKey: null, dobKey: null, incidentOn: '2026-11-20', incidentType: 'other_harm' }, candidates), [
    { referralId: 'r2', reason: 'same_incident' },
  ]);
  // A name alone, or a date of birth alone, is not enough; either with the incident date is.
  assert.deepEqual(likelyDuplicates({ nameKey: 'N3', dobKey: 'D9', incidentOn: '2020-01-01', incidentType: 'death' }, candidates), []);
  assert.deepEqual(likelyDuplicates({ nameKey: null, dobKey: 'D3', incidentOn: '2025-01-01', incidentType: 'other_harm' }, candidates), [
    { referralId: 'r3', reason: 'same_child' },
  ]);
});

test('what the referral says about the harm agrees with itself: a death is a child who has died, and the reverse', () => {
  assert.deepEqual(referralFactProblems({ incidentType: 'death', childIsDeceased: false }), { childIsDeceased: 'referral.deathButNotDeceased' });
  assert.deepEqual(referralFactProblems({ incidentType: 'life_threatening_injury', childIsDeceased: true }), {
    childIsDeceased: 'referral.deceasedButNotDeath',
  });
  assert.deepEqual(referralFactProblems({ incidentType: 'death', childIsDeceased: true }), {});
  assert.deepEqual(referralFactProblems({ incidentType: 'other_harm', childIsDeceased: false }), {});
});

test('the referrer: a person with an account, or a name and an email address; neither is the person recording it', () => {
  assert.deepEqual(referrerProblems({ referrerPersonId: null, referrerName: null, referrerEmail: null }), {});
  assert.deepEqual(referrerProblems({ referrerPersonId: 'p1', referrerName: null, referrerEmail: null }), {});
  assert.deepEqual(referrerProblems({ referrerPersonId: null, referrerName: 'A neighbour', referrerEmail: 'n@example.org' }), {});
  assert.deepEqual(referrerProblems({ referrerPersonId: null, referrerName: 'A neighbour', referrerEmail: null }), {
    referrerEmail: 'referral.referrerEmailRequired',
  });
  assert.deepEqual(referrerProblems({ referrerPersonId: null, referrerName: ' ', referrerEmail: 'not an address' }), {
    referrerName: 'referral.referrerNameRequired',
    referrerEmail: 'email.invalid',
  });
  assert.deepEqual(referrerProblems({ referrerPersonId: 'p1', referrerName: 'A neighbour', referrerEmail: null }), {
    referrerPersonId: 'referral.referrerPersonOrDetails',
  });
});

test('England: the day the board became aware, and the day the Panel was notified', () => {
  const d = { incidentOn: '2026-11-18', receivedOn: '2026-11-20', today: '2026-11-27' };
  assert.deepEqual(awareOnProblems({ ...d, awareOn: '2026-11-19' }), {});
  assert.deepEqual(awareOnProblems({ ...d, awareOn: null }), { awareOn: 'referral.awareOnRequired' });
  assert.deepEqual(awareOnProblems({ ...d, awareOn: '2026-11-17' }), { awareOn: 'referral.awareBeforeIncident' });
  assert.deepEqual(awareOnProblems({ ...d, awareOn: '2026-11-21' }), { awareOn: 'referral.awareAfterReceived' });
  assert.deepEqual(awareOnProblems({ ...d, awareOn: '2026-11-28' }), { awareOn: 'referral.awareInFuture' });
  assert.equal(notifiedOnProblem({ notifiedOn: '2026-11-20', awareOn: '2026-11-19', today: '2026-11-27' }), undefined);
  assert.equal(notifiedOnProblem({ notifiedOn: '2026-11-18', awareOn: '2026-11-19', today: '2026-11-27' }), 'notification.beforeAware');
  assert.equal(notifiedOnProblem({ notifiedOn: '2026-11-28', awareOn: '2026-11-19', today: '2026-11-27' }), 'notification.inFuture');
});

test('a recommendation departs from the analysis: no review where the criteria are met, a review where they are not, another type', () => {
  const must = { outcome: 'must', reviewType: 'concise' };
  assert.deepEqual(departuresFromAnalysis(must, { route: 'review', reviewType: 'concise' }), []);
  assert.deepEqual(departuresFromAnalysis(must, { route: 'multi_agency_professional_forum', reviewType: null }), ['route']);
  assert.deepEqual(departuresFromAnalysis(must, { route: 'review', reviewType: 'extended' }), ['type']);
  assert.deepEqual(departuresFromAnalysis({ outcome: 'not_met', reviewType: null }, { route: 'review', reviewType: null }), ['route']);
  assert.deepEqual(departuresFromAnalysis({ outcome: 'may', reviewType: null }, { route: 'no_review', reviewType: null }), []);
  assert.deepEqual(departuresFromAnalysis({ outcome: 'undetermined', reviewType: null }, { route: 'review', reviewType: null }), []);
});
