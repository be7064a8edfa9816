// The executive summary's translation into Welsh (issue 13 item 3): the form asking a named translator (a person's
// email, or an agency of the board) for the Welsh by a due date, and the open request's status recorded from the
// summary's page (requested → in progress → returned, or cancelled). Refusals show the GOV.UK error summary with
// the answers kept; a status change on a request changed since answers 409.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { type DateParts, dateItems, dateParts, parseDateParts } from '../../dates.ts';
import { choose, formString, raw, submitForm } from '../../forms.ts';

type Params = { boardId: string; reviewId: string };
type Body = Record<string, unknown>;

type ShowSummary = (req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) => Promise<unknown>;

const FIELD_IDS = {
  translatorName: 'translatorName',
  translatorEmail: 'translatorEmail',
  agencyId: 'agencyId',
  dueOn: 'dueOn-day',
  note: 'note',
  form: 'translatorName',
};

export default async function translationRoutes(app: FastifyInstance, opts: { services: Services; showSummary: ShowSummary }) {
  const { summaryTranslations } = opts.services;

  async function showForm(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t, lang } = req;
    const f = await summaryTranslations.form(req.caller(), p);
    const due = body ? dateParts(body, 'dueOn') : { day: '', month: '', year: '' };
    return reply.page(
      'features/summary/translation.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        reference: f.reference,
        values: {
          translatorName: body ? raw(body, 'translatorName') : '',
          translatorEmail: body ? raw(body, 'translatorEmail') : '',
          note: body ? raw(body, 'note') : '',
        },
        agencyItems: choose(
          f.agencies.map((a) => ({ value: a.id, text: localName(a, lang) })),
          body ? formString(body.agencyId) : undefined,
          t('summary:translation.noAgency'),
        ),
        dueItems: dateItems(t, due as DateParts, Boolean(errors?.dueOn)),
        fieldIds: FIELD_IDS,
        backLink: urls.summary(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  app.get(urls.summaryTranslation.pattern, { config: { access: 'summary.translate', audit: 'SUMMARY_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showForm(req, reply),
  );
  app.post(
    urls.summaryTranslation.pattern,
    { config: { access: 'summary.translate', audit: 'SUMMARY_TRANSLATION_REQUESTED', reads: 'case-material', readAudit: 'SUMMARY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      const due = parseDateParts(dateParts(body, 'dueOn'));
      return submitForm(req, reply, {
        run: () =>
          summaryTranslations.request(req.caller(), p, {
            translatorName: raw(body, 'translatorName'),
            translatorEmail: raw(body, 'translatorEmail'),
            agencyId: formString(body.agencyId) ?? '',
            dueOn: typeof due === 'string' ? due : '',
            note: raw(body, 'note'),
          }),
        show: (errors, status) => showForm(req, reply, body, errors, status),
        flash: 'summary:flash.requested',
        next: urls.summary(p.boardId, p.reviewId),
      });
    },
  );

  app.post(
    urls.summaryTranslationStatus.pattern,
    { config: { access: 'summary.translate', audit: 'SUMMARY_TRANSLATION_UPDATED', reads: 'case-material', readAudit: 'SUMMARY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params & { translationId: string };
      const body = (req.body ?? {}) as Body;
      const version = Number(raw(body, 'version'));
      return submitForm(req, reply, {
        run: () =>
          summaryTranslations.update(req.caller(), p, p.translationId, {
            status: formString(body.status) ?? '',
            version: Number.isSafeInteger(version) ? version : -1,
          }),
        show: (errors, status) => opts.showSummary(req, reply, errors, status),
        flash: 'summary:flash.statusSaved',
        next: urls.summary(p.boardId, p.reviewId),
      });
    },
  );
}
