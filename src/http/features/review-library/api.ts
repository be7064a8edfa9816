// A review's document library in the API (issue 10 item 9): the documents the token holder may see, one
// document with its versions, adding a document or a version (multipart/form-data: the answers first, then
// the file in `file`), and a version's content as an audited download. The same ReviewLibraryService calls as
// the pages: an agency's roles reach only their agency's documents, family correspondence only the
// restricted roles; refusals are problems (422 answers, 413/415 files), and nothing is written.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { CLASSIFICATIONS, LIBRARY_KINDS } from '../../../domain/reviews/library.ts';
import { invalid } from '../../../services/context.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import type { LibraryDocument } from '../../../services/review-library-service.ts';
import { urls } from '../../../urls.ts';
import { Id, Instant, named, problems } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import { readUpload, uploadRefusalProblem } from '../../uploads.ts';

const tags = ['review documents'];

const Version = named(
  z.object({
    version: z.number().int(),
    contentType: z.string().describe('As detected from the content, never from the name'),
    sizeBytes: z.number().int(),
    note: z.string().nullable(),
    uploadedAt: Instant,
    uploadedBy: Id.nullable(),
  }),
  'ReviewDocumentVersion',
);

const DocumentOut = named(
  z.object({
    id: Id,
    kind: z.enum(LIBRARY_KINDS),
    classification: z.enum(CLASSIFICATIONS).describe('Government Security Classification marking'),
    agencyId: Id.nullable().describe('The agency an agency report belongs to'),
    title: z.string(),
    latestVersion: z.number().int(),
    updatedAt: Instant,
    versions: z.array(Version).describe('Newest first'),
  }),
  'ReviewDocument',
  'A document of a review’s library, with its versions',
);

const ReviewParams = z.object({ boardId: Id, reviewId: Id });
const DocumentParams = ReviewParams.extend({ documentId: Id });
const VersionParams = DocumentParams.extend({ version: z.coerce.number().int().min(1).max(999_999) });

function out(d: LibraryDocument): z.infer<typeof DocumentOut> {
  return {
    id: d.id,
    kind: d.kind,
    classification: d.classification,
    agencyId: d.agencyId,
    title: d.title,
    latestVersion: d.latestVersion,
    updatedAt: d.updatedAt,
    versions: d.versions.map((v) => ({
      version: v.version,
      contentType: v.contentType,
      sizeBytes: v.sizeBytes,
      note: v.note,
      uploadedAt: v.uploadedAt,
      uploadedBy: v.uploadedBy,
    })),
  };
}

export default async function reviewLibraryApi(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { library, files } = opts.services;
  const maxBytes = files.limits.maxBytes.attachment;

  app.get(
    '/boards/:boardId/reviews/:reviewId/documents',
    {
      config: { access: 'review.documents_view', audit: 'REVIEW_DOCUMENTS_LISTED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listReviewDocuments',
        summary: 'The documents of a review the token holder may see (an agency’s roles: their agency’s only)',
        params: ReviewParams,
        response: { 200: z.array(DocumentOut), ...problems(403, 404) },
      },
    },
    async (req) => (await library.list(req.caller(), req.params)).documents.map(out),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/documents',
    {
      config: { access: 'review.documents_add', audit: 'REVIEW_DOCUMENT_ADDED' },
      schema: {
        tags,
        operationId: 'addReviewDocument',
        summary: 'Add a document (multipart/form-data: `kind`, `classification`, `agencyId` for an agency report, `title`, `note`, then the file in `file`)',
        params: ReviewParams,
        response: { 201: DocumentOut, ...problems(403, 404, 413, 415, 422, 503) },
      },
    },
    async (req, reply) => {
      await library.checkMayAdd(req.caller(), req.params);
      try {
        const { fields, stored } = await readUpload(req, 'file', (file, f) =>
          library.add(
            req.caller(),
            req.params,
            { kind: f.kind ?? '', classification: f.classification ?? '', agencyId: f.agencyId?.trim() || null, title: f.title ?? '', note: f.note ?? null },
            file,
          ),
        );
        if (!stored) {
          const problems = library.problems({
            kind: fields.kind ?? '',
            classification: fields.classification ?? '',
            agencyId: fields.agencyId?.trim() || null,
            title: fields.title ?? '',
            note: fields.note ?? null,
          });
          throw invalid({ ...problems, file: 'file.required' });
        }
        const { document } = await library.document(req.caller(), req.params, stored.documentId);
        return reply
          .code(201)
          .header('location', urls.apiReviewLibraryDocument(req.params.boardId, req.params.reviewId, stored.documentId))
          .send(out(document));
      } catch (error) {
        if (error instanceof UploadRefused) return uploadRefusalProblem(req, reply as FastifyReply, error.reason, 'attachment', maxBytes);
        throw error;
      }
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/documents/:documentId',
    {
      config: { access: 'review.documents_view', audit: 'REVIEW_DOCUMENT_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReviewDocument',
        summary: 'A document of a review with its versions (not found when the token holder may not see it)',
        params: DocumentParams,
        response: { 200: DocumentOut, ...problems(403, 404) },
      },
    },
    async (req) => out((await library.document(req.caller(), req.params, req.params.documentId)).document),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/documents/:documentId/versions',
    {
      config: { access: 'review.documents_add', audit: 'REVIEW_DOCUMENT_VERSION_ADDED' },
      schema: {
        tags,
        operationId: 'addReviewDocumentVersion',
        summary: 'Add a new version of a document (multipart/form-data: `note`, then the file in `file`)',
        params: DocumentParams,
        response: { 201: DocumentOut, ...problems(403, 404, 413, 415, 422, 503) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, documentId } = req.params;
      await library.checkMayAdd(req.caller(), req.params, documentId);
      try {
        const { fields, stored } = await readUpload(req, 'file', (file, f) => library.addVersion(req.caller(), req.params, documentId, f.note ?? null, file));
        if (!stored) throw invalid({ ...library.versionProblems(fields.note ?? null), file: 'file.required' });
        const { document } = await library.document(req.caller(), req.params, documentId);
        return reply
          .code(201)
          .header('location', urls.apiReviewLibraryDocument(boardId, reviewId, documentId))
          .send(out(document));
      } catch (error) {
        if (error instanceof UploadRefused) return uploadRefusalProblem(req, reply as FastifyReply, error.reason, 'attachment', maxBytes);
        throw error;
      }
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/documents/:documentId/versions/:version/content',
    {
      config: { access: 'review.documents_view', audit: 'REVIEW_DOCUMENT_DOWNLOADED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'downloadReviewDocumentVersion',
        summary: 'A version’s file, as an attachment; the download is audited',
        params: VersionParams,
        response: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().describe('The file') } } },
          ...problems(403, 404),
        },
      },
    },
    async (req, reply) => {
      const { file, content } = await library.download(req.caller(), req.params, req.params.documentId, req.params.version);
      return sendDownload(reply as FastifyReply, file, content);
    },
  );
}
