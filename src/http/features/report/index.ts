// A review's report (issue 10 item 10): the latest version's sections with its status, versions, comments from
// the panel, the author's submission for QA, the panel chair's QA sign-off and the board chair's acceptance with
// R4's refusals listed; a page per section (with the comments on it, and for a practice review the place where
// the learning identified at the learning event is shown); a version with its changes; its documents; and the
// review recommendations' form. Refusals show the GOV.UK error summary and change nothing; a conflict answers 409.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { REPORT_TITLES, reportKindFor, reportSection, reportSections } from '../../../domain/reviews/report.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { type DateParts, dateItems, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { choose, formString, raw, submitForm } from '../../forms.ts';
import { reportChanges, reportSectionHtml } from './view.ts';

type Body = Record<string, unknown>;
type Params = { boardId: string; reviewId: string };

const num = (body: Body, name: string) => {
  const n = Number(raw(body, name));
  return raw(body, name) !== '' && Number.isSafeInteger(n) ? n : -1;
};
const versionParam = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : -1);

export default async function reportRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { report, documents } = opts.services;

  /** The report's page (with a form's errors when shown again). */
  async function showReport(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number, body?: Body) {
    const { boardId, reviewId } = req.params as Params;
    const { t, lang } = req;
    const o = await report.overview(req.caller(), boardId, reviewId);
    const specs = reportSections(o.review.frameworkId);
    const current = o.current;
    const agencyNames = new Map(o.agencies.map((a) => [a.id, localName(a, lang)]));
    const sectionTitle = (id: string) => reportSection(o.review.frameworkId, id)?.title[lang] ?? id;
    const openComments = (id: string) => o.comments.filter((c) => c.section === id && c.resolvedAt === null).length;
    const rowsOf = (part: 'report' | 'summary') =>
      specs
        .filter((s) => s.part === part)
        .map((s) => ({
          key: { text: s.title[lang] },
          value: {
            html:
              reportSectionHtml(t, current.content, s.id) +
              (openComments(s.id) > 0
                ? `<p class="govuk-body-s govuk-!-margin-top-2">${t('report:page.openComments', { count: openComments(s.id) })}</p>`
                : ''),
            classes: 'app-break-words',
          },
          ...(o.mayEdit
            ? {
                actions: {
                  items: [{ href: urls.reportSection(boardId, reviewId, s.id), text: t('common:change'), visuallyHiddenText: s.title[lang].toLowerCase() }],
                },
              }
            : {}),
        }));
    const frozen = current.saved && current.status !== 'draft';
    const documentVersion = o.head?.acceptedVersion ?? (current.saved ? current.version : null);
    return reply.page(
      'features/report/report.njk',
      {
        boardId,
        reviewId,
        reference: o.review.reference,
        title: REPORT_TITLES[o.kind][lang],
        current: {
          saved: current.saved,
          version: current.version,
          revision: current.revision,
          heading: t('report:page.versionHeading', { version: current.version, status: t(`report:statuses.${current.status}`) }),
          submittedBy: current.submittedByName
            ? t('report:page.submittedBy', { name: current.submittedByName, date: displayDate(t, current.submittedAt) })
            : '',
          qaBy: current.qaByName ? t('report:page.qaBy', { name: current.qaByName, date: displayDate(t, current.qaAt) }) : '',
          acceptedBy: current.acceptedByName ? t('report:page.acceptedBy', { name: current.acceptedByName, date: displayDate(t, current.acceptedAt) }) : '',
        },
        frozenNote: frozen && o.mayEdit ? t('report:page.frozen', { version: current.version, next: current.version + 1 }) : '',
        reportRows: rowsOf('report'),
        summaryRows: rowsOf('summary'),
        maySubmit: o.maySubmit,
        mayComment: o.mayComment,
        mayQa: o.mayQa,
        mayAccept: o.mayAccept,
        mayEdit: o.mayEdit,
        mayRecommend: o.mayRecommend,
        qaVersion: o.qaVersion?.version ?? null,
        comments: o.comments.map((c) => ({
          id: c.id,
          section: sectionTitle(c.section),
          text: c.text,
          by: t('report:page.commentBy', { name: c.createdByName, version: c.version, date: displayDateTime(t, c.createdAt) }),
          resolved: c.resolvedAt ? t('report:page.resolvedBy', { name: c.resolvedByName ?? '', date: displayDate(t, c.resolvedAt) }) : '',
          resolveAction: urls.reportCommentResolve(boardId, reviewId, c.id),
          resolveHidden: t('report:page.resolveHidden', { name: c.createdByName, section: sectionTitle(c.section) }),
        })),
        commentSections: choose(
          specs.map((s) => ({ value: s.id, text: s.title[lang] })),
          formString(body?.section),
        ),
        commentText: body ? raw(body, 'comment') : '',
        recommendations: o.recommendations.map((r) => ({
          number: r.number,
          text: r.text,
          responsible: [r.agencyId ? agencyNames.get(r.agencyId) : null, r.personName, r.responsible].filter(Boolean).join(', '),
          target: displayDate(t, r.targetOn),
          href: urls.reviewRecommendation(boardId, reviewId, r.id),
        })),
        r4: o.r4.map((r) => ({
          id: r.number === null ? 'r4-section' : `r4-${r.number}-${r.reason}`,
          text: t(`report:r4List.${r.reason}`, { number: r.number }),
        })),
        versions: o.versions.map((v) => ({
          version: v.version,
          href: urls.reportVersion(boardId, reviewId, String(v.version)),
          status: t(`report:statuses.${v.status}`),
        })),
        files:
          documentVersion === null
            ? null
            : {
                version: documentVersion,
                docx: urls.reportVersionFile(boardId, reviewId, String(documentVersion), 'docx', { lang: 'en' }),
                pdf: urls.reportVersionFile(boardId, reviewId, String(documentVersion), 'pdf', { lang: 'en' }),
                docxCy: urls.reportVersionFile(boardId, reviewId, String(documentVersion), 'docx', { lang: 'cy' }),
                pdfCy: urls.reportVersionFile(boardId, reviewId, String(documentVersion), 'pdf', { lang: 'cy' }),
              },
        fieldIds: { form: 'report-actions', comment: 'comment', section: 'section' },
        backLink: o.mayViewReview ? urls.review(boardId, reviewId) : undefined,
      },
      { errors, status },
    );
  }

  const viewed = { access: 'report.view', audit: 'REPORT_VIEWED', reads: 'case-material' } as const;
  app.get(urls.report.pattern, { config: viewed }, (req, reply) => showReport(req, reply));

  /** A report-page form: the service's change, then back to the report with a flash; a refusal shows the page again. */
  function reportForm(
    pattern: string,
    config: {
      access: 'report.edit' | 'report.comment' | 'report.qa' | 'report.accept';
      audit: 'REPORT_SUBMITTED' | 'REPORT_COMMENTED' | 'REPORT_COMMENT_RESOLVED' | 'REPORT_QA_SIGNED_OFF' | 'REPORT_ACCEPTED';
    },
    act: (req: FastifyRequest, body: Body) => Promise<{ flash: string; values?: Record<string, unknown> }>,
  ) {
    app.post(pattern, { config: { ...config, reads: 'case-material', readAudit: 'REPORT_VIEWED' } }, async (req, reply) => {
      const { boardId, reviewId } = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => act(req, body),
        show: (errors, status) => showReport(req, reply, errors, status, body),
        flash: (done) => done.flash,
        flashValues: (done) => done.values ?? {},
        next: urls.report(boardId, reviewId),
      });
    });
  }

  reportForm(urls.reportSubmit.pattern, { access: 'report.edit', audit: 'REPORT_SUBMITTED' }, async (req, body) => {
    const { boardId, reviewId } = req.params as Params;
    const done = await report.submit(req.caller(), boardId, reviewId, { version: num(body, 'version'), revision: num(body, 'revision') });
    return { flash: 'report:flash.submitted', values: { version: done.version } };
  });
  reportForm(urls.reportComments.pattern, { access: 'report.comment', audit: 'REPORT_COMMENTED' }, async (req, body) => {
    const { boardId, reviewId } = req.params as Params;
    await report.comment(req.caller(), boardId, reviewId, {
      version: num(body, 'version'),
      section: formString(body.section) ?? '',
      text: raw(body, 'comment'),
    });
    return { flash: 'report:flash.commented' };
  });
  reportForm(urls.reportCommentResolve.pattern, { access: 'report.edit', audit: 'REPORT_COMMENT_RESOLVED' }, async (req) => {
    const { boardId, reviewId, commentId } = req.params as Params & { commentId: string };
    await report.resolveComment(req.caller(), boardId, reviewId, commentId);
    return { flash: 'report:flash.resolved' };
  });
  reportForm(urls.reportQa.pattern, { access: 'report.qa', audit: 'REPORT_QA_SIGNED_OFF' }, async (req, body) => {
    const { boardId, reviewId } = req.params as Params;
    const done = await report.signOffQa(req.caller(), boardId, reviewId, { version: num(body, 'version') });
    return { flash: 'report:flash.qaSignedOff', values: { version: done.version } };
  });
  reportForm(urls.reportAccept.pattern, { access: 'report.accept', audit: 'REPORT_ACCEPTED' }, async (req, body) => {
    const { boardId, reviewId } = req.params as Params;
    const done = await report.accept(req.caller(), boardId, reviewId, { version: num(body, 'version') });
    return { flash: 'report:flash.accepted', values: { version: done.version } };
  });

  /** A section's page: as it stands (or the text sent, with its errors; after a conflict, as it stands now). */
  async function showSection(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, reportSection: sectionId } = req.params as Params & { reportSection: string };
    const { t, lang } = req;
    const s = await report.section(req.caller(), boardId, reviewId, sectionId);
    const conflict = status === 409;
    const keepSent = body && !conflict;
    return reply.page(
      'features/report/section.njk',
      {
        boardId,
        reviewId,
        reference: s.review.reference,
        section: sectionId,
        title: s.spec.title[lang],
        reportTitle: REPORT_TITLES[reportKindFor(s.review.frameworkId)][lang],
        hint: s.spec.hint[lang],
        versionNote:
          s.version.saved || s.version.version === 1
            ? t('report:section.versionNote', { version: s.version.version })
            : t('report:section.nextVersionNote', { version: s.version.version, previous: s.version.version - 1 }),
        text: keepSent ? raw(body, 'text') : s.text,
        revision: keepSent ? raw(body, 'revision') : String(s.revision),
        learningEvent: Boolean(s.spec.learningEvent),
        learning: s.learning.map((l) => ({
          theme: t(`learning-event:themes.${l.theme}`),
          text: l.text,
          agencies: l.agencies.map((a) => (lang === 'cy' ? a.nameCy : a.nameEn)).join(', '),
        })),
        comments: s.comments.map((c) => ({
          text: c.text,
          by: t('report:page.commentBy', { name: c.createdByName, version: c.version, date: displayDateTime(t, c.createdAt) }),
          resolved: c.resolvedAt ? t('report:page.resolvedBy', { name: c.resolvedByName ?? '', date: displayDate(t, c.resolvedAt) }) : '',
        })),
        fieldIds: { text: 'text', form: 'text' },
        backLink: urls.report(boardId, reviewId),
      },
      { errors, status },
    );
  }

  app.get(urls.reportSection.pattern, { config: { access: 'report.edit', audit: 'REPORT_SECTION_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showSection(req, reply),
  );

  app.post(
    urls.reportSection.pattern,
    { config: { access: 'report.edit', audit: 'REPORT_SECTION_SAVED', reads: 'case-material', readAudit: 'REPORT_SECTION_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId, reportSection: sectionId } = req.params as Params & { reportSection: string };
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () =>
          report.saveSection(req.caller(), boardId, reviewId, {
            section: sectionId,
            text: raw(body, 'text'),
            revision: num(body, 'revision'),
          }),
        show: (errors, status) => showSection(req, reply, body, errors, status),
        flash: (saved) => (saved.changed ? (saved.created ? 'report:flash.newVersion' : 'report:flash.saved') : 'report:flash.unchanged'),
        flashValues: (saved) => (saved.changed ? { version: saved.version } : {}),
        next: urls.report(boardId, reviewId),
      });
    },
  );

  app.get(urls.reportVersion.pattern, { config: { access: 'report.view', audit: 'REPORT_VERSION_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const { boardId, reviewId, version } = req.params as Params & { version: string };
    const { t, lang } = req;
    const v = await report.version(req.caller(), boardId, reviewId, versionParam(version));
    const specs = reportSections(v.review.frameworkId);
    return reply.page('features/report/version.njk', {
      boardId,
      reviewId,
      reference: v.review.reference,
      reportTitle: REPORT_TITLES[v.kind][lang],
      title: t('report:version.title', { version: v.version.version }),
      status: t(`report:statuses.${v.version.status}`),
      comparedWith: v.previous ? t('report:version.comparedWith', { version: v.previous.version }) : t('report:version.first'),
      changes: v.previous ? reportChanges(t, lang, specs, v.previous.content, v.version.content) : null,
      sections: specs.map((s) => ({ id: s.id, title: s.title[lang], html: reportSectionHtml(t, v.version.content, s.id) })),
      files: {
        docx: urls.reportVersionFile(boardId, reviewId, version, 'docx', { lang: 'en' }),
        pdf: urls.reportVersionFile(boardId, reviewId, version, 'pdf', { lang: 'en' }),
        docxCy: urls.reportVersionFile(boardId, reviewId, version, 'docx', { lang: 'cy' }),
        pdfCy: urls.reportVersionFile(boardId, reviewId, version, 'pdf', { lang: 'cy' }),
      },
      versionNumber: v.version.version,
      backLink: urls.report(boardId, reviewId),
    });
  });

  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      // One route a format (the builder's ':format' filled in), so nothing else is ever taken for a format.
      urls.reportVersionFile.pattern.replace(':format', format),
      { config: { access: 'report.view', audit: 'REPORT_DOWNLOADED', reads: 'case-material' } },
      async (req, reply) => {
        const { boardId, reviewId, version } = req.params as Params & { version: string };
        const versionId = await report.versionId(req.caller(), boardId, reviewId, versionParam(version));
        return sendDownload(reply, await documents.download(req.caller(), 'review_report', versionId, req.lang, format));
      },
    );
  }

  // ---- Review recommendations ----------------------------------------------------------------------------------

  async function showRecommendation(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, recommendationId } = req.params as Params & { recommendationId?: string };
    const { t, lang } = req;
    const f = await report.recommendationForm(req.caller(), boardId, reviewId, recommendationId ?? null);
    const r = f.recommendation;
    const keepSent = body && status !== 409;
    const value = (name: string, stored: string | null | undefined) => (keepSent ? raw(body, name) : (stored ?? ''));
    const target = keepSent ? dateParts(body, 'targetOn') : partsOf(r?.targetOn ?? null);
    return reply.page(
      'features/report/recommendation.njk',
      {
        boardId,
        reviewId,
        reference: f.review.reference,
        title: r ? t('report:recommendation.changeTitle', { number: r.number }) : t('report:recommendation.addTitle'),
        action: r ? urls.reviewRecommendation(boardId, reviewId, r.id) : urls.reviewRecommendationNew(boardId, reviewId),
        revision: keepSent ? raw(body, 'revision') : String(r?.revision ?? 0),
        values: { text: value('text', r?.text), responsible: value('responsible', r?.responsible) },
        agencyItems: choose(
          f.agencies.map((a) => ({ value: a.id, text: localName(a, lang) })),
          keepSent ? formString(body.agencyId) : (r?.agencyId ?? ''),
          t('report:recommendation.noAgency'),
        ),
        personItems: choose(
          f.people.map((p) => ({ value: p.id, text: p.name })),
          keepSent ? formString(body.personId) : (r?.personId ?? ''),
          t('report:recommendation.noPerson'),
        ),
        targetItems: dateItems(t, target as DateParts, Boolean(errors?.targetOn)),
        fieldIds: { text: 'text', agencyId: 'agencyId', personId: 'personId', responsible: 'responsible', targetOn: 'targetOn-day', form: 'text' },
        backLink: urls.report(boardId, reviewId),
      },
      { errors, status },
    );
  }

  const recommendationRead = { access: 'report.recommend', audit: 'REVIEW_RECOMMENDATION_VIEWED', reads: 'case-material' } as const;
  app.get(urls.reviewRecommendationNew.pattern, { config: recommendationRead }, (req, reply) => showRecommendation(req, reply));
  app.get(urls.reviewRecommendation.pattern, { config: recommendationRead }, (req, reply) => showRecommendation(req, reply));

  async function saveRecommendation(req: FastifyRequest, reply: FastifyReply) {
    const { boardId, reviewId, recommendationId } = req.params as Params & { recommendationId?: string };
    const body = (req.body ?? {}) as Body;
    const targetOn = parseDateParts(dateParts(body, 'targetOn'));
    return submitForm(req, reply, {
      run: () =>
        report.saveRecommendation(req.caller(), boardId, reviewId, {
          id: recommendationId ?? null,
          revision: num(body, 'revision'),
          text: raw(body, 'text'),
          agencyId: formString(body.agencyId) ?? null,
          personId: formString(body.personId) ?? null,
          responsible: raw(body, 'responsible'),
          targetOn,
        }),
      show: (errors, status) => showRecommendation(req, reply, body, errors, status),
      flash: 'report:flash.recommendationSaved',
      flashValues: (saved) => ({ number: saved.number }),
      next: urls.report(boardId, reviewId),
    });
  }

  app.post(
    urls.reviewRecommendationNew.pattern,
    { config: { access: 'report.recommend', audit: 'REVIEW_RECOMMENDATION_ADDED', reads: 'case-material', readAudit: 'REVIEW_RECOMMENDATION_VIEWED' } },
    saveRecommendation,
  );
  app.post(
    urls.reviewRecommendation.pattern,
    { config: { access: 'report.recommend', audit: 'REVIEW_RECOMMENDATION_UPDATED', reads: 'case-material', readAudit: 'REVIEW_RECOMMENDATION_VIEWED' } },
    saveRecommendation,
  );
}
