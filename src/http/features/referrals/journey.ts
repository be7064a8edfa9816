// The "new referral" journey (src/http/journeys): one question per page, answers kept in the session
// per board until check answers, where the business unit (never an agency referrer) is shown possible
// duplicates before the referral is recorded.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import { localName } from '../../../domain/organisation.ts';
import { can } from '../../../domain/permissions.ts';
import { type Pseudonym, pseudonymText } from '../../../domain/pseudonyms.ts';
import { forbidden, notFound } from '../../../services/context.ts';
import type { ReferralInput } from '../../../services/referral-service.ts';
import { urls } from '../../../urls.ts';
import { changeHref, changeLinkId, registerJourney } from '../../journeys/pages.ts';
import { type ReferralAnswers, referralFlow, SERIOUS_IMPAIRMENT } from './flow.ts';
import { dateItems, type Option } from './form-helpers.ts';
import { FACTS_MAX, LIST_PAGES, options, QUESTION_PAGES, type ReferralSubject } from './steps.ts';
import { summarySections } from './summary.ts';

declare module '@fastify/session' {
  interface FastifySessionObject {
    /** The referral just recorded, for its confirmation page. */
    referralRecorded?: { boardId: string; referralId: string; pseudonym: Pseudonym };
  }
}

const AUDIT = {
  start: 'REFERRAL_CREATE_STARTED',
  stepViewed: 'REFERRAL_CREATE_STEP_VIEWED',
  stepAnswered: 'REFERRAL_CREATE_STEP_ANSWERED',
  checkViewed: 'REFERRAL_CREATE_CHECK_VIEWED',
  created: 'REFERRAL_CREATED',
  recordedViewed: 'REFERRAL_RECORDED_VIEWED',
} as const satisfies Record<string, AuditAction>;

/** The journey's answers as the service's input; unanswered parts get neutral values (for checking one page). */
export function toInput(boardId: string, a: Partial<ReferralAnswers>, today: string): ReferralInput {
  // A draft kept from before the referrer's kind was asked names someone without an account.
  const kind = a.referrerKind ?? (a.referrerName ? 'external' : 'self');
  return {
    boardId,
    referringAgencyId: a.referringAgencyId && a.referringAgencyId !== 'none' ? a.referringAgencyId : null,
    // The person recording it (neither a person nor details), someone else with an account, or someone without one.
    referrerPersonId: kind === 'person' ? (a.referrerPersonId ?? null) : null,
    referrerName: kind === 'external' ? (a.referrerName ?? null) : null,
    referrerEmail: kind === 'external' ? (a.referrerEmail ?? null) : null,
    referrerLanguage: kind === 'external' ? (a.referrerLanguage ?? null) : null,
    referrerRole: a.referrerRole ?? null,
    awareOn: a.awareOn ?? null,
    receivedOn: a.receivedOn ?? today,
    incidentOn: a.incidentOn ?? a.receivedOn ?? today,
    incidentType: a.incidentType ?? 'other_harm',
    impairmentIdentifiedOn: a.incidentType === SERIOUS_IMPAIRMENT ? (a.impairmentIdentifiedOn ?? null) : null,
    abuseOrNeglect: a.abuseOrNeglect ?? 'not_suspected',
    inBoardArea: a.inBoardArea ?? true,
    initialFacts: a.initialFacts ?? '',
    child: {
      fullName: a.childFullName ?? null,
      dateOfBirthOn: a.childDateOfBirthOn ?? null,
      address: a.childAddress ?? null,
      isDeceased: a.childIsDeceased ?? false,
    },
    periods: a.periods ?? [],
    familyMembers: a.familyMembers ?? [],
    agenciesInvolved: (a.agenciesInvolved ?? []).filter((id) => id !== 'none'),
    proceedings: a.proceedings ?? [],
  };
}

export default async function referralJourneyRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, referrals, clock } = opts.services;
  const today = () => clock.today();

  async function agencyOptions(req: FastifyRequest, boardId: string): Promise<Option[]> {
    const agencies = await organisation.listAgencies(req.caller(), boardId);
    return agencies
      .filter((a) => a.isActive)
      .map((a) => ({ value: a.id, text: localName(a, req.lang) }))
      .sort((x, y) => x.text.localeCompare(y.text, req.lang));
  }

  /** Those who may be named as the referrer (not the reader: that is "I made the referral"), for readers who may list the board's people. */
  async function peopleOptions(req: FastifyRequest, boardId: string): Promise<Option[] | undefined> {
    if (!can(req.actor, 'person.view', { boardId })) return undefined;
    const people = await referrals.referrerCandidates(req.caller(), boardId);
    return people
      .filter((p) => p.personId !== req.actor?.personId)
      .map((p) => ({ value: p.personId, text: p.jobTitle ? `${p.fullName} (${p.jobTitle})` : p.fullName }));
  }

  /** The board in the address: one the caller may record referrals for (others: not found / forbidden), and what its pages offer. */
  async function load(req: FastifyRequest): Promise<ReferralSubject> {
    const { boardId } = req.params as { boardId: string };
    const board = await organisation.getBoard(req.caller(), boardId);
    if (!can(req.actor, 'referral.create', { boardId })) throw forbidden();
    return {
      key: board.id,
      base: urls.newReferral(board.id),
      board,
      t: req.t,
      agencies: await agencyOptions(req, board.id),
      people: await peopleOptions(req, board.id),
      nation: board.nation === 'england' ? 'england' : 'wales',
      today: today(),
    };
  }

  /** The referrer as the check answers page names them: the reader, someone with an account, or someone without one. */
  function referrerShown(req: FastifyRequest, l: ReferralSubject, input: ReferralInput) {
    if (input.referrerPersonId) {
      const person = l.people?.find((p) => p.value === input.referrerPersonId);
      return { referrerName: person?.text ?? '', referrerEmail: null, referrerLanguage: null };
    }
    if (input.referrerName || input.referrerEmail)
      return { referrerName: input.referrerName, referrerEmail: input.referrerEmail ?? null, referrerLanguage: input.referrerLanguage ?? null };
    return { referrerName: req.t('referrals:referrer.you', { name: req.actor?.fullName ?? '' }), referrerEmail: null, referrerLanguage: null };
  }

  registerJourney<ReferralAnswers, ReferralSubject>(app, {
    name: 'referral',
    path: urls.newReferral.pattern,
    access: 'referral.create',
    audit: { start: AUDIT.start, stepViewed: AUDIT.stepViewed, stepAnswered: AUDIT.stepAnswered, checkViewed: AUDIT.checkViewed, completed: AUDIT.created },
    // Check answers looks for possible duplicates among the board's referrals: a read of case material.
    reads: { check: 'case-material' },
    load,
    flow: () => referralFlow,
    pages: [...QUESTION_PAGES, ...LIST_PAGES],
    onStart(req) {
      req.session.referralRecorded = undefined;
    },
    exitHref: () => urls.home(),
    common: (req, l) => ({
      ...options(req.t),
      caption: req.t('referrals:caption'),
      boardId: l.board.id,
      agencies: l.agencies,
      people: l.people,
      england: l.nation === 'england',
      selfName: req.actor?.fullName ?? '',
      dateItems: (parts: unknown, field: string, fieldErrors: Record<string, unknown>) =>
        dateItems(req.t, parts as Parameters<typeof dateItems>[1], Boolean(fieldErrors[field])),
      factsMax: FACTS_MAX,
    }),
    // The service's own checks (dates against today and each other, agencies of the board), shown on the page answered.
    validate: (req, l, answers) => referrals.validate(req.caller(), toInput(l.board.id, answers, today())),
    check: {
      view: 'features/referrals/check-answers.njk',
      async context(req, l, answers) {
        const nameOf = (id: string) => l.agencies.find((o) => o.value === id)?.text ?? '';
        const input = toInput(l.board.id, answers, today());
        const sections = summarySections(
          req.t,
          req.lang,
          {
            ...input,
            ...referrerShown(req, l, input),
            referringAgency: input.referringAgencyId ? nameOf(input.referringAgencyId) : null,
            child: input.child,
            agencies: input.agenciesInvolved.map(nameOf),
          },
          (slug, field) => ({ href: changeHref(l.base, slug), id: changeLinkId(field) }),
        );
        // Only those who receive referrals (the business unit) are told of possible duplicates; a referrer learns
        // nothing about other referrals. The page's read is audited either way (the route declares it).
        const duplicates = await referrals.checkAnswersDuplicates(req.caller(), input);
        return {
          sections,
          duplicates: duplicates.map((d) => ({
            text: req.t(d.reason === 'same_child' ? 'referrals:check.duplicateSameChild' : 'referrals:check.duplicateSameIncident', {
              code: pseudonymText(d.pseudonym, req.lang),
            }),
            href: urls.referral(l.board.id, d.referralId),
          })),
        };
      },
    },
    async complete(req, l, answers) {
      const referral = await referrals.create(req.caller(), toInput(l.board.id, answers, today()));
      req.session.referralRecorded = { boardId: l.board.id, referralId: referral.id, pseudonym: referral.pseudonym };
      return urls.newReferralRecorded(l.board.id);
    },
  });

  app.get(urls.newReferralRecorded.pattern, { config: { access: 'referral.create', audit: AUDIT.recordedViewed } }, async (req, reply) => {
    const { boardId } = req.params as { boardId: string };
    const board = await organisation.getBoard(req.caller(), boardId);
    if (!can(req.actor, 'referral.create', { boardId })) throw forbidden();
    const recorded = req.session.referralRecorded;
    if (!recorded?.pseudonym || recorded.boardId !== board.id) throw notFound('referral');
    return reply.page('features/referrals/recorded.njk', {
      childCode: pseudonymText(recorded.pseudonym, req.lang),
      referralHref: can(req.actor, 'referral.view', { boardId: board.id }) ? urls.referral(board.id, recorded.referralId) : undefined,
      anotherHref: urls.newReferral(board.id),
    });
  });
}
