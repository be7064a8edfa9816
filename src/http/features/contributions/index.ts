// Agency contributions to a review (issue 10 item 4): the business unit asks an agency (its contact, a due
// date, the agency's author and senior manager) and can waive a request with a reason; the agency's author
// declares, drafts the sections, attaches files and submits; its senior manager signs off or returns it; the
// contributor's own page lists what they have to do; agencies' contacts are managed by the business unit.
// The review page shows each agency's status through _review-section.njk.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { ALL_CONTRIBUTION_SECTIONS } from '../../../domain/reviews/contributions.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, displayDateTime, parseDateParts } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { formString, submitForm } from '../../forms.ts';
import { displaySize, readUpload } from '../../uploads.ts';

type Body = Record<string, unknown>;
type Params = { boardId: string; reviewId: string; requestId: string };

export const STATUS_TAGS: Record<string, string> = {
  requested: 'govuk-tag--blue',
  in_progress: 'govuk-tag--light-blue',
  submitted: 'govuk-tag--purple',
  signed_off: 'govuk-tag--green',
  overdue: 'govuk-tag--red',
  waived: 'govuk-tag--grey',
};

/** A yes/no answer of a form: true, false, or undefined when not given. */
function yesNo(value: unknown): boolean | undefined {
  const v = formString(value);
  return v === 'yes' ? true : v === 'no' ? false : undefined;
}

/** A date from its three boxes: the ISO date, '' when empty, or the parts as typed (the service refuses them). */
function dateOf(body: Body, field: string): string {
  const parsed = parseDateParts(dateParts(body, field));
  if (parsed === null) return '';
  return parsed === 'incomplete' || parsed === 'invalid' ? 'invalid' : parsed;
}

/** Invalid input and conflicts are shown on the page again; anything else goes on. */
function shown(e: unknown): e is ServiceError {
  return e instanceof ServiceError && (e.kind === 'invalid' || e.kind === 'conflict');
}

export default async function contributionRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { contributions, agencyContacts, files } = opts.services;

  // ---- The contributor's own page --------------------------------------------------------------------

  app.get(
    urls.myContributions.pattern,
    { config: { access: 'contribution.view', audit: 'CONTRIBUTIONS_LISTED', reads: 'case-material' } },
    async (req, reply) => {
      const t = req.t;
      const { items } = await contributions.mine(req.caller());
      return reply.page('features/contributions/mine.njk', {
        rows: items.map((i) => ({
          href: urls.contribution(i.boardId, i.reviewId, i.id),
          reference: i.reference,
          agency: localName({ nameEn: i.agencyName.en, nameCy: i.agencyName.cy }, req.lang),
          kind: t(`contributions:kinds.${i.kind}`),
          role: t(`contributions:mine.roles.${i.role}`),
          due: displayDate(t, i.dueOn),
          status: { text: t(`contributions:statuses.${i.displayStatus}`), tag: STATUS_TAGS[i.displayStatus] ?? '' },
          nextStep: t(`contributions:mine.nextSteps.${i.nextStep ?? 'none'}`),
        })),
      });
    },
  );

  // ---- The business unit's request form ----------------------------------------------------------------

  async function showRequestForm(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors) {
    const { boardId, reviewId } = req.params as { boardId: string; reviewId: string };
    const t = req.t;
    const form = await contributions.requestForm(req.caller(), boardId, reviewId);
    const name = (a: { name: { en: string; cy: string } }) => localName({ nameEn: a.name.en, nameCy: a.name.cy }, req.lang);
    const contactItems = [
      { value: '', text: t('contributions:request.chooseContact') },
      ...form.agencies.flatMap((a) =>
        a.contacts.map((c) => ({
          value: c.id,
          text: t('contributions:request.contactOption', { name: c.fullName, agency: name(a) }),
          selected: values.contactId === c.id,
        })),
      ),
    ];
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
    return reply.page(
      'features/contributions/request.njk',
      {
        boardId,
        reviewId,
        reference: form.review.reference,
        kind: t(`contributions:kinds.${form.kind}`),
        agencyItems: form.agencies.map((a) => ({
          value: a.id,
          text: a.involved ? `${name(a)} (${t('contributions:request.involved')})` : name(a),
          checked: values.agencyId === a.id,
        })),
        contactLinks: form.agencies.map((a) => ({
          href: urls.agencyContacts(boardId, a.id),
          text: t('contributions:request.manageContacts', { agency: name(a) }),
        })),
        contactItems,
        dueItems: dateItems(t, dateParts(values, 'dueOn'), Boolean(errors?.dueOn)),
        values: {
          authorName: str('author.fullName'),
          authorEmail: str('author.email'),
          authorJob: str('author.jobTitle'),
          managerName: str('seniorManager.fullName'),
          managerEmail: str('seniorManager.email'),
          managerJob: str('seniorManager.jobTitle'),
        },
        fieldIds: {
          agencyId: 'agencyId',
          contactId: 'contactId',
          dueOn: 'dueOn-day',
          'author.fullName': 'author.fullName',
          'author.email': 'author.email',
          'seniorManager.fullName': 'seniorManager.fullName',
          'seniorManager.email': 'seniorManager.email',
          form: 'agencyId',
        },
        backLink: urls.review(boardId, reviewId),
      },
      { errors },
    );
  }

  app.get(
    urls.contributionRequestNew.pattern,
    { config: { access: 'contribution.manage', audit: 'CONTRIBUTION_REQUEST_FORM_VIEWED', reads: 'case-material' } },
    (req, reply) => showRequestForm(req, reply),
  );

  app.post(
    urls.contributionRequestNew.pattern,
    { config: { access: 'contribution.manage', audit: 'CONTRIBUTION_REQUESTED', reads: 'case-material', readAudit: 'CONTRIBUTION_REQUEST_FORM_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId } = req.params as { boardId: string; reviewId: string };
      const body = (req.body ?? {}) as Body;
      const person = (prefix: string) => ({
        fullName: formString(body[`${prefix}.fullName`]) ?? '',
        email: formString(body[`${prefix}.email`]) ?? '',
        jobTitle: formString(body[`${prefix}.jobTitle`]) ?? null,
      });
      // Not submitForm: a conflict here is shown with the default status (400), not 409, as before.
      try {
        const { id } = await contributions.request(req.caller(), boardId, reviewId, {
          agencyId: formString(body.agencyId) ?? '',
          contactId: formString(body.contactId) ?? '',
          dueOn: dateOf(body, 'dueOn'),
          author: person('author'),
          seniorManager: person('seniorManager'),
        });
        req.session.flash = req.t('contributions:request.sent');
        return reply.redirect(urls.contribution(boardId, reviewId, id));
      } catch (e) {
        if (shown(e)) return showRequestForm(req, reply, body, Object.keys(e.fieldErrors).length ? e.fieldErrors : { form: e.message });
        throw e;
      }
    },
  );

  // ---- One request --------------------------------------------------------------------------------

  async function showContribution(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, requestId } = req.params as Params;
    const t = req.t;
    const v = await contributions.view(req.caller(), boardId, reviewId, requestId);
    const r = v.request;
    const agency = localName({ nameEn: r.agencyName.en, nameCy: r.agencyName.cy }, req.lang);
    const kind = t(`contributions:kinds.${r.kind}`);
    const str = (k: string, fallback = '') => (typeof values[k] === 'string' ? (values[k] as string) : fallback);
    const maxBytes = files.limits.maxBytes.attachment;
    const answered = (k: string) => (values[k] === 'yes' || values[k] === 'no' ? values[k] : undefined);
    return reply.page(
      'features/contributions/contribution.njk',
      {
        boardId,
        reviewId,
        requestId,
        reference: v.review.reference,
        title: t('contributions:view.title', { kind, agency }),
        status: { text: t(`contributions:statuses.${r.displayStatus}`), tag: STATUS_TAGS[r.displayStatus] ?? '' },
        state: r.status,
        summary: {
          requestedOn: displayDate(t, r.requestedOn),
          dueOn: displayDate(t, r.dueOn),
          authorRole: r.authorRole ?? '',
          recordsSecuredOn: displayDate(t, r.recordsSecuredOn),
          declaredAt: r.declaredAt ? displayDateTime(t, r.declaredAt) : '',
          submittedAt: r.submittedAt ? displayDateTime(t, r.submittedAt) : '',
          signedOffAt: r.signedOffAt ? displayDateTime(t, r.signedOffAt) : '',
          waivedReason: r.waivedReason ?? '',
          isImr: r.kind === 'imr',
        },
        sections: v.sectionNames.map((s) => ({
          name: s,
          label: t(`contributions:sections.${s}`),
          hint: t(`contributions:sectionHints.${s}`),
          body: v.sections[s] ?? '',
          value: str(`section.${s}`, v.sections[s] ?? ''),
        })),
        attachments: v.attachments.map((f) => ({
          href: urls.contributionAttachment(boardId, reviewId, requestId, f.id),
          text: t('contributions:view.download', { name: f.name, size: displaySize(t, req.lang, f.sizeBytes) }),
        })),
        reminders: v.reminders.map((m) => t('contributions:view.reminder', { rung: t(`contributions:view.rungs.${m.rung}`), date: displayDate(t, m.sentOn) })),
        may: v.may,
        attachHint: t('contributions:draft.attachHint', { size: displaySize(t, req.lang, maxBytes) }),
        declare: {
          directlyInvolved: answered('directlyInvolved'),
          lineManager: answered('lineManager'),
          authorRole: str('authorRole', r.authorRole ?? ''),
          securedItems: dateItems(t, dateParts(values, 'recordsSecuredOn'), Boolean(errors?.recordsSecuredOn)),
        },
        draftRole: str('authorRole', r.authorRole ?? ''),
        decision: str('decision'),
        reason: str('reason'),
        fieldIds: {
          directlyInvolved: 'directlyInvolved',
          lineManager: 'lineManager',
          authorRole: 'authorRole',
          recordsSecuredOn: 'recordsSecuredOn-day',
          decision: 'decision',
          reason: 'reason',
          file: 'file',
          form: 'main-content',
          ...Object.fromEntries(ALL_CONTRIBUTION_SECTIONS.map((s) => [s, `section.${s}`])),
        },
        errorParams: values.errorParams ?? {},
        backLink: urls.review(boardId, reviewId),
      },
      { errors, status },
    );
  }

  const readConfig = { reads: 'case-material', readAudit: 'CONTRIBUTION_VIEWED' } as const;

  /** A change through submitForm: shows the page again with its errors, or goes back to it with a message. */
  function change(req: FastifyRequest, reply: FastifyReply, run: (p: Params, body: Body) => Promise<unknown>, flash: string) {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => run(p, body),
      show: (errors, status) => showContribution(req, reply, body, errors, status),
      flash,
      next: urls.contribution(p.boardId, p.reviewId, p.requestId),
    });
  }

  app.get(urls.contribution.pattern, { config: { access: 'contribution.view', audit: 'CONTRIBUTION_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showContribution(req, reply),
  );

  app.post(urls.contributionDeclare.pattern, { config: { access: 'contribution.edit', audit: 'CONTRIBUTION_DECLARED', ...readConfig } }, (req, reply) =>
    change(
      req,
      reply,
      (p, body) =>
        contributions.declare(req.caller(), p.boardId, p.reviewId, p.requestId, {
          directlyInvolved: yesNo(body.directlyInvolved),
          lineManager: yesNo(body.lineManager),
          authorRole: formString(body.authorRole) ?? '',
          recordsSecuredOn: dateOf(body, 'recordsSecuredOn') || null,
        }),
      'contributions:declare.done',
    ),
  );

  app.post(urls.contributionDraft.pattern, { config: { access: 'contribution.edit', audit: 'CONTRIBUTION_SAVED', ...readConfig } }, (req, reply) =>
    change(
      req,
      reply,
      (p, body) => {
        const sections: Record<string, string> = {};
        for (const s of ALL_CONTRIBUTION_SECTIONS) {
          const value = body[`section.${s}`];
          if (typeof value === 'string') sections[s] = value;
        }
        const secured = dateOf(body, 'recordsSecuredOn');
        return contributions.saveDraft(req.caller(), p.boardId, p.reviewId, p.requestId, {
          sections,
          ...(typeof body.authorRole === 'string' ? { authorRole: body.authorRole } : {}),
          ...(body['recordsSecuredOn-year'] !== undefined ? { recordsSecuredOn: secured || null } : {}),
        });
      },
      'contributions:draft.saved',
    ),
  );

  app.post(urls.contributionSubmit.pattern, { config: { access: 'contribution.edit', audit: 'CONTRIBUTION_SUBMITTED', ...readConfig } }, (req, reply) =>
    change(
      req,
      reply,
      (p, body) => contributions.submit(req.caller(), p.boardId, p.reviewId, p.requestId, { from: formString(body.from) }),
      'contributions:draft.submitted',
    ),
  );

  app.post(urls.contributionSignOff.pattern, { config: { access: 'contribution.sign_off', audit: 'CONTRIBUTION_SIGNED_OFF', ...readConfig } }, (req, reply) =>
    change(
      req,
      reply,
      (p, body) =>
        contributions.signOff(req.caller(), p.boardId, p.reviewId, p.requestId, {
          decision: formString(body.decision),
          reason: formString(body.reason) ?? null,
          from: formString(body.from),
        }),
      'contributions:signOff.done',
    ),
  );

  app.post(urls.contributionWaive.pattern, { config: { access: 'contribution.manage', audit: 'CONTRIBUTION_WAIVED', ...readConfig } }, (req, reply) =>
    change(
      req,
      reply,
      (p, body) =>
        contributions.waive(req.caller(), p.boardId, p.reviewId, p.requestId, { reason: formString(body.reason) ?? '', from: formString(body.from) }),
      'contributions:waive.done',
    ),
  );

  app.post(
    urls.contributionAttachments.pattern,
    { config: { access: 'contribution.edit', audit: 'CONTRIBUTION_ATTACHED', multipart: true, ...readConfig } },
    async (req, reply) => {
      const p = req.params as Params;
      const maxBytes = files.limits.maxBytes.attachment;
      // Not submitForm: an upload refusal or a missing file is shown too, and every shown refusal is a 409.
      try {
        const { stored } = await readUpload(req, 'file', (file) => contributions.attach(req.caller(), p.boardId, p.reviewId, p.requestId, file));
        if (!stored) return showContribution(req, reply, {}, { file: 'contributions:errors.fileRequired' });
      } catch (e) {
        // The file service's refusal, in the reader's language (too large says the limit): nothing was stored.
        if (e instanceof UploadRefused) {
          const key = e.reason === 'tooLarge' ? 'errors:file.tooLarge' : e.reason === 'type' ? 'errors:file.typeAttachment' : `errors:file.${e.reason}`;
          return showContribution(req, reply, { errorParams: { file: { size: displaySize(req.t, req.lang, maxBytes) } } }, { file: key });
        }
        if (shown(e)) return showContribution(req, reply, {}, Object.keys(e.fieldErrors).length ? e.fieldErrors : { form: e.message }, 409);
        throw e;
      }
      req.session.flash = req.t('contributions:draft.attached');
      return reply.redirect(urls.contribution(p.boardId, p.reviewId, p.requestId));
    },
  );

  app.get(
    urls.contributionAttachment.pattern,
    { config: { access: 'contribution.view', audit: 'CONTRIBUTION_ATTACHMENT_DOWNLOADED', reads: 'case-material' } },
    async (req, reply) => {
      const p = req.params as Params & { fileId: string };
      const { file, content } = await contributions.download(req.caller(), p.boardId, p.reviewId, p.requestId, p.fileId);
      return sendDownload(reply, file, content);
    },
  );

  // ---- Agencies' contacts -------------------------------------------------------------------------

  async function showContacts(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors) {
    const { boardId, agencyId } = req.params as { boardId: string; agencyId: string };
    const t = req.t;
    const { agency, contacts } = await agencyContacts.list(req.caller(), boardId, agencyId);
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
    return reply.page(
      'features/contributions/contacts.njk',
      {
        boardId,
        agencyId,
        agencyName: localName(agency, req.lang),
        contacts: contacts.map((c) => ({
          ...c,
          languageText: t(`contributions:contacts.languages.${c.language}`),
          removeHref: urls.agencyContactRemove(boardId, agencyId, c.id),
        })),
        values: { fullName: str('fullName'), email: str('email') },
        languageItems: ['en', 'cy'].map((l) => ({ value: l, text: t(`contributions:contacts.languages.${l}`), checked: values.language === l })),
        fieldIds: { fullName: 'fullName', email: 'email', language: 'language' },
      },
      { errors },
    );
  }

  app.get(urls.agencyContacts.pattern, { config: { access: 'agency.contacts_manage', audit: 'AGENCY_CONTACTS_VIEWED' } }, (req, reply) =>
    showContacts(req, reply),
  );

  app.post(urls.agencyContacts.pattern, { config: { access: 'agency.contacts_manage', audit: 'AGENCY_CONTACT_ADDED' } }, async (req, reply) => {
    const { boardId, agencyId } = req.params as { boardId: string; agencyId: string };
    const body = (req.body ?? {}) as Body;
    // Not submitForm: a conflict (the same email address) is shown with the default status (400), not 409.
    try {
      await agencyContacts.add(req.caller(), boardId, agencyId, {
        fullName: formString(body.fullName),
        email: formString(body.email),
        language: formString(body.language),
      });
    } catch (e) {
      if (shown(e)) return showContacts(req, reply, body, e.fieldErrors);
      throw e;
    }
    req.session.flash = req.t('contributions:contacts.added');
    return reply.redirect(urls.agencyContacts(boardId, agencyId));
  });

  app.post(urls.agencyContactRemove.pattern, { config: { access: 'agency.contacts_manage', audit: 'AGENCY_CONTACT_REMOVED' } }, async (req, reply) => {
    const { boardId, agencyId, contactId } = req.params as { boardId: string; agencyId: string; contactId: string };
    await agencyContacts.remove(req.caller(), boardId, agencyId, contactId);
    req.session.flash = req.t('contributions:contacts.removed');
    return reply.redirect(urls.agencyContacts(boardId, agencyId));
  });
}
