import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CASE_PERMISSIONS, permissionsOf } from './permissions.ts';
import { BOARD_ROLES, type BoardRole, REVIEW_ROLES, requiresTwoFactor, showsCaseMaterial } from './roles.ts';

const onBoard = (role: BoardRole) => ({ id: role, role, scope: { type: 'board' as const, boardId: 'b1' } });

test('every role holding a case permission requires two-factor, and so does every administrator', () => {
  // Read from the permission table: a role that gains any case permission fails here unless it requires two-factor.
  for (const role of BOARD_ROLES) {
    const seesCases = permissionsOf(role).some((p) => CASE_PERMISSIONS.includes(p));
    assert.equal(showsCaseMaterial(role), seesCases, role);
    assert.equal(requiresTwoFactor([onBoard(role)]), seesCases || role === 'administrator', role);
  }
  assert.equal(requiresTwoFactor([{ id: 'd', role: 'administrator', scope: { type: 'deployment' } }]), true);
});

test('only a board member, who sees no case material, may sign in without two-factor', () => {
  assert.deepEqual(
    BOARD_ROLES.filter((role) => !requiresTwoFactor([onBoard(role)])),
    ['board_member'],
  );
  assert.equal(requiresTwoFactor([]), false);
  assert.equal(requiresTwoFactor([onBoard('board_member'), onBoard('agency_referrer')]), true, 'any one role that needs it is enough');
});

test('review-scoped roles show case material, so they require two-factor', () => {
  for (const role of REVIEW_ROLES) {
    assert.equal(showsCaseMaterial(role), true, role);
    assert.equal(requiresTwoFactor([{ id: role, role, scope: { type: 'review', boardId: 'b1', reviewId: 'r1', agencyId: null } }]), true, role);
  }
});
