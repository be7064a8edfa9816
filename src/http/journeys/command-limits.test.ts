// Required answers and length limits live in one place (src/domain/limits.ts): a page's step schema, the API
// operation for the same command and the service refuse the same answers with the same field errors, so an
// API caller (or anything calling the service) cannot store what a form would refuse.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { z } from 'zod';
import type { Services } from '../../container.ts';
import { LIMITS } from '../../domain/limits.ts';
import { type Caller, ServiceError } from '../../services/context.ts';
import { apiWorld, fieldCodes, type Json } from '../../testing/api-fixtures.ts';
import { testAction } from '../../testing/audit-actions.ts';
import { referralInput } from '../../testing/case-fixtures.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';
import { parseForm } from '../forms.ts';
import {
  AgencyDetailsStep,
  BoardAreaStep,
  BoardDetailsStep,
  ChildStep,
  DecisionStep,
  FamilyMemberItem,
  IncidentTypeStep,
  PeriodItem,
  PersonDetailsStep,
  ProceedingItem,
  RecommendationStep,
  ReferralDatesStep,
  ReferralFactsStep,
} from './commands.ts';
import { formValues } from './fields.ts';

const over = (max: number) => 'x'.repeat(max + 1);

async function callerOf(services: Services, personId: string): Promise<Caller> {
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error('no such person');
  return { actor: { personId, grants: loaded.grants, twoFactorSatisfied: true }, ip: '127.0.0.1', requestId: null, action: testAction('TEST') };
}

/** The field errors of a refused API request (422) and of the refused service call: the same. */
async function sameRefusal(api: Promise<{ statusCode: number; data: Json }>, service: () => Promise<unknown>, expected: Record<string, string>) {
  const res = await api;
  assert.equal(res.statusCode, 422, JSON.stringify(res.data));
  assert.deepEqual(Object.fromEntries(fieldCodes(res)), expected, 'the API');
  let error: unknown;
  try {
    await service();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ServiceError && error.kind === 'invalid', `the service refuses: ${String(error)}`);
  assert.deepEqual(error.fieldErrors, expected, 'the service');
}

/** What a page's step schema says of the same answers, posted as a form. */
function pageErrors(schema: z.ZodType, body: Record<string, string>, fields: string[]) {
  const form = parseForm(schema, formValues(body));
  assert.equal(form.ok, false);
  return Object.fromEntries(Object.entries(form.ok ? {} : form.errors).filter(([f]) => fields.includes(f)));
}

/** A list item's field errors named by their path in the list (`familyMembers.1.` + `relationship`). */
const prefixed = (path: string, errors: Record<string, unknown>) => Object.fromEntries(Object.entries(errors).map(([f, e]) => [`${path}${f}`, e]));

for (const dialect of dialectsUnderTest()) {
  describe(`the same limits on pages, the API and the services (${dialect})`, () => {
    test('recording a referral: facts, the referrer’s role and list items’ answers too long, or missing; the pages refuse them alike', async (t) => {
      const { services, boardA, people, tokens, call, body } = await apiWorld(t, dialect);
      const unit = await callerOf(services, people.unitA.id);
      const long = { initialFacts: over(LIMITS.initialFacts), referrerRole: over(LIMITS.referrerRole) };
      await sameRefusal(
        call('POST', `/api/v1/boards/${boardA.id}/referrals`, tokens.unitA, body(long)),
        () => services.referrals.create(unit, referralInput(boardA.id, long)),
        {
          initialFacts: 'referralForm.factsTooLong',
          referrerRole: 'referralForm.referrerRoleTooLong',
        },
      );
      await sameRefusal(
        call('POST', `/api/v1/boards/${boardA.id}/referrals`, tokens.unitA, body({ initialFacts: '  ' })),
        () => services.referrals.create(unit, referralInput(boardA.id, { initialFacts: '  ' })),
        { initialFacts: 'referral.factsRequired' },
      );
      // A list item's answers: named by their path (familyMembers.0.relationship) by the API and the service; the
      // page's item schema names the same answer within the item.
      const member = {
        relationship: over(LIMITS.relationship),
        isSignificantPerson: false,
        language: 'en' as const,
        fullName: null,
        contactDetails: over(LIMITS.contactDetails),
      };
      const proceeding = { proceedingType: 'criminal' as const, status: 'open' as const, liaisonContact: over(LIMITS.liaisonContact), expectedEndOn: null };
      const lists = { familyMembers: [{ ...member, relationship: 'Mother', contactDetails: null }, member], proceedings: [proceeding] };
      const itemErrors = {
        'familyMembers.1.relationship': 'referralForm.relationshipTooLong',
        'familyMembers.1.contactDetails': 'referralForm.contactDetailsTooLong',
        'proceedings.0.liaisonContact': 'referralForm.liaisonContactTooLong',
      };
      await sameRefusal(
        call('POST', `/api/v1/boards/${boardA.id}/referrals`, tokens.unitA, body(lists)),
        () => services.referrals.create(unit, referralInput(boardA.id, lists)),
        itemErrors,
      );
      const memberPage = pageErrors(
        FamilyMemberItem,
        { relationship: member.relationship, contactDetails: member.contactDetails, personKind: 'family', language: 'en' },
        ['relationship', 'contactDetails'],
      );
      const proceedingPage = pageErrors(ProceedingItem, { proceedingType: 'criminal', status: 'open', liaisonContact: proceeding.liaisonContact }, [
        'liaisonContact',
      ]);
      assert.deepEqual(
        { ...prefixed('familyMembers.1.', memberPage), ...prefixed('proceedings.0.', proceedingPage) },
        itemErrors,
        'the pages (each item’s answers)',
      );
      const blank = { familyMembers: [{ ...member, relationship: ' ', contactDetails: null }] };
      await sameRefusal(
        call('POST', `/api/v1/boards/${boardA.id}/referrals`, tokens.unitA, body(blank)),
        () => services.referrals.create(unit, referralInput(boardA.id, blank)),
        { 'familyMembers.0.relationship': 'referralForm.relationshipRequired' },
      );
      assert.deepEqual(pageErrors(FamilyMemberItem, { relationship: ' ', personKind: 'family', language: 'en' }, ['relationship']), {
        relationship: 'referralForm.relationshipRequired',
      });
      assert.deepEqual(pageErrors(ReferralFactsStep, long, ['initialFacts']), { initialFacts: 'referralForm.factsTooLong' }, 'the page');
      // The child's answers: the pages and the service name them as the child page does (childFullName); the API by
      // their place in its body (child.fullName), for the service's refusals as for its own.
      const child = { fullName: over(LIMITS.name), dateOfBirthOn: null, address: over(LIMITS.address), isDeceased: true };
      const childApi = await call('POST', `/api/v1/boards/${boardA.id}/referrals`, tokens.unitA, body({ child }));
      assert.equal(childApi.statusCode, 422);
      assert.deepEqual(Object.fromEntries(fieldCodes(childApi)), {
        'child.fullName': 'referralForm.childNameTooLong',
        'child.address': 'referralForm.addressTooLong',
      });
      const childErrors = { childFullName: 'referralForm.childNameTooLong', childAddress: 'referralForm.addressTooLong' };
      await assert.rejects(services.referrals.create(unit, referralInput(boardA.id, { child })), (e) => {
        assert.ok(e instanceof ServiceError);
        assert.deepEqual(e.fieldErrors, childErrors);
        return true;
      });
      assert.deepEqual(
        pageErrors(ChildStep, { childFullName: child.fullName, childAddress: child.address, childIsDeceased: 'yes' }, ['childFullName', 'childAddress']),
        childErrors,
      );
      const count = await services.db.kysely
        .selectFrom('referrals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0, 'nothing stored');
    });

    test('recording a referral: dates and yes/no answers are date boxes and radios on the pages, ISO dates and booleans in the API, refused alike', async (t) => {
      const { boardA, tokens, call, body } = await apiWorld(t, dialect);
      const api = async (overrides: Json) => {
        const res = await call('POST', `/api/v1/boards/${boardA.id}/referrals`, tokens.unitA, { ...body(), ...overrides });
        assert.equal(res.statusCode, 422, JSON.stringify(res.data));
        return Object.fromEntries(fieldCodes(res));
      };
      const datesPosted = { 'receivedOn-day': '30', 'receivedOn-month': '2', 'receivedOn-year': '2026' };
      const datesPage = parseForm(ReferralDatesStep, formValues(datesPosted, ['receivedOn', 'incidentOn']));
      assert.deepEqual(datesPage.ok ? {} : datesPage.errors, { receivedOn: 'referralForm.receivedOnInvalid', incidentOn: 'referralForm.incidentOnRequired' });
      assert.deepEqual(await api({ receivedOn: '2026-02-30', incidentOn: undefined }), {
        receivedOn: 'referralForm.receivedOnInvalid',
        incidentOn: 'referralForm.incidentOnRequired',
      });
      assert.deepEqual(pageErrors(BoardAreaStep, {}, ['inBoardArea']), { inBoardArea: 'referralForm.inBoardAreaRequired' });
      assert.deepEqual(pageErrors(IncidentTypeStep, { incidentType: 'flood' }, ['incidentType']), { incidentType: 'referralForm.incidentTypeRequired' });
      assert.deepEqual(await api({ inBoardArea: undefined, incidentType: 'flood' }), {
        inBoardArea: 'referralForm.inBoardAreaRequired',
        incidentType: 'referralForm.incidentTypeRequired',
      });
      const periodPage = parseForm(
        PeriodItem,
        formValues({ kind: 'looked_after', 'startOn-day': '1', 'startOn-month': '13', 'startOn-year': '2026' }, ['startOn', 'endOn']),
      );
      assert.deepEqual(periodPage.ok ? {} : periodPage.errors, { startOn: 'referralForm.startOnInvalid' });
      assert.deepEqual(await api({ periods: [{ kind: 'looked_after', startOn: '2026-13-01' }] }), { 'periods.0.startOn': 'referralForm.startOnInvalid' });
    });

    test('the recommendation: reasons and dissent too long, or no reasons; the page refuses them alike', async (t) => {
      const { services, people, tokens, call, createReferral, mustAnswers } = await apiWorld(t, dialect);
      const referral = await createReferral();
      const assessed = await call('POST', `/api/v1/referrals/${referral.id}/assessments`, tokens.memberA, { answers: await mustAnswers(referral.id) });
      assert.equal(assessed.statusCode, 201);
      const groupChair = await callerOf(services, people.groupChairA.id);
      const url = `/api/v1/referrals/${referral.id}/recommendations`;
      const long = { route: 'no_review' as const, reasons: over(LIMITS.reasoning), dissent: over(LIMITS.reasoning) };
      const tooLong = { reasons: 'recommendation.reasonsTooLong', dissent: 'recommendation.dissentTooLong' };
      await sameRefusal(
        call('POST', url, tokens.groupChairA, long),
        () => services.consideration.submitRecommendation(groupChair, referral.id, { ...long, reviewType: null }),
        tooLong,
      );
      assert.deepEqual(pageErrors(RecommendationStep, long, ['reasons', 'dissent']), tooLong, 'the page');
      const missing = { route: 'no_review' as const, reasons: ' ', dissent: null };
      await sameRefusal(
        call('POST', url, tokens.groupChairA, missing),
        () => services.consideration.submitRecommendation(groupChair, referral.id, { ...missing, reviewType: null }),
        {
          reasons: 'recommendation.reasonsRequired',
        },
      );
      assert.deepEqual(
        pageErrors(RecommendationStep, { route: 'no_review', reasons: ' ' }, ['reasons']),
        { reasons: 'recommendation.reasonsRequired' },
        'the page',
      );
      const stored = await services.db.kysely.selectFrom('recommendations').selectAll().execute();
      assert.equal(stored.length, 0, 'nothing stored');
    });

    test('the decision: a rationale too long, or none; the page refuses them alike', async (t) => {
      const { services, people, tokens, call, createReferral, recommend } = await apiWorld(t, dialect);
      const referral = await createReferral();
      await recommend(referral.id);
      const chair = await callerOf(services, people.chairA.id);
      const url = `/api/v1/referrals/${referral.id}/decision`;
      const decision = (rationale: string) => ({ agreesWithRecommendation: true, route: null, reviewType: null, rationale, decidedOn: '2026-11-27' });
      await sameRefusal(
        call('POST', url, tokens.chairA, decision(over(LIMITS.reasoning))),
        () => services.consideration.recordDecision(chair, referral.id, decision(over(LIMITS.reasoning))),
        { rationale: 'decision.rationaleTooLong' },
      );
      assert.deepEqual(pageErrors(DecisionStep, { agree: 'agree', rationale: over(LIMITS.reasoning) }, ['rationale']), {
        rationale: 'decision.rationaleTooLong',
      });
      await sameRefusal(call('POST', url, tokens.chairA, decision('')), () => services.consideration.recordDecision(chair, referral.id, decision('')), {
        rationale: 'decision.rationaleRequired',
      });
      assert.deepEqual(pageErrors(DecisionStep, { agree: 'agree', rationale: '' }, ['rationale']), { rationale: 'decision.rationaleRequired' });
      const stored = await services.db.kysely.selectFrom('decisions').selectAll().execute();
      assert.equal(stored.length, 0, 'nothing stored');
    });

    test('a new board: a code and a name too long, a Welsh name missing', async (t) => {
      const { services, people, tokens, call } = await apiWorld(t, dialect);
      const root = await callerOf(services, people.root.id);
      const board = { code: over(LIMITS.boardCode), nameEn: over(LIMITS.name), nameCy: '', boardType: 'RSB' as const, nation: 'wales' as const };
      const expected = { code: 'board.codeTooLong', nameEn: 'board.nameEnTooLong', nameCy: 'board.nameCyRequired' };
      await sameRefusal(
        call('POST', '/api/v1/boards', tokens.root, board),
        () => services.organisation.createBoard(root, { ...board, region: null, validFromOn: null, validToOn: null, predecessorBoardId: null }),
        expected,
      );
      assert.deepEqual(pageErrors(BoardDetailsStep, board, ['code', 'nameEn', 'nameCy']), expected, 'the page');
    });

    test('a new agency: an English name too long, a Welsh name missing', async (t) => {
      const { services, boardA, people, tokens, call } = await apiWorld(t, dialect);
      const root = await callerOf(services, people.root.id);
      const agency = { nameEn: over(LIMITS.name), nameCy: ' ', sector: 'police' as const, isStatutoryPartner: true, boardIds: [boardA.id] };
      const expected = { nameEn: 'agency.nameEnTooLong', nameCy: 'agency.nameCyRequired' };
      await sameRefusal(call('POST', '/api/v1/agencies', tokens.root, agency), () => services.organisation.createAgency(root, agency), expected);
      assert.deepEqual(pageErrors(AgencyDetailsStep, { nameEn: agency.nameEn, nameCy: ' ', sector: 'police' }, ['nameEn', 'nameCy']), expected, 'the page');
    });

    test('a new person: a name and a job title too long', async (t) => {
      const { services, people, tokens, call } = await apiWorld(t, dialect);
      const root = await callerOf(services, people.root.id);
      const person = { fullName: over(LIMITS.name), email: 'someone@example.org', jobTitle: over(LIMITS.jobTitle), agencyId: null, language: 'en' as const };
      const expected = { fullName: 'fullName.tooLong', jobTitle: 'person.jobTitleTooLong' };
      await sameRefusal(call('POST', '/api/v1/people', tokens.root, person), () => services.people.create(root, person), expected);
      assert.deepEqual(pageErrors(PersonDetailsStep, { ...person, agencyId: '' }, ['fullName', 'jobTitle']), expected, 'the page');
    });
  });
}
