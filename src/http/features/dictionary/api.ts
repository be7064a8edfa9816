// A review's pseudonym dictionary in the API (issue 13 item 1): its entries (real identifiers only for the
// roles allowed them), adding, changing and removing an entry on the version read, and adding the review's
// people. The same DictionaryService calls as the pages; bad input is a 422 problem with the pages' field
// errors, a stale version a 409.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { DICTIONARY_CATEGORIES, DICTIONARY_LIMITS } from '../../../domain/publication/dictionary.ts';
import type { DictionaryEntryView } from '../../../services/publication/dictionary-service.ts';
import { urls } from '../../../urls.ts';
import { Id, Instant, named, problems } from '../../api/schemas.ts';

const tags = ['reviews'];
const BASE = urls.reviewDictionary.pattern;

const ReviewParams = z.object({ boardId: Id, reviewId: Id });
const EntryParams = ReviewParams.extend({ termId: Id });

const EntryOut = named(
  z.object({
    id: Id,
    category: z.enum(DICTIONARY_CATEGORIES),
    termEn: z.string(),
    termCy: z.string(),
    reviewPersonId: Id.nullable().describe('The review person the entry was built from'),
    version: z.number().int(),
    updatedAt: Instant,
    realIdentifier: z.string().optional().describe('The real name, one spelling a line: only for roles allowed restricted details (sealed at rest)'),
  }),
  'DictionaryEntry',
  'An entry of a review’s pseudonym dictionary: a real identifier and the terms published in its place',
);

const EntryIn = named(
  z.object({
    category: z
      .string()
      .default('')
      .describe(`One of ${DICTIONARY_CATEGORIES.join(', ')}`),
    realIdentifier: z
      .string()
      .default('')
      .describe(`The real name, one spelling a line (up to ${DICTIONARY_LIMITS.spellings}, ${DICTIONARY_LIMITS.spelling} characters each); sealed at rest`),
    termEn: z.string().default('').describe(`Up to ${DICTIONARY_LIMITS.term} characters; unique on the review`),
    termCy: z.string().default('').describe(`Up to ${DICTIONARY_LIMITS.term} characters; unique on the review`),
  }),
  'NewDictionaryEntry',
);

const EntryChange = named(EntryIn.extend({ version: z.number().int().min(1).describe('The version read') }), 'DictionaryEntryChange');

const RemoveQuery = z.strictObject({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'Must be a whole number from 1')
    .transform(Number)
    .describe('The version read'),
});

function entryOut(e: DictionaryEntryView) {
  return {
    id: e.id,
    category: e.category as (typeof DICTIONARY_CATEGORIES)[number],
    termEn: e.termEn,
    termCy: e.termCy,
    reviewPersonId: e.reviewPersonId,
    version: e.version,
    updatedAt: e.updatedAt,
    ...(e.realIdentifier === undefined ? {} : { realIdentifier: e.realIdentifier }),
  };
}

export default async function dictionaryApi(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { dictionary } = opts.services;

  app.get(
    BASE,
    {
      config: { access: 'dictionary.view', audit: 'DICTIONARY_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listDictionaryEntries',
        summary: 'A review’s pseudonym dictionary (real identifiers only for roles allowed restricted details)',
        params: ReviewParams,
        response: { 200: z.object({ identified: z.boolean(), entries: z.array(EntryOut) }), ...problems(403, 404) },
      },
    },
    async (req) => {
      const view = await dictionary.list(req.caller(), req.params);
      return { identified: view.identified, entries: view.entries.map(entryOut) };
    },
  );

  app.post(
    BASE,
    {
      config: { access: 'dictionary.manage', audit: 'DICTIONARY_TERM_ADDED' },
      schema: {
        tags,
        operationId: 'addDictionaryEntry',
        summary: 'Add an entry (the business unit, the panel chair, the author)',
        params: ReviewParams,
        body: EntryIn,
        response: { 201: z.object({ id: Id, version: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await dictionary.add(req.caller(), req.params, req.body)),
  );

  app.post(
    `${BASE}/build`,
    {
      config: { access: 'dictionary.manage', audit: 'DICTIONARY_BUILT_FROM_PEOPLE' },
      schema: {
        tags,
        operationId: 'addReviewPeopleToDictionary',
        summary: 'Add each of the review’s people not in the dictionary yet, under their pseudonym (Child A / Plentyn A)',
        params: ReviewParams,
        response: { 200: z.object({ added: z.number().int(), skipped: z.number().int() }), ...problems(403, 404, 409) },
      },
    },
    async (req) => dictionary.buildFromPeople(req.caller(), req.params),
  );

  app.put(
    `${BASE}/:termId`,
    {
      config: { access: 'dictionary.manage', audit: 'DICTIONARY_TERM_CHANGED' },
      schema: {
        tags,
        operationId: 'changeDictionaryEntry',
        summary: 'Change an entry, on the version read (a 409 when it changed since)',
        params: EntryParams,
        body: EntryChange,
        response: { 200: z.object({ version: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { termId, ...scope } = req.params;
      return dictionary.change(req.caller(), scope, termId, req.body);
    },
  );

  app.delete(
    `${BASE}/:termId`,
    {
      config: { access: 'dictionary.manage', audit: 'DICTIONARY_TERM_REMOVED' },
      schema: {
        tags,
        operationId: 'removeDictionaryEntry',
        summary: 'Remove an entry, on the version read (a 409 when it changed since)',
        params: EntryParams,
        querystring: RemoveQuery,
        response: { 204: z.null().describe('Removed'), ...problems(400, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { termId, ...scope } = req.params;
      await dictionary.remove(req.caller(), scope, termId, req.query.version);
      return reply.code(204).send(null);
    },
  );
}
