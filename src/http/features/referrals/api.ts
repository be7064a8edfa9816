// Referrals: record one, the board's list with the decision clocks, read one (restricted child details
// only when the service gives them), its possible duplicates and its timeline; and the business unit's
// duplicate check of a referral's details. The services check permissions on the referral's board and
// write the audit events (every read included).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../../container.ts';
import type { AbuseOrNeglect, IncidentType, ReferralStatus } from '../../../domain/referrals/referral.ts';
import { invalid, ServiceError } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { clocksOut, notificationOut } from '../../api/decision-clocks.ts';
import { BoardParams, childOut, problems, ReferralParams } from '../../api/schemas.ts';
import {
  DuplicateCheck,
  PossibleDuplicates,
  Referral,
  ReferralCreate,
  ReferralList,
  ReferralListQuery,
  ReferralRecord,
  recordOut,
  referralOut,
  Timeline,
} from './api-schemas.ts';

const tags = ['referrals'];
const PAGE_SIZE = 50;

// ---- Helpers --------------------------------------------------------------------------------------------

/** The service names a few fields as the pages do; the API reports them by their place in the request body. */
const BODY_FIELDS: Record<string, string> = {
  dateOfBirth: 'child.dateOfBirthOn',
  childFullName: 'child.fullName',
  childAddress: 'child.address',
  childIsDeceased: 'child.isDeceased',
};

async function withBodyFieldNames<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ServiceError && e.kind === 'invalid') {
      throw invalid(Object.fromEntries(Object.entries(e.fieldErrors).map(([field, key]) => [BODY_FIELDS[field] ?? field, key])));
    }
    throw e;
  }
}

// ---- Routes ---------------------------------------------------------------------------------------------

export default async function referralRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { organisation, referrals, consideration } = opts.services;

  app.post(
    '/boards/:boardId/referrals',
    {
      config: { access: 'referral.create', audit: 'REFERRAL_CREATED' },
      schema: {
        tags,
        operationId: 'createReferral',
        summary: 'Record a referral of a serious incident (the child is given a pseudonym code on the board)',
        params: BoardParams,
        body: ReferralCreate,
        response: { 201: ReferralRecord, ...problems(400, 404, 413, 422) },
      },
    },
    async (req, reply) => {
      const caller = req.caller();
      // Another board (or none) is not found; a board the token holder sees but may not refer to is a 403.
      const board = await organisation.getBoard(caller, req.params.boardId);
      const record = await withBodyFieldNames(() => referrals.create(caller, { ...req.body, boardId: board.id }));
      return reply.code(201).header('location', urls.apiReferral(record.id)).send(recordOut(record));
    },
  );

  app.post(
    '/boards/:boardId/referrals/duplicates',
    {
      config: { access: 'referral.view_restricted', audit: 'REFERRAL_DUPLICATES_CHECKED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'checkReferralDuplicates',
        summary:
          'Referrals already on the board about the same child or incident as the details given (nothing is saved); for those who may see restricted details (the business unit), never a referrer; the search is audited',
        params: BoardParams,
        body: DuplicateCheck,
        response: { 200: PossibleDuplicates, ...problems(400, 404, 413) },
      },
    },
    async (req) => {
      const caller = req.caller();
      const board = await organisation.getBoard(caller, req.params.boardId);
      const { incidentOn, incidentType, child } = req.body;
      const found = await referrals.possibleDuplicates(caller, {
        boardId: board.id,
        incidentOn,
        incidentType,
        child: { fullName: child.fullName, dateOfBirthOn: child.dateOfBirthOn, address: null, isDeceased: false },
      });
      return { duplicates: found.map((d) => ({ referralId: d.referralId, ...childOut(d.pseudonym), reason: d.reason })) };
    },
  );

  app.get(
    '/boards/:boardId/referrals',
    {
      config: { access: 'referral.view', audit: 'REFERRALS_LISTED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listReferrals',
        summary: `The board’s referrals with their decision clocks (the dashboard), ${PAGE_SIZE} a page`,
        params: BoardParams,
        querystring: ReferralListQuery,
        response: { 200: ReferralList, ...problems(400, 404) },
      },
    },
    async (req) => {
      const caller = req.caller();
      const board = await organisation.getBoard(caller, req.params.boardId);
      const q = req.query;
      const result = await consideration.dashboard(caller, board.id, {
        statuses: q.status,
        incidentTypes: q.incidentType,
        overdueOnly: q.overdueOnly === 'true',
        sort: q.sort,
        ...(q.direction ? { direction: q.direction } : {}),
        page: q.page,
        pageSize: PAGE_SIZE,
      });
      const targets = await consideration.decisionTargets(board.id);
      return {
        referrals: result.items.map((r) => {
          const clocks = clocksOut(r.clocks, targets);
          const notification = notificationOut(r.notification);
          const dueOn =
            [clocks?.fromIncident?.dueOn, clocks?.fromReferral?.dueOn, clocks?.rapidReview?.dueOn, notification?.notifiedOn ? undefined : notification?.dueOn]
              .filter((d): d is string => Boolean(d))
              .sort()[0] ?? null;
          return {
            id: r.id,
            ...childOut(r.pseudonym),
            status: r.status as ReferralStatus,
            receivedOn: r.receivedOn,
            incidentOn: r.incidentOn,
            incidentType: r.incidentType as IncidentType,
            abuseOrNeglect: r.abuseOrNeglect as AbuseOrNeglect,
            referringAgencyId: r.referringAgencyId,
            clocks,
            nationalPanelNotification: notification,
            dueOn,
            overdue: r.overdue,
          };
        }),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        statuses: result.statuses,
      };
    },
  );

  // The service answers "not found" for a referral of another board or one the token holder may not see
  // (an administrator: case material), so the operation itself is open to any token holder.
  app.get(
    '/referrals/:referralId',
    {
      config: { access: 'signed-in', audit: 'REFERRAL_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReferral',
        summary: 'One referral (restricted child and family details only for roles that may see them); the read is audited',
        params: ReferralParams,
        response: { 200: Referral, ...problems(400, 404) },
      },
    },
    async (req) => referralOut(await referrals.get(req.caller(), req.params.referralId)),
  );

  app.get(
    '/referrals/:referralId/duplicates',
    {
      config: { access: 'referral.view', audit: 'REFERRAL_DUPLICATES_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReferralDuplicates',
        summary: 'Referrals of the same board that may be about the same child or incident as this one; the search is audited',
        params: ReferralParams,
        response: { 200: PossibleDuplicates, ...problems(400, 404) },
      },
    },
    async (req) => {
      const found = await referrals.duplicatesOf(req.caller(), req.params.referralId);
      return { duplicates: found.map((d) => ({ referralId: d.referralId, ...childOut(d.pseudonym), reason: d.reason })) };
    },
  );

  app.get(
    '/referrals/:referralId/timeline',
    {
      config: { access: 'signed-in', audit: 'REFERRAL_TIMELINE_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReferralTimeline',
        summary: 'The referral’s audit trail: who recorded, viewed and changed it, and when (this read included: it is audited)',
        params: ReferralParams,
        response: { 200: Timeline, ...problems(400, 404) },
      },
    },
    async (req) => {
      const { entries, total } = await referrals.timeline(req.caller(), req.params.referralId);
      return {
        events: entries.map((e) => ({
          seq: e.seq,
          occurredAt: e.occurredAt,
          action: e.action,
          actorId: e.actorId,
          actorName: e.actorName,
          transition: e.transition,
        })),
        total,
      };
    },
  );
}
