// The management group's analysis of the known facts against a framework's criteria (R1): one answer and
// the facts relied on per criterion, then the indicated outcome on the consideration page. When the board
// runs more than the statutory framework (DOMAIN.md §3.7), the group first chooses which, the statutory
// one pre-selected; another is warned about on the page and recorded with the analysis. Only the questions
// that apply are asked: an SUSR's other streams (adult, homicide) only when the facts raise them, ticked
// in one list whose questions open beneath each stream.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import { askedQuestions, type CriterionQuestion, DEFAULT_SUSR_STREAMS, type Framework, getFramework, isFrameworkId } from '../../../domain/frameworks/index.ts';
import { isDecided, type ReferralStatus } from '../../../domain/referrals/referral.ts';
import type { FieldErrors, ReadKind } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { formString, isInvalid } from '../../forms.ts';
import { type Body, bilingual, childOfPage, isConflict, longDate, referralInAddress, refused, TEXT_MAX } from './helpers.ts';

type Values = Record<string, string>;

/** The service's error keys, and the page's, as messages that name the criterion they are about. */
const NAMED: Record<string, string> = {
  'assessment.answerRequired': 'assessment.answerRequiredFor',
  'assessment.factsRequired': 'assessment.factsRequiredFor',
  'assessment.factsTooLong': 'assessment.factsTooLongFor',
  'assessment.inconsistentWithReferral': 'assessment.inconsistentWithReferralFor',
  'assessment.notAsked': 'assessment.notAskedFor',
  'assessment.unknownCriterion': 'assessment.unknownCriterion',
};

export default async function criteriaRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration } = opts.services;
  const config = (audit: AuditAction, read: { reads?: ReadKind; readAudit?: AuditAction } = {}) => ({
    config: { access: 'assessment.record' as const, audit, ...read },
  });

  /** The framework asked for in the address or the form (the statutory one when none). */
  const frameworkAsked = (source: unknown) => formString((source as Record<string, unknown> | undefined)?.framework) ?? null;

  /** One question as the page shows it: radios and the facts relied on. */
  function questionView(req: FastifyRequest, q: CriterionQuestion, values: Values) {
    return {
      id: q.id,
      legend: bilingual(q.label, req.lang),
      hint: bilingual(q.hint, req.lang),
      items: q.choices.map((c) => ({ value: c.value, text: bilingual(c.label, req.lang), checked: values[q.id] === c.value })),
      facts: values[`${q.id}Facts`] ?? '',
    };
  }

  /** The criteria of the framework asked for and the board's meetings, read (and audited once) by the service as the form's view (the route's declared read: CRITERIA_VIEWED, also when its POST shows the form again). */
  const read = (req: FastifyRequest, referralId: string, frameworkId: string | null) => consideration.viewCriteria(req.caller(), referralId, frameworkId);
  type Read = Awaited<ReturnType<typeof read>>;

  /** The form's content. */
  function context(req: FastifyRequest, boardId: string, { referral, framework, statutory, frameworks, meetings }: Read, values: Values) {
    const raising = framework.questions.filter((q) => q.raisesStream);
    const streamQuestions = (streamQuestionId: string) => framework.questions.filter((q) => q.askedWhen?.question === streamQuestionId);
    return {
      boardId,
      referralId: referral.id,
      ...childOfPage(req, referral.pseudonym),
      framework,
      frameworkId: framework.id,
      frameworkName: bilingual(framework.name, req.lang),
      // Another framework than the statutory one: warned about here, recorded with the analysis.
      notStatutory: framework.id !== statutory.id ? { statutory: bilingual(statutory.name, req.lang) } : undefined,
      frameworkChoice: frameworks.length > 1 ? urls.criteria(boardId, referral.id) : undefined,
      questions: framework.questions.filter((q) => !q.askedWhen && !q.raisesStream).map((q) => questionView(req, q, values)),
      streams:
        raising.length > 0
          ? raising.map((q) => {
              const stream = DEFAULT_SUSR_STREAMS.find((s) => s.id === q.raisesStream);
              return {
                id: q.id,
                name: stream ? bilingual(stream.name, req.lang) : bilingual(q.label, req.lang),
                hint: bilingual(q.label, req.lang),
                checked: values[q.id] === 'yes',
                questions: streamQuestions(q.id).map((sq) => questionView(req, sq, values)),
              };
            })
          : undefined,
      meetingItems: [
        { value: '', text: req.t('consideration:criteria.noMeeting'), selected: !values.meetingId },
        ...meetings.map((m) => ({ value: m.id, text: longDate(m.meetsOn, req.lang), selected: values.meetingId === m.id })),
      ],
      hasMeetings: meetings.length > 0,
      factsMax: TEXT_MAX,
    };
  }

  /** The frameworks the board runs, the statutory one pre-selected: the group's first choice when there are several. */
  function choicePage(req: FastifyRequest, boardId: string, { referral, statutory, frameworks }: Read, meetingId: string) {
    return {
      boardId,
      referralId: referral.id,
      ...childOfPage(req, referral.pseudonym),
      meetingId,
      frameworkItems: frameworks.map((f) => ({
        value: f.id,
        text: bilingual(f.name, req.lang),
        hint: { text: req.t(f.id === statutory.id ? 'consideration:criteria.statutoryHint' : 'consideration:criteria.otherHint') },
        checked: f.id === statutory.id,
      })),
    };
  }

  app.get(urls.criteria.pattern, config('CRITERIA_VIEWED', { reads: 'case-material' }), async (req, reply) => {
    const { boardId, referral } = await referralInAddress(opts.services, req, 'assessment.record');
    if (isDecided(referral.status as ReferralStatus)) return reply.redirect(urls.consideration(boardId, referral.id));
    const meetingId = formString((req.query as Record<string, unknown>).meetingId) ?? '';
    const frameworkId = frameworkAsked(req.query);
    let criteria: Read;
    try {
      criteria = await read(req, referral.id, frameworkId);
    } catch (e) {
      // A framework the board does not run: choose again.
      if (isInvalid(e)) return reply.redirect(urls.criteria(boardId, referral.id));
      throw e;
    }
    if (!frameworkId && criteria.frameworks.length > 1)
      return reply.page('features/consideration/criteria-framework.njk', choicePage(req, boardId, criteria, meetingId));
    return reply.page('features/consideration/criteria.njk', context(req, boardId, criteria, { meetingId }));
  });

  app.post(urls.criteria.pattern, config('CRITERIA_ASSESSED', { reads: 'case-material', readAudit: 'CRITERIA_VIEWED' }), async (req, reply) => {
    const page = await referralInAddress(opts.services, req, 'assessment.record');
    const { boardId, referral } = page;
    const body = (req.body ?? {}) as Body;
    const frameworkId = frameworkAsked(body);
    // The framework the form was for (the service refuses one the board does not run): by default the statutory one.
    const framework: Framework = frameworkId && isFrameworkId(frameworkId) ? getFramework(frameworkId) : page.framework;
    const values: Values = { meetingId: formString(body.meetingId) ?? '' };
    // A stream is raised by ticking it; unticked, it is answered 'no' and its questions are not asked.
    for (const q of framework.questions) if (q.raisesStream) values[q.id] = formString(body[q.id]) === 'yes' ? 'yes' : 'no';
    for (const q of framework.questions) {
      if (q.raisesStream) continue;
      values[q.id] = formString(body[q.id]) ?? '';
      values[`${q.id}Facts`] = formString(body[`${q.id}Facts`]) ?? '';
    }
    const asked = askedQuestions(framework.questions, values);
    const errors: FieldErrors = {};
    const answers: Record<string, { answer: string; facts: string | null }> = {};
    for (const q of asked) {
      const answer = values[q.id] ?? '';
      const facts = q.raisesStream ? '' : (values[`${q.id}Facts`] ?? '');
      if (facts.length > TEXT_MAX) errors[`${q.id}Facts`] = 'assessment.factsTooLong';
      if (answer) answers[q.id] = { answer, facts: facts || null };
    }
    const labels = Object.fromEntries(framework.questions.map((q) => [q.id, bilingual(q.label, req.lang)]));
    const again = async (errs: FieldErrors) => {
      // The summary lists the errors in the order of the page, each naming its criterion.
      const order = ['meetingId', ...framework.questions.flatMap((q) => [q.id, `${q.id}Facts`])];
      const sorted: FieldErrors = {};
      const errorParams: Record<string, Record<string, string>> = {};
      for (const f of [...order.filter((f) => errs[f]), ...Object.keys(errs).filter((f) => !order.includes(f))]) {
        const key = errs[f] as string;
        const question = labels[f.endsWith('Facts') ? f.slice(0, -'Facts'.length) : f];
        sorted[f] = question && NAMED[key] ? (NAMED[key] as string) : key;
        if (question) errorParams[f] = { question };
      }
      const criteria = await read(req, referral.id, framework.id);
      return reply.page('features/consideration/criteria.njk', { ...context(req, boardId, criteria, values), errorParams }, { errors: sorted });
    };
    try {
      if (Object.keys(errors).length > 0) return again(errors);
      const result = await consideration.recordAssessment(req.caller(), referral.id, {
        meetingId: values.meetingId || null,
        frameworkId: framework.id,
        answers,
      });
      req.session.flash = req.t(`consideration:criteria.recorded.${result.outcome}`);
      return reply.redirect(urls.consideration(boardId, referral.id));
    } catch (e) {
      if (isInvalid(e) && e.fieldErrors.frameworkId) return reply.redirect(urls.criteria(boardId, referral.id));
      if (isInvalid(e)) return again(e.fieldErrors);
      if (isConflict(e)) return refused(req, reply, e);
      throw e;
    }
  });
}
