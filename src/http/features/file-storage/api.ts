// The file storage check in the API (deployment administrators' tokens): list, upload (multipart, one
// file in the field `file`, the purpose in a field `purpose` before it), download and delete test files.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { FILE_AUDIT, FILE_PURPOSES, type FilePurpose } from '../../../domain/files.ts';
import type { StoredFile } from '../../../services/files/file-service.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { urls } from '../../../urls.ts';
import { Id, problems } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import { readUpload, uploadRefusalProblem } from '../../uploads.ts';

const tags = ['file storage'];

const FileJson = z.object({
  id: Id,
  name: z.string(),
  purpose: z.enum(FILE_PURPOSES),
  contentType: z.string().describe('As detected from the content, never from the name'),
  sizeBytes: z.number().int(),
  uploadedAt: z.iso.datetime(),
});

const FileParams = z.object({ fileId: Id });

function toJson(f: StoredFile): z.infer<typeof FileJson> {
  return { id: f.id, name: f.name, purpose: f.purpose, contentType: f.contentType, sizeBytes: f.sizeBytes, uploadedAt: f.createdAt };
}

export default async function fileStorageApi(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { fileStorageCheck } = opts.services;

  app.get(
    '/file-storage/files',
    {
      config: { access: 'deployment.administer', audit: 'FILE_STORAGE_VIEWED' },
      schema: {
        tags,
        operationId: 'listCheckFiles',
        summary: 'The test files the file storage check holds',
        response: { 200: z.array(FileJson), ...problems() },
      },
    },
    async (req) => (await fileStorageCheck.overview(req.caller())).files.map(toJson),
  );

  app.post(
    '/file-storage/files',
    {
      config: { access: 'deployment.administer', audit: FILE_AUDIT.stored },
      schema: {
        tags,
        operationId: 'uploadCheckFile',
        summary: 'Upload a test file (multipart/form-data: a field `purpose`, attachment or import, then the file in `file`)',
        description:
          'The file streams through the size limit of its purpose, detection of its kind from its content, the virus scan when one is configured, and encryption, into the configured storage.',
        response: { 201: FileJson, ...problems(413, 415, 422, 503) },
      },
    },
    async (req, reply) => {
      let purpose: FilePurpose = 'attachment';
      const problem = (status: number, field: string, code: string, message: string) =>
        (reply as FastifyReply).problem(status, req.t('errors:problem.invalidTitle'), message, { errors: [{ field, code, message }] });
      try {
        const { fields, stored } = await readUpload(req, 'file', async (file, fields) => {
          const chosen = FILE_PURPOSES.find((p) => p === (fields.purpose ?? 'attachment'));
          if (!chosen) return undefined;
          purpose = chosen;
          return fileStorageCheck.upload(req.caller(), { purpose, name: file.name, content: file.content });
        });
        if (!FILE_PURPOSES.some((p) => p === (fields.purpose ?? 'attachment'))) {
          return problem(422, 'purpose', 'file.purposeRequired', req.t('errors:file.purposeRequired'));
        }
        if (!stored) return problem(422, 'file', 'file.required', req.t('errors:file.required'));
        return reply.code(201).header('location', urls.apiFileContent(stored.id)).send(toJson(stored));
      } catch (error) {
        if (!(error instanceof UploadRefused)) throw error;
        return uploadRefusalProblem(req, reply as FastifyReply, error.reason, purpose, opts.services.files.limits.maxBytes[purpose]);
      }
    },
  );

  app.get(
    '/file-storage/files/:fileId/content',
    {
      config: { access: 'deployment.administer', audit: FILE_AUDIT.downloaded, reads: 'audited-record' },
      schema: {
        tags,
        operationId: 'downloadCheckFile',
        summary: 'A test file’s content, as an attachment; the download is audited',
        params: FileParams,
        response: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().describe('The file') } } }, ...problems(404) },
      },
    },
    async (req, reply) => {
      const { file, content } = await fileStorageCheck.download(req.caller(), req.params.fileId);
      return sendDownload(reply as FastifyReply, file, content);
    },
  );

  app.delete(
    '/file-storage/files/:fileId',
    {
      config: { access: 'deployment.administer', audit: FILE_AUDIT.deleted },
      schema: {
        tags,
        operationId: 'deleteCheckFile',
        summary: 'Delete a test file (its content goes when nothing else uses it)',
        params: FileParams,
        response: { 204: z.undefined().describe('Deleted'), ...problems(404) },
      },
    },
    async (req, reply) => {
      await fileStorageCheck.delete(req.caller(), req.params.fileId);
      return reply.code(204).send();
    },
  );
}
