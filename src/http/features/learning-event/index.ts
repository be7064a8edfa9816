// The practitioners' learning event of a review (issue 10 item 7; CPR and SUSR): the page (the event, its
// facilitators, the practitioners invited by role and number, replies and attendance, the facilitators' notes
// and the learning identified), and the forms: plan or change the event (and record it held or cancel it),
// invite a practitioner, record replies and attendance, the notes, a point of learning. A Serious Case Review's
// page says it has none. Refusals show the GOV.UK error summary with the answers kept, and write nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import type { Language } from '../../../domain/organisation.ts';
import { localName } from '../../../domain/organisation.ts';
import { EVENT_MODES, LEARNING_THEMES, PRACTITIONER_ROLE_CODES, practitionerPseudonym } from '../../../domain/reviews/learning-event.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import type { EventInput, EventView, LearningEventView } from '../../../services/learning-event-service.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
import { choose, chooseMany, formList, formString, raw, submitForm } from '../../forms.ts';

type Body = Record<string, unknown>;
type Params = { boardId: string; reviewId: string; eventId?: string };

const notForFramework = () => new ServiceError('conflict', 'learningEvent.notForFramework', { form: 'learning-event:errors.notForFramework' });

function versionOf(body: Body): number | undefined {
  const v = Number(formString(body.version));
  return Number.isInteger(v) ? v : undefined;
}

function eventText(t: TFunction, lang: Language, view: LearningEventView, e: EventView, p: { boardId: string; reviewId: string }) {
  const agencyName = new Map(view.agencies.map((a) => [a.id, localName(a, lang)]));
  return {
    id: e.id,
    heading: t('learning-event:eventHeading', { date: displayDate(t, e.heldOn) }),
    status: e.status,
    statusText: t(`learning-event:statuses.${e.status}`),
    date: displayDate(t, e.heldOn),
    time: e.startsAt ?? t('learning-event:summary.noTime'),
    mode: t(`learning-event:modes.${e.mode}`),
    venue: e.venue,
    facilitators: e.facilitators.map((f) => f.name).join(', '),
    cancelledReason: e.cancelledReason,
    notes: e.notes,
    notesBy: e.notesAt ? t('learning-event:notes.by', { name: e.notesByName ?? '', when: displayDateTime(t, e.notesAt) }) : null,
    invitations: e.invitations.map((i) => ({
      id: i.id,
      practitioner: practitionerPseudonym(i.practitionerRole, i.practitionerNumber, lang),
      agency: agencyName.get(i.agencyId) ?? '',
      restricted: i.fullName ? `${i.fullName} (${i.email})` : null,
      status: i.status,
      statusText: t(`learning-event:invitationStatuses.${i.status}`),
      version: i.version,
    })),
    links: {
      edit: view.may.manage && e.status === 'planned' ? urls.learningEvent(p.boardId, p.reviewId, e.id) : null,
      invite: view.may.manage && e.status === 'planned' ? urls.learningEventInvite(p.boardId, p.reviewId, e.id) : null,
      attendance: view.may.record && e.status !== 'cancelled' && e.invitations.length > 0 ? urls.learningEventAttendance(p.boardId, p.reviewId, e.id) : null,
      notes: view.may.record && e.status !== 'cancelled' ? urls.learningEventNotes(p.boardId, p.reviewId, e.id) : null,
      learning: view.may.record && e.status === 'held' ? urls.learningEventLearning(p.boardId, p.reviewId, e.id) : null,
    },
  };
}

/** The event the address names, in a review that has learning events; not found otherwise. */
function eventIn(view: LearningEventView, eventId: string | undefined): EventView {
  if (!view.applies) throw notForFramework();
  const event = view.events.find((e) => e.id === eventId);
  if (!event) throw new ServiceError('not_found', 'learning event not found');
  return event;
}

export default async function learningEventRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { learningEvents } = opts.services;

  // ---- The page ------------------------------------------------------------------------------------------

  app.get(
    urls.reviewLearningEvent.pattern,
    { config: { access: 'learning_event.view', audit: 'LEARNING_EVENT_VIEWED', reads: 'case-material' } },
    async (req, reply) => {
      const p = req.params as Params;
      const { t, lang } = req;
      const view = await learningEvents.view(req.caller(), p);
      return reply.page('features/learning-event/learning-event.njk', {
        caption: t('learning-event:caption', { reference: view.review.reference }),
        applies: view.applies,
        events: view.events.map((e) => eventText(t, lang as Language, view, e, p)),
        points: view.points.map((pt) => ({
          theme: t(`learning-event:themes.${pt.theme}`),
          text: pt.text,
          agencies: pt.agencies.length > 0 ? pt.agencies.map((a) => localName(a, lang as Language)).join(', ') : t('learning-event:points.noAgencies'),
        })),
        planHref: view.may.manage && !view.events.some((e) => e.status === 'planned') ? urls.newLearningEvent(p.boardId, p.reviewId) : null,
        backLink: urls.review(p.boardId, p.reviewId),
      });
    },
  );

  // ---- Planning and changing the event -------------------------------------------------------------------

  function eventAnswers(body: Body): EventInput {
    return {
      heldOn: parseDateParts(dateParts(body, 'heldOn')),
      startsAt: raw(body, 'startsAt'),
      mode: formString(body.mode) ?? '',
      venue: raw(body, 'venue'),
      facilitatorIds: formList(body.facilitatorIds),
      version: versionOf(body),
    };
  }

  async function showEventForm(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number, reason = '') {
    const p = req.params as Params;
    const t = req.t;
    const view = await learningEvents.view(req.caller(), p, 'learning_event.manage');
    if (!view.applies) throw notForFramework();
    const event = p.eventId ? eventIn(view, p.eventId) : undefined;
    const shown = body !== undefined;
    const values = body ?? {};
    return reply.page(
      'features/learning-event/event-form.njk',
      {
        caption: t('learning-event:caption', { reference: view.review.reference }),
        title: t(event ? 'learning-event:eventForm.editTitle' : 'learning-event:eventForm.planTitle'),
        action: event ? urls.learningEvent(p.boardId, p.reviewId, event.id) : urls.newLearningEvent(p.boardId, p.reviewId),
        statusAction: event ? urls.learningEventStatus(p.boardId, p.reviewId, event.id) : null,
        submit: t(event ? 'learning-event:eventForm.submitEdit' : 'learning-event:eventForm.submitPlan'),
        version: event?.version ?? '',
        dateItems: dateItems(t, shown ? dateParts(values, 'heldOn') : partsOf(event?.heldOn ?? null), Boolean(errors?.heldOn)),
        values: {
          startsAt: shown ? raw(values, 'startsAt') : (event?.startsAt ?? ''),
          venue: shown ? raw(values, 'venue') : (event?.venue ?? ''),
          reason: raw(values, 'reason') || reason,
        },
        modeItems: choose(
          EVENT_MODES.map((m) => ({ value: m, text: t(`learning-event:modes.${m}`) })),
          shown ? formString(values.mode) : event?.mode,
        ),
        facilitatorItems: chooseMany(
          view.candidates.map((c) => ({ value: c.personId, text: c.name })),
          shown ? values.facilitatorIds : (event?.facilitators.map((f) => f.personId) ?? []),
        ),
        fieldIds: { heldOn: 'heldOn-day', form: 'heldOn-day', facilitatorIds: 'facilitatorIds', reason: 'reason' },
        backLink: urls.reviewLearningEvent(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.newLearningEvent.pattern,
    { config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_VIEWED', reads: 'case-material' } },
    (req, reply) => showEventForm(req, reply),
  );
  app.get(urls.learningEvent.pattern, { config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showEventForm(req, reply),
  );

  app.post(
    urls.newLearningEvent.pattern,
    { config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_PLANNED', reads: 'case-material', readAudit: 'LEARNING_EVENT_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => learningEvents.plan(req.caller(), p, eventAnswers(body)),
        show: (errors) => showEventForm(req, reply, body, errors),
        flash: 'learning-event:flash.planned',
        next: urls.reviewLearningEvent(p.boardId, p.reviewId),
        // A conflict (e.g. not for this framework) goes to the error page.
        refusals: ['invalid'],
      });
    },
  );

  app.post(
    urls.learningEvent.pattern,
    { config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_CHANGED', reads: 'case-material', readAudit: 'LEARNING_EVENT_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Required<Params>;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => learningEvents.edit(req.caller(), p, p.eventId, eventAnswers(body)),
        show: (errors, status) => showEventForm(req, reply, body, errors, status),
        flash: 'learning-event:flash.changed',
        next: urls.reviewLearningEvent(p.boardId, p.reviewId),
      });
    },
  );

  app.post(
    urls.learningEventStatus.pattern,
    { config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_STATUS_CHANGED', reads: 'case-material', readAudit: 'LEARNING_EVENT_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Required<Params>;
      const body = (req.body ?? {}) as Body;
      const to = body.to === 'held' ? 'held' : body.to === 'cancelled' ? 'cancelled' : undefined;
      return submitForm(req, reply, {
        run: async () => {
          if (!to) throw new ServiceError('invalid', 'Invalid input', { form: 'learning-event:errors.statusRequired' });
          await learningEvents.move(req.caller(), p, p.eventId, { to, reason: raw(body, 'reason') });
        },
        show: (errors, status) => showEventForm(req, reply, undefined, errors, status, raw(body, 'reason')),
        flash: to === 'held' ? 'learning-event:flash.held' : 'learning-event:flash.cancelled',
        next: urls.reviewLearningEvent(p.boardId, p.reviewId),
      });
    },
  );

  // ---- Inviting a practitioner ---------------------------------------------------------------------------

  async function showInvite(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors, status?: number) {
    const p = req.params as Required<Params>;
    const { t, lang } = req;
    const view = await learningEvents.view(req.caller(), p, 'learning_event.manage');
    const event = eventIn(view, p.eventId);
    return reply.page(
      'features/learning-event/invite.njk',
      {
        caption: t('learning-event:eventHeading', { date: displayDate(t, event.heldOn) }),
        action: urls.learningEventInvite(p.boardId, p.reviewId, event.id),
        agencyItems: choose(
          view.agencies.map((a) => ({ value: a.id, text: localName(a, lang as Language) })),
          formString(body.agencyId),
          t('learning-event:inviteForm.chooseAgency'),
        ),
        roleItems: choose(
          PRACTITIONER_ROLE_CODES.map((r) => ({ value: r, text: practitionerPseudonym(r, 1, lang as Language).replace(/ 1$/, '') })),
          formString(body.practitionerRole),
          t('learning-event:inviteForm.chooseRole'),
        ),
        languageItems: choose(
          (['en', 'cy'] as const).map((l) => ({ value: l, text: t(`learning-event:languages.${l}`) })),
          formString(body.language) ?? lang,
        ),
        values: { fullName: raw(body, 'fullName'), email: raw(body, 'email') },
        backLink: urls.reviewLearningEvent(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.learningEventInvite.pattern,
    { config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_VIEWED', reads: 'case-material' } },
    (req, reply) => showInvite(req, reply),
  );
  app.post(
    urls.learningEventInvite.pattern,
    { config: { access: 'learning_event.manage', audit: 'LEARNING_EVENT_INVITATION_SENT', reads: 'case-material', readAudit: 'LEARNING_EVENT_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Required<Params>;
      const body = (req.body ?? {}) as Body;
      const role = formString(body.practitionerRole) ?? '';
      return submitForm(req, reply, {
        run: () =>
          learningEvents.invite(req.caller(), p, p.eventId, {
            agencyId: formString(body.agencyId) ?? '',
            practitionerRole: role,
            fullName: raw(body, 'fullName'),
            email: raw(body, 'email'),
            language: formString(body.language) ?? '',
          }),
        show: (errors, status) => showInvite(req, reply, body, errors, status),
        flash: 'learning-event:flash.invited',
        flashValues: (invited) => ({ practitioner: practitionerPseudonym(role as never, invited.practitionerNumber, req.lang as Language) }),
        next: urls.reviewLearningEvent(p.boardId, p.reviewId),
      });
    },
  );

  // ---- Replies and attendance ----------------------------------------------------------------------------

  async function showAttendance(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors, status?: number) {
    const p = req.params as Required<Params>;
    const { t, lang } = req;
    const view = await learningEvents.view(req.caller(), p, 'learning_event.record');
    const event = eventIn(view, p.eventId);
    const shown = eventText(t, lang as Language, view, event, p);
    const offered = event.status === 'held' ? (['attended', 'did_not_attend'] as const) : (['accepted', 'declined'] as const);
    return reply.page(
      'features/learning-event/attendance.njk',
      {
        caption: shown.heading,
        action: urls.learningEventAttendance(p.boardId, p.reviewId, event.id),
        rows: shown.invitations.map((i) => ({
          ...i,
          items: choose(
            [
              { value: '', text: t('learning-event:attendanceForm.unchanged') },
              ...offered.map((s) => ({ value: s, text: t(`learning-event:invitationStatuses.${s}`) })),
            ],
            formString(body[`status-${i.id}`]) ?? '',
          ),
        })),
        fieldIds: Object.fromEntries(shown.invitations.map((i) => [`status-${i.id}`, `status-${i.id}`])),
        backLink: urls.reviewLearningEvent(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.learningEventAttendance.pattern,
    { config: { access: 'learning_event.record', audit: 'LEARNING_EVENT_VIEWED', reads: 'case-material' } },
    (req, reply) => showAttendance(req, reply),
  );
  app.post(
    urls.learningEventAttendance.pattern,
    { config: { access: 'learning_event.record', audit: 'LEARNING_EVENT_ATTENDANCE_RECORDED', reads: 'case-material', readAudit: 'LEARNING_EVENT_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Required<Params>;
      const body = (req.body ?? {}) as Body;
      const entries = Object.keys(body)
        .filter((k) => k.startsWith('status-'))
        .map((k) => {
          const invitationId = k.slice('status-'.length);
          const version = Number(formString(body[`version-${invitationId}`]));
          return { invitationId, status: formString(body[k]) ?? '', version: Number.isInteger(version) ? version : undefined };
        });
      return submitForm(req, reply, {
        run: () => learningEvents.recordAttendance(req.caller(), p, p.eventId, entries),
        show: (errors, status) => showAttendance(req, reply, body, errors, status),
        flash: 'learning-event:flash.attendance',
        next: urls.reviewLearningEvent(p.boardId, p.reviewId),
      });
    },
  );

  // ---- The facilitators' notes ---------------------------------------------------------------------------

  async function showNotes(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as Required<Params>;
    const t = req.t;
    const view = await learningEvents.view(req.caller(), p, 'learning_event.record');
    const event = eventIn(view, p.eventId);
    return reply.page(
      'features/learning-event/notes.njk',
      {
        caption: t('learning-event:eventHeading', { date: displayDate(t, event.heldOn) }),
        action: urls.learningEventNotes(p.boardId, p.reviewId, event.id),
        version: body ? (formString(body.version) ?? '') : event.version,
        notes: body ? raw(body, 'notes') : (event.notes ?? ''),
        backLink: urls.reviewLearningEvent(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.learningEventNotes.pattern,
    { config: { access: 'learning_event.record', audit: 'LEARNING_EVENT_VIEWED', reads: 'case-material' } },
    (req, reply) => showNotes(req, reply),
  );
  app.post(
    urls.learningEventNotes.pattern,
    { config: { access: 'learning_event.record', audit: 'LEARNING_EVENT_NOTES_SAVED', reads: 'case-material', readAudit: 'LEARNING_EVENT_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Required<Params>;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => learningEvents.saveNotes(req.caller(), p, p.eventId, { notes: raw(body, 'notes'), version: versionOf(body) }),
        show: (errors, status) => showNotes(req, reply, body, errors, status),
        flash: 'learning-event:flash.notes',
        next: urls.reviewLearningEvent(p.boardId, p.reviewId),
      });
    },
  );

  // ---- Learning identified -------------------------------------------------------------------------------

  async function showLearning(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors, status?: number) {
    const p = req.params as Required<Params>;
    const { t, lang } = req;
    const view = await learningEvents.view(req.caller(), p, 'learning_event.record');
    const event = eventIn(view, p.eventId);
    return reply.page(
      'features/learning-event/learning.njk',
      {
        caption: t('learning-event:eventHeading', { date: displayDate(t, event.heldOn) }),
        action: urls.learningEventLearning(p.boardId, p.reviewId, event.id),
        themeItems: choose(
          LEARNING_THEMES.map((th) => ({ value: th, text: t(`learning-event:themes.${th}`) })),
          formString(body.theme),
          t('learning-event:pointForm.chooseTheme'),
        ),
        agencyItems: chooseMany(
          view.agencies.map((a) => ({ value: a.id, text: localName(a, lang as Language) })),
          body.agencyIds,
        ),
        values: { text: raw(body, 'text') },
        backLink: urls.reviewLearningEvent(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.learningEventLearning.pattern,
    { config: { access: 'learning_event.record', audit: 'LEARNING_EVENT_VIEWED', reads: 'case-material' } },
    (req, reply) => showLearning(req, reply),
  );
  app.post(
    urls.learningEventLearning.pattern,
    { config: { access: 'learning_event.record', audit: 'LEARNING_POINT_RECORDED', reads: 'case-material', readAudit: 'LEARNING_EVENT_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Required<Params>;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () =>
          learningEvents.addPoint(req.caller(), p, p.eventId, {
            theme: formString(body.theme) ?? '',
            text: raw(body, 'text'),
            agencyIds: formList(body.agencyIds),
          }),
        show: (errors, status) => showLearning(req, reply, body, errors, status),
        flash: 'learning-event:flash.point',
        next: urls.reviewLearningEvent(p.boardId, p.reviewId),
      });
    },
  );
}
