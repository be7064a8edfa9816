// Review-scoped access (issue 9, item 2): a review role opens one review, and an agency's review role only
// its own agency's part of it. Properties over random grants and resources, then the cases by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Actor, CASE_PERMISSIONS, can, PERMISSIONS, type Permission, type Resource, reviewPermissionsOf, reviewsWhere } from './permissions.ts';
import { BOARD_ROLES, REVIEW_ROLES, type ReviewRole, type RoleGrant } from './roles.ts';

const BOARDS = ['b1', 'b2'] as const;
const REVIEWS = ['r1', 'r2', 'r3'] as const;
const AGENCIES = ['a1', 'a2', 'a3'] as const;
const AGENCY_ROLES: readonly ReviewRole[] = ['agency_contributor', 'agency_senior_manager', 'action_owner'];
/** What the review workflow's people never get through a review role: the board's own case work. */
const BOARD_CASE_PERMISSIONS: readonly Permission[] = CASE_PERMISSIONS.filter(
  (p) => p.startsWith('referral.') || ['meeting.manage', 'assessment.record', 'recommendation.submit', 'decision.record'].includes(p),
);

const reviewGrant = fc.record({
  role: fc.constantFrom(...REVIEW_ROLES),
  boardId: fc.constantFrom(...BOARDS),
  reviewId: fc.constantFrom(...REVIEWS),
  agencyId: fc.constantFrom(...AGENCIES),
});
const toGrant = (g: { role: ReviewRole; boardId: string; reviewId: string; agencyId: string }, i: number): RoleGrant => ({
  id: `g${i}`,
  role: g.role,
  scope: { type: 'review', boardId: g.boardId, reviewId: g.reviewId, agencyId: AGENCY_ROLES.includes(g.role) ? g.agencyId : null },
});
const resource = fc.record(
  {
    boardId: fc.constantFrom(...BOARDS),
    reviewId: fc.option(fc.constantFrom(...REVIEWS), { nil: undefined }),
    agencyId: fc.option(fc.constantFrom(...AGENCIES), { nil: undefined }),
  },
  { requiredKeys: ['boardId'] },
);
const permission = fc.constantFrom(...PERMISSIONS);
const actorOf = (grants: RoleGrant[]): Actor => ({ personId: 'p', grants, twoFactorSatisfied: true });

test('a review-scoped grant never opens another review, another board, or a board-level resource', () => {
  fc.assert(
    fc.property(fc.array(reviewGrant, { minLength: 1, maxLength: 4 }), resource, permission, (grants, res, p) => {
      const actor = actorOf(grants.map(toGrant));
      if (!can(actor, p, res)) return;
      // Some grant names exactly this board and review.
      assert.ok(
        grants.some((g) => g.boardId === res.boardId && g.reviewId === res.reviewId),
        `${p} on ${JSON.stringify(res)} through ${JSON.stringify(grants)}`,
      );
    }),
  );
});

test("an agency's review role never opens another agency's material, nor material that names no agency", () => {
  fc.assert(
    fc.property(fc.array(reviewGrant, { minLength: 1, maxLength: 4 }), resource, permission, (grants, res, p) => {
      const agencyOnly = grants.filter((g) => AGENCY_ROLES.includes(g.role));
      if (agencyOnly.length !== grants.length) return;
      const actor = actorOf(agencyOnly.map(toGrant));
      if (!p.startsWith('contribution.') && !p.startsWith('action.')) return;
      if (!can(actor, p, res)) return;
      assert.ok(res.agencyId !== undefined, `${p} on a resource naming no agency`);
      assert.ok(
        agencyOnly.some(
          (g) => g.reviewId === res.reviewId && g.boardId === res.boardId && g.agencyId === res.agencyId && reviewPermissionsOf(g.role).includes(p),
        ),
        `${p} on ${JSON.stringify(res)} through ${JSON.stringify(agencyOnly)}`,
      );
    }),
  );
});

test("review roles never give the board's own case work, administration or the audit log, anywhere", () => {
  fc.assert(
    fc.property(fc.array(reviewGrant, { minLength: 1, maxLength: 4 }), fc.option(resource, { nil: undefined }), (grants, res) => {
      const actor = actorOf(grants.map(toGrant));
      for (const p of PERMISSIONS) {
        // A review's own permissions (its workspace, panel, meetings, contributions, actions, family, learning
        // event, report, chronology, pseudonym dictionary, executive summary): the rest are the board's.
        if (
          [
            'review.',
            'panel.',
            'panel_meeting.',
            'contribution.',
            'action.',
            'family.',
            'learning_event.',
            'report.',
            'chronology.',
            'dictionary.',
            'summary.',
          ].some((prefix) => p.startsWith(prefix))
        )
          continue;
        assert.equal(can(actor, p, res), false, `${p} through a review role`);
      }
      for (const p of BOARD_CASE_PERMISSIONS) assert.equal(can(actor, p, res), false, p);
    }),
  );
});

test('more grants never take a permission away, and a board role still reaches every review and agency of its board only', () => {
  const boardGrant = fc.record({ role: fc.constantFrom(...BOARD_ROLES), boardId: fc.constantFrom(...BOARDS) });
  fc.assert(
    fc.property(fc.array(reviewGrant, { maxLength: 3 }), fc.array(boardGrant, { maxLength: 3 }), reviewGrant, resource, permission, (rs, bs, extra, res, p) => {
      const grants: RoleGrant[] = [
        ...rs.map(toGrant),
        ...bs.map((b, i): RoleGrant => ({ id: `b${i}`, role: b.role, scope: { type: 'board', boardId: b.boardId } })),
      ];
      if (can(actorOf(grants), p, res)) assert.equal(can(actorOf([...grants, toGrant(extra, 99)]), p, res), true);
      for (const b of bs) {
        const one = actorOf([{ id: 'x', role: b.role, scope: { type: 'board', boardId: b.boardId } }]);
        if (res.boardId !== b.boardId) assert.equal(can(one, p, res), false, `${b.role} of ${b.boardId} on ${res.boardId}`);
        else assert.equal(can(one, p, res), can(one, p, { boardId: b.boardId }), 'a board role sees its reviews as its board');
      }
    }),
  );
});

test('by hand: the panel, the author and the agencies on one review', () => {
  const on = (role: ReviewRole, agencyId: string | null = null): Actor =>
    actorOf([{ id: 'g', role, scope: { type: 'review', boardId: 'b1', reviewId: 'r1', agencyId } }]);
  const review = (reviewId = 'r1', agencyId?: string): Resource => ({ boardId: 'b1', reviewId, ...(agencyId ? { agencyId } : {}) });
  for (const role of ['panel_chair', 'panel_member', 'author'] as const) {
    assert.equal(can(on(role), 'review.view', review()), true, role);
    assert.equal(can(on(role), 'contribution.view', review('r1', 'a2')), true, `${role} reads every agency's contribution`);
    assert.equal(can(on(role), 'review.view', review('r2')), false, `${role} of r1 on r2`);
    assert.equal(can(on(role), 'referral.view', { boardId: 'b1' }), false, `${role} lists no referrals`);
    assert.equal(can(on(role), 'contribution.edit', review('r1', 'a1')), false, `${role} writes no agency's report`);
  }
  // A panel member who represents an agency sits on the whole panel: the agency they name does not narrow them.
  const representative = on('panel_member', 'a1');
  assert.equal(can(representative, 'contribution.view', review('r1', 'a2')), true, 'a representative reads every agency’s contribution');
  assert.equal(can(representative, 'contribution.edit', review('r1', 'a1')), false, 'and writes none, not even their own agency’s');
  const contributor = on('agency_contributor', 'a1');
  assert.equal(can(contributor, 'contribution.edit', review('r1', 'a1')), true);
  assert.equal(can(contributor, 'contribution.view', review('r1', 'a2')), false, "no access to other agencies' drafts");
  assert.equal(can(contributor, 'contribution.view', review('r1')), false, 'material naming no agency');
  assert.equal(can(contributor, 'review.terms_view', review()), true, 'reads the terms of reference');
  assert.equal(can(contributor, 'review.view', review()), false, 'but not the rest of the review');
  const manager = on('agency_senior_manager', 'a1');
  assert.equal(can(manager, 'contribution.sign_off', review('r1', 'a1')), true);
  assert.equal(can(manager, 'contribution.sign_off', review('r1', 'a2')), false);
  const owner = on('action_owner', 'a1');
  assert.equal(can(owner, 'action.update', review('r1', 'a1')), true);
  assert.equal(can(owner, 'action.view', review('r1', 'a3')), false);
  assert.equal(can(owner, 'review.terms_view', review()), false, 'an action owner sees their actions and nothing else of the review');
  // Route level (no resource): held somewhere; the service checks the review itself.
  assert.equal(can(contributor, 'contribution.edit'), true);
  assert.deepEqual(reviewsWhere(contributor, 'contribution.edit'), { boardIds: [], reviewIds: ['r1'] });
  assert.deepEqual(reviewsWhere(actorOf([{ id: 'b', role: 'business_unit', scope: { type: 'board', boardId: 'b1' } }]), 'review.view'), {
    boardIds: ['b1'],
    reviewIds: [],
  });
  // Two-factor pending: nothing.
  assert.equal(can({ ...contributor, twoFactorSatisfied: false }, 'contribution.edit', review('r1', 'a1')), false);
});
