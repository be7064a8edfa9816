// Times shown to people are London's: an event at 23:30 UTC on 30 June happened at 00:30 BST on 1 July,
// and the audit log says so (it said "30 June 2026, 23:30:00" and "Times are in UTC" before).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adminWorld } from '../testing/admin-fixtures.ts';
import { testCaller } from '../testing/audit-actions.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`times on pages are London's (${dialect})`, () => {
    test('the audit log shows an event at 23:30 UTC on 30 June as 1 July, 00:30, in English and Welsh', async (t) => {
      const { services, clock, deploymentAdmin } = await adminWorld(t, dialect);
      clock.set('2026-06-30T23:30:00.000Z');
      await services.tokens.create(testCaller('TEST_NIGHT_TOKEN'), deploymentAdmin.person.email, 'night');
      const en = await deploymentAdmin.browser.get('/audit?action=TEST_NIGHT_TOKEN&lang=en');
      assert.equal(en.statusCode, 200);
      assert.match(en.$('main').text(), /Times are UK time/);
      assert.equal(en.$('main table tbody tr time').first().text().trim(), '1 July 2026, 00:30:00');
      const cy = await deploymentAdmin.browser.get('/audit?action=TEST_NIGHT_TOKEN&lang=cy');
      assert.equal(cy.$('main table tbody tr time').first().text().trim(), '1 Gorffennaf 2026, 00:30:00');
    });
  });
}
