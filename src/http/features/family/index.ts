// Family involvement (issue 10 item 6): the review's family page — its people by code (names only for those
// whose role allows them), each family member's language and consent, what they were told and when, the
// contacts and the reviewers' meetings with the family — and the forms adding a person (the business unit),
// recording language and consent (the business unit), a contact and a meeting (also the panel chair and the
// author/reviewers). Refusals show the GOV.UK error summary with the answers kept, and write nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import type { Language } from '../../../domain/organisation.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import { ADDED_KINDS, CONSENTS, CONTACT_METHODS, CONTACT_TOPICS, FAMILY_LANGUAGES } from '../../../domain/reviews/family.ts';
import type { FieldErrors } from '../../../services/context.ts';
import type { FamilyPersonView } from '../../../services/family-service.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, parseDateParts, partsOf } from '../../dates.ts';
import { choose, chooseMany, formList, formString, raw, submitForm } from '../../forms.ts';

type Params = { boardId: string; reviewId: string };
type Body = Record<string, unknown>;

const READ = { access: 'family.view', audit: 'FAMILY_VIEWED', reads: 'case-material' } as const;

function languageText(t: TFunction, p: { language: string; languageOther: string | null; interpreterNeeded: boolean }): string {
  const name = p.language === 'other' ? p.languageOther || t('family:languages.other') : t(`family:languages.${p.language}`);
  return p.interpreterNeeded ? `${name} (${t('family:languages.interpreter')})` : name;
}

function personView(t: TFunction, lang: Language, p: FamilyPersonView) {
  const consent = t(`family:consents.${p.consent}`);
  return {
    id: p.id,
    code: pseudonymText(p, lang),
    isChild: p.kind === 'child',
    name: p.fullName ?? null,
    contactDetails: p.contactDetails ?? null,
    relationship: p.kind === 'child' ? t('family:people.child') : (p.relationship ?? ''),
    source: t(`family:sources.${p.source}`),
    language: p.kind === 'child' ? '' : languageText(t, p),
    consent: p.kind === 'child' ? '' : p.consentOn ? t('family:consentOn', { consent, date: displayDate(t, p.consentOn) }) : consent,
    told: CONTACT_TOPICS.filter((topic) => p.told[topic]).map((topic) =>
      t('family:people.toldOn', { topic: t(`family:topics.${topic}`), date: displayDate(t, p.told[topic]) }),
    ),
  };
}

export default async function familyRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { family } = opts.services;

  app.get(urls.reviewFamily.pattern, { config: READ }, async (req, reply) => {
    const p = req.params as Params;
    const { t, lang } = req;
    const view = await family.page(req.caller(), p);
    const codeOf = new Map(view.people.map((x) => [x.id, pseudonymText(x, lang)]));
    return reply.page('features/family/family.njk', {
      boardId: p.boardId,
      reviewId: p.reviewId,
      review: { reference: view.review.reference },
      identified: view.identified,
      people: view.people.map((x) => personView(t, lang, x)),
      contacts: view.contacts.map((c) => ({
        date: displayDate(t, c.contactedOn),
        person: codeOf.get(c.personId) ?? '',
        method: t(`family:methods.${c.method}`),
        madeBy: c.madeByName,
        topics: c.topics.map((topic) => t(`family:topics.${topic}`)),
        notes: c.notes,
      })),
      meetings: view.meetings.map((m) => ({
        date: displayDate(t, m.metOn),
        staff: m.staff.map((s) => s.fullName).join(', '),
        family: m.family.map((id) => codeOf.get(id) ?? '').join(', '),
        place: m.place,
        summary: m.summary,
        followUp: m.followUp,
      })),
      canManage: view.canManage,
      canRecord: view.canRecord,
      backLink: urls.review(p.boardId, p.reviewId),
    });
  });

  // ---- Adding a person (the business unit)
  async function showPerson(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors) {
    const p = req.params as Params;
    const { t, lang } = req;
    const { review } = await family.form(req.caller(), p, 'family.manage');
    return reply.page(
      'features/family/person.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: review.reference },
        kindItems: choose(
          ADDED_KINDS.map((k) => ({ value: k, text: t(`family:personForm.kinds.${k}`) })),
          formString(body.kind),
        ),
        languageItems: choose(
          FAMILY_LANGUAGES.map((l) => ({ value: l, text: t(`family:languages.${l}`) })),
          formString(body.language) ?? lang,
        ),
        values: { relationship: raw(body, 'relationship'), fullName: raw(body, 'fullName'), contactDetails: raw(body, 'contactDetails') },
        fieldIds: { kind: 'kind', relationship: 'relationship', fullName: 'fullName', contactDetails: 'contactDetails', language: 'language' },
        backLink: urls.reviewFamily(p.boardId, p.reviewId),
      },
      { errors },
    );
  }
  app.get(urls.reviewFamilyPerson.pattern, { config: { ...READ, access: 'family.manage' } }, (req, reply) => showPerson(req, reply));
  app.post(
    urls.reviewFamilyPerson.pattern,
    { config: { access: 'family.manage', audit: 'FAMILY_PERSON_ADDED', reads: 'case-material', readAudit: 'FAMILY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () =>
          family.addPerson(req.caller(), p, {
            kind: formString(body.kind) ?? '',
            relationship: raw(body, 'relationship'),
            fullName: raw(body, 'fullName'),
            contactDetails: raw(body, 'contactDetails'),
            language: formString(body.language) ?? '',
          }),
        show: (errors) => showPerson(req, reply, body, errors),
        flash: 'family:added',
        flashValues: (added) => ({ person: pseudonymText({ kind: added.kind as 'family_member', index: added.index }, req.lang) }),
        next: urls.reviewFamily(p.boardId, p.reviewId),
        refusals: ['invalid'],
      });
    },
  );

  // ---- Language and consent (the business unit)
  async function showConsent(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors) {
    const p = req.params as Params;
    const { t, lang } = req;
    const { review, people } = await family.form(req.caller(), p, 'family.manage');
    const chosen = formString(body.personId) ?? formString((req.query as Record<string, unknown>).person);
    const person = people.find((x) => x.id === chosen);
    const stored = !errors && person;
    return reply.page(
      'features/family/consent.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: review.reference },
        personItems: choose(
          people.map((x) => ({ value: x.id, text: `${pseudonymText(x, lang)}${x.relationship ? ` (${x.relationship})` : ''}` })),
          chosen,
          t('family:consentForm.choosePerson'),
        ),
        languageItems: choose(
          FAMILY_LANGUAGES.map((l) => ({ value: l, text: t(`family:languages.${l}`) })),
          stored ? person.language : formString(body.language),
        ),
        consentItems: choose(
          CONSENTS.map((c) => ({ value: c, text: t(`family:consents.${c}`) })),
          stored ? person.consent : formString(body.consent),
        ),
        interpreterItems: [
          {
            value: 'yes',
            text: t('family:consentForm.interpreter'),
            checked: stored ? person.interpreterNeeded : formString(body.interpreterNeeded) === 'yes',
          },
        ],
        values: { languageOther: stored ? (person.languageOther ?? '') : raw(body, 'languageOther') },
        consentOnItems: dateItems(t, stored && person.consentOn ? partsOf(person.consentOn) : dateParts(body, 'consentOn'), Boolean(errors?.consentOn)),
        fieldIds: { personId: 'personId', language: 'language', languageOther: 'languageOther', consent: 'consent', consentOn: 'consentOn-day' },
        backLink: urls.reviewFamily(p.boardId, p.reviewId),
      },
      { errors },
    );
  }
  app.get(urls.reviewFamilyConsent.pattern, { config: { ...READ, access: 'family.manage' } }, (req, reply) => showConsent(req, reply));
  app.post(
    urls.reviewFamilyConsent.pattern,
    { config: { access: 'family.manage', audit: 'FAMILY_CONSENT_RECORDED', reads: 'case-material', readAudit: 'FAMILY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () =>
          family.recordConsent(req.caller(), p, {
            personId: formString(body.personId) ?? '',
            language: formString(body.language) ?? '',
            languageOther: raw(body, 'languageOther'),
            interpreterNeeded: formString(body.interpreterNeeded) === 'yes',
            consent: formString(body.consent) ?? '',
            consentOn: parseDateParts(dateParts(body, 'consentOn')),
          }),
        show: (errors) => showConsent(req, reply, body, errors),
        flash: 'family:consentRecorded',
        next: urls.reviewFamily(p.boardId, p.reviewId),
        refusals: ['invalid'],
      });
    },
  );

  // ---- A contact (the business unit, the panel chair, the authors/reviewers)
  async function showContact(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors) {
    const p = req.params as Params;
    const { t, lang } = req;
    const { review, people, staff } = await family.form(req.caller(), p, 'family.record');
    const chosen = formString(body.personId) ?? formString((req.query as Record<string, unknown>).person);
    return reply.page(
      'features/family/contact.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: review.reference },
        personItems: choose(
          people.map((x) => ({ value: x.id, text: `${pseudonymText(x, lang)}${x.relationship ? ` (${x.relationship})` : ''}` })),
          chosen,
          t('family:contactForm.choosePerson'),
        ),
        methodItems: choose(
          CONTACT_METHODS.map((m) => ({ value: m, text: t(`family:methods.${m}`) })),
          formString(body.method),
        ),
        staffItems: choose(
          staff.map((s) => ({ value: s.personId, text: `${s.fullName} (${t(`family:roles.${s.role}`)})` })),
          formString(body.madeBy) ?? (staff.length === 1 ? staff[0]?.personId : undefined),
          t('family:contactForm.chooseStaff'),
        ),
        topicItems: chooseMany(
          CONTACT_TOPICS.map((topic) => ({ value: topic, text: t(`family:topics.${topic}`) })),
          body.topics,
        ),
        values: { notes: raw(body, 'notes') },
        contactedOnItems: dateItems(t, dateParts(body, 'contactedOn'), Boolean(errors?.contactedOn)),
        fieldIds: { personId: 'personId', contactedOn: 'contactedOn-day', method: 'method', madeBy: 'madeBy', topics: 'topics', notes: 'notes' },
        backLink: urls.reviewFamily(p.boardId, p.reviewId),
      },
      { errors },
    );
  }
  app.get(urls.reviewFamilyContact.pattern, { config: { ...READ, access: 'family.record' } }, (req, reply) => showContact(req, reply));
  app.post(
    urls.reviewFamilyContact.pattern,
    { config: { access: 'family.record', audit: 'FAMILY_CONTACT_RECORDED', reads: 'case-material', readAudit: 'FAMILY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () =>
          family.recordContact(req.caller(), p, {
            personId: formString(body.personId) ?? '',
            contactedOn: parseDateParts(dateParts(body, 'contactedOn')),
            method: formString(body.method) ?? '',
            madeBy: formString(body.madeBy) ?? '',
            topics: formList(body.topics),
            notes: raw(body, 'notes'),
          }),
        show: (errors) => showContact(req, reply, body, errors),
        flash: 'family:contactRecorded',
        next: urls.reviewFamily(p.boardId, p.reviewId),
        refusals: ['invalid'],
      });
    },
  );

  // ---- A meeting with the family (the business unit, the panel chair, the authors/reviewers)
  async function showMeeting(req: FastifyRequest, reply: FastifyReply, body: Body = {}, errors?: FieldErrors) {
    const p = req.params as Params;
    const { t, lang } = req;
    const { review, people, staff } = await family.form(req.caller(), p, 'family.record');
    return reply.page(
      'features/family/meeting.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: review.reference },
        hasFamily: people.length > 0,
        staffItems: chooseMany(
          staff.map((s) => ({ value: s.personId, text: `${s.fullName} (${t(`family:roles.${s.role}`)})` })),
          body.staffIds,
        ),
        familyItems: chooseMany(
          people.map((x) => ({ value: x.id, text: `${pseudonymText(x, lang)}${x.relationship ? ` (${x.relationship})` : ''}` })),
          body.familyIds,
        ),
        values: { place: raw(body, 'place'), summary: raw(body, 'summary'), followUp: raw(body, 'followUp') },
        metOnItems: dateItems(t, dateParts(body, 'metOn'), Boolean(errors?.metOn)),
        fieldIds: { metOn: 'metOn-day', staffIds: 'staffIds', familyIds: 'familyIds', place: 'place', summary: 'summary', followUp: 'followUp' },
        backLink: urls.reviewFamily(p.boardId, p.reviewId),
      },
      { errors },
    );
  }
  app.get(urls.reviewFamilyMeeting.pattern, { config: { ...READ, access: 'family.record' } }, (req, reply) => showMeeting(req, reply));
  app.post(
    urls.reviewFamilyMeeting.pattern,
    { config: { access: 'family.record', audit: 'FAMILY_MEETING_RECORDED', reads: 'case-material', readAudit: 'FAMILY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () =>
          family.recordMeeting(req.caller(), p, {
            metOn: parseDateParts(dateParts(body, 'metOn')),
            staffIds: formList(body.staffIds),
            familyIds: formList(body.familyIds),
            place: raw(body, 'place'),
            summary: raw(body, 'summary'),
            followUp: raw(body, 'followUp'),
          }),
        show: (errors) => showMeeting(req, reply, body, errors),
        flash: 'family:meetingRecorded',
        next: urls.reviewFamily(p.boardId, p.reviewId),
        refusals: ['invalid'],
      });
    },
  );
}
