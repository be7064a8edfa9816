import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentsOf, type PublicationFacts, publicationRefusals, publicStatus } from './publication.ts';

const both = { en: true, cy: true };
const open: PublicationFacts = {
  choice: 'summary',
  openCriminalProceedings: 0,
  criminalOverride: false,
  welfareCheckedOn: '2026-11-02',
  familyToldOn: '2026-11-20',
  anonymisationApproved: { summary: both, report: { en: false, cy: false } },
  summaryApproved: both,
  chairApproved: true,
};

test('every gate open: the summary may be published (the report, not chosen, needs nothing)', () => {
  assert.deepEqual(publicationRefusals(open), {});
  assert.deepEqual(documentsOf('summary'), ['summary']);
  assert.deepEqual(documentsOf('summary_and_report'), ['summary', 'report']);
  assert.deepEqual(documentsOf('withhold'), []);
});

test('each gate closed gives its own reason, and all at once', () => {
  const shut: PublicationFacts = {
    choice: 'summary_and_report',
    openCriminalProceedings: 1,
    criminalOverride: false,
    welfareCheckedOn: null,
    familyToldOn: null,
    anonymisationApproved: { summary: { en: true, cy: false }, report: { en: true, cy: true } },
    summaryApproved: { en: true, cy: false },
    chairApproved: false,
  };
  assert.deepEqual(publicationRefusals(shut), {
    proceedings: 'publication:gate.criminalOpen',
    welfare: 'publication:gate.noWelfareCheck',
    anonymisation_summary: 'publication:gate.anonymisationNotApproved.summary',
    family: 'publication:gate.familyNotTold',
    summaryCy: 'publication:gate.summaryNotApproved.cy',
    chair: 'publication:gate.chairNotApproved',
  });
  // Publishing the report too needs its check approved in both languages (R10).
  assert.equal(publicationRefusals({ ...open, choice: 'summary_and_report' }).anonymisation_report, 'publication:gate.anonymisationNotApproved.report');
});

test('R5: open criminal proceedings refuse publication unless the chair recorded an override', () => {
  assert.equal(publicationRefusals({ ...open, openCriminalProceedings: 2 }).proceedings, 'publication:gate.criminalOpen');
  assert.deepEqual(publicationRefusals({ ...open, openCriminalProceedings: 2, criminalOverride: true }), {});
});

test('no decision, or a decision not to publish: refused', () => {
  assert.equal(publicationRefusals({ ...open, choice: null }).choice, 'publication:gate.noDecision');
  assert.equal(publicationRefusals({ ...open, choice: 'withhold' }).choice, 'publication:gate.withheld');
});

test('public status: published from its time, withdrawn after, a hold shown only where the board chose', () => {
  const now = '2026-12-07T10:00:00.000Z';
  const none = { publishedAt: null, withdrawnAt: null, held: false, showHold: false };
  assert.equal(publicStatus(none, now), 'none');
  assert.equal(publicStatus({ ...none, held: true }, now), 'none', 'listing a held review can prejudice a trial: not shown unless chosen');
  assert.equal(publicStatus({ ...none, held: true, showHold: true }, now), 'delayed');
  assert.equal(publicStatus({ ...none, publishedAt: '2026-12-08T09:00:00.000Z' }, now), 'none', 'embargoed until its release');
  assert.equal(publicStatus({ ...none, publishedAt: '2026-12-01T09:00:00.000Z' }, now), 'published');
  assert.equal(publicStatus({ ...none, publishedAt: '2026-12-01T09:00:00.000Z', withdrawnAt: '2026-12-07T09:00:00.000Z' }, now), 'withdrawn');
});
