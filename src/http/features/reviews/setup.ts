// Setting a review up and keeping it current (issue 10 items 1 and 5a), the business unit's pages: record a
// notification the framework requires (the day it was sent) and download its letter; link another referral
// of the board to the review and unlink one with a reason; record a joint review's boards and lead board;
// add a parallel proceeding and keep one current, its changes listed. The review page shows all of it
// (_setup-section.njk); these are its forms. Each form answers bad input with the error summary and
// changes nothing; a conflict (recorded meanwhile, linked by someone else) is shown the same way.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import { PROCEEDING_STATUSES, PROCEEDING_TYPES } from '../../../domain/referrals/referral.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { type DateParts, dateItems, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { choose, formString, raw, submitForm } from '../../forms.ts';

type Body = Record<string, unknown>;
type Params = { boardId: string; reviewId: string };
const K = 'review-setup:errors.';

/** A date from its boxes: '' when empty, or the locale key of its problem. */
function dateOf(parts: DateParts, keyPrefix: string): { date: string | null; problem?: string } {
  const parsed = parseDateParts(parts);
  if (parsed === 'incomplete') return { date: null, problem: `${K}${keyPrefix}Incomplete` };
  if (parsed === 'invalid') return { date: null, problem: `${K}${keyPrefix}Invalid` };
  return { date: parsed };
}

export default async function reviewSetupRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { reviewSetup, documents } = opts.services;

  // ---- Notifications -------------------------------------------------------------------------------

  async function notificationForm(req: FastifyRequest, reply: FastifyReply, parts: DateParts, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, requirement } = req.params as Params & { requirement: string };
    const { review, setup } = await reviewSetup.form(req.caller(), boardId, reviewId);
    const n = setup.notifications.find((x) => x.requirement.id === requirement);
    if (!n) return reply.callNotFound();
    return reply.page(
      'features/reviews/notification.njk',
      {
        boardId,
        reviewId,
        reference: review.reference,
        recipient: n.requirement.recipient,
        recorded: n.sent ? req.t('review-setup:section.sentOn', { date: displayDate(req.t, n.sent.sentOn) }) : '',
        hint: req.t('review-setup:notification.hint', { decidedOn: displayDate(req.t, review.decidedOn), example: displayDate(req.t, review.decidedOn) }),
        dateItems: dateItems(req.t, parts, Boolean(errors?.sentOn)),
        fieldIds: { sentOn: 'sentOn-day', form: 'sentOn-day' },
        backLink: urls.review(boardId, reviewId),
      },
      { errors, status },
    );
  }

  app.get(urls.reviewNotification.pattern, { config: { access: 'review.manage', audit: 'REVIEW_NOTIFICATION_VIEWED', reads: 'case-material' } }, (req, reply) =>
    notificationForm(req, reply, partsOf(opts.services.clock.today())),
  );

  app.post(
    urls.reviewNotification.pattern,
    { config: { access: 'review.manage', audit: 'REVIEW_NOTIFICATION_RECORDED', reads: 'case-material', readAudit: 'REVIEW_NOTIFICATION_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId, requirement } = req.params as Params & { requirement: string };
      const parts = dateParts((req.body ?? {}) as Body, 'sentOn');
      const parsed = parseDateParts(parts);
      if (parsed === null) return notificationForm(req, reply, parts, { sentOn: `${K}sentOnRequired` });
      if (parsed === 'incomplete' || parsed === 'invalid')
        return notificationForm(req, reply, parts, { sentOn: `${K}sentOn${parsed === 'incomplete' ? 'Incomplete' : 'Invalid'}` });
      return submitForm(req, reply, {
        run: async () => {
          await reviewSetup.recordNotification(req.caller(), boardId, reviewId, { requirement, sentOn: parsed });
        },
        show: (errors, status) => notificationForm(req, reply, parts, errors, status),
        flash: 'review-setup:notification.recorded',
        next: `${urls.review(boardId, reviewId)}#notifications`,
      });
    },
  );

  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      // One route a format (the builder's ':format' filled in), so nothing else is ever taken for a format.
      urls.reviewNotificationLetterFile.pattern.replace(':format', format),
      { config: { access: 'review.view', audit: 'REVIEW_NOTIFICATION_LETTER_DOWNLOADED', reads: 'case-material' } },
      async (req, reply) => {
        const { boardId, reviewId, notificationId } = req.params as Params & { notificationId: string };
        // The review in the address must be the one the letter is about (the source checks who may see it).
        await reviewSetup.notificationOn(req.caller(), boardId, reviewId, notificationId);
        return sendDownload(reply, await documents.download(req.caller(), 'review_notification_letter', notificationId, req.lang, format));
      },
    );
  }

  // ---- Referrals a review covers -------------------------------------------------------------------

  async function linkForm(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId } = req.params as Params;
    const { review, choices } = await reviewSetup.linkChoices(req.caller(), boardId, reviewId);
    const options = choices.map((c) => ({
      value: c.referralId,
      text: req.t('review-setup:link.option', { child: pseudonymText(c.pseudonym, req.lang), date: displayDate(req.t, c.receivedOn) }),
    }));
    return reply.page(
      'features/reviews/link-referral.njk',
      {
        boardId,
        reviewId,
        reference: review.reference,
        items: choose(options, values.referralId, req.t('review-setup:link.choose')),
        hasChoices: options.length > 0,
        fieldIds: { referralId: 'referralId', form: 'referralId' },
        backLink: urls.review(boardId, reviewId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.reviewLinkReferral.pattern,
    { config: { access: 'review.manage', audit: 'REVIEW_REFERRAL_LINK_VIEWED', reads: 'case-material' } },
    (req, reply) => linkForm(req, reply),
  );

  app.post(
    urls.reviewLinkReferral.pattern,
    { config: { access: 'review.manage', audit: 'REVIEW_REFERRAL_LINKED', reads: 'case-material', readAudit: 'REVIEW_REFERRAL_LINK_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId } = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: async () => {
          await reviewSetup.linkReferral(req.caller(), boardId, reviewId, formString(body.referralId) ?? '');
        },
        show: (errors, status) => linkForm(req, reply, body, errors, status),
        flash: 'review-setup:link.linked',
        next: `${urls.review(boardId, reviewId)}#children`,
      });
    },
  );

  async function unlinkForm(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, referralId } = req.params as Params & { referralId: string };
    const { review, setup } = await reviewSetup.form(req.caller(), boardId, reviewId);
    const covered = setup.referrals.find((r) => r.referralId === referralId && !r.primary);
    if (!covered) return reply.callNotFound();
    return reply.page(
      'features/reviews/unlink-referral.njk',
      {
        boardId,
        reviewId,
        referralId,
        reference: review.reference,
        child: pseudonymText(covered.pseudonym, req.lang),
        values: { reason: raw(values, 'reason') },
        fieldIds: { reason: 'reason', form: 'reason' },
        backLink: urls.review(boardId, reviewId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.reviewUnlinkReferral.pattern,
    { config: { access: 'review.manage', audit: 'REVIEW_REFERRAL_UNLINK_VIEWED', reads: 'case-material' } },
    (req, reply) => unlinkForm(req, reply),
  );

  app.post(
    urls.reviewUnlinkReferral.pattern,
    { config: { access: 'review.manage', audit: 'REVIEW_REFERRAL_UNLINKED', reads: 'case-material', readAudit: 'REVIEW_REFERRAL_UNLINK_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId, referralId } = req.params as Params & { referralId: string };
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: async () => {
          await reviewSetup.unlinkReferral(req.caller(), boardId, reviewId, referralId, raw(body, 'reason'));
        },
        show: (errors, status) => unlinkForm(req, reply, body, errors, status),
        flash: 'review-setup:unlink.unlinked',
        next: `${urls.review(boardId, reviewId)}#children`,
      });
    },
  );

  // ---- Joint review ---------------------------------------------------------------------------------

  async function jointForm(req: FastifyRequest, reply: FastifyReply, values?: Body, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId } = req.params as Params;
    const { review, setup } = await reviewSetup.jointForm(req.caller(), boardId, reviewId);
    const codeOf = (id: string | null) => setup.joint.boards.find((b) => b.id === id)?.code ?? '';
    const own = codeOf(boardId);
    return reply.page(
      'features/reviews/joint.njk',
      {
        boardId,
        reviewId,
        reference: review.reference,
        ownCode: own,
        values: values
          ? { partnerCodes: raw(values, 'partnerCodes'), leadCode: raw(values, 'leadCode') }
          : { partnerCodes: setup.joint.partnerBoardIds.map(codeOf).join(' '), leadCode: setup.joint.leadBoardId ? codeOf(setup.joint.leadBoardId) : '' },
        fieldIds: { partnerBoardIds: 'partnerCodes', leadBoardId: 'leadCode', form: 'partnerCodes' },
        backLink: urls.review(boardId, reviewId),
      },
      { errors, status },
    );
  }

  app.get(urls.reviewJoint.pattern, { config: { access: 'review.manage', audit: 'REVIEW_JOINT_VIEWED', reads: 'case-material' } }, (req, reply) =>
    jointForm(req, reply),
  );

  app.post(
    urls.reviewJoint.pattern,
    { config: { access: 'review.manage', audit: 'REVIEW_JOINT_RECORDED', reads: 'case-material', readAudit: 'REVIEW_JOINT_VIEWED' } },
    async (req, reply) => {
      const { boardId, reviewId } = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: async () => {
          const partnerCodes = raw(body, 'partnerCodes')
            .split(/[\s,]+/)
            .filter((c) => c !== '');
          await reviewSetup.setJointByCodes(req.caller(), boardId, reviewId, { partnerCodes, leadCode: formString(body.leadCode) ?? null });
        },
        show: (errors, status) => jointForm(req, reply, body, errors, status),
        flash: 'review-setup:joint.saved',
        next: `${urls.review(boardId, reviewId)}#joint-review`,
      });
    },
  );

  // ---- Parallel proceedings -------------------------------------------------------------------------

  interface ProceedingValues {
    proceedingType: string;
    status: string;
    nextHearing: DateParts;
    concluded: DateParts;
    liaisonContact: string;
    seenAt: string;
  }

  async function proceedingForm(req: FastifyRequest, reply: FastifyReply, values: ProceedingValues | undefined, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, proceedingId } = req.params as Params & { proceedingId?: string };
    const t = req.t;
    let reference: string;
    let history: { when: string; who: string; what: string }[] = [];
    let v = values;
    if (proceedingId) {
      const { review, proceeding } = await reviewSetup.proceeding(req.caller(), boardId, reviewId, proceedingId);
      reference = review.reference;
      const shown = (field: string, value: string | null) => {
        if (value === null) return t('review-setup:proceeding.notSet');
        if (field === 'proceedingType') return t(`referrals:proceedings.types.${value}`);
        if (field === 'status') return t(`referrals:proceedings.statuses.${value}`);
        if (field === 'nextHearingOn' || field === 'concludedOn') return displayDate(t, value);
        return value;
      };
      history = proceeding.history.map((h) => ({
        when: displayDateTime(t, h.changedAt),
        who: h.changedByName ?? t('reviews:review.system'),
        what: t('review-setup:proceeding.change', {
          field: t(`review-setup:proceeding.fields.${h.field}`),
          from: shown(h.field, h.from),
          to: shown(h.field, h.to),
        }),
      }));
      v ??= {
        proceedingType: proceeding.proceedingType,
        status: proceeding.status,
        nextHearing: partsOf(proceeding.nextHearingOn),
        concluded: partsOf(proceeding.concludedOn),
        liaisonContact: proceeding.liaisonContact ?? '',
        seenAt: proceeding.updatedAt,
      };
    } else {
      const { review } = await reviewSetup.form(req.caller(), boardId, reviewId);
      reference = review.reference;
    }
    v ??= { proceedingType: '', status: 'open', nextHearing: partsOf(null), concluded: partsOf(null), liaisonContact: '', seenAt: '' };
    return reply.page(
      'features/reviews/proceeding.njk',
      {
        boardId,
        reviewId,
        editing: Boolean(proceedingId),
        action: proceedingId ? urls.reviewProceeding(boardId, reviewId, proceedingId) : urls.reviewNewProceeding(boardId, reviewId),
        reference,
        typeItems: choose(
          PROCEEDING_TYPES.map((p) => ({ value: p, text: t(`referrals:proceedings.types.${p}`) })),
          v.proceedingType,
        ),
        statusItems: choose(
          PROCEEDING_STATUSES.map((p) => ({ value: p, text: t(`referrals:proceedings.statuses.${p}`) })),
          v.status,
        ),
        nextHearingItems: dateItems(t, v.nextHearing, Boolean(errors?.nextHearingOn)),
        concludedItems: dateItems(t, v.concluded, Boolean(errors?.concludedOn)),
        values: { liaisonContact: v.liaisonContact, seenAt: v.seenAt },
        history,
        fieldIds: {
          proceedingType: 'proceedingType',
          status: 'status',
          nextHearingOn: 'nextHearingOn-day',
          concludedOn: 'concludedOn-day',
          liaisonContact: 'liaisonContact',
          form: 'proceedingType',
        },
        backLink: `${urls.review(boardId, reviewId)}#proceedings`,
      },
      { errors, status },
    );
  }

  async function saveProceeding(req: FastifyRequest, reply: FastifyReply) {
    const { boardId, reviewId, proceedingId } = req.params as Params & { proceedingId?: string };
    const body = (req.body ?? {}) as Body;
    const values: ProceedingValues = {
      proceedingType: raw(body, 'proceedingType'),
      status: raw(body, 'status'),
      nextHearing: dateParts(body, 'nextHearingOn'),
      concluded: dateParts(body, 'concludedOn'),
      liaisonContact: raw(body, 'liaisonContact'),
      seenAt: raw(body, 'seenAt'),
    };
    const next = dateOf(values.nextHearing, 'nextHearing');
    const concluded = dateOf(values.concluded, 'concludedOn');
    const dateErrors: FieldErrors = {
      ...(next.problem ? { nextHearingOn: next.problem } : {}),
      ...(concluded.problem ? { concludedOn: concluded.problem } : {}),
    };
    if (Object.keys(dateErrors).length > 0) return proceedingForm(req, reply, values, dateErrors);
    const input = {
      proceedingType: values.proceedingType,
      status: values.status,
      nextHearingOn: next.date,
      concludedOn: concluded.date,
      liaisonContact: formString(values.liaisonContact) ?? null,
    };
    return submitForm(req, reply, {
      run: async () => {
        if (proceedingId)
          await reviewSetup.updateProceeding(req.caller(), boardId, reviewId, proceedingId, { ...input, ...(values.seenAt ? { seenAt: values.seenAt } : {}) });
        else await reviewSetup.addProceeding(req.caller(), boardId, reviewId, input);
      },
      show: (errors, status) => proceedingForm(req, reply, values, errors, status),
      flash: proceedingId ? 'review-setup:proceeding.updated' : 'review-setup:proceeding.added',
      next: `${urls.review(boardId, reviewId)}#proceedings`,
    });
  }

  app.get(urls.reviewNewProceeding.pattern, { config: { access: 'review.manage', audit: 'REVIEW_PROCEEDING_VIEWED', reads: 'case-material' } }, (req, reply) =>
    proceedingForm(req, reply, undefined),
  );
  app.post(
    urls.reviewNewProceeding.pattern,
    { config: { access: 'review.manage', audit: 'REVIEW_PROCEEDING_ADDED', reads: 'case-material', readAudit: 'REVIEW_PROCEEDING_VIEWED' } },
    saveProceeding,
  );
  app.get(urls.reviewProceeding.pattern, { config: { access: 'review.manage', audit: 'REVIEW_PROCEEDING_VIEWED', reads: 'case-material' } }, (req, reply) =>
    proceedingForm(req, reply, undefined),
  );
  app.post(
    urls.reviewProceeding.pattern,
    { config: { access: 'review.manage', audit: 'REVIEW_PROCEEDING_UPDATED', reads: 'case-material', readAudit: 'REVIEW_PROCEEDING_VIEWED' } },
    saveProceeding,
  );
}
