// Test setup for the consideration pages: a board with each role, a referral recorded by the business
// unit through the real service, and signed-in browsers.
import type { TestContext } from 'node:test';
import type { BoardRole } from '../../../domain/roles.ts';
import type { ReferralInput } from '../../../services/referral-service.ts';
import { as, callerWithRole, criteriaAnswers, referralInput } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { urls } from '../../../urls.ts';

export async function considerationSetup(
  t: TestContext,
  dialect: Parameters<typeof buildTestApp>[1],
  opts: { now?: string; referral?: Partial<ReferralInput> } = {},
) {
  const clock = new TestClock(new Date(opts.now ?? '2026-11-27T09:00:00Z'));
  const { app, services } = await buildTestApp(t, dialect, { clock });
  const board = await seedBoard(services, 'CYSUR');
  // Every one of them sees case material, so each uses two-factor authentication.
  const person = (role: BoardRole, fullName: string) => seedPerson(services, { roles: [{ role, boardId: board.id }], fullName, totp: true });
  const people = {
    businessUnit: await person('business_unit', 'Bethan Uned'),
    member: await person('management_group_member', 'Meirion Aelod'),
    groupChair: await person('management_group_chair', 'Carys Grŵp'),
    chair: await person('board_chair', 'Gwyn Cadeirydd'),
  };
  const creator = await callerWithRole(services, 'business_unit', board.id);
  const referral = await services.referrals.create(as(creator, 'REFERRAL_CREATED'), referralInput(board.id, opts.referral ?? {}));
  const base = urls.referral(board.id, referral.id);
  async function browserFor(who: keyof typeof people) {
    const browser = new Browser(app);
    await signIn(browser, people[who], clock);
    return browser;
  }
  /**
   * Form fields answering every criterion the framework in force asks: the "must" answers, else 'Not known
   * yet'; no other stream of an SUSR raised (its box unticked: not sent).
   */
  async function criteriaFields(overrides: Record<string, string> = {}) {
    const { framework } = await services.consideration.frameworkFor(creator, referral.id);
    const fields: Record<string, string> = {};
    for (const [id, a] of Object.entries(criteriaAnswers(framework))) {
      if (framework.questions.find((q) => q.id === id)?.raisesStream) continue;
      fields[id] = a.answer;
      fields[`${id}Facts`] = a.facts ?? '';
    }
    return { ...fields, ...overrides };
  }
  return { app, services, clock, board, people, creator, referral, base, browserFor, criteriaFields };
}
