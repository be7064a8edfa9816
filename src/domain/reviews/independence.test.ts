import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FRAMEWORK_IDS } from '../frameworks/types.ts';
import {
  appointmentRefusals,
  appointmentRule,
  declaresIndependence,
  engagementWarnings,
  INDEPENDENT_ROLES,
  matchesRegisterFilter,
  specialismList,
} from './independence.ts';

test('who nominates and appoints, by framework: SCR the panel nominates the author, the business unit appoints; CPR the panel appoints reviewers (two when extended); SUSR from the approved list', () => {
  assert.deepEqual(appointmentRule('SCR_2006', null, 'author'), {
    nominatedBy: 'panel',
    appointedBy: 'business_unit',
    approvedListOnly: false,
    places: 1,
    title: 'author',
  });
  assert.equal(appointmentRule('CPR_2016', 'concise', 'author').places, 1);
  assert.deepEqual(appointmentRule('CPR_2013', 'extended', 'author'), {
    nominatedBy: 'panel',
    appointedBy: 'panel',
    approvedListOnly: false,
    places: 2,
    title: 'reviewer',
  });
  for (const role of INDEPENDENT_ROLES) assert.equal(appointmentRule('SUSR_2024', null, role).approvedListOnly, true);
  for (const f of FRAMEWORK_IDS) assert.deepEqual(appointmentRule(f, null, 'panel_chair').places, 1, f);
});

const independent = { independentOfAgencies: true, independentOfCase: true, independentOfChild: true, conflicts: '' };
const check = { rule: appointmentRule('SCR_2006', null, 'panel_chair'), employerAgencyIds: [null], involvedAgencyIds: ['police'], wgApproved: false };

test('an appointment is refused for every reason at once: employed by an involved agency, no declaration, a conflict, not on the approved list', () => {
  assert.deepEqual(appointmentRefusals({ ...check, declaration: independent }), {});
  assert.deepEqual(appointmentRefusals({ ...check, declaration: undefined }), { declaration: 'panel.notDeclared' });
  assert.deepEqual(appointmentRefusals({ ...check, declaration: { ...independent, conflicts: ' I know the family ' } }), {
    declaration: 'panel.declaredConflict',
  });
  assert.deepEqual(appointmentRefusals({ ...check, declaration: { ...independent, independentOfChild: false } }), { declaration: 'panel.declaredConflict' });
  assert.deepEqual(appointmentRefusals({ ...check, employerAgencyIds: [null, 'police'], declaration: independent }), {
    employer: 'panel.employedByInvolvedAgency',
  });
  assert.deepEqual(appointmentRefusals({ ...check, employerAgencyIds: ['health'], declaration: independent }), {}, 'another agency is not an involved one');
  assert.deepEqual(appointmentRefusals({ ...check, rule: appointmentRule('SUSR_2024', null, 'author'), declaration: undefined }), {
    approvedList: 'panel.notOnApprovedList',
    declaration: 'panel.notDeclared',
  });
});

test('independence is all three answers yes and no conflict listed (whitespace is no conflict)', () => {
  fc.assert(
    fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.string(), (a, b, c, conflicts) => {
      const d = { independentOfAgencies: a, independentOfCase: b, independentOfChild: c, conflicts };
      assert.equal(declaresIndependence(d), a && b && c && conflicts.trim() === '');
    }),
  );
});

test('an engagement warns when it was with an involved agency and ran at some time in the last five years', () => {
  const today = '2026-12-06';
  const e = (agencyId: string, fromOn: string, toOn: string | null) => ({ agencyId, fromOn, toOn });
  const warned = engagementWarnings(
    [
      e('police', '2018-01-01', '2021-12-06'),
      e('police', '2018-01-01', '2021-12-05'),
      e('health', '2024-01-01', null),
      e('police', '2025-01-01', null),
      e('police', '2027-01-01', null),
    ],
    ['police'],
    today,
  );
  assert.deepEqual(warned, [e('police', '2018-01-01', '2021-12-06'), e('police', '2025-01-01', null)]);
});

test('the register filter: availability, language, specialism (part of one, any case), the approved list; specialisms split once each', () => {
  const entry = { availability: 'available', languages: ['en', 'cy'], specialisms: ['Child protection', 'Neglect'], wgApproved: false };
  assert.equal(matchesRegisterFilter(entry, { language: 'cy', specialism: 'NEGL' }), true);
  assert.equal(matchesRegisterFilter(entry, { availability: 'limited' }), false);
  assert.equal(matchesRegisterFilter(entry, { specialism: 'health' }), false);
  assert.equal(matchesRegisterFilter(entry, { approvedOnly: true }), false);
  assert.deepEqual(specialismList(' Neglect, neglect\nHealth ,, '), ['Neglect', 'Health']);
});
