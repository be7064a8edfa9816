// The action plan as a spreadsheet (issue 12 item 8): the export (xlsx, the §6.6 columns with headers in the reader's
// language, the plan as they may see it: the plan page's audited read), and the business unit's import of an agency's
// sheet — the upload page (which agency's sheet it is, optional) and its result on the same page: how many actions
// were updated on the agency's behalf, or every problem by row and column in a GOV.UK error summary (nothing
// imported). The check is synchronous (a plan is tens of rows). The work is PlanSpreadsheetService's
// (src/services/actions/plan-spreadsheet-service.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import { PLAN_COLUMNS } from '../../../domain/actions/plan-columns.ts';
import type { PlanProblem } from '../../../domain/actions/plan-import-rows.ts';
import { localName } from '../../../domain/organisation.ts';
import { type PlanImportOutcome, PlanImportRefused } from '../../../services/actions/plan-spreadsheet-service.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { ServiceError } from '../../../services/context.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { urls } from '../../../urls.ts';
import { sendDownload } from '../../download.ts';
import { choose, formString } from '../../forms.ts';
import { displaySize, readUpload } from '../../uploads.ts';

type Params = { boardId: string; reviewId: string };

/** "Row 4, Status: …": the column by its heading in the reader's language. */
export function planProblemText(t: TFunction, lang: 'en' | 'cy', p: PlanProblem): string {
  const message = t(`action-imports:problems.${p.key}`);
  const column = PLAN_COLUMNS.find((c) => c.key === p.column)?.header[lang];
  return column ? t('action-imports:problemCell', { row: p.row, column, message }) : t('action-imports:problemRow', { row: p.row, message });
}

export default async function actionImportRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { actionSheets, files } = opts.services;

  app.get(
    urls.actionPlanSpreadsheet.pattern,
    { config: { access: 'action.view', audit: 'ACTION_PLAN_EXPORTED', reads: 'case-material' } },
    async (req, reply) => {
      const p = req.params as Params;
      return sendDownload(reply, await actionSheets.export(req.caller(), p, req.lang));
    },
  );

  async function showImport(
    req: FastifyRequest,
    reply: FastifyReply,
    state: { errors?: FieldErrors; status?: number; refused?: PlanImportRefused; done?: PlanImportOutcome; agencyId?: string | null } = {},
  ) {
    const p = req.params as Params;
    const { t, lang } = req;
    const form = await actionSheets.importForm(req.caller(), p);
    const problems = (state.refused?.problems ?? []).map((x) => planProblemText(t, lang, x));
    const size = displaySize(t, lang, files.limits.maxBytes.import);
    return reply.page(
      'features/action-imports/import.njk',
      {
        title: t('action-imports:title'),
        caption: t('action-imports:caption', { reference: form.review.reference }),
        action: urls.actionPlanImport(p.boardId, p.reviewId),
        exportHref: urls.actionPlanSpreadsheet(p.boardId, p.reviewId),
        hint: t('action-imports:fileHint', { size }),
        agencies: choose(
          form.agencies.map((a) => ({ value: a.id, text: localName(a, lang) })),
          state.agencyId ?? '',
          t('action-imports:agencyAny'),
        ),
        done: state.done ? t('action-imports:done', { count: state.done.actions, moves: state.done.moves }) : null,
        refusedBody: state.refused ? t('action-imports:refusedBody', { count: state.refused.problemCount }) : null,
        more:
          state.refused && state.refused.problemCount > problems.length
            ? t('action-imports:more', { shown: problems.length, count: state.refused.problemCount })
            : null,
        problems,
        ...(state.refused ? { hasErrors: true, errorList: problems.map((text, i) => ({ text, href: `#problem-${i + 1}` })) } : {}),
        fieldIds: { file: 'file', agencyId: 'agencyId' },
        errorParams: { file: { size } },
        backLink: urls.actionPlan(p.boardId, p.reviewId),
      },
      { errors: state.errors, status: state.status },
    );
  }

  const readConfig = { reads: 'case-material', readAudit: 'ACTION_PLAN_IMPORT_VIEWED' } as const;
  app.get(urls.actionPlanImport.pattern, { config: { access: 'action.manage', audit: 'ACTION_PLAN_IMPORT_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showImport(req, reply),
  );
  app.post(
    urls.actionPlanImport.pattern,
    { config: { access: 'action.manage', audit: 'ACTION_PLAN_IMPORTED', multipart: true, ...readConfig } },
    async (req, reply) => {
      const p = req.params as Params;
      let agencyId: string | null = null;
      try {
        const { stored } = await readUpload(req, 'file', (file, fields) => {
          agencyId = formString(fields.agencyId) ?? null;
          return actionSheets.import(req.caller(), p, file, { agencyId });
        });
        if (!stored) return showImport(req, reply, { errors: { file: 'action-imports:errors.fileRequired' } });
        return showImport(req, reply, { done: stored });
      } catch (e) {
        if (e instanceof PlanImportRefused) return showImport(req, reply, { refused: e, status: 400, agencyId });
        // The files service's refusal (not a spreadsheet by its content, too large, infected): nothing was stored.
        if (e instanceof UploadRefused)
          return showImport(req, reply, { errors: { file: e.reason === 'type' ? 'errors:file.typeImport' : `errors:file.${e.reason}` }, agencyId });
        if (e instanceof ServiceError && (e.kind === 'conflict' || e.kind === 'invalid'))
          return showImport(req, reply, {
            errors: Object.keys(e.fieldErrors).length ? e.fieldErrors : { form: e.message },
            status: e.kind === 'conflict' ? 409 : undefined,
            agencyId,
          });
        throw e;
      }
    },
  );
}
