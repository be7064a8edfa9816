// An action's page and its forms (issue 12 item 2): its details, RAG, status, revised dates and the updates and
// decisions on it with their evidence; the owner's progress update and their proposal that it is complete (with
// an evidence file, read as it streams: multipart, the file last), verification by the business unit or the
// panel chair (or its return with a reason), the board's decisions recorded by the business unit, a revised target
// date with its reason and the business unit's RAG override. Only what the reader may do is offered; the service
// checks it again. Refusals show the GOV.UK error summary with the answers kept, and write nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { BOARD_EVENTS, PROPOSABLE_STATUSES, type ProposableStatus } from '../../../domain/actions/action.ts';
import { RAG_RATINGS } from '../../../domain/actions/rag.ts';
import { localName } from '../../../domain/organisation.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { urls } from '../../../urls.ts';
import { type DateParts, dateItems, dateParts, displayDate, displayDateTime, parseDateParts } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { choose, formString, raw, submitForm } from '../../forms.ts';
import { readUpload, type UploadedFile } from '../../uploads.ts';
import { ragTag } from './views.ts';

type Params = { boardId: string; reviewId: string; actionId: string };
type Body = Record<string, unknown>;

const ACTION_READ = { reads: 'case-material', readAudit: 'ACTION_VIEWED' } as const;

/** Which form a page shows: its title, fields, button and where it posts. */
type FormKind = 'update' | 'complete' | 'verify' | 'decision' | 'target' | 'rag';

const FORM_URL: Record<FormKind, (b: string, r: string, a: string) => string> = {
  update: urls.actionUpdate,
  complete: urls.actionComplete,
  verify: urls.actionVerify,
  decision: urls.actionDecision,
  target: urls.actionTarget,
  rag: urls.actionRag,
};

/** What each form needs of the reader on the action (the service checks it: ActionProgressService.view). */
const FORM_NEEDS: Record<FormKind, 'update' | 'verify' | 'manage'> = {
  update: 'update',
  complete: 'update',
  verify: 'verify',
  decision: 'manage',
  target: 'manage',
  rag: 'manage',
};

export default async function actionRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { actionProgress } = opts.services;

  // ---- The action's page ----------------------------------------------------------------------------------
  app.get(urls.action.pattern, { config: { access: 'action.view', audit: 'ACTION_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const p = req.params as Params;
    const { t, lang } = req;
    const view = await actionProgress.view(req.caller(), p, p.actionId);
    const a = view.action;
    const row = (key: string, text: string) => ({ key: { text: t(`actions:action.${key}`) }, value: { text: text || t('actions:action.none') } });
    const links: { href: string; text: string }[] = [];
    const events = new Set(view.may.events);
    const link = (kind: FormKind, key: string) => links.push({ href: FORM_URL[kind](p.boardId, p.reviewId, a.id), text: t(`actions:links.${key}`) });
    if ([...events].some((e) => e.startsWith('report_'))) link('update', 'update');
    if (events.has('propose_complete')) link('complete', 'complete');
    if (events.has('verify')) link('verify', 'verify');
    if (BOARD_EVENTS.some((e) => events.has(e))) link('decision', 'decision');
    if (view.may.manage && !['sustained', 'closed'].includes(a.status)) {
      link('target', 'target');
      link('rag', 'rag');
    }
    return reply.page('features/actions/action.njk', {
      title: a.action,
      caption: t('actions:caption', { reference: view.review.reference }),
      rag: ragTag(t, a.rag, a.overridden),
      ragNote: a.overridden && a.ragOverride ? t('actions:action.overrideNote', { reason: a.ragOverride.reason }) : '',
      status: t(`actions:statuses.${a.status}`),
      details: [
        row('recommendation', a.recommendation ? `${a.recommendation.number}. ${a.recommendation.text}` : a.lesson),
        row('leadAgency', localName(a.leadAgency, lang)),
        row('supportingAgencies', a.supportingAgencies.map((s) => localName(s, lang)).join(', ')),
        row('owner', a.ownerName),
        row('target', displayDate(t, a.targetOn)),
        row('originalTarget', a.originalTargetOn !== a.targetOn ? displayDate(t, a.originalTargetOn) : ''),
        row('successMeasure', a.successMeasure),
        row('completionEvidence', a.completionEvidence),
        row('impactMeasure', a.impactMeasure),
        row('reaudit', a.reauditOn ? displayDate(t, a.reauditOn) : ''),
      ],
      links,
      revisions: view.revisions.map((r) =>
        t('actions:action.revision', { from: displayDate(t, r.fromOn), to: displayDate(t, r.toOn), reason: r.reason, by: r.createdByName ?? '' }),
      ),
      updates: view.updates.map((u) => ({
        heading: t(`actions:updates.${u.kind}`, { status: u.statusTo ? t(`actions:statuses.${u.statusTo}`, { defaultValue: u.statusTo }) : '' }),
        byline: `${u.createdByName ?? t('actions:updates.service')}, ${displayDateTime(t, u.createdAt)}`,
        narrative: u.narrative,
        files: u.files.map((f) => ({ href: urls.actionEvidence(p.boardId, p.reviewId, a.id, f.id), text: t('actions:updates.evidence', { name: f.name }) })),
      })),
      challengeLog: urls.actionChallengesOfAction(p.boardId, p.reviewId, a.id),
      backLink: urls.actionPlan(p.boardId, p.reviewId),
      backText: t('actions:backToPlan'),
    });
  });

  app.get(
    urls.actionEvidence.pattern,
    { config: { access: 'action.view', audit: 'ACTION_EVIDENCE_DOWNLOADED', reads: 'case-material' } },
    async (req, reply) => {
      const p = req.params as Params & { evidenceFileId: string };
      const { file, content } = await actionProgress.download(req.caller(), p, p.actionId, p.evidenceFileId);
      return sendDownload(reply, file, content);
    },
  );

  // ---- The forms ------------------------------------------------------------------------------------------
  async function showForm(req: FastifyRequest, reply: FastifyReply, kind: FormKind, body: Body = {}, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t } = req;
    const view = await actionProgress.view(req.caller(), p, p.actionId, FORM_NEEDS[kind]);
    const a = view.action;
    const text = (k: string) => t(`actions:${kind}.${k}`);
    const status_ = (s: string) => t(`actions:statuses.${s}`);
    const fields: Record<string, unknown>[] = [];
    if (kind === 'update') {
      const current = formString(body.status) ?? '';
      fields.push(
        {
          kind: 'radios',
          name: 'status',
          label: text('status'),
          hint: t('actions:update.statusHint', { status: status_(a.status) }),
          items: PROPOSABLE_STATUSES.map((s) => ({ value: s, text: status_(s), checked: current === s })),
        },
        { kind: 'textarea', name: 'narrative', label: text('narrative'), value: raw(body, 'narrative'), rows: 5 },
        { kind: 'file', name: 'evidence', label: text('evidence'), hint: text('evidenceHint') },
      );
    } else if (kind === 'complete') {
      fields.push(
        {
          kind: 'textarea',
          name: 'narrative',
          label: text('narrative'),
          hint: t('actions:complete.narrativeHint', { how: a.completionEvidence }),
          value: raw(body, 'narrative'),
        },
        { kind: 'file', name: 'evidence', label: text('evidence'), hint: text('evidenceHint') },
      );
    } else if (kind === 'verify') {
      fields.push(
        {
          kind: 'radios',
          name: 'decision',
          label: text('decision'),
          items: choose(
            (['verify', 'return'] as const).map((d) => ({ value: d, text: text(d) })),
            formString(body.decision),
          ),
        },
        { kind: 'textarea', name: 'narrative', label: text('narrative'), hint: text('narrativeHint'), value: raw(body, 'narrative') },
      );
    } else if (kind === 'decision') {
      fields.push(
        {
          kind: 'radios',
          name: 'event',
          label: text('event'),
          items: choose(
            BOARD_EVENTS.filter((e) => view.may.events.includes(e)).map((e) => ({ value: e, text: text(e) })),
            formString(body.event),
          ),
        },
        {
          kind: 'select',
          name: 'boardMeetingId',
          label: text('meeting'),
          hint: text('meetingHint'),
          items: choose(
            view.meetings.map((m) => ({ value: m.id, text: `${displayDate(t, m.meetsOn)} (${t(`actions:decision.meetingStatus.${m.status}`)})` })),
            formString(body.boardMeetingId),
            text('chooseMeeting'),
          ),
        },
        { kind: 'textarea', name: 'narrative', label: text('narrative'), hint: text('narrativeHint'), value: raw(body, 'narrative') },
        {
          kind: 'date',
          name: 'reauditOn',
          label: text('reaudit'),
          hint: text('reauditHint'),
          items: dateItems(t, dateParts(body, 'reauditOn') as DateParts, Boolean(errors?.reauditOn)),
        },
      );
    } else if (kind === 'target') {
      fields.push(
        {
          kind: 'date',
          name: 'targetOn',
          label: text('targetOn'),
          hint: t('actions:target.current', { date: displayDate(t, a.targetOn) }),
          items: dateItems(t, dateParts(body, 'targetOn') as DateParts, Boolean(errors?.targetOn)),
        },
        { kind: 'textarea', name: 'reason', label: text('reason'), value: raw(body, 'reason') },
      );
    } else {
      fields.push(
        {
          kind: 'radios',
          name: 'rag',
          label: text('rag'),
          hint: t('actions:rag.computedHint'),
          items: choose([...RAG_RATINGS.map((r) => ({ value: r, text: t(`actions:rag.${r}`) })), { value: 'none', text: text('clear') }], formString(body.rag)),
        },
        { kind: 'textarea', name: 'reason', label: text('reason'), value: raw(body, 'reason') },
      );
    }
    return reply.page(
      'features/actions/form.njk',
      {
        title: text('title'),
        caption: t('actions:caption', { reference: view.review.reference }),
        intro: '',
        context: [
          { key: { text: t('actions:action.action') }, value: { text: a.action } },
          { key: { text: t('actions:action.status') }, value: { text: `${status_(a.status)} (${ragTag(t, a.rag, a.overridden).text})` } },
        ],
        formAction: FORM_URL[kind](p.boardId, p.reviewId, a.id),
        multipart: kind === 'update' || kind === 'complete',
        fields,
        fieldIds: { targetOn: 'targetOn-day', reauditOn: 'reauditOn-day', status: 'status', decision: 'decision', event: 'event', rag: 'rag' },
        submit: text('submit'),
        backLink: urls.action(p.boardId, p.reviewId, a.id),
        backText: t('actions:backToAction'),
        // The version the form was opened at (the business unit's edits): a change since is refused as stale.
        version: kind === 'target' || kind === 'rag' ? (formString(body.version) ?? String(a.version)) : null,
      },
      { errors, status },
    );
  }

  const FORM_AUDIT = {
    update: 'ACTION_UPDATED',
    complete: 'ACTION_COMPLETION_PROPOSED',
    verify: 'ACTION_VERIFIED',
    decision: 'ACTION_BOARD_DECISION_RECORDED',
    target: 'ACTION_TARGET_REVISED',
    rag: 'ACTION_RAG_OVERRIDDEN',
  } as const;
  const FORM_ACCESS = {
    update: 'action.update',
    complete: 'action.update',
    verify: 'action.verify',
    decision: 'action.manage',
    target: 'action.manage',
    rag: 'action.manage',
  } as const;

  for (const kind of Object.keys(FORM_URL) as FormKind[]) {
    app.get(patternOf(kind), { config: { access: FORM_ACCESS[kind], audit: 'ACTION_VIEWED', reads: 'case-material' } }, (req, reply) =>
      showForm(req, reply, kind),
    );
  }

  // The owner's update and completion: a multipart form whose file is read as it streams.
  for (const kind of ['update', 'complete'] as const) {
    app.post(patternOf(kind), { config: { access: FORM_ACCESS[kind], audit: FORM_AUDIT[kind], multipart: true, ...ACTION_READ } }, async (req, reply) => {
      const p = req.params as Params;
      let fields: Record<string, string> = {};
      const run = (f: Record<string, string>, file?: UploadedFile) =>
        kind === 'update'
          ? actionProgress.update(req.caller(), p, p.actionId, { narrative: f.narrative ?? '', status: proposed(f.status) }, file)
          : actionProgress.proposeComplete(req.caller(), p, p.actionId, { narrative: f.narrative ?? '' }, file);
      try {
        const read = await readUpload(req, 'evidence', async (file, seen) => {
          fields = seen;
          await run(seen, file);
          return true;
        });
        fields = read.fields;
        if (read.stored === undefined) await run(fields);
      } catch (error) {
        if (error instanceof UploadRefused)
          return showForm(req, reply, kind, fields, { evidence: error.reason === 'type' ? 'file.typeAttachment' : `file.${error.reason}` }, 400);
        if (error instanceof ServiceError && (error.kind === 'invalid' || error.kind === 'conflict'))
          return showForm(
            req,
            reply,
            kind,
            fields,
            Object.keys(error.fieldErrors).length ? error.fieldErrors : { form: error.message },
            error.kind === 'conflict' ? 409 : 400,
          );
        throw error;
      }
      req.session.flash = req.t(`actions:${kind}.done`);
      return reply.redirect(urls.action(p.boardId, p.reviewId, p.actionId));
    });
  }

  app.post(patternOf('verify'), { config: { access: 'action.verify', audit: FORM_AUDIT.verify, ...ACTION_READ } }, (req, reply) => {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    const decision = formString(body.decision);
    return submitForm(req, reply, {
      run: () => actionProgress.verify(req.caller(), p, p.actionId, { decision: decision ?? '', narrative: raw(body, 'narrative') }),
      show: (errors, status) => showForm(req, reply, 'verify', body, errors, status),
      flash: decision === 'return' ? 'actions:verify.returned' : 'actions:verify.done',
      next: urls.action(p.boardId, p.reviewId, p.actionId),
    });
  });

  app.post(patternOf('decision'), { config: { access: 'action.manage', audit: FORM_AUDIT.decision, ...ACTION_READ } }, (req, reply) => {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    const event = formString(body.event);
    const reaudit = parseDateParts(dateParts(body, 'reauditOn'));
    return submitForm(req, reply, {
      run: () =>
        actionProgress.boardDecision(req.caller(), p, p.actionId, {
          event: event ?? '',
          narrative: raw(body, 'narrative'),
          boardMeetingId: formString(body.boardMeetingId) ?? null,
          reauditOn: reaudit,
        }),
      show: (errors, status) => showForm(req, reply, 'decision', body, errors, status),
      flash: 'actions:decision.done',
      next: urls.action(p.boardId, p.reviewId, p.actionId),
    });
  });

  app.post(patternOf('target'), { config: { access: 'action.manage', audit: FORM_AUDIT.target, ...ACTION_READ } }, (req, reply) => {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () =>
        opts.services.actionPlans.reviseTarget(req.caller(), p, p.actionId, {
          version: Number(formString(body.version) ?? 0),
          targetOn: parseDateParts(dateParts(body, 'targetOn')),
          reason: raw(body, 'reason'),
        }),
      show: (errors, status) => showForm(req, reply, 'target', body, errors, status),
      flash: 'actions:target.done',
      next: urls.action(p.boardId, p.reviewId, p.actionId),
    });
  });

  app.post(patternOf('rag'), { config: { access: 'action.manage', audit: FORM_AUDIT.rag, ...ACTION_READ } }, (req, reply) => {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    const rag = formString(body.rag);
    return submitForm(req, reply, {
      run: () =>
        opts.services.actionPlans.overrideRag(req.caller(), p, p.actionId, {
          version: Number(formString(body.version) ?? 0),
          rag: rag === 'none' ? null : (rag ?? ''),
          reason: raw(body, 'reason'),
        }),
      show: (errors, status) => showForm(req, reply, 'rag', body, errors, status),
      flash: 'actions:rag.done',
      next: urls.action(p.boardId, p.reviewId, p.actionId),
    });
  });
}

function patternOf(kind: FormKind): string {
  return {
    update: urls.actionUpdate.pattern,
    complete: urls.actionComplete.pattern,
    verify: urls.actionVerify.pattern,
    decision: urls.actionDecision.pattern,
    target: urls.actionTarget.pattern,
    rag: urls.actionRag.pattern,
  }[kind];
}

function proposed(value: string | undefined): ProposableStatus | null {
  return (PROPOSABLE_STATUSES as readonly string[]).includes(value ?? '') ? (value as ProposableStatus) : null;
}
