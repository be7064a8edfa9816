// Importing a spreadsheet into an agency's chronology (issue 11 item 2): the board template to download (.xlsx or
// .csv, headers in the language asked for), the upload page (the agency's contributor, while drafting: the same
// refusals as adding an entry), and the import's status page, which refreshes itself every 2 seconds without
// JavaScript while the job checks the rows ("12,000 of about 100,000 rows checked"), and then says how many entries
// were imported with the rows outside the review's period, or lists every problem by row and column in a GOV.UK
// error summary (nothing imported). The work is ChronologyImportService's (src/services/chronology/chronology-import.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import { TEMPLATE_COLUMNS } from '../../../domain/chronology/import-rows.ts';
import { importRunning, OUTSIDE_PERIOD_KEY, type StoredProblem } from '../../../services/chronology/chronology-import.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { ServiceError } from '../../../services/context.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { urls } from '../../../urls.ts';
import { displayDateTime } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { displaySize, readUpload } from '../../uploads.ts';

type Params = { boardId: string; reviewId: string; requestId: string };

/** "Row 14, Date: Enter the date like 31/01/2024…": the column by its template heading in the reader's language. */
export function problemText(t: TFunction, lang: 'en' | 'cy', p: StoredProblem): string {
  const message = t(`chronology:${p.key}`);
  const column = TEMPLATE_COLUMNS.find((c) => c.key === p.column)?.header[lang];
  return column ? t('chronology:import.problemCell', { row: p.row, column, message }) : t('chronology:import.problemRow', { row: p.row, message });
}

function number(lang: string, n: number): string {
  return new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB').format(n);
}

export default async function importRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { chronologyImports, files } = opts.services;

  // ---- The board's template ---------------------------------------------------------------------------
  app.get(
    urls.chronologyTemplate.pattern,
    { config: { access: 'contribution.edit', audit: 'CHRONOLOGY_TEMPLATE_DOWNLOADED', reads: 'audited-record' } },
    async (req, reply) => {
      const p = req.params as { boardId: string; format: string };
      const file = await chronologyImports.template(req.caller(), p.boardId, p.format, req.lang);
      // ?lang= names the template's language here, not the reader's: their own language is not switched.
      const cookies = [reply.getHeader('set-cookie') ?? []].flat().filter((c): c is string => typeof c === 'string' && !c.startsWith('lang='));
      reply.removeHeader('set-cookie');
      if (cookies.length) reply.header('set-cookie', cookies);
      return sendDownload(reply, file);
    },
  );

  // ---- Uploading ---------------------------------------------------------------------------------------
  async function showUpload(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t, lang } = req;
    const form = await chronologyImports.uploadForm(req.caller(), p.boardId, p.reviewId, p.requestId);
    return reply.page(
      'features/chronology/import.njk',
      {
        title: t('chronology:import.title'),
        reference: form.review.reference,
        agency: form.request.agencyName[lang],
        drafting: form.drafting,
        hint: t('chronology:import.fileHint', { size: displaySize(t, lang, files.limits.maxBytes.import) }),
        action: urls.chronologyImport(p.boardId, p.reviewId, p.requestId),
        templates: (['en', 'cy'] as const).flatMap((language) => [
          {
            href: urls.chronologyTemplate(p.boardId, 'xlsx', { lang: language }),
            text: t('chronology:agency.template', { language: t(`chronology:import.languages.${language}`) }),
          },
          {
            href: urls.chronologyTemplate(p.boardId, 'csv', { lang: language }),
            text: t('chronology:agency.templateCsv', { language: t(`chronology:import.languages.${language}`) }),
          },
        ]),
        fieldIds: { file: 'file' },
        errorParams: { file: { size: displaySize(t, lang, files.limits.maxBytes.import) } },
        backLink: urls.agencyChronology(p.boardId, p.reviewId, p.requestId),
      },
      { errors, status },
    );
  }
  const readConfig = { reads: 'case-material', readAudit: 'CHRONOLOGY_IMPORT_VIEWED' } as const;
  app.get(urls.chronologyImport.pattern, { config: { access: 'contribution.edit', audit: 'CHRONOLOGY_IMPORT_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showUpload(req, reply),
  );
  app.post(
    urls.chronologyImport.pattern,
    { config: { access: 'contribution.edit', audit: 'CHRONOLOGY_IMPORT_STARTED', multipart: true, ...readConfig } },
    async (req, reply) => {
      const p = req.params as Params;
      let id: string | undefined;
      try {
        const { stored } = await readUpload(req, 'file', (file) => chronologyImports.start(req.caller(), p.boardId, p.reviewId, p.requestId, file, req.lang));
        if (!stored) return showUpload(req, reply, { file: 'chronology:import.fileRequired' });
        id = stored.id;
      } catch (e) {
        // The files service's refusal (not a spreadsheet by its content, too large, infected): nothing was stored.
        if (e instanceof UploadRefused) return showUpload(req, reply, { file: e.reason === 'type' ? 'errors:file.typeImport' : `errors:file.${e.reason}` });
        if (e instanceof ServiceError && (e.kind === 'conflict' || e.kind === 'invalid'))
          return showUpload(req, reply, Object.keys(e.fieldErrors).length ? e.fieldErrors : { form: e.message }, 409);
        throw e;
      }
      return reply.redirect(urls.chronologyImportStatus(p.boardId, p.reviewId, p.requestId, id));
    },
  );

  // ---- An import's status ------------------------------------------------------------------------------
  app.get(
    urls.chronologyImportStatus.pattern,
    { config: { access: 'contribution.view', audit: 'CHRONOLOGY_IMPORT_VIEWED', reads: 'case-material' } },
    async (req, reply) => {
      const p = req.params as Params & { importId: string };
      const { t, lang } = req;
      const view = await chronologyImports.status(req.caller(), p.boardId, p.reviewId, p.requestId, p.importId);
      const imp = view.import;
      const running = importRunning(imp.status);
      const problems = imp.status === 'refused' ? imp.problems.filter((x) => x.key !== OUTSIDE_PERIOD_KEY) : [];
      const warnings = imp.status === 'imported' ? imp.problems.filter((x) => x.key === OUTSIDE_PERIOD_KEY) : [];
      const problemTexts = problems.map((x) => problemText(t, lang, x));
      return reply.page('features/chronology/import-status.njk', {
        title: running
          ? t('chronology:import.statusTitle')
          : imp.status === 'imported'
            ? t('chronology:import.importedTitle')
            : t('chronology:import.refusedTitle'),
        reference: view.review.reference,
        agency: view.request.agencyName[lang],
        status: imp.status,
        running,
        uploaded: t('chronology:import.uploaded', { date: displayDateTime(t, imp.createdAt) }),
        progress:
          imp.status === 'queued'
            ? t('chronology:import.queued')
            : imp.rowsTotal
              ? t('chronology:import.progress', { read: number(lang, imp.rowsRead), total: number(lang, imp.rowsTotal) })
              : t('chronology:import.progressStart', { read: number(lang, imp.rowsRead) }),
        imported: t('chronology:import.imported', { count: imp.imported }),
        refusedBody: t('chronology:import.refusedBody', { count: imp.problemCount }),
        more: imp.problemCount > problems.length ? t('chronology:import.moreProblems', { shown: problems.length, count: imp.problemCount }) : null,
        problems: problemTexts,
        warnings: warnings.map((w) => t('chronology:import.warningRow', { row: w.row })),
        warningsBody: t('chronology:import.warningsBody', { count: imp.warnings }),
        // The GOV.UK error summary lists each problem (nothing was imported).
        hasErrors: problems.length > 0,
        errorList: problemTexts.map((text, i) => ({ text, href: `#problem-${i + 1}` })),
        again: view.may.edit ? urls.chronologyImport(p.boardId, p.reviewId, p.requestId) : null,
        backLink: urls.agencyChronology(p.boardId, p.reviewId, p.requestId),
      });
    },
  );
}
