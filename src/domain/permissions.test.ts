import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, boardsWhere, can, PERMISSIONS, visibleBoardIds } from './permissions.ts';
import { BOARD_ROLES, requiresTwoFactor } from './roles.ts';

const actor = (grants: Actor['grants'], twoFactorSatisfied = true): Actor => ({ personId: 'p1', grants, twoFactorSatisfied });
const onBoard = (role: (typeof BOARD_ROLES)[number], boardId = 'b1') => ({ id: `${role}-${boardId}`, role, scope: { type: 'board' as const, boardId } });

test('deny by default: no actor, no grants, or two-factor pending', () => {
  for (const p of PERMISSIONS) {
    assert.equal(can(undefined, p), false);
    assert.equal(can(actor([]), p), false);
    assert.equal(can(actor([{ id: 'a', role: 'administrator', scope: { type: 'deployment' } }], false), p), false);
  }
});

test('a deployment administrator may do everything, everywhere', () => {
  const admin = actor([{ id: 'a', role: 'administrator', scope: { type: 'deployment' } }]);
  for (const p of PERMISSIONS) assert.equal(can(admin, p, { boardId: 'any' }), true);
  assert.equal(visibleBoardIds(admin), undefined);
});

test('board roles are scoped to their board', () => {
  const a = actor([onBoard('administrator', 'b1')]);
  assert.equal(can(a, 'agency.manage', { boardId: 'b1' }), true);
  assert.equal(can(a, 'agency.manage', { boardId: 'b2' }), false);
  assert.equal(can(a, 'deployment.administer'), false);
  assert.deepEqual(visibleBoardIds(a), ['b1']);
});

test('only administrators manage people and roles; information governance reads the audit log', () => {
  for (const role of BOARD_ROLES) {
    const a = actor([onBoard(role)]);
    assert.equal(can(a, 'role.manage', { boardId: 'b1' }), role === 'administrator', role);
    assert.equal(can(a, 'audit.view', { boardId: 'b1' }), role === 'administrator' || role === 'information_governance', role);
    assert.equal(can(a, 'board.view', { boardId: 'b1' }), true, role);
  }
  assert.deepEqual(boardsWhere(actor([onBoard('business_unit', 'b1'), onBoard('administrator', 'b2')]), 'person.manage'), ['b2']);
});

test('two-factor is required of administrators and board chairs only', () => {
  assert.equal(requiresTwoFactor([onBoard('administrator')]), true);
  assert.equal(requiresTwoFactor([onBoard('board_chair')]), true);
  assert.equal(requiresTwoFactor([onBoard('business_unit'), onBoard('board_member')]), false);
});
