import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getFramework } from '../frameworks/index.ts';
import { checkSection, contributionFormFor, defaultPeriod, initialTerms, missingForApproval, TERMS_LIMITS } from './terms.ts';

test('the period under review starts from the framework: 12 months before the incident for a Child Practice Review or an SUSR, none for an SCR', () => {
  assert.deepEqual(defaultPeriod(getFramework('CPR_2016'), '2020-03-15'), { startOn: '2019-03-15', endOn: '2020-03-15' });
  assert.deepEqual(defaultPeriod(getFramework('SUSR_2024'), '2026-11-18'), { startOn: '2025-11-18', endOn: '2026-11-18' });
  assert.deepEqual(defaultPeriod(getFramework('SCR_2006'), '2010-01-01'), { startOn: null, endOn: null });
});

test('a first draft: the child’s pseudonym, the framework’s period, the referral’s agencies with the framework’s form', () => {
  const draft = initialTerms({ framework: getFramework('SCR_2006'), incidentOn: '2010-05-01', pseudonym: { kind: 'child', index: 3 }, agencyIds: ['a', 'b'] });
  assert.deepEqual(draft.agencies.items, [
    { agencyId: 'a', form: 'imr' },
    { agencyId: 'b', form: 'imr' },
  ]);
  assert.equal(contributionFormFor('CPR_2013'), 'timeline');
  assert.deepEqual(draft.subject, { pseudonym: { kind: 'child', index: 3 } });
  assert.deepEqual(Object.keys(missingForApproval(draft)), ['purpose', 'period', 'enquiry', 'methodology', 'panel', 'timescales']);
});

test('each section’s rules: dates in order, agencies of the board with a form, lines of enquiry, text within its limit', () => {
  assert.deepEqual(checkSection({ section: 'period', startOn: '2026-06-01', endOn: '2026-05-31' }, []), {
    ok: false,
    errors: { endOn: 'terms:errors.endBeforeStart' },
  });
  assert.deepEqual(checkSection({ section: 'period', startOn: 'invalid', endOn: null }, []), {
    ok: false,
    errors: { startOn: 'terms:errors.startInvalid', endOn: 'terms:errors.endRequired' },
  });
  assert.deepEqual(checkSection({ section: 'period', startOn: '2026-05-31', endOn: '2026-05-31' }, []), {
    ok: true,
    section: 'period',
    value: { startOn: '2026-05-31', endOn: '2026-05-31' },
  });
  assert.deepEqual(checkSection({ section: 'agencies', items: [{ agencyId: 'x', form: 'imr' }] }, ['a']), {
    ok: false,
    errors: { agencies: 'terms:errors.agencyUnknown' },
  });
  assert.deepEqual(checkSection({ section: 'agencies', items: [{ agencyId: 'a', form: '' }] }, ['a']), {
    ok: false,
    errors: { 'form-a': 'terms:errors.formRequired' },
  });
  assert.deepEqual(
    checkSection(
      {
        section: 'agencies',
        items: [
          { agencyId: 'b', form: 'timeline' },
          { agencyId: 'a', form: 'imr' },
        ],
      },
      ['a', 'b'],
    ),
    {
      ok: true,
      section: 'agencies',
      value: {
        items: [
          { agencyId: 'a', form: 'imr' },
          { agencyId: 'b', form: 'timeline' },
        ],
      },
    },
  );
  assert.deepEqual(checkSection({ section: 'enquiry', items: ['  One   line ', '', 'Two'] }, []), {
    ok: true,
    section: 'enquiry',
    value: { items: ['One line', 'Two'] },
  });
  assert.deepEqual(checkSection({ section: 'enquiry', items: Array.from({ length: TERMS_LIMITS.lines + 1 }, (_, i) => `Line ${i}`) }, []), {
    ok: false,
    errors: { enquiry: 'terms:errors.enquiryTooMany' },
  });
  assert.deepEqual(checkSection({ section: 'purpose', text: ' ' }, []), { ok: false, errors: { text: 'terms:errors.textRequired' } });
  assert.deepEqual(checkSection({ section: 'purpose', text: 'x'.repeat(TERMS_LIMITS.text + 1) }, []), {
    ok: false,
    errors: { text: 'terms:errors.textTooLong' },
  });
});
