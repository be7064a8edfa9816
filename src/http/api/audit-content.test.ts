// The audit log holds identifiers, counts, field names and the operation's codes, never case content
// (issue 8 §5): a referral walked from its recording to the decision letter, read along the way in every
// way there is, leaves no name, date of birth, address, fact, reason, route, type or code of the case in
// any audit column.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld } from '../../testing/api-fixtures.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

/** Free text of the case: none may appear anywhere in an audit row. */
const TEXTS = [
  'Zephyrine Quillfeather',
  '47 Xylophone Crescent',
  'Quokkaflux',
  'Vortigern Blandish',
  'Marmalade liaison',
  'vortigern@referrer.example',
  'Ottoline Pemberthwaite',
  'Zanzibar House',
  'Stepmother-in-law',
  'Quimby Fennimore',
  'Gravelwort',
  'Thistlebright',
  'Mumblecrust',
  'Peppercorn',
  'Wolfsbane Hall',
  'Hortensia Guestly',
  'Lantern Trust',
  'Child A',
  'Plentyn A',
  'AAA/2026/01',
];

/** Coded values and dates of the case: no audit value may be one of them. */
const VALUES = [
  '2017-02-13', // date of birth
  '2026-11-16', // the incident
  '2026-11-19', // referral received
  '2026-11-26', // the meeting
  '2026-11-27', // the decision
  '2024-03-01', // a period on the child protection register
  'life_threatening_injury',
  'known',
  'child_protection_register',
  'criminal',
  'review',
  'must',
  'may',
  'undetermined',
  'child_died',
];

/** Every string a column or the summary holds (keys of the summary are field names, which are allowed). */
function values(row: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const [column, v] of Object.entries(row)) {
    if (column === 'summary') walk(JSON.parse(String(v)));
    else if (column !== 'occurred_at') walk(v);
  }
  return out;
}

for (const dialect of dialectsUnderTest()) {
  describe(`audit details (${dialect})`, () => {
    test('a referral from recording to decision letter leaves no case content in the audit log', async (t) => {
      const { services, boardA, people, tokens, call, createReferral, mustAnswers } = await apiWorld(t, dialect);
      const referral = await createReferral({
        referrerName: 'Vortigern Blandish',
        referrerRole: 'Marmalade liaison',
        referrerEmail: 'vortigern@referrer.example',
        receivedOn: '2026-11-19',
        incidentOn: '2026-11-16',
        incidentType: 'life_threatening_injury',
        abuseOrNeglect: 'known',
        initialFacts: 'Quokkaflux: the child was found injured at home.',
        child: { fullName: 'Zephyrine Quillfeather', dateOfBirthOn: '2017-02-13', address: '47 Xylophone Crescent', isDeceased: false },
        periods: [{ kind: 'child_protection_register', startOn: '2024-03-01', endOn: null }],
        familyMembers: [
          {
            relationship: 'Stepmother-in-law',
            isSignificantPerson: true,
            language: 'en',
            fullName: 'Ottoline Pemberthwaite',
            contactDetails: 'Flat 9 Zanzibar House',
          },
        ],
        proceedings: [{ proceedingType: 'criminal', status: 'open', liaisonContact: 'DS Quimby Fennimore', expectedEndOn: null }],
      });
      const base = `/api/v1/referrals/${referral.id}`;
      const ok = async <R extends { statusCode: number; body: string }>(res: Promise<R>, status = 200): Promise<R> => {
        const r = await res;
        assert.equal(r.statusCode, status, r.body);
        return r;
      };

      // The meeting, with a guest; the analysis, the recommendation with a dissent, the decision; every read.
      const meeting = await ok(
        call('POST', `/api/v1/boards/${boardA.id}/meetings`, tokens.unitA, { meetsOn: '2026-11-26', location: 'Wolfsbane Hall', referralIds: [referral.id] }),
        201,
      );
      const meetingId = String(meeting.data.id);
      await ok(
        call('POST', `/api/v1/meetings/${meetingId}/attendance`, tokens.unitA, {
          attendance: [{ personId: people.memberA.id, attended: true }],
          guests: [{ fullName: 'Hortensia Guestly', role: 'Lantern Trust' }],
        }),
      );
      const answers = Object.fromEntries(
        Object.entries(await mustAnswers(referral.id)).map(([id, a]) => [id, a.answer === 'unknown' ? a : { ...a, facts: `Gravelwort: ${a.facts}` }]),
      );
      answers.abuse_or_neglect = { answer: 'known', facts: 'Gravelwort: admitted.' };
      answers.child_died = { answer: 'no', facts: 'Gravelwort: the child survived.' };
      if (answers.life_threatening_injury) answers.life_threatening_injury = { answer: 'yes', facts: 'Gravelwort: intensive care.' };
      await ok(call('POST', `${base}/assessments`, tokens.memberA, { meetingId, answers }), 201);
      await ok(
        call('POST', `${base}/recommendations`, tokens.groupChairA, {
          route: 'review',
          reasons: 'Thistlebright: the criteria are met.',
          dissent: 'Mumblecrust: a forum would do.',
        }),
        201,
      );
      await ok(
        call('POST', `${base}/decision`, tokens.chairA, { agreesWithRecommendation: true, rationale: 'Peppercorn: I agree.', decidedOn: '2026-11-27' }),
        201,
      );
      for (const url of [
        `${base}`,
        `${base}/timeline`,
        `${base}/duplicates`,
        `${base}/criteria`,
        `${base}/consideration`,
        `${base}/decision-letter?format=docx`,
        `${base}/decision-letter?format=pdf&lang=cy`,
        `/api/v1/boards/${boardA.id}/referrals?status=decided_proceed`,
        `/api/v1/boards/${boardA.id}/meetings`,
      ])
        await ok(call('GET', url, tokens.chairA));
      await ok(
        call('POST', `/api/v1/boards/${boardA.id}/referrals/duplicates`, tokens.unitA, {
          incidentOn: '2026-11-16',
          incidentType: 'life_threatening_injury',
          child: { fullName: 'Zephyrine Quillfeather', dateOfBirthOn: '2017-02-13' },
        }),
      );

      const rows = await services.db.kysely.selectFrom('audit_events').selectAll().orderBy('seq').execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const action of [
        'REFERRAL_CREATED',
        'MEETING_SCHEDULED',
        'ATTENDANCE_RECORDED',
        'CRITERIA_ASSESSED',
        'RECOMMENDATION_SUBMITTED',
        'DECISION_RECORDED',
        'REFERRAL_VIEWED',
        'REFERRAL_TIMELINE_VIEWED',
        'REFERRAL_DUPLICATES_VIEWED',
        'REFERRAL_DUPLICATES_CHECKED',
        'CRITERIA_VIEWED',
        'CONSIDERATION_VIEWED',
        'DECISION_LETTER_DOWNLOADED',
        'REFERRALS_LISTED',
        'MEETINGS_VIEWED',
      ])
        assert.ok(actions.has(action), `${action} written`);
      for (const row of rows) {
        const text = JSON.stringify(row);
        for (const t of TEXTS) assert.ok(!text.includes(t), `${row.action} holds "${t}": ${row.summary}`);
        const held = values(row);
        for (const v of VALUES) assert.ok(!held.includes(v), `${row.action} holds the value "${v}": ${row.summary}`);
      }
    });
  });
}
