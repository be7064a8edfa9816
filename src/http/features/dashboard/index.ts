// The board dashboard (issue 3 §7): referrals awaiting consideration and decision with their decision
// clocks from the incident and from the referral, filters and sort as a plain GET form, pagination; and
// the board's settings for those clocks.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { FrameworkId } from '../../../domain/frameworks/index.ts';
import { localName } from '../../../domain/organisation.ts';
import { can } from '../../../domain/permissions.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import { INCIDENT_TYPES, REFERRAL_STATUSES, type ReferralStatus } from '../../../domain/referrals/referral.ts';
import { type FieldErrors, forbidden } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { clockText, durationText } from '../../clock-text.ts';
import { displayDate } from '../../dates.ts';
import { formList, formString, isInvalid } from '../../forms.ts';
import { pageCount, paginationView, requestedPage } from '../../pagination.ts';

const PAGE_SIZE = 50;
const SORTS = ['received_on', 'incident_on', 'due'] as const;
type Sort = (typeof SORTS)[number];
const STATUS_TAGS: Record<ReferralStatus, string> = {
  referred: 'govuk-tag--blue',
  under_consideration: 'govuk-tag--light-blue',
  recommended_to_chair: 'govuk-tag--purple',
  decided_proceed: 'govuk-tag--green',
  decided_not_proceed: 'govuk-tag--grey',
};

export default async function dashboardRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration, organisation } = opts.services;

  async function boardWhere(req: FastifyRequest, permission: 'referral.view' | 'board.manage') {
    const { boardId } = req.params as { boardId: string };
    const board = await organisation.getBoard(req.caller(), boardId);
    if (!can(req.actor, permission, { boardId })) throw forbidden();
    return board;
  }

  app.get(urls.boardDashboard.pattern, { config: { access: 'referral.view', audit: 'BOARD_DASHBOARD_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const board = await boardWhere(req, 'referral.view');
    const query = (req.query ?? {}) as Record<string, unknown>;
    const t = req.t;
    const lang = req.lang;
    const statuses = formList(query.status).filter((s): s is ReferralStatus => (REFERRAL_STATUSES as readonly string[]).includes(s));
    const incidentType = formString(query.incidentType);
    const incidentTypes = incidentType && (INCIDENT_TYPES as readonly string[]).includes(incidentType) ? [incidentType] : undefined;
    const overdueOnly = formString(query.overdue) === 'yes';
    const sortValue = formString(query.sort);
    const sort: Sort = SORTS.includes(sortValue as Sort) ? (sortValue as Sort) : 'received_on';
    const pageNumber = requestedPage(query.page);

    const [result, targets] = await Promise.all([
      consideration.dashboard(req.caller(), board.id, {
        statuses,
        incidentTypes,
        overdueOnly,
        sort,
        page: pageNumber,
        pageSize: PAGE_SIZE,
        lastPageIfBeyond: true,
      }),
      consideration.decisionTargets(board.id),
    ]);
    // The clocks of the board's nation: in Wales the decision from the incident and from the referral; in
    // England the notification to the national Panel and the rapid review, from the day the board became aware.
    const england = targets.nation === 'england';
    const clockColumns = england
      ? [t('dashboard:columns.notification'), t('dashboard:columns.rapidReview')]
      : [t('dashboard:columns.fromIncident'), t('dashboard:columns.fromReferral')];
    const rows = result.items.map((r) => {
      const n = r.notification;
      const pending = england
        ? [n && !n.notifiedOn ? n.dueOn : undefined, r.clocks?.rapidReview?.dueOn]
        : [r.clocks?.fromIncident?.dueOn, r.clocks?.fromReferral?.dueOn];
      const due = pending.filter((d): d is string => Boolean(d)).sort()[0];
      const notification = !n
        ? ''
        : n.notifiedOn
          ? t(n.late ? 'dashboard:notifiedLate' : 'dashboard:notified', { date: displayDate(t, n.notifiedOn) })
          : n.reading
            ? clockText(t, n.reading, targets.notification)
            : '';
      return {
        href: urls.referral(board.id, r.id),
        childCode: pseudonymText(r.pseudonym, lang),
        status: t(`dashboard:statuses.${r.status}`),
        statusTag: STATUS_TAGS[r.status as ReferralStatus] ?? '',
        received: displayDate(t, r.receivedOn),
        incidentType: t(`dashboard:incidentTypes.${r.incidentType}`),
        clocks: england
          ? [notification, r.clocks?.rapidReview ? clockText(t, r.clocks.rapidReview, targets.rapidReview) : '']
          : [
              r.clocks?.fromIncident ? clockText(t, r.clocks.fromIncident, targets.fromIncident) : '',
              r.clocks?.fromReferral ? clockText(t, r.clocks.fromReferral, targets.fromReferral) : '',
            ],
        due: displayDate(t, due),
        overdue: r.overdue,
      };
    });

    const pageHref = (page: number) =>
      urls.boardDashboard(board.id, {
        status: statuses,
        incidentType: incidentTypes ? incidentType : undefined,
        overdue: overdueOnly ? 'yes' : undefined,
        sort,
        page,
      });
    const pages = pageCount(result.total, PAGE_SIZE);
    // The service shows the last page for a page beyond it.
    const pagination = paginationView(t, { page: result.page, pages, href: pageHref, landmarkLabel: t('dashboard:pagination.label') });

    const defaultStatuses = result.statuses;
    return reply.page('features/dashboard/dashboard.njk', {
      board: { id: board.id, name: localName(board, lang), code: board.code },
      rows,
      caption: t(result.total === 1 ? 'dashboard:captionOne' : 'dashboard:captionMany', { count: result.total }),
      pagination,
      statusItems: REFERRAL_STATUSES.map((s) => ({
        value: s,
        text: t(`dashboard:statuses.${s}`),
        checked: (statuses.length ? statuses : defaultStatuses).includes(s),
      })),
      incidentTypeItems: [
        { value: '', text: t('dashboard:filters.anyIncidentType'), selected: !incidentTypes },
        ...INCIDENT_TYPES.map((i) => ({ value: i, text: t(`dashboard:incidentTypes.${i}`), selected: incidentType === i })),
      ],
      overdueItems: [{ value: 'yes', text: t('dashboard:filters.overdueOnly'), checked: overdueOnly }],
      sortItems: SORTS.map((s) => ({ value: s, text: t(`dashboard:sort.${s}`), selected: sort === s })),
      intro: england
        ? t('dashboard:introEngland', { notification: durationText(t, targets.notification), rapidReview: durationText(t, targets.rapidReview) })
        : t('dashboard:intro', { fromIncident: durationText(t, targets.fromIncident), fromReferral: durationText(t, targets.fromReferral) }),
      clockColumns,
      links: {
        meetings: urls.meetings(board.id),
        reviews: can(req.actor, 'review.view', { boardId: board.id }) ? urls.reviews(board.id) : undefined,
        boardMeetings: can(req.actor, 'board_meeting.view', { boardId: board.id }) ? urls.boardMeetings(board.id) : undefined,
        actionReport: can(req.actor, 'action.report', { boardId: board.id }) ? urls.actionReport(board.id) : undefined,
        newReferral: can(req.actor, 'referral.create', { boardId: board.id }) ? urls.newReferral(board.id) : undefined,
        settings: can(req.actor, 'board.manage', { boardId: board.id }) ? urls.boardSettings(board.id) : undefined,
      },
    });
  });

  async function settingsContext(
    req: FastifyRequest,
    boardId: string,
    values: { fromIncident: string; fromReferral: string; holidayRegion: string; frameworks: string[] },
  ) {
    const targets = await consideration.decisionTargets(boardId);
    const name = (f: { name: { en: string; cy: string } }) => localName({ nameEn: f.name.en, nameCy: f.name.cy }, req.lang);
    return {
      boardId,
      values,
      // The decision targets in weeks are Wales's; England's clocks are statutory or guidance, in working days.
      decisionTargets: targets.nation === 'wales',
      defaults: {
        fromIncident: durationText(req.t, targets.defaults.fromIncident),
        fromReferral: durationText(req.t, targets.defaults.fromReferral),
        framework: name(targets.framework),
      },
      regionItems: (['wales', 'england'] as const).map((r) => ({
        value: r,
        text: req.t(`dashboard:settings.regions.${r}`),
        checked: values.holidayRegion === r,
      })),
      // The statutory framework is always run; the board may also run its nation's others (its founding SCR procedures, say).
      frameworkItems: targets.optionalFrameworks.map((f) => ({
        value: f.id,
        text: name(f),
        ...(f.validTo
          ? { hint: { text: req.t('dashboard:settings.frameworkPeriod', { from: displayDate(req.t, f.validFrom), to: displayDate(req.t, f.validTo) }) } }
          : {}),
        checked: values.frameworks.includes(f.id),
      })),
    };
  }

  app.get(urls.boardSettings.pattern, { config: { access: 'board.manage', audit: 'BOARD_SETTINGS_VIEWED' } }, async (req, reply) => {
    const board = await boardWhere(req, 'board.manage');
    const s = await consideration.settings(board.id);
    return reply.page('features/dashboard/settings.njk', {
      ...(await settingsContext(req, board.id, {
        fromIncident: s.decisionWeeksFromIncident === null ? '' : String(s.decisionWeeksFromIncident),
        fromReferral: s.decisionWeeksFromReferral === null ? '' : String(s.decisionWeeksFromReferral),
        holidayRegion: s.holidayRegion,
        frameworks: s.frameworks,
      })),
      boardName: localName(board, req.lang),
    });
  });

  app.post(urls.boardSettings.pattern, { config: { access: 'board.manage', audit: 'BOARD_SETTINGS_UPDATED' } }, async (req, reply) => {
    const board = await boardWhere(req, 'board.manage');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = {
      fromIncident: formString(body.fromIncident) ?? '',
      fromReferral: formString(body.fromReferral) ?? '',
      holidayRegion: formString(body.holidayRegion) ?? '',
      frameworks: formList(body.frameworks),
    };
    const errors: FieldErrors = {};
    const weeks = (field: 'fromIncident' | 'fromReferral'): number | null => {
      const v = values[field];
      if (v === '') return null;
      if (!/^\d{1,2}$/.test(v) || Number(v) < 1 || Number(v) > 52) errors[field] = 'settings.weeksRange';
      return Number(v);
    };
    const fromIncident = weeks('fromIncident');
    const fromReferral = weeks('fromReferral');
    if (values.holidayRegion !== 'wales' && values.holidayRegion !== 'england') errors.holidayRegion = 'settings.holidayRegionRequired';
    const again = async (errs: FieldErrors) =>
      reply.page(
        'features/dashboard/settings.njk',
        { ...(await settingsContext(req, board.id, values)), boardName: localName(board, req.lang), fieldIds: { frameworks: 'frameworks' } },
        { errors: errs },
      );
    if (Object.keys(errors).length > 0) return again(errors);
    try {
      await consideration.updateSettings(req.caller(), {
        boardId: board.id,
        holidayRegion: values.holidayRegion as 'wales' | 'england',
        decisionWeeksFromIncident: fromIncident,
        decisionWeeksFromReferral: fromReferral,
        frameworks: values.frameworks as FrameworkId[],
      });
    } catch (e) {
      if (isInvalid(e)) return again(e.fieldErrors);
      throw e;
    }
    req.session.flash = req.t('dashboard:settings.saved');
    // An administrator manages settings without seeing case material: back to the settings, not the dashboard.
    return reply.redirect(urls.boardSettings(board.id));
  });
}
