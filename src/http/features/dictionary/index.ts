// A review's pseudonym dictionary (issue 13 item 1): the table of entries — category, real identifier (only for
// those who may see it), English and Welsh terms —, the forms adding, changing and removing an entry, and
// "add the review's people". Refusals show the GOV.UK error summary with the answers kept and change nothing;
// a change or removal on a version changed since answers 409 with the form saying so.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import { CATEGORY_TERMS, DICTIONARY_CATEGORIES, type DictionaryCategory, isDictionaryCategory, suggestedTerm } from '../../../domain/publication/dictionary.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { choose, formString, raw, submitForm } from '../../forms.ts';

type Params = { boardId: string; reviewId: string };
type EntryParams = Params & { termId: string };
type Body = Record<string, unknown>;

const READ = { access: 'dictionary.view', audit: 'DICTIONARY_VIEWED', reads: 'case-material' } as const;
const FORM = { access: 'dictionary.manage', audit: 'DICTIONARY_VIEWED', reads: 'case-material' } as const;
const change = (audit: 'DICTIONARY_TERM_ADDED' | 'DICTIONARY_TERM_CHANGED' | 'DICTIONARY_TERM_REMOVED') =>
  ({ access: 'dictionary.manage', audit, reads: 'case-material', readAudit: 'DICTIONARY_VIEWED' }) as const;

const FIELD_IDS = { category: 'category', realIdentifier: 'realIdentifier', termEn: 'termEn', termCy: 'termCy', form: 'category' };

function categoryText(t: TFunction, category: string): string {
  return isDictionaryCategory(category) ? t(`dictionary:categories.${category}`) : category;
}

/** The suggested terms of each category, as a hint ("Mother / Mam, Father / Tad …"). */
function suggestions(t: TFunction): string {
  return DICTIONARY_CATEGORIES.filter((c) => CATEGORY_TERMS[c].length > 0)
    .map((c) => `${t(`dictionary:categories.${c}`)}: ${CATEGORY_TERMS[c].map((x) => `${x.en} / ${x.cy}`).join(', ')}`)
    .join('; ');
}

export default async function dictionaryRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { dictionary } = opts.services;

  async function showList(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t } = req;
    const view = await dictionary.list(req.caller(), p);
    return reply.page(
      'features/dictionary/dictionary.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: view.review.reference },
        identified: view.identified,
        canManage: view.canManage,
        peopleToAdd: view.peopleToAdd,
        entries: view.entries.map((e) => ({
          id: e.id,
          category: categoryText(t, e.category),
          realIdentifier: e.realIdentifier?.split('\n') ?? null,
          termEn: e.termEn,
          termCy: e.termCy,
        })),
        fieldIds: { form: 'dictionary-table' },
        backLink: urls.review(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }
  app.get(urls.reviewDictionary.pattern, { config: READ }, (req, reply) => showList(req, reply));

  async function showEntry(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as Params & { termId?: string };
    const { t } = req;
    const { review, entry, identified, taken } = await dictionary.entry(req.caller(), p, p.termId ?? null);
    const category = formString(body?.category) ?? entry?.category ?? formString((req.query as Record<string, unknown>).category);
    const suggested = !entry && !body && category && isDictionaryCategory(category) ? suggestedTerm(category as DictionaryCategory, taken) : null;
    return reply.page(
      'features/dictionary/entry.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        termId: entry?.id ?? null,
        review: { reference: review.reference },
        title: entry ? t('dictionary:form.changeTitle') : t('dictionary:form.addTitle'),
        action: entry ? urls.reviewDictionaryEntry(p.boardId, p.reviewId, entry.id) : urls.reviewDictionaryNew(p.boardId, p.reviewId),
        categoryItems: choose(
          DICTIONARY_CATEGORIES.map((c) => ({ value: c, text: t(`dictionary:categories.${c}`) })),
          category,
          t('dictionary:form.chooseCategory'),
        ),
        realIdentifierHint: t(
          identified ? 'dictionary:form.realIdentifierHint' : entry ? 'dictionary:form.realIdentifierKeepHint' : 'dictionary:form.realIdentifierSealedHint',
        ),
        values: {
          realIdentifier: body ? raw(body, 'realIdentifier') : (entry?.realIdentifier ?? ''),
          termEn: body ? raw(body, 'termEn') : (entry?.termEn ?? suggested?.en ?? ''),
          termCy: body ? raw(body, 'termCy') : (entry?.termCy ?? suggested?.cy ?? ''),
          version: body ? (formString(body.version) ?? '') : String(entry?.version ?? ''),
        },
        suggestions: suggestions(t),
        fieldIds: FIELD_IDS,
        backLink: urls.reviewDictionary(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  const input = (body: Body) => ({
    category: formString(body.category) ?? '',
    realIdentifier: raw(body, 'realIdentifier'),
    termEn: raw(body, 'termEn'),
    termCy: raw(body, 'termCy'),
  });
  const versionOf = (body: Body) => {
    const v = Number(formString(body.version));
    return Number.isInteger(v) && v > 0 ? v : -1;
  };

  app.get(urls.reviewDictionaryNew.pattern, { config: FORM }, (req, reply) => showEntry(req, reply));
  app.post(urls.reviewDictionaryNew.pattern, { config: change('DICTIONARY_TERM_ADDED') }, async (req, reply) => {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => dictionary.add(req.caller(), p, input(body)),
      show: (errors, status) => showEntry(req, reply, body, errors, status),
      flash: 'dictionary:flash.added',
      flashValues: () => ({ term: raw(body, 'termEn').trim() }),
      next: urls.reviewDictionary(p.boardId, p.reviewId),
    });
  });

  app.get(urls.reviewDictionaryEntry.pattern, { config: FORM }, (req, reply) => showEntry(req, reply));
  app.post(urls.reviewDictionaryEntry.pattern, { config: change('DICTIONARY_TERM_CHANGED') }, async (req, reply) => {
    const p = req.params as EntryParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => dictionary.change(req.caller(), p, p.termId, { ...input(body), version: versionOf(body) }),
      show: (errors, status) => showEntry(req, reply, body, errors, status),
      flash: 'dictionary:flash.changed',
      flashValues: () => ({ term: raw(body, 'termEn').trim() }),
      next: urls.reviewDictionary(p.boardId, p.reviewId),
    });
  });

  async function showRemove(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as EntryParams;
    const { t } = req;
    const { review, entry } = await dictionary.entry(req.caller(), p, p.termId);
    if (!entry) throw new Error('no entry');
    return reply.page(
      'features/dictionary/remove.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: review.reference },
        entry: { id: entry.id, termEn: entry.termEn, termCy: entry.termCy, category: categoryText(t, entry.category) },
        version: body ? (formString(body.version) ?? '') : String(entry.version),
        fieldIds: { form: 'remove' },
        backLink: urls.reviewDictionary(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }
  app.get(urls.reviewDictionaryRemove.pattern, { config: FORM }, (req, reply) => showRemove(req, reply));
  app.post(urls.reviewDictionaryRemove.pattern, { config: change('DICTIONARY_TERM_REMOVED') }, async (req, reply) => {
    const p = req.params as EntryParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => dictionary.remove(req.caller(), p, p.termId, versionOf(body)),
      show: (errors, status) => showRemove(req, reply, body, errors, status),
      flash: 'dictionary:flash.removed',
      next: urls.reviewDictionary(p.boardId, p.reviewId),
      refusals: ['conflict'],
    });
  });

  app.post(
    urls.reviewDictionaryBuild.pattern,
    { config: { access: 'dictionary.manage', audit: 'DICTIONARY_BUILT_FROM_PEOPLE', reads: 'case-material', readAudit: 'DICTIONARY_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      return submitForm(req, reply, {
        run: () => dictionary.buildFromPeople(req.caller(), p),
        show: (errors, status) => showList(req, reply, errors, status),
        flash: 'dictionary:flash.built',
        flashValues: (built) => ({ number: built.added, skipped: built.skipped }),
        next: urls.reviewDictionary(p.boardId, p.reviewId),
        refusals: ['conflict'],
      });
    },
  );
}
