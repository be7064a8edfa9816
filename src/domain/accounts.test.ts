import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AccountHolder, confirmingRole, grantRule, mayDecideGrant, mayManageAccount } from './accounts.ts';
import type { Actor } from './permissions.ts';
import type { BoardRole } from './roles.ts';

const onBoard = (role: BoardRole, boardId: string) => ({ id: `${role}-${boardId}`, role, scope: { type: 'board' as const, boardId } });
const actor = (personId: string, grants: Actor['grants'], twoFactorSatisfied = true): Actor => ({ personId, grants, twoFactorSatisfied });
const deploymentAdmin = actor('root', [{ id: 'd', role: 'administrator', scope: { type: 'deployment' } }]);
const adminA = actor('admin-a', [onBoard('administrator', 'A')]);
const holder = (roleBoardIds: string[], agencyBoardIds: string[] | null, holdsDeploymentRole = false): AccountHolder => ({
  roleBoardIds,
  agencyBoardIds,
  holdsDeploymentRole,
});

test('a board administrator changes only accounts wholly within the boards they administer', () => {
  assert.equal(mayManageAccount(adminA, holder(['A'], ['A'])), true);
  assert.equal(mayManageAccount(adminA, holder([], ['A', 'B'])), true, 'an agency shared with another board, no roles');
  assert.equal(mayManageAccount(adminA, holder(['A'], null)), true, 'an independent person with a board A role');
  assert.equal(mayManageAccount(adminA, holder(['A', 'B'], ['A'])), false, 'a role on board B as well');
  assert.equal(mayManageAccount(adminA, holder(['A'], ['B'])), false, 'given a board A role, a board B agency’s person stays B’s');
  assert.equal(mayManageAccount(adminA, holder([], ['B'])), false);
  assert.equal(mayManageAccount(adminA, holder([], null)), false, 'no role and no agency: no board’s');
  assert.equal(mayManageAccount(adminA, holder(['A'], ['A'], true)), false, 'a deployment administrator');
  assert.equal(mayManageAccount(actor('u', [onBoard('business_unit', 'A')]), holder(['A'], ['A'])), false);
});

test('a deployment administrator changes any account (once past two-factor)', () => {
  assert.equal(mayManageAccount(deploymentAdmin, holder(['A', 'B'], ['B'], true)), true);
  assert.equal(mayManageAccount({ ...deploymentAdmin, twoFactorSatisfied: false }, holder([], ['A'])), false);
});

test('no one grants themselves a role; chairs and the deployment-wide role come from deployment administrators', () => {
  assert.deepEqual(grantRule(adminA, 'admin-a', 'business_unit', 'A'), { allowed: false, reason: 'self' });
  assert.deepEqual(grantRule(deploymentAdmin, 'root', 'board_chair', 'A'), { allowed: false, reason: 'self' });
  assert.deepEqual(grantRule(adminA, 'p', 'board_chair', 'A'), { allowed: false, reason: 'forbidden' });
  assert.deepEqual(grantRule(deploymentAdmin, 'p', 'board_chair', 'A'), { allowed: true, needsConfirmation: false });
  assert.deepEqual(grantRule(adminA, 'p', 'administrator', null), { allowed: false, reason: 'forbidden' });
  assert.deepEqual(grantRule(deploymentAdmin, 'p', 'administrator', null), { allowed: true, needsConfirmation: false });
  assert.deepEqual(grantRule(deploymentAdmin, 'p', 'business_unit', null), { allowed: false, reason: 'board_required' });
  assert.deepEqual(grantRule(adminA, 'p', 'business_unit', 'B'), { allowed: false, reason: 'forbidden' });
});

test('case roles wait for confirmation; administrator and board member take effect at once', () => {
  for (const role of ['business_unit', 'management_group_member', 'management_group_chair', 'information_governance', 'agency_referrer'] as const) {
    assert.deepEqual(grantRule(adminA, 'p', role, 'A'), { allowed: true, needsConfirmation: true }, role);
    assert.deepEqual(grantRule(deploymentAdmin, 'p', role, 'A'), { allowed: true, needsConfirmation: true }, role);
  }
  for (const role of ['administrator', 'board_member'] as const)
    assert.deepEqual(grantRule(adminA, 'p', role, 'A'), { allowed: true, needsConfirmation: false });
});

test('the chair confirms; information governance when the chair is concerned or granted it; never the person or the granter', () => {
  const grant = { personId: 'p', grantedBy: 'admin-a', boardId: 'A' };
  const chair = actor('chair', [onBoard('board_chair', 'A')]);
  const ig = actor('ig', [onBoard('information_governance', 'A')]);
  assert.equal(confirmingRole(grant, ['chair']), 'board_chair');
  assert.equal(mayDecideGrant(chair, grant, ['chair']), true);
  assert.equal(mayDecideGrant(ig, grant, ['chair']), false, 'information governance sees it, the chair decides');
  assert.equal(mayDecideGrant(actor('chair-b', [onBoard('board_chair', 'B')]), grant, ['chair']), false, 'another board’s chair');
  assert.equal(mayDecideGrant({ ...chair, twoFactorSatisfied: false }, grant, ['chair']), false);

  const forTheChair = { personId: 'chair', grantedBy: 'admin-a', boardId: 'A' };
  assert.equal(confirmingRole(forTheChair, ['chair']), 'information_governance');
  assert.equal(mayDecideGrant(chair, forTheChair, ['chair']), false);
  assert.equal(mayDecideGrant(ig, forTheChair, ['chair']), true);

  const chairAdmin = actor('chair', [onBoard('board_chair', 'A'), onBoard('administrator', 'A')]);
  const byTheChair = { personId: 'p', grantedBy: 'chair', boardId: 'A' };
  assert.equal(mayDecideGrant(chairAdmin, byTheChair, ['chair']), false, 'a chair who is also administrator cannot confirm their own grant');
  assert.equal(confirmingRole(byTheChair, ['chair']), 'information_governance');
  assert.equal(mayDecideGrant(ig, byTheChair, ['chair']), true);
  assert.equal(confirmingRole(grant, []), 'information_governance', 'a board without a chair');
  assert.equal(mayDecideGrant(actor('p', [onBoard('information_governance', 'A')]), { ...grant, personId: 'p' }, []), false, 'never the person');
});
