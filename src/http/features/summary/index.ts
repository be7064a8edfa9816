// A review's executive summary (issue 13 item 3): both language versions (latest and approved, their sections with
// change links, the approval form), the translation request and its status, the parity check and the action plan's
// figures; a language version's section page (the figures beside the board's statement); a version with its changes
// against the approved version before it; an approved version as Word or tagged PDF (in the version's language);
// the form asking a translator for the Welsh. Refusals show the GOV.UK error summary and change nothing; a change
// on what someone changed since answers 409 with the form saying so.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { type Language, localName } from '../../../domain/organisation.ts';
import { SUMMARY_LANGUAGES, SUMMARY_SECTIONS, TRANSLATION_MOVES } from '../../../domain/publication/summary.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import type { SummaryLanguageView } from '../../../services/publication/summary-service.ts';
import { urls } from '../../../urls.ts';
import { displayDate } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { raw, submitForm } from '../../forms.ts';
import translationRoutes from './translation.ts';
import { figuresView, parityLines, sectionChanges, sectionHtml, versionLanguage } from './view.ts';

type Params = { boardId: string; reviewId: string };
type LanguageParams = Params & { language: string };
type Body = Record<string, unknown>;

const READ = { access: 'summary.view', audit: 'SUMMARY_VIEWED', reads: 'case-material' } as const;
const SECTION_READ = { access: 'summary.edit', audit: 'SUMMARY_SECTION_VIEWED', reads: 'case-material' } as const;

const numberOf = (body: Body, name: string) => {
  const n = Number(raw(body, name));
  return Number.isSafeInteger(n) ? n : -1;
};
const versionParam = (version: string) => (/^\d{1,9}$/.test(version) ? Number(version) : -1);

export default async function summaryRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { summary, documents } = opts.services;

  /** The summary's page (with an approval's or a status change's error when shown again). */
  async function showSummary(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t, lang } = req;
    const o = await summary.overview(req.caller(), p);
    const languageView = (language: Language, l: SummaryLanguageView) => ({
      language,
      name: versionLanguage(t, language),
      latest: l.latest.saved
        ? t(l.latest.status === 'approved' ? 'summary:page.latestApproved' : 'summary:page.latestDraft', { version: l.latest.version })
        : t('summary:page.notStarted'),
      approved: l.approved
        ? t('summary:page.approvedVersion', { version: l.approved.version, date: displayDate(t, l.approved.approvedAt), name: l.approved.approvedByName ?? '' })
        : t('summary:page.noApproved'),
      nextVersion: o.mayEdit && l.latest.status === 'approved' ? t('summary:page.nextVersion', { version: l.latest.version + 1 }) : '',
      rows: SUMMARY_SECTIONS.map((s) => ({
        key: { text: s.title[lang] },
        value: { html: sectionHtml(t, language, l.latest.content[s.id]?.text ?? ''), classes: 'app-break-words' },
        ...(o.mayEdit
          ? {
              actions: {
                items: [
                  {
                    href: urls.summarySection(p.boardId, p.reviewId, language, s.id),
                    text: t('common:change'),
                    visuallyHiddenText: `${s.title[lang]} (${versionLanguage(t, language)})`,
                  },
                ],
              },
            }
          : {}),
      })),
      files: l.approved
        ? {
            version: l.approved.version,
            docx: urls.summaryVersionFile(p.boardId, p.reviewId, language, String(l.approved.version), 'docx'),
            pdf: urls.summaryVersionFile(p.boardId, p.reviewId, language, String(l.approved.version), 'pdf'),
          }
        : null,
      frozen: l.approved ? figuresView(t, lang, l.approved.figures) : null,
      versions: l.versions.map((v) => ({
        href: urls.summaryVersion(p.boardId, p.reviewId, language, String(v.version)),
        text: t('summary:page.versionLink', { version: v.version }),
        status: t(`summary:statuses.${v.status}`),
      })),
      approve: l.mayApprove ? { version: l.latest.version, revision: l.latest.revision, missing: l.missing } : null,
    });
    const translations = o.translations.map((r) => ({
      ...r,
      text: t(r.agencyId ? 'summary:translation.currentAgency' : 'summary:translation.current', {
        name: r.translatorName,
        agency: localName(o.agencies.find((a) => a.id === r.agencyId) ?? { nameEn: '', nameCy: '' }, lang),
        requestedOn: displayDate(t, r.requestedAt),
        dueOn: displayDate(t, r.dueOn),
        status: t(`summary:translation.statuses.${r.status}`),
      }),
      moves: TRANSLATION_MOVES[r.status].map((s) => ({ value: s, text: t(`summary:translation.statuses.${s}`) })),
    }));
    return reply.page(
      'features/summary/summary.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        reference: o.review.reference,
        languages: SUMMARY_LANGUAGES.map((l) => languageView(l, o.languages[l])),
        fromReport: !o.languages.en.latest.saved && SUMMARY_SECTIONS.some((s) => (o.languages.en.latest.content[s.id]?.text ?? '') !== ''),
        parity: parityLines(t, lang, o.parity),
        figures: figuresView(t, lang, o.figures),
        translation: translations[0] ?? null,
        earlier: translations.slice(1),
        mayTranslate: o.mayTranslate,
        fieldIds: { form: 'translation-status', 'approve-en': 'approve-en', 'approve-cy': 'approve-cy', status: 'status' },
        backLink: urls.review(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }
  app.get(urls.summary.pattern, { config: READ }, (req, reply) => showSummary(req, reply));

  /** A section's page: as it stands (or the text sent, with its errors; after a conflict, as it stands now). */
  async function showSection(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as LanguageParams & { summarySection: string };
    const { t, lang } = req;
    const s = await summary.section(req.caller(), p, p.language, p.summarySection);
    const conflict = status === 409;
    const v = s.version;
    return reply.page(
      'features/summary/section.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        language: s.language,
        section: s.spec.id,
        reference: s.review.reference,
        caption: t('summary:section.language', { language: versionLanguage(t, s.language) }),
        title: s.spec.title[lang],
        hint: s.spec.hint[lang],
        versionNote:
          v.saved || v.version === 1
            ? t('summary:section.versionNote', { version: v.version })
            : t('summary:section.nextVersionNote', { version: v.version, approved: v.version - 1 }),
        text: body && !conflict ? raw(body, 'text') : s.text,
        revision: body && !conflict ? raw(body, 'revision') : String(s.revision),
        figures: figuresView(t, lang, s.figures),
        fieldIds: { text: 'text', form: 'text' },
        backLink: urls.summary(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }
  app.get(urls.summarySection.pattern, { config: SECTION_READ }, (req, reply) => showSection(req, reply));
  app.post(
    urls.summarySection.pattern,
    { config: { access: 'summary.edit', audit: 'SUMMARY_SECTION_SAVED', reads: 'case-material', readAudit: 'SUMMARY_SECTION_VIEWED' } },
    async (req, reply) => {
      const p = req.params as LanguageParams & { summarySection: string };
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () =>
          summary.saveSection(req.caller(), p, {
            language: p.language,
            section: p.summarySection,
            text: raw(body, 'text'),
            revision: numberOf(body, 'revision'),
          }),
        show: (errors, status) => showSection(req, reply, body, errors, status),
        flash: (saved) => (saved.changed ? (saved.created ? 'summary:flash.newVersion' : 'summary:flash.saved') : 'summary:flash.unchanged'),
        flashValues: (saved) => (saved.changed ? { version: saved.version } : {}),
        next: urls.summary(p.boardId, p.reviewId),
      });
    },
  );

  app.post(
    urls.summaryApprove.pattern,
    { config: { access: 'summary.approve', audit: 'SUMMARY_APPROVED', reads: 'case-material', readAudit: 'SUMMARY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as LanguageParams;
      const body = (req.body ?? {}) as Body;
      const field = p.language === 'cy' ? 'approve-cy' : 'approve-en';
      // Not submitForm: the refusal is shown on the summary's page at the language's approval form.
      try {
        const done = await summary.approve(req.caller(), p, { language: p.language, version: numberOf(body, 'version'), revision: numberOf(body, 'revision') });
        req.session.flash = req.t('summary:flash.approved', { version: done.version });
      } catch (e) {
        if (e instanceof ServiceError && (e.kind === 'invalid' || e.kind === 'conflict')) {
          const key = e.kind === 'invalid' ? 'summary:errors.incomplete' : 'summary:errors.changedSinceOpened';
          return showSummary(req, reply, { [field]: key }, e.kind === 'conflict' ? 409 : 400);
        }
        throw e;
      }
      return reply.redirect(urls.summary(p.boardId, p.reviewId));
    },
  );

  app.get(urls.summaryVersion.pattern, { config: { access: 'summary.view', audit: 'SUMMARY_VERSION_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const p = req.params as LanguageParams & { version: string };
    const { t, lang } = req;
    const v = await summary.version(req.caller(), p, p.language, versionParam(p.version));
    const version = v.version;
    return reply.page('features/summary/version.njk', {
      reference: v.review.reference,
      title: t('summary:version.title', { language: versionLanguage(t, version.language), version: version.version }),
      status:
        version.status === 'approved'
          ? t('summary:page.approvedBy', { name: version.approvedByName ?? '', date: displayDate(t, version.approvedAt) })
          : t('summary:statuses.draft'),
      comparedWith: v.previous ? t('summary:version.comparedWith', { version: v.previous.version }) : t('summary:version.first'),
      changes: v.previous ? sectionChanges(t, lang, v.previous.content, version.content) : null,
      sections: SUMMARY_SECTIONS.map((s) => ({ id: s.id, title: s.title[lang], html: sectionHtml(t, version.language, version.content[s.id]?.text ?? '') })),
      figures: figuresView(t, lang, version.figures),
      files:
        version.status === 'approved'
          ? {
              version: version.version,
              docx: urls.summaryVersionFile(p.boardId, p.reviewId, version.language, p.version, 'docx'),
              pdf: urls.summaryVersionFile(p.boardId, p.reviewId, version.language, p.version, 'pdf'),
            }
          : null,
      backLink: urls.summary(p.boardId, p.reviewId),
    });
  });

  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      // One route a format (the builder's ':format' filled in), so nothing else is ever taken for a format.
      urls.summaryVersionFile.pattern.replace(':format', format),
      { config: { access: 'summary.view', audit: 'SUMMARY_DOWNLOADED', reads: 'case-material' } },
      async (req, reply) => {
        const p = req.params as LanguageParams & { version: string };
        const found = await summary.approvedVersionId(req.caller(), p, p.language, versionParam(p.version));
        return sendDownload(reply, await documents.download(req.caller(), 'executive_summary', found.id, found.language, format));
      },
    );
  }

  await translationRoutes(app, { services: opts.services, showSummary });
}
