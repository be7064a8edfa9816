// The management group's analysis of the known facts against the framework's criteria (R1): one answer and
// the facts relied on per criterion, then the indicated outcome on the consideration page.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { isDecided, type ReferralStatus } from '../../../domain/referrals/referral.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { formString, isInvalid } from '../../forms.ts';
import { type Body, bilingual, childOfPage, isConflict, longDate, referralBase, referralInAddress, refused, TEXT_MAX } from './helpers.ts';

type Values = Record<string, string>;

export default async function criteriaRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration } = opts.services;
  const config = (audit: string) => ({ config: { access: 'assessment.record' as const, audit } });

  /** The form's content: the criteria and the board's meetings, read (and audited once) by the service. */
  async function context(req: FastifyRequest, boardId: string, referralId: string, values: Values) {
    // Read as the form's view (CRITERIA_VIEWED), also when a refused POST shows the form again.
    const { referral, framework, meetings } = await consideration.viewCriteria({ ...req.caller(), action: 'CRITERIA_VIEWED' }, referralId);
    return {
      base: referralBase(boardId, referral.id),
      ...childOfPage(req, referral.pseudonym),
      frameworkName: bilingual(framework.name, req.lang),
      questions: framework.questions.map((q) => ({
        id: q.id,
        legend: bilingual(q.label, req.lang),
        hint: bilingual(q.hint, req.lang),
        confirmed: q.confirmed,
        items: q.choices.map((c) => ({ value: c.value, text: bilingual(c.label, req.lang), checked: values[q.id] === c.value })),
        facts: values[`${q.id}Facts`] ?? '',
      })),
      meetingItems: [
        { value: '', text: req.t('consideration:criteria.noMeeting'), selected: !values.meetingId },
        ...meetings.map((m) => ({ value: m.id, text: longDate(m.meetsOn, req.lang), selected: values.meetingId === m.id })),
      ],
      hasMeetings: meetings.length > 0,
      factsMax: TEXT_MAX,
    };
  }

  app.get('/boards/:boardId/referrals/:referralId/criteria', config('CRITERIA_VIEWED'), async (req, reply) => {
    const { boardId, referral } = await referralInAddress(opts.services, req, 'assessment.record');
    if (isDecided(referral.status as ReferralStatus)) return reply.redirect(`${referralBase(boardId, referral.id)}/consideration`);
    const meetingId = formString((req.query as Record<string, unknown>).meetingId) ?? '';
    return reply.page('features/consideration/criteria.njk', await context(req, boardId, referral.id, { meetingId }));
  });

  app.post('/boards/:boardId/referrals/:referralId/criteria', config('CRITERIA_ASSESSED'), async (req, reply) => {
    const { boardId, referral, framework } = await referralInAddress(opts.services, req, 'assessment.record');
    const body = (req.body ?? {}) as Body;
    const values: Values = { meetingId: formString(body.meetingId) ?? '' };
    const errors: FieldErrors = {};
    const answers: Record<string, { answer: string; facts: string | null }> = {};
    for (const q of framework.questions) {
      const answer = formString(body[q.id]) ?? '';
      const facts = formString(body[`${q.id}Facts`]) ?? '';
      values[q.id] = answer;
      values[`${q.id}Facts`] = facts;
      if (facts.length > TEXT_MAX) errors[`${q.id}Facts`] = 'assessment.factsTooLong';
      if (answer) answers[q.id] = { answer, facts: facts || null };
    }
    const again = async (errs: FieldErrors) => {
      // The summary lists the errors in the order of the page.
      const order = ['meetingId', ...framework.questions.flatMap((q) => [q.id, `${q.id}Facts`])];
      const sorted = Object.fromEntries(order.filter((f) => errs[f]).map((f) => [f, errs[f] as string]));
      for (const [f, k] of Object.entries(errs)) if (!(f in sorted)) sorted[f] = k;
      return reply.page('features/consideration/criteria.njk', await context(req, boardId, referral.id, values), { errors: sorted });
    };
    try {
      if (Object.keys(errors).length > 0) return again(errors);
      const result = await consideration.recordAssessment(req.caller(), referral.id, { meetingId: values.meetingId || null, answers });
      req.session.flash = req.t(`consideration:criteria.recorded.${result.outcome}`);
      return reply.redirect(`${referralBase(boardId, referral.id)}/consideration`);
    } catch (e) {
      if (isInvalid(e)) return again(e.fieldErrors);
      if (isConflict(e)) return refused(req, reply, e);
      throw e;
    }
  });
}
