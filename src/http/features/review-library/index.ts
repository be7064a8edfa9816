// A review's document library (issue 10 item 9): the documents the reader may see, with their kind,
// classification, agency and versions, and the form adding one (multipart: the fields first, then the file,
// so a refused kind or title stores nothing); a document's page with its versions and the form adding a new
// one; a version's file as an audited download. Refusals show the GOV.UK error summary and change nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import { kindOfMime } from '../../../domain/files.ts';
import { localName } from '../../../domain/organisation.ts';
import { CLASSIFICATIONS, kindNamesAgency, LIBRARY_KINDS } from '../../../domain/reviews/library.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import type { LibraryVersion, NewLibraryDocument } from '../../../services/review-library-service.ts';
import { urls } from '../../../urls.ts';
import { displayDateTime } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { choose } from '../../forms.ts';
import { displaySize, readUpload, type UploadedFile } from '../../uploads.ts';

type Params = { boardId: string; reviewId: string };
type DocParams = Params & { documentId: string };

/** The file field, and the form's fields in the order the error summary lists them. */
const FIELD_IDS = { kind: 'kind', agencyId: 'agencyId', classification: 'classification', title: 'title', note: 'note', file: 'file', form: 'kind' };

function versionRows(t: TFunction, lang: string, p: DocParams, versions: LibraryVersion[]) {
  return versions.map((v) => {
    const kind = kindOfMime(v.contentType);
    return {
      version: v.version,
      href: urls.reviewLibraryVersion(p.boardId, p.reviewId, p.documentId, String(v.version)),
      type: kind ? t(`files:kinds.${kind}`) : v.contentType,
      size: displaySize(t, lang, v.sizeBytes),
      uploaded: displayDateTime(t, v.uploadedAt),
      by: v.uploaderName ?? '',
      note: v.note ?? '',
    };
  });
}

function newDocument(fields: Record<string, string>): NewLibraryDocument {
  return {
    kind: fields.kind ?? '',
    classification: fields.classification ?? '',
    agencyId: fields.agencyId?.trim() || null,
    title: fields.title ?? '',
    note: fields.note ?? null,
  };
}

export default async function reviewLibraryRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { library, files } = opts.services;
  const maxBytes = files.limits.maxBytes.attachment;

  async function showLibrary(req: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, errors?: FieldErrors, status?: number) {
    const errorParams = errors?.file === 'file.tooLarge' ? { file: { size: displaySize(req.t, req.lang, maxBytes) } } : {};
    const p = req.params as Params;
    const { t, lang } = req;
    const { review, documents, add } = await library.list(req.caller(), p);
    const agencyName = new Map(add.agencies.map((a) => [a.id, localName(a, lang)]));
    return reply.page(
      'features/review-library/library.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: review.reference },
        documents: documents.map((d) => ({
          title: d.title,
          href: urls.reviewLibraryDocument(p.boardId, p.reviewId, d.id),
          kind: t(`library:kinds.${d.kind}`),
          classification: t(`library:classifications.${d.classification}`),
          agency: d.agencyId ? (agencyName.get(d.agencyId) ?? '') : '',
          version: d.latestVersion,
          updated: displayDateTime(t, d.updatedAt),
        })),
        canAdd: add.kinds.length > 0,
        kindItems: choose(
          add.kinds.map((k) => ({ value: k, text: t(`library:kinds.${k}`) })),
          values.kind,
        ),
        agencyItems: choose(
          add.agencyIds.map((id) => ({ value: id, text: agencyName.get(id) ?? id })),
          values.agencyId,
          t('library:add.chooseAgency'),
        ),
        agencyKinds: LIBRARY_KINDS.filter(kindNamesAgency).map((k) => t(`library:kinds.${k}`)),
        classificationItems: choose(
          CLASSIFICATIONS.map((c) => ({ value: c, text: t(`library:classifications.${c}`) })),
          values.classification ?? 'official_sensitive',
        ),
        values,
        maxSize: displaySize(t, lang, maxBytes),
        fieldIds: FIELD_IDS,
        errorParams,
        backLink: urls.review(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  async function showDocument(req: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, errors?: FieldErrors, status?: number) {
    const errorParams = errors?.file === 'file.tooLarge' ? { file: { size: displaySize(req.t, req.lang, maxBytes) } } : {};
    const p = req.params as DocParams;
    const { t, lang } = req;
    const { review, document, agency, canAddVersion } = await library.document(req.caller(), p, p.documentId);
    return reply.page(
      'features/review-library/document.njk',
      {
        review: { reference: review.reference },
        document: {
          title: document.title,
          kind: t(`library:kinds.${document.kind}`),
          classification: t(`library:classifications.${document.classification}`),
          agency: agency ? localName(agency, lang) : '',
          latestVersion: document.latestVersion,
        },
        versions: versionRows(t, lang, p, document.versions),
        canAddVersion,
        action: urls.reviewLibraryDocument(p.boardId, p.reviewId, p.documentId),
        values,
        maxSize: displaySize(t, lang, maxBytes),
        fieldIds: FIELD_IDS,
        errorParams,
        backLink: urls.reviewLibrary(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  /** Reads the form and its file, storing it through `store`; a refusal shows the page again with its errors. */
  async function upload(
    req: FastifyRequest,
    reply: FastifyReply,
    store: (file: UploadedFile, fields: Record<string, string>) => Promise<unknown>,
    show: typeof showLibrary,
    done: () => string,
    problems: (fields: Record<string, string>) => FieldErrors,
    allowed: () => Promise<void>,
  ) {
    let fields: Record<string, string> = {};
    await allowed();
    // Not submitForm: the upload step (no file, a refused file) is shown too, with the answers read so far.
    try {
      const read = await readUpload(req, 'file', (file, seen) => {
        fields = seen;
        return store(file, seen);
      });
      fields = read.fields;
      // No file chosen: the other answers' problems too, so the summary lists everything at once.
      if (read.stored === undefined) return show(req, reply, fields, { ...problems(fields), file: 'file.required' }, 400);
    } catch (error) {
      // What the file service refused (too large, not an accepted kind — an executable renamed .docx —, empty, infected).
      if (error instanceof UploadRefused)
        return show(req, reply, fields, { file: error.reason === 'type' ? 'file.typeAttachment' : `file.${error.reason}` }, 400);
      if (error instanceof ServiceError && error.kind === 'invalid') return show(req, reply, fields, error.fieldErrors, 400);
      throw error;
    }
    req.session.flash = req.t('library:added');
    return reply.redirect(done());
  }

  app.get(urls.reviewLibrary.pattern, { config: { access: 'review.documents_view', audit: 'REVIEW_DOCUMENTS_LISTED', reads: 'case-material' } }, (req, reply) =>
    showLibrary(req, reply),
  );

  app.post(
    urls.reviewLibrary.pattern,
    {
      config: { access: 'review.documents_add', audit: 'REVIEW_DOCUMENT_ADDED', reads: 'case-material', readAudit: 'REVIEW_DOCUMENTS_LISTED', multipart: true },
    },
    async (req, reply) => {
      const p = req.params as Params;
      let documentId = '';
      return upload(
        req,
        reply,
        async (file, fields) => {
          const added = await library.add(req.caller(), p, newDocument(fields), file);
          documentId = added.documentId;
          return added;
        },
        showLibrary,
        () => urls.reviewLibraryDocument(p.boardId, p.reviewId, documentId),
        (fields) => library.problems(newDocument(fields)),
        () => library.checkMayAdd(req.caller(), p),
      );
    },
  );

  app.get(
    urls.reviewLibraryDocument.pattern,
    { config: { access: 'review.documents_view', audit: 'REVIEW_DOCUMENT_VIEWED', reads: 'case-material' } },
    (req, reply) => showDocument(req, reply),
  );

  app.post(
    urls.reviewLibraryDocument.pattern,
    {
      config: {
        access: 'review.documents_add',
        audit: 'REVIEW_DOCUMENT_VERSION_ADDED',
        reads: 'case-material',
        readAudit: 'REVIEW_DOCUMENT_VIEWED',
        multipart: true,
      },
    },
    async (req, reply) => {
      const p = req.params as DocParams;
      return upload(
        req,
        reply,
        (file, fields) => library.addVersion(req.caller(), p, p.documentId, fields.note ?? null, file),
        showDocument,
        () => urls.reviewLibraryDocument(p.boardId, p.reviewId, p.documentId),
        (fields) => library.versionProblems(fields.note ?? null),
        () => library.checkMayAdd(req.caller(), p, p.documentId),
      );
    },
  );

  app.get(
    urls.reviewLibraryVersion.pattern,
    { config: { access: 'review.documents_view', audit: 'REVIEW_DOCUMENT_DOWNLOADED', reads: 'case-material' } },
    async (req, reply) => {
      const p = req.params as DocParams & { version: string };
      const version = /^[1-9]\d{0,5}$/.test(p.version) ? Number(p.version) : 0;
      if (version === 0) throw new ServiceError('not_found', 'version not found');
      const { file, content } = await library.download(req.caller(), p, p.documentId, version);
      return sendDownload(reply, file, content);
    },
  );
}
