// Early learning (issue 10 item 8; R12): the lessons and immediate actions recorded on a review, and the form
// with which the panel (or the business unit) records one — the lesson, the action, the lead agency, its
// owner and the target date. Refusals show the GOV.UK error summary with the answers kept, and write nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { isLanguage, localName } from '../../../domain/organisation.ts';
import type { FieldErrors } from '../../../services/context.ts';
import type { EarlyLearningInput } from '../../../services/early-learning-service.ts';
import { urls } from '../../../urls.ts';
import { type DateParts, dateItems, dateParts, displayDate, parseDateParts } from '../../dates.ts';
import { choose, formString, raw, submitForm } from '../../forms.ts';

type Params = { boardId: string; reviewId: string };
type Body = Record<string, unknown>;

const FIELD_IDS = {
  lesson: 'lesson',
  action: 'action',
  leadAgencyId: 'leadAgencyId',
  ownerName: 'ownerName',
  ownerEmail: 'ownerEmail',
  ownerLanguage: 'ownerLanguage',
  targetOn: 'targetOn-day',
};

/** The form's answers as the service takes them (the date as typed: a date, none, incomplete or invalid). */
function answers(body: Body): EarlyLearningInput {
  const language = formString(body.ownerLanguage) ?? 'en';
  return {
    lesson: raw(body, 'lesson'),
    action: raw(body, 'action'),
    leadAgencyId: formString(body.leadAgencyId) ?? '',
    ownerName: raw(body, 'ownerName'),
    ownerEmail: raw(body, 'ownerEmail'),
    ownerLanguage: isLanguage(language) ? language : 'en',
    targetOn: parseDateParts(dateParts(body, 'targetOn')),
  };
}

export default async function earlyLearningRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { earlyLearning } = opts.services;

  async function show(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors) {
    const p = req.params as Params;
    const { t, lang } = req;
    const { review, actions, canRecord, agencies } = await earlyLearning.list(req.caller(), p);
    return reply.page(
      'features/early-learning/early-learning.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: review.reference },
        actions: actions.map((a) => ({
          lesson: a.lesson,
          action: a.action,
          agency: localName(a.leadAgency, lang),
          owner: a.ownerName,
          target: displayDate(t, a.targetOn),
          status: t(`early-learning:statuses.${a.status}`),
        })),
        canRecord,
        agencyItems: choose(
          agencies.map((a) => ({ value: a.id, text: localName(a, lang) })),
          formString(body.leadAgencyId),
          t('early-learning:form.chooseAgency'),
        ),
        languageItems: choose(
          (['en', 'cy'] as const).map((l) => ({ value: l, text: t(`early-learning:languages.${l}`) })),
          formString(body.ownerLanguage) ?? lang,
        ),
        values: { lesson: raw(body, 'lesson'), action: raw(body, 'action'), ownerName: raw(body, 'ownerName'), ownerEmail: raw(body, 'ownerEmail') },
        targetItems: dateItems(t, dateParts(body, 'targetOn') as DateParts, Boolean(errors?.targetOn)),
        fieldIds: FIELD_IDS,
        backLink: urls.review(p.boardId, p.reviewId),
      },
      { errors },
    );
  }

  app.get(urls.reviewEarlyLearning.pattern, { config: { access: 'review.view', audit: 'EARLY_LEARNING_VIEWED', reads: 'case-material' } }, (req, reply) =>
    show(req, reply),
  );

  app.post(
    urls.reviewEarlyLearning.pattern,
    { config: { access: 'review.learning_record', audit: 'EARLY_LEARNING_RECORDED', reads: 'case-material', readAudit: 'EARLY_LEARNING_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => earlyLearning.record(req.caller(), p, answers(body)),
        show: (errors) => show(req, reply, body, errors),
        flash: 'early-learning:recorded',
        next: urls.reviewEarlyLearning(p.boardId, p.reviewId),
        refusals: ['invalid'],
      });
    },
  );
}
