// England: the date the board notified the Child Safeguarding Practice Review Panel (Children Act 2004
// s.16C: within 5 working days of becoming aware). Recorded once, by those who run the board's workflow
// (the business unit, the management group chair); the consideration page shows it against its due date.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { isInvalid } from '../../forms.ts';
import {
  type Body,
  childOfPage,
  conflictOf,
  type DateParts,
  dateItems,
  dateParts,
  isConflict,
  longDate,
  parseDate,
  partsOf,
  referralInAddress,
  refused,
} from './helpers.ts';

export default async function notificationRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration, clock } = opts.services;
  const PATH = urls.nationalPanelNotification.pattern;
  const today = () => clock.today();

  /** The referral and its notification, read as the page's view (one audit event). */
  async function load(req: FastifyRequest) {
    const page = await referralInAddress(opts.services, req, 'meeting.manage');
    const c = await consideration.viewConsideration(req.caller(), page.referralId);
    return { ...page, c };
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  function blocked(req: FastifyRequest, reply: FastifyReply, l: Loaded) {
    if (!l.c.notification) return refused(req, reply, conflictOf('notification.notInEngland'));
    if (l.c.notification.notifiedOn) return refused(req, reply, conflictOf('notification.alreadyRecorded'));
    return undefined;
  }

  function form(req: FastifyRequest, reply: FastifyReply, l: Loaded, parts: DateParts, errors?: FieldErrors) {
    const n = l.c.notification;
    return reply.page(
      'features/consideration/notification.njk',
      {
        ...childOfPage(req, l.referral.pseudonym),
        awareOn: longDate(n?.awareOn, req.lang),
        dueOn: longDate(n?.dueOn, req.lang),
        dateItems: dateItems(req.t, parts, Boolean(errors?.notifiedOn)),
        fieldIds: { notifiedOn: 'notifiedOn-day' },
        backLink: urls.consideration(l.boardId, l.referralId),
      },
      { errors },
    );
  }

  app.get(PATH, { config: { access: 'meeting.manage', audit: 'NATIONAL_PANEL_NOTIFICATION_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const l = await load(req);
    return blocked(req, reply, l) ?? form(req, reply, l, partsOf(today()));
  });

  app.post(
    PATH,
    { config: { access: 'meeting.manage', audit: 'NATIONAL_PANEL_NOTIFIED', reads: 'case-material', readAudit: 'NATIONAL_PANEL_NOTIFICATION_VIEWED' } },
    async (req, reply) => {
      const page = await referralInAddress(opts.services, req, 'meeting.manage');
      const parts = dateParts((req.body ?? {}) as Body, 'notifiedOn');
      const date = parseDate(parts);
      const again = async (errors: FieldErrors) => {
        const l = await load(req);
        return blocked(req, reply, l) ?? form(req, reply, l, parts, errors);
      };
      if (!date.ok) return again({ notifiedOn: `notification.notifiedOn${date.problem}` });
      try {
        await consideration.recordNationalPanelNotification(req.caller(), page.referralId, date.date);
      } catch (e) {
        if (isInvalid(e)) return again(e.fieldErrors);
        if (isConflict(e)) return refused(req, reply, e);
        throw e;
      }
      req.session.flash = req.t('consideration:notification.recorded');
      return reply.redirect(urls.consideration(page.boardId, page.referralId));
    },
  );
}
