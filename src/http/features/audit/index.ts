// The audit log: search the hash-chained events of the boards the reader may audit (all events for a
// deployment administrator), newest first, with "older" pages by sequence number. Reading the log is
// not itself case material, so it is not recorded; the route still declares its audit name. Which case
// record an event concerns is shown only to readers who may see that case (AuditService.searchPage).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import type { AuditSummary } from '../../../domain/audit.ts';
import { localName } from '../../../domain/organisation.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import { mutationVariables } from '../../../domain/welsh.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { actionOptions, actionText, recordTypeText } from '../../audit-text.ts';
import { formString } from '../../forms.ts';
import { dateParts, displayDateTime, parseDateParts, viewHelpers } from './filters.ts';

const PAGE_SIZE = 50;

function summaryText(summary: AuditSummary): string[] {
  return Object.entries(summary).map(([key, value]) => {
    let text: string;
    if (Array.isArray(value)) text = value.map(String).join(', ');
    else if (value === null || value === undefined) text = '–';
    else if (typeof value === 'object') text = JSON.stringify(value);
    else text = String(value);
    return `${key}: ${text}`;
  });
}

export default async function auditRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { audit, organisation } = opts.services;

  app.get(urls.audit.pattern, { config: { access: 'audit.view', audit: 'AUDIT_LOG_VIEWED' } }, async (req, reply) => {
    const actor = req.actor;
    if (!actor) return reply.redirect(urls.signIn());
    const query = req.query as Record<string, unknown>;
    const caller = req.caller();
    const [actions, auditBoards, visibleBoards] = await Promise.all([
      audit.actions(),
      organisation.listBoardNamesWhere(caller, 'audit.view'),
      organisation.listBoardNames(caller),
    ]);
    const errors: FieldErrors = {};
    const action = formString(query.action);
    if (action && !actions.includes(action)) errors.action = 'auditSearch.actionUnknown';
    const recordId = formString(query.recordId);
    if (recordId && recordId.length > 100) errors.recordId = 'auditSearch.recordIdTooLong';
    const boardId = formString(query.boardId);
    if (boardId && !auditBoards.some((b) => b.id === boardId)) errors.boardId = 'auditSearch.boardUnknown';
    const fromParts = dateParts(query, 'from');
    const toParts = dateParts(query, 'to');
    const from = parseDateParts(fromParts);
    const to = parseDateParts(toParts);
    if (from === 'incomplete' || from === 'invalid') errors.from = `auditSearch.from${from === 'invalid' ? 'Invalid' : 'Incomplete'}`;
    if (to === 'incomplete' || to === 'invalid') errors.to = `auditSearch.to${to === 'invalid' ? 'Invalid' : 'Incomplete'}`;
    const fromOn = typeof from === 'string' && from !== 'incomplete' && from !== 'invalid' ? from : undefined;
    const toOn = typeof to === 'string' && to !== 'incomplete' && to !== 'invalid' ? to : undefined;
    if (fromOn && toOn && toOn < fromOn && !errors.to) errors.to = 'auditSearch.toBeforeFrom';
    const before = Number.parseInt(formString(query.before) ?? '', 10);
    const beforeSeq = Number.isSafeInteger(before) && before > 0 ? before : undefined;

    const filters: Record<string, string | undefined> = {};
    for (const key of ['action', 'recordId', 'boardId', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'])
      filters[key] = formString(query[key]);
    const context = {
      ...viewHelpers(req.t),
      actionOptions: actionOptions(req.t, actions, req.lang),
      boardOptions: auditBoards.map((b) => ({ value: b.id, text: localName(b, req.lang) })),
      values: { action: action ?? '', recordId: recordId ?? '', boardId: boardId ?? '', from: fromParts, to: toParts },
      fieldIds: { from: 'from-day', to: 'to-day' },
      newestHref: urls.audit(filters),
      isOlderPage: beforeSeq !== undefined,
    };
    if (Object.keys(errors).length > 0) return reply.page('features/audit/audit-log.njk', { ...context, events: [] }, { errors });

    const page = await audit.searchPage(actor, { action, recordId, boardId, fromOn, toOn, beforeSeq, pageSize: PAGE_SIZE });
    const boardName = new Map(visibleBoards.map((b) => [b.id, localName(b, req.lang)]));
    const last = page.events.at(-1);
    // "A referral (case material: not shown)": one text per kind of record, not one per row.
    const withheld = new Map<string, string>();
    const withheldText = (recordType: string) => {
      let text = withheld.get(recordType);
      if (text === undefined) {
        text = req.t('audit:withheld', { kind: req.t(`audit:kinds.${recordType}`, { defaultValue: recordType }) });
        withheld.set(recordType, text);
      }
      return text;
    };
    // Which record, in words: a referral the reader may see by its child's pseudonym, any other by its kind;
    // its id beside it (the log can be searched by it).
    const recordOf = (e: (typeof page.events)[number]): { text: string; id: string | null } => {
      if (e.caseWithheld) return { text: withheldText(e.recordType ?? ''), id: null };
      if (e.pseudonym) {
        return { text: req.t('audit:referralFor', mutationVariables('childCode', pseudonymText(e.pseudonym, req.lang), req.lang)), id: e.recordId };
      }
      if (e.recordType) return { text: recordTypeText(req.t, e.recordType), id: e.recordId };
      return { text: '', id: null };
    };
    return reply.page('features/audit/audit-log.njk', {
      ...context,
      events: page.events.map((e) => ({
        seq: e.seq,
        time: displayDateTime(req.t, e.occurredAt),
        iso: e.occurredAt,
        actor: e.actorName ?? (e.actorId ? e.actorId : req.t('audit:system')),
        code: e.action,
        action: actionText(req.t, e.action),
        record: recordOf(e),
        board: e.boardIds.map((id) => boardName.get(id) ?? id).join(', '),
        summary: summaryText(e.summary),
      })),
      olderHref: page.hasOlder && last ? urls.audit({ ...filters, before: last.seq }) : undefined,
    });
  });
}
