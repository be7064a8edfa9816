// The panel of a review (issue 10 item 2, R3): nomination then appointment as separate steps, per
// framework; appointment refused — with the reason, nothing written — when the candidate has not declared,
// declared a conflict, or is employed by an involved agency (and under SUSR when not on the Welsh
// Government's approved list); the review role given in the appointment's transaction and reaching that
// review only; replacement with a new declaration and the open work passed on; the register's filters and
// warnings. On both databases; two appointments to the last place at once on PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { can } from '../domain/permissions.ts';
import { as } from '../testing/case-fixtures.ts';
import { seedPerson } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { nominateAndDeclare, seedPanelWorld } from '../testing/panel-fixtures.ts';
import { reviewRoleCaller } from '../testing/review-fixtures.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';

const invalidWith = (key: string) => (e: unknown) => e instanceof ServiceError && e.kind === 'invalid' && Object.values(e.fieldErrors).includes(key);
const kind = (k: string) => (e: unknown) => e instanceof ServiceError && e.kind === k;

for (const dialect of dialectsUnderTest()) {
  describe(`panel and independence (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }, opts: Parameters<typeof seedPanelWorld>[1] = {}) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-12-06T10:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const w = await seedPanelWorld(services, opts);
      const state = async (nominationId: string) =>
        (
          await services.db.kysely
            .selectFrom('panel_nominations')
            .select(['status', 'place', 'person_id'])
            .where('id', '=', nominationId)
            .executeTakeFirstOrThrow()
        ).status;
      const actorOf = async (personId: string) => {
        const loaded = await services.identity.loadActor(personId, true);
        if (!loaded) throw new Error('no actor');
        return { personId, grants: loaded.grants, twoFactorSatisfied: true };
      };
      const audits = async (action: string) =>
        (await services.db.kysely.selectFrom('audit_events').select('seq').where('action', '=', action).execute()).length;
      return { services, clock, ...w, state, actorOf, audits };
    }

    test('SCR: the chair is nominated, declares through the link and is appointed; the panel chair nominates the author and the business unit appoints', async (t) => {
      const s = await setup(t);
      const chair = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.independent);
      const appointed = await s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, chair.nominationId);
      assert.equal(await s.state(chair.nominationId), 'appointed');
      const actor = await s.actorOf(appointed.personId);
      assert.equal(can(actor, 'panel.act', { boardId: s.board.id, reviewId: s.review.id }), true);
      const chairCaller = { actor, ip: null, requestId: null, action: s.bu.action };
      // The panel (its chair) nominates the author; under SCR only the business unit appoints.
      const author = await nominateAndDeclare(s.services, chairCaller, s, 'author', s.entries.second);
      await assert.rejects(s.services.panel.appoint(as(chairCaller, 'PANEL_APPOINTED'), s.board.id, s.review.id, author.nominationId), kind('forbidden'));
      await s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, author.nominationId);
      const panel = await s.services.panel.view(as(s.bu, 'PANEL_VIEWED'), s.board.id, s.review.id);
      assert.deepEqual(
        panel.nominations
          .filter((n) => n.status === 'appointed')
          .map((n) => n.role)
          .sort(),
        ['author', 'panel_chair'],
      );
      // A panel member (an agency's representative) neither nominates nor appoints.
      const member = await reviewRoleCaller(s.services, 'panel_member', s.board.id, s.review.id, s.police.id);
      await assert.rejects(
        s.services.panel.nominate(as(member, 'PANEL_NOMINATED'), s.board.id, s.review.id, { role: 'author', entryId: s.entries.engaged }),
        kind('forbidden'),
      );
    });

    test('appointment refused, nothing written: not declared, a conflict declared, employed by an involved agency', async (t) => {
      const s = await setup(t);
      const before = await s.audits('PANEL_APPOINTED');
      const undeclared = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.independent, null);
      await assert.rejects(
        s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, undeclared.nominationId),
        invalidWith('panel.notDeclared'),
      );
      const conflicted = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.second, { conflicts: 'I supervised the health visitor.' });
      await assert.rejects(
        s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, conflicted.nominationId),
        invalidWith('panel.declaredConflict'),
      );
      const notIndependent = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.engaged, { independent: false });
      await assert.rejects(
        s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, notIndependent.nominationId),
        invalidWith('panel.declaredConflict'),
      );
      const employee = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.employee);
      await assert.rejects(
        s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, employee.nominationId),
        invalidWith('panel.employedByInvolvedAgency'),
      );
      for (const n of [undeclared, conflicted, notIndependent, employee]) assert.equal(await s.state(n.nominationId), 'nominated');
      assert.equal(await s.audits('PANEL_APPOINTED'), before);
      const roles = await s.services.db.kysely
        .selectFrom('role_assignments')
        .select('id')
        .where('review_id', '=', s.review.id)
        .where('role', '=', 'panel_chair')
        .execute();
      assert.equal(roles.length, 0, 'no review role given');
      // The panel page says why for each.
      const panel = await s.services.panel.view(as(s.bu, 'PANEL_VIEWED'), s.board.id, s.review.id);
      assert.deepEqual(
        panel.nominations.map((n) => Object.values(n.refusals)),
        [['panel.notDeclared'], ['panel.declaredConflict'], ['panel.declaredConflict'], ['panel.employedByInvolvedAgency']],
      );
      assert.equal(panel.nominations[2]?.warnings, 1, 'worked for the police within five years: a warning');
    });

    test('an account employed by an involved agency is refused even when the register says nothing of it', async (t) => {
      const s = await setup(t);
      await seedPerson(s.services, { email: 'hidden.employee@example.org', agencyId: s.health.id });
      const entryId = (
        await s.services.register.add(as(s.bu, 'REGISTER_ENTRY_ADDED'), s.board.id, {
          fullName: 'Hidden Employee',
          email: 'Hidden.Employee@example.org',
          specialisms: '',
          wgApproved: false,
          languages: ['en'],
          availability: 'available',
          pastReviews: '',
          declaredInterests: '',
          employerAgencyId: null,
        })
      ).id;
      const n = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', entryId);
      await assert.rejects(
        s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, n.nominationId),
        invalidWith('panel.employedByInvolvedAgency'),
      );
    });

    test('SUSR: only the Welsh Government approved list; CPR: the panel appoints reviewers, two for an extended review', async (t) => {
      const s = await setup(t, { frameworkId: 'SUSR_2024' });
      await assert.rejects(
        s.services.panel.nominate(as(s.bu, 'PANEL_NOMINATED'), s.board.id, s.review.id, { role: 'author', entryId: s.entries.engaged }),
        invalidWith('panel.notOnApprovedList'),
      );
      const candidates = await s.services.panel.candidates(as(s.bu, 'PANEL_VIEWED'), s.board.id, s.review.id, 'author', {});
      assert.equal(
        candidates.some((c) => c.id === s.entries.engaged),
        false,
      );
      const c = await setup(t, { frameworkId: 'CPR_2016', code: 'CPRB', reviewType: 'extended' });
      const chair = await nominateAndDeclare(c.services, c.bu, c, 'panel_chair', c.entries.independent);
      const { personId } = await c.services.panel.appoint(as(c.bu, 'PANEL_APPOINTED'), c.board.id, c.review.id, chair.nominationId);
      const chairCaller = { actor: await c.actorOf(personId), ip: null, requestId: null, action: c.bu.action };
      const first = await nominateAndDeclare(c.services, chairCaller, c, 'author', c.entries.second);
      const second = await nominateAndDeclare(c.services, chairCaller, c, 'author', c.entries.engaged);
      await c.services.panel.appoint(as(chairCaller, 'PANEL_APPOINTED'), c.board.id, c.review.id, first.nominationId);
      // The business unit records the panel's appointment on its behalf.
      await c.services.panel.appoint(as(c.bu, 'PANEL_APPOINTED'), c.board.id, c.review.id, second.nominationId);
      const third = await c.services.register.add(as(c.bu, 'REGISTER_ENTRY_ADDED'), c.board.id, {
        fullName: 'Third Reviewer',
        email: 'third@example.org',
        specialisms: '',
        wgApproved: true,
        languages: ['en'],
        availability: 'available',
        pastReviews: '',
        declaredInterests: '',
        employerAgencyId: null,
      });
      const extra = await nominateAndDeclare(c.services, c.bu, c, 'author', third.id);
      await assert.rejects(c.services.panel.appoint(as(c.bu, 'PANEL_APPOINTED'), c.board.id, c.review.id, extra.nominationId), kind('conflict'));
    });

    test('someone who leaves: their role ends, the successor declares anew and takes over their open nominations', async (t) => {
      const s = await setup(t);
      const chair = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.independent);
      const { personId } = await s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, chair.nominationId);
      const chairCaller = { actor: await s.actorOf(personId), ip: null, requestId: null, action: s.bu.action };
      const pending = await nominateAndDeclare(s.services, chairCaller, s, 'author', s.entries.engaged, null);
      await assert.rejects(
        s.services.panel.leave(as(s.bu, 'PANEL_APPOINTMENT_ENDED'), s.board.id, s.review.id, chair.nominationId, ' '),
        invalidWith('panel.reasonRequired'),
      );
      await s.services.panel.leave(as(s.bu, 'PANEL_APPOINTMENT_ENDED'), s.board.id, s.review.id, chair.nominationId, 'Ill health.');
      assert.equal(can(await s.actorOf(personId), 'panel.view', { boardId: s.board.id, reviewId: s.review.id }), false, 'their review role ended');
      const { id } = await s.services.panel.nominate(as(s.bu, 'PANEL_NOMINATED'), s.board.id, s.review.id, {
        role: 'panel_chair',
        entryId: s.entries.second,
        replacesId: chair.nominationId,
      });
      await assert.rejects(s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, id), invalidWith('panel.notDeclared'));
      const { url } = await s.services.panel.requestDeclaration(as(s.bu, 'PANEL_DECLARATION_REQUESTED'), s.board.id, s.review.id, id);
      const token = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
      await s.services.panel.declare({ actor: undefined, ip: null, requestId: null, action: s.bu.action }, token, {
        independentOfAgencies: true,
        independentOfCase: true,
        independentOfChild: true,
        conflicts: '',
      });
      await assert.rejects(
        s.services.panel.declare({ actor: undefined, ip: null, requestId: null, action: s.bu.action }, token, {
          independentOfAgencies: true,
          independentOfCase: true,
          independentOfChild: true,
          conflicts: '',
        }),
        kind('not_found'),
        'the link is used up',
      );
      const successor = await s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, id);
      const moved = await s.services.db.kysely
        .selectFrom('panel_nominations')
        .select('carried_by')
        .where('id', '=', pending.nominationId)
        .executeTakeFirstOrThrow();
      assert.equal(moved.carried_by, successor.personId);
      const panel = await s.services.panel.view(as(s.bu, 'PANEL_VIEWED'), s.board.id, s.review.id);
      assert.equal(panel.reassignments.length, 1);
      assert.deepEqual(panel.reassignments[0]?.items, [pending.nominationId]);
    });

    test('the declaration brief names no child: only reference, area, dates, pseudonym and involved agencies', async (t) => {
      const s = await setup(t);
      const n = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.independent, null);
      const brief = await s.services.panel.declarationBrief({ actor: undefined, ip: null, requestId: null, action: s.bu.action }, n.token);
      const text = JSON.stringify(brief);
      for (const identity of ['Siân', 'Prydderch', '2019-05-04', 'Stryd Fawr', 'Known facts']) assert.equal(text.includes(identity), false, identity);
      assert.deepEqual(brief.pseudonym.kind, 'child');
      assert.deepEqual(brief.agencies.map((a) => a.en).sort(), ['Test Health', 'Test Police']);
      await assert.rejects(
        s.services.panel.declarationBrief({ actor: undefined, ip: null, requestId: null, action: s.bu.action }, 'not-a-token'),
        kind('not_found'),
      );
    });

    test('review-scoped roles reach that review only: another review, another board, an agency role', async (t) => {
      const s = await setup(t);
      const chair = await reviewRoleCaller(s.services, 'panel_chair', s.board.id, s.review.id);
      await s.services.panel.view(as(chair, 'PANEL_VIEWED'), s.board.id, s.review.id);
      await assert.rejects(s.services.panel.view(as(chair, 'PANEL_VIEWED'), s.board.id, s.other.id), kind('forbidden'));
      await assert.rejects(
        s.services.panel.nominate(as(chair, 'PANEL_NOMINATED'), s.board.id, s.other.id, { role: 'author', entryId: s.entries.independent }),
        kind('forbidden'),
      );
      const elsewhere = await seedPanelWorld(s.services, { code: 'ELSE' });
      await assert.rejects(s.services.panel.view(as(elsewhere.bu, 'PANEL_VIEWED'), s.board.id, s.review.id), kind('forbidden'));
      await assert.rejects(s.services.panel.view(as(s.bu, 'PANEL_VIEWED'), elsewhere.board.id, s.review.id), kind('not_found'));
      const contributor = await reviewRoleCaller(s.services, 'agency_contributor', s.board.id, s.review.id, s.police.id);
      await assert.rejects(s.services.panel.view(as(contributor, 'PANEL_VIEWED'), s.board.id, s.review.id), kind('forbidden'));
      await assert.rejects(s.services.register.list(as(chair, 'REGISTER_LISTED'), s.board.id), kind('forbidden'));
    });

    test('the register filters by availability, language and specialism; bad entries are refused with every reason', async (t) => {
      const s = await setup(t);
      const welsh = await s.services.register.list(as(s.bu, 'REGISTER_LISTED'), s.board.id, { language: 'cy', specialism: 'health' });
      assert.deepEqual(welsh.entries.map((e) => e.fullName).sort(), ['Morgan Independent', 'Pat Police', 'Rhian Second']);
      const education = await s.services.register.list(as(s.bu, 'REGISTER_LISTED'), s.board.id, { specialism: 'educ', availability: 'available' });
      assert.deepEqual(
        education.entries.map((e) => e.fullName),
        ['Eli Engaged'],
      );
      await assert.rejects(
        s.services.register.add(as(s.bu, 'REGISTER_ENTRY_ADDED'), s.board.id, {
          fullName: '',
          email: 'not-an-email',
          specialisms: '',
          wgApproved: false,
          languages: [],
          availability: 'sometimes',
          pastReviews: '',
          declaredInterests: '',
          employerAgencyId: null,
        }),
        (e: unknown) =>
          e instanceof ServiceError &&
          e.fieldErrors.fullName === 'panel.nameRequired' &&
          e.fieldErrors.email === 'panel.emailInvalid' &&
          e.fieldErrors.languages === 'panel.languagesRequired' &&
          e.fieldErrors.availability === 'panel.availabilityRequired',
      );
    });

    if (dialect === 'postgres') {
      test('two appointments to the one chair’s place at once: one wins, the other is a clear conflict', async (t) => {
        const s = await setup(t);
        const a = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.independent);
        const b = await nominateAndDeclare(s.services, s.bu, s, 'panel_chair', s.entries.second);
        const results = await Promise.allSettled([
          s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, a.nominationId),
          s.services.panel.appoint(as(s.bu, 'PANEL_APPOINTED'), s.board.id, s.review.id, b.nominationId),
        ]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const refused = results.find((r) => r.status === 'rejected');
        assert.ok(refused && refused.status === 'rejected' && refused.reason instanceof ServiceError && refused.reason.kind === 'conflict', String(refused));
        const roles = await s.services.db.kysely
          .selectFrom('role_assignments')
          .select('id')
          .where('review_id', '=', s.review.id)
          .where('role', '=', 'panel_chair')
          .where('ended_at', 'is', null)
          .execute();
        assert.equal(roles.length, 1);
      });
    }
  });
}
