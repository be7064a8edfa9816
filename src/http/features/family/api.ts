// Family involvement in the API (issue 10 item 6): the review's family record (people by pseudonym, with
// names only for roles allowed a referral's restricted details; contacts; meetings), the people alone, and
// adding a person, recording language and consent, a contact and a meeting. The same FamilyService calls as
// the pages; refusals are 422 problems with the pages' field errors.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { isDateInRange, isIsoDate } from '../../../domain/clock/dates.ts';
import { pseudonymForms } from '../../../domain/pseudonyms.ts';
import { ADDED_KINDS, CONSENTS, CONTACT_METHODS, CONTACT_TOPICS, FAMILY_LANGUAGES, PERSON_SOURCES } from '../../../domain/reviews/family.ts';
import type { FamilyPersonView } from '../../../services/family-service.ts';
import { CalendarDate, Id, Instant, named, Pseudonym, problems } from '../../api/schemas.ts';

const tags = ['reviews'];

const Told = z.object(
  Object.fromEntries(CONTACT_TOPICS.map((t) => [t, CalendarDate.optional()])) as Record<(typeof CONTACT_TOPICS)[number], z.ZodOptional<typeof CalendarDate>>,
);

const PersonOut = named(
  z.object({
    id: Id,
    pseudonym: Pseudonym,
    relationship: z.string().nullable().describe('To the child; null for a child'),
    source: z.enum(PERSON_SOURCES),
    referralId: Id.nullable(),
    language: z.enum(FAMILY_LANGUAGES),
    languageOther: z.string().nullable(),
    interpreterNeeded: z.boolean(),
    consent: z.enum(CONSENTS),
    consentOn: CalendarDate.nullable(),
    told: Told.describe('The last day this person was told of each topic'),
    fullName: z.string().nullable().optional().describe('Only for roles allowed restricted details'),
    contactDetails: z.string().nullable().optional().describe('Only for roles allowed restricted details'),
  }),
  'ReviewPerson',
  'A person of a review (a child, a family member or another significant person) under the pseudonym kept for the review',
);

const ContactOut = named(
  z.object({
    id: Id,
    personId: Id,
    contactedOn: CalendarDate,
    method: z.enum(CONTACT_METHODS),
    madeBy: Id,
    madeByName: z.string(),
    topics: z.array(z.enum(CONTACT_TOPICS)),
    notes: z.string().nullable(),
    createdAt: Instant,
  }),
  'FamilyContact',
);

const MeetingOut = named(
  z.object({
    id: Id,
    metOn: CalendarDate,
    place: z.string(),
    summary: z.string(),
    followUp: z.string().nullable(),
    staff: z.array(z.object({ personId: Id, fullName: z.string() })),
    family: z.array(Id).describe('The review people met'),
    createdAt: Instant,
  }),
  'FamilyMeeting',
);

const dateString = z.string().nullable().default(null).describe('YYYY-MM-DD');

const PersonIn = named(
  z.object({
    kind: z
      .string()
      .default('')
      .describe(`One of ${ADDED_KINDS.join(', ')}`),
    relationship: z.string().default('').describe('To the child; required, up to 100 characters'),
    fullName: z.string().default('').describe('Optional; sealed at rest'),
    contactDetails: z.string().default(''),
    language: z
      .string()
      .default('en')
      .describe(`One of ${FAMILY_LANGUAGES.join(', ')}`),
  }),
  'NewReviewPerson',
);

const ConsentIn = named(
  z.object({
    personId: z.string().default(''),
    language: z.string().default(''),
    languageOther: z.string().default(''),
    interpreterNeeded: z.boolean().default(false),
    consent: z
      .string()
      .default('')
      .describe(`One of ${CONSENTS.join(', ')}`),
    consentOn: dateString.describe('YYYY-MM-DD; null while not asked'),
  }),
  'FamilyConsentRecord',
);

const ContactIn = named(
  z.object({
    personId: z.string().default(''),
    contactedOn: dateString,
    method: z
      .string()
      .default('')
      .describe(`One of ${CONTACT_METHODS.join(', ')}`),
    madeBy: z.string().default('').describe('The panel chair, an author/reviewer, or the caller'),
    topics: z
      .array(z.string())
      .default([])
      .describe(`Of ${CONTACT_TOPICS.join(', ')}`),
    notes: z.string().default(''),
  }),
  'NewFamilyContact',
);

const MeetingIn = named(
  z.object({
    metOn: dateString,
    staffIds: z.array(z.string()).default([]),
    familyIds: z.array(z.string()).default([]),
    place: z.string().default(''),
    summary: z.string().default(''),
    followUp: z.string().default(''),
  }),
  'NewFamilyMeeting',
);

const ReviewParams = z.object({ boardId: Id, reviewId: Id });

/** A date as the service takes it: none, a real date, or invalid. */
function dateIn(value: string | null): string | null | 'invalid' {
  if (value === null || value === '') return null;
  return isIsoDate(value) && isDateInRange(value) ? value : 'invalid';
}

function personOut(p: FamilyPersonView) {
  return {
    id: p.id,
    pseudonym: { kind: p.kind, index: p.index, en: p.en, cy: p.cy },
    relationship: p.relationship,
    source: p.source,
    referralId: p.referralId,
    language: p.language,
    languageOther: p.languageOther,
    interpreterNeeded: p.interpreterNeeded,
    consent: p.consent,
    consentOn: p.consentOn,
    told: p.told,
    ...('fullName' in p ? { fullName: p.fullName ?? null, contactDetails: p.contactDetails ?? null } : {}),
  };
}

export default async function familyApi(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { family } = opts.services;
  const read = { access: 'family.view', audit: 'FAMILY_VIEWED', reads: 'case-material' } as const;

  app.get(
    '/boards/:boardId/reviews/:reviewId/family',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getFamilyInvolvement',
        summary: 'A review’s family involvement: its people, contacts with the family and meetings with them',
        params: ReviewParams,
        response: { 200: z.object({ people: z.array(PersonOut), contacts: z.array(ContactOut), meetings: z.array(MeetingOut) }), ...problems(403, 404) },
      },
    },
    async (req) => {
      const view = await family.page(req.caller(), req.params);
      return {
        people: view.people.map(personOut),
        contacts: view.contacts.map((c) => ({ ...c, method: c.method as (typeof CONTACT_METHODS)[number] })),
        meetings: view.meetings,
      };
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/family/people',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listReviewPeople',
        summary: 'The review’s people under their pseudonyms (names only for roles allowed restricted details)',
        params: ReviewParams,
        response: { 200: z.array(PersonOut), ...problems(403, 404) },
      },
    },
    async (req) => (await family.page(req.caller(), req.params)).people.map(personOut),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/family/people',
    {
      config: { access: 'family.manage', audit: 'FAMILY_PERSON_ADDED' },
      schema: {
        tags,
        operationId: 'addReviewPerson',
        summary: 'Add a family member or significant person met during the review (the next pseudonym of the review)',
        params: ReviewParams,
        body: PersonIn,
        response: { 201: z.object({ id: Id, pseudonym: Pseudonym }), ...problems(403, 404, 422) },
      },
    },
    async (req, reply) => {
      const added = await family.addPerson(req.caller(), req.params, req.body);
      const kind = added.kind as (typeof ADDED_KINDS)[number];
      return reply.code(201).send({ id: added.personId, pseudonym: pseudonymForms({ kind, index: added.index }) });
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/family/consent',
    {
      config: { access: 'family.manage', audit: 'FAMILY_CONSENT_RECORDED' },
      schema: {
        tags,
        operationId: 'recordFamilyConsent',
        summary: 'Record a family member’s language (an interpreter for another language) and consent to take part',
        params: ReviewParams,
        body: ConsentIn,
        response: { 204: z.null(), ...problems(403, 404, 422) },
      },
    },
    async (req, reply) => {
      await family.recordConsent(req.caller(), req.params, { ...req.body, consentOn: dateIn(req.body.consentOn) });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/family/contacts',
    {
      config: { access: 'family.record', audit: 'FAMILY_CONTACT_RECORDED' },
      schema: {
        tags,
        operationId: 'recordFamilyContact',
        summary: 'Record a contact with a family member: date, method, who made it, what they were told',
        params: ReviewParams,
        body: ContactIn,
        response: { 201: z.object({ id: Id }), ...problems(403, 404, 422) },
      },
    },
    async (req, reply) => {
      const made = await family.recordContact(req.caller(), req.params, { ...req.body, contactedOn: dateIn(req.body.contactedOn) });
      return reply.code(201).send({ id: made.contactId });
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/family/meetings',
    {
      config: { access: 'family.record', audit: 'FAMILY_MEETING_RECORDED' },
      schema: {
        tags,
        operationId: 'recordFamilyMeeting',
        summary: 'Record a reviewers’ meeting with the family: date, who attended, where, summary, follow-up',
        params: ReviewParams,
        body: MeetingIn,
        response: { 201: z.object({ id: Id }), ...problems(403, 404, 422) },
      },
    },
    async (req, reply) => {
      const made = await family.recordMeeting(req.caller(), req.params, { ...req.body, metOn: dateIn(req.body.metOn) });
      return reply.code(201).send({ id: made.meetingId });
    },
  );
}
