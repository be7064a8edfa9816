// A review's terms of reference (issue 10 item 3): the latest version as a check-answers summary of its
// sections (change links for those who edit, the approval form for the panel chair, the versions, the
// approved version's document), a page per section, and a version with its changes against the approved
// version before it. Agencies' contributors read the approved terms only: their one view of the review.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import {
  CONTRIBUTION_FORMS,
  contributionFormFor,
  type EditableSection,
  isEditableSection,
  isTextSection,
  REQUIRED_FOR_APPROVAL,
  type SectionInput,
  TERMS_SECTIONS,
  type TermsContent,
} from '../../../domain/reviews/terms.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { type DateParts, dateItems, dateParts, displayDate, parseDateParts, partsOf } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { formList, formString, raw, submitForm } from '../../forms.ts';
import { agencyNames, sectionChanges, sectionHtml } from './view.ts';

type Body = Record<string, unknown>;
type Params = { boardId: string; reviewId: string };

/** The section's answers from the form, as the service takes them. */
function sectionInput(section: EditableSection, body: Body): SectionInput {
  if (section === 'period') {
    // An incomplete or impossible date reaches the rules as it is, which refuse it as not a date.
    const date = (prefix: string) => parseDateParts(dateParts(body, prefix));
    return { section, startOn: date('startOn'), endOn: date('endOn') };
  }
  if (section === 'agencies')
    return { section, items: formList(body.agencies).map((agencyId) => ({ agencyId, form: formString(body[`form-${agencyId}`]) ?? '' })) };
  if (section === 'enquiry') return { section, items: raw(body, 'items').split(/\r?\n/) };
  return { section, text: raw(body, 'text') };
}

/** The form's values from a version's content (the page opened) or from the answers sent (shown again). */
function formValues(section: EditableSection, content: TermsContent | undefined, body: Body | undefined) {
  if (body) {
    return {
      text: raw(body, 'text'),
      items: raw(body, 'items'),
      startOn: dateParts(body, 'startOn'),
      endOn: dateParts(body, 'endOn'),
      agencies: formList(body.agencies),
      forms: Object.fromEntries(
        Object.entries(body)
          .filter(([k]) => k.startsWith('form-'))
          .map(([k, v]) => [k.slice(5), typeof v === 'string' ? v : '']),
      ),
    };
  }
  const c = content as TermsContent;
  return {
    text: isTextSection(section) ? c[section].text : '',
    items: c.enquiry.items.join('\n'),
    startOn: partsOf(c.period.startOn),
    endOn: partsOf(c.period.endOn),
    agencies: c.agencies.items.map((i) => i.agencyId),
    forms: Object.fromEntries(c.agencies.items.map((i) => [i.agencyId, i.form])),
  };
}

export default async function termsRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { terms, documents } = opts.services;

  app.get(urls.terms.pattern, { config: { access: 'review.terms_view', audit: 'TERMS_OF_REFERENCE_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showTerms(req, reply),
  );

  /** The terms' page (with the approval form's error when shown again). */
  async function showTerms(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId } = req.params as Params;
    const t = req.t;
    const lang = req.lang;
    const o = await terms.overview(req.caller(), boardId, reviewId);
    const names = agencyNames(o.agencies);
    const current = o.current;
    const approved = o.versions.find((v) => v.status === 'approved');
    const rows = current
      ? TERMS_SECTIONS.map((section) => ({
          key: { text: t(`terms:sections.${section}.title`) },
          value: { html: sectionHtml(t, lang, section, current.content, names), classes: 'app-break-words' },
          ...(o.mayEdit && isEditableSection(section)
            ? {
                actions: {
                  items: [
                    {
                      href: urls.termsSection(boardId, reviewId, section),
                      text: t('common:change'),
                      visuallyHiddenText: t(`terms:sections.${section}.title`).toLowerCase(),
                    },
                  ],
                },
              }
            : {}),
        }))
      : [];
    return reply.page(
      'features/terms-of-reference/terms.njk',
      {
        boardId,
        reviewId,
        reference: o.review.reference,
        current: current
          ? {
              version: current.version,
              saved: current.saved,
              status: current.status,
              heading: t(current.status === 'approved' ? 'terms:page.approvedHeading' : 'terms:page.draftHeading', { version: current.version }),
              approvedBy: current.approvedByName ? t('terms:page.approvedBy', { name: current.approvedByName, date: displayDate(t, current.approvedAt) }) : '',
              revision: current.revision,
            }
          : null,
        rows,
        mayEdit: o.mayEdit,
        mayApprove: o.mayApprove,
        missing: REQUIRED_FOR_APPROVAL.filter((s) => o.missing[s]).map((s) => t(`terms:sections.${s}.title`)),
        nextVersion: current?.status === 'approved' ? current.version + 1 : null,
        approved: approved
          ? {
              version: approved.version,
              href: urls.termsVersion(boardId, reviewId, String(approved.version)),
              docx: urls.termsVersionFile(boardId, reviewId, String(approved.version), 'docx'),
              pdf: urls.termsVersionFile(boardId, reviewId, String(approved.version), 'pdf'),
            }
          : null,
        versions: o.versions.map((v) => ({
          version: v.version,
          href: urls.termsVersion(boardId, reviewId, String(v.version)),
          status: t(`terms:statuses.${v.status}`),
          approved: v.approvedByName ? t('terms:page.approvedBy', { name: v.approvedByName, date: displayDate(t, v.approvedAt) }) : '',
        })),
        fieldIds: { form: 'approve' },
        backLink: o.mayViewReview ? urls.review(boardId, reviewId) : undefined,
      },
      { errors, status },
    );
  }

  /** A section's page: as it stands (or the answers sent, with their errors; after a conflict, as it stands now). */
  async function showSection(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, section } = req.params as Params & { section: string };
    const t = req.t;
    const lang = req.lang;
    const s = await terms.section(req.caller(), boardId, reviewId, section);
    const editable = s.section as EditableSection;
    const conflict = status === 409;
    const values = formValues(editable, s.version.content, conflict ? undefined : body);
    const revision = body && !conflict ? raw(body, 'revision') : String(s.revision);
    const fieldError = (name: string) => Boolean(errors?.[name]);
    return reply.page(
      'features/terms-of-reference/section.njk',
      {
        boardId,
        reviewId,
        reference: s.review.reference,
        section: editable,
        kind: isTextSection(editable) ? 'text' : editable,
        title: t(`terms:sections.${editable}.title`),
        hint: t(`terms:sections.${editable}.hint`),
        versionNote:
          s.version.saved || s.version.version === 1
            ? t('terms:section.versionNote', { version: s.version.version })
            : t('terms:section.nextVersionNote', { version: s.version.version, approved: s.version.version - 1 }),
        revision,
        values,
        startItems: dateItems(t, values.startOn as DateParts, fieldError('startOn')),
        endItems: dateItems(t, values.endOn as DateParts, fieldError('endOn')),
        // An agency not yet named offers the framework's form of contribution, ready for when it is ticked.
        agencyOptions: s.agencies.map((a) => {
          const form = (values.forms as Record<string, string>)[a.id] ?? contributionFormFor(s.review.frameworkId);
          return {
            id: a.id,
            name: localName(a, lang),
            checked: (values.agencies as string[]).includes(a.id),
            forms: CONTRIBUTION_FORMS.map((f) => ({ value: f, text: t(`terms:forms.${f}`), checked: form === f })),
          };
        }),
        fieldIds: { text: 'text', items: 'items', startOn: 'startOn-day', endOn: 'endOn-day', agencies: 'agencies', form: 'section-form' },
        backLink: urls.terms(boardId, reviewId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.termsSection.pattern,
    { config: { access: 'review.terms_edit', audit: 'TERMS_OF_REFERENCE_SECTION_VIEWED', reads: 'case-material' } },
    (req, reply) => showSection(req, reply),
  );

  app.post(
    urls.termsSection.pattern,
    {
      config: {
        access: 'review.terms_edit',
        audit: 'TERMS_OF_REFERENCE_SECTION_SAVED',
        reads: 'case-material',
        readAudit: 'TERMS_OF_REFERENCE_SECTION_VIEWED',
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, section } = req.params as Params & { section: string };
      if (!isEditableSection(section)) throw new ServiceError('not_found', 'section not found');
      const body = (req.body ?? {}) as Body;
      const revision = Number(raw(body, 'revision'));
      return submitForm(req, reply, {
        run: () =>
          terms.saveSection(req.caller(), boardId, reviewId, {
            ...sectionInput(section, body),
            revision: Number.isSafeInteger(revision) ? revision : -1,
          }),
        show: (errors, status) => showSection(req, reply, body, errors, status),
        flash: (saved) => (saved.changed ? (saved.created ? 'terms:flash.newVersion' : 'terms:flash.saved') : 'terms:flash.unchanged'),
        flashValues: (saved) => (saved.changed ? { version: saved.version } : {}),
        next: urls.terms(boardId, reviewId),
      });
    },
  );

  app.post(
    urls.termsApprove.pattern,
    { config: { access: 'review.terms_approve', audit: 'TERMS_OF_REFERENCE_APPROVED', reads: 'case-material', readAudit: 'TERMS_OF_REFERENCE_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId } = req.params as Params;
      const body = (req.body ?? {}) as Body;
      const num = (name: string) => {
        const n = Number(raw(body, name));
        return Number.isSafeInteger(n) ? n : -1;
      };
      // Not submitForm: an 'invalid' refusal is shown as one message (the terms are incomplete), not its fields.
      try {
        const done = await terms.approve(req.caller(), boardId, reviewId, { version: num('version'), revision: num('revision') });
        req.session.flash = req.t('terms:flash.approved', { version: done.version });
      } catch (e) {
        if (e instanceof ServiceError && (e.kind === 'invalid' || e.kind === 'conflict')) {
          const errors = e.kind === 'invalid' ? { form: 'terms:errors.incomplete' } : e.fieldErrors;
          return showTerms(req, reply, errors, e.kind === 'conflict' ? 409 : undefined);
        }
        throw e;
      }
      return reply.redirect(urls.terms(boardId, reviewId));
    },
  );

  app.get(
    urls.termsVersion.pattern,
    { config: { access: 'review.terms_view', audit: 'TERMS_OF_REFERENCE_VERSION_VIEWED', reads: 'case-material' } },
    async (req, reply) => {
      const { boardId, reviewId, version } = req.params as Params & { version: string };
      const t = req.t;
      const lang = req.lang;
      const v = await terms.version(req.caller(), boardId, reviewId, /^\d{1,9}$/.test(version) ? Number(version) : -1);
      const names = agencyNames(v.agencies);
      const changes = v.previous ? sectionChanges(t, lang, v.previous.content, v.version.content, names) : null;
      return reply.page('features/terms-of-reference/version.njk', {
        boardId,
        reviewId,
        reference: v.review.reference,
        title: t('terms:version.title', { version: v.version.version }),
        versionNumber: v.version.version,
        status:
          v.version.status === 'approved'
            ? t('terms:page.approvedBy', { name: v.version.approvedByName ?? '', date: displayDate(t, v.version.approvedAt) })
            : t('terms:statuses.draft'),
        comparedWith: v.previous ? t('terms:version.comparedWith', { version: v.previous.version }) : t('terms:version.first'),
        changes,
        sections: TERMS_SECTIONS.map((s) => ({ id: s, title: t(`terms:sections.${s}.title`), html: sectionHtml(t, lang, s, v.version.content, names) })),
        files:
          v.version.status === 'approved'
            ? {
                docx: urls.termsVersionFile(boardId, reviewId, version, 'docx'),
                pdf: urls.termsVersionFile(boardId, reviewId, version, 'pdf'),
              }
            : null,
        backLink: urls.terms(boardId, reviewId),
      });
    },
  );

  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      // One route a format (the builder's ':format' filled in), so nothing else is ever taken for a format.
      urls.termsVersionFile.pattern.replace(':format', format),
      { config: { access: 'review.terms_view', audit: 'TERMS_OF_REFERENCE_DOWNLOADED', reads: 'case-material' } },
      async (req, reply) => {
        const { boardId, reviewId, version } = req.params as Params & { version: string };
        const versionId = await terms.approvedVersionId(req.caller(), boardId, reviewId, /^\d{1,9}$/.test(version) ? Number(version) : -1);
        return sendDownload(reply, await documents.download(req.caller(), 'terms_of_reference', versionId, req.lang, format));
      },
    );
  }
}
