import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, boardsWhere, CASE_PERMISSIONS, can, PERMISSIONS, visibleBoardIds } from './permissions.ts';
import { BOARD_ROLES } from './roles.ts';

const actor = (grants: Actor['grants'], twoFactorSatisfied = true): Actor => ({ personId: 'p1', grants, twoFactorSatisfied });
const onBoard = (role: (typeof BOARD_ROLES)[number], boardId = 'b1') => ({ id: `${role}-${boardId}`, role, scope: { type: 'board' as const, boardId } });

test('deny by default: no actor, no grants, or two-factor pending', () => {
  for (const p of PERMISSIONS) {
    assert.equal(can(undefined, p), false);
    assert.equal(can(actor([]), p), false);
    assert.equal(can(actor([{ id: 'a', role: 'administrator', scope: { type: 'deployment' } }], false), p), false);
  }
});

test('a deployment administrator may administer everything, everywhere (but not see case material nor confirm case roles)', () => {
  const admin = actor([{ id: 'a', role: 'administrator', scope: { type: 'deployment' } }]);
  // Nor the board's own meetings (their minutes may mention case matters): the board's and its business unit's.
  // Nor the board's progress report on its action plans (review references): the board's.
  const notTheirs = (x: string) => x === 'role.confirm' || x.startsWith('board_meeting.') || x === 'action.report';
  for (const p of PERMISSIONS.filter((x) => !CASE_PERMISSIONS.includes(x) && !notTheirs(x))) assert.equal(can(admin, p, { boardId: 'any' }), true);
  assert.equal(can(admin, 'role.confirm', { boardId: 'any' }), false);
  assert.equal(can(admin, 'board_meeting.view', { boardId: 'any' }), false);
  assert.equal(can(admin, 'board_meeting.manage', { boardId: 'any' }), false);
  assert.equal(can(admin, 'action.report', { boardId: 'any' }), false);
  assert.deepEqual(boardsWhere(admin, 'role.confirm'), []);
  assert.equal(visibleBoardIds(admin), undefined);
});

test('the board chair and information governance confirm case roles on their board', () => {
  for (const role of BOARD_ROLES) {
    assert.equal(can(actor([onBoard(role)]), 'role.confirm', { boardId: 'b1' }), role === 'board_chair' || role === 'information_governance', role);
  }
  assert.equal(can(actor([onBoard('board_chair', 'b2')]), 'role.confirm', { boardId: 'b1' }), false);
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

test('case material: administrators do not see it; the business unit, management group, chair and IG do', () => {
  const admin = actor([{ id: 'a', role: 'administrator', scope: { type: 'deployment' } }]);
  for (const p of CASE_PERMISSIONS) assert.equal(can(admin, p, { boardId: 'b1' }), false, p);
  assert.deepEqual(boardsWhere(admin, 'referral.view'), []);
  const view = (role: (typeof BOARD_ROLES)[number]) => can(actor([onBoard(role)]), 'referral.view', { boardId: 'b1' });
  assert.equal(view('business_unit'), true);
  assert.equal(view('management_group_member'), true);
  assert.equal(view('management_group_chair'), true);
  assert.equal(view('board_chair'), true);
  assert.equal(view('information_governance'), true);
  assert.equal(view('board_member'), false);
  assert.equal(view('administrator'), false);
  assert.equal(view('agency_referrer'), false);
  assert.equal(can(actor([onBoard('agency_referrer')]), 'referral.create', { boardId: 'b1' }), true);
});

test('only the board chair records the decision; only the management group chair submits the recommendation', () => {
  for (const role of BOARD_ROLES) {
    assert.equal(can(actor([onBoard(role)]), 'decision.record', { boardId: 'b1' }), role === 'board_chair', role);
    assert.equal(can(actor([onBoard(role)]), 'recommendation.submit', { boardId: 'b1' }), role === 'management_group_chair', role);
  }
  assert.equal(can(actor([onBoard('board_chair', 'b2')]), 'decision.record', { boardId: 'b1' }), false, 'the chair of another board');
});
