// The file storage check (deployment administrators): what storage and virus scan are configured, and a
// form to upload a test file, then download and delete it, so the whole path (multipart stream with a
// real CSRF token, limits, type by content, clamd, encryption, the store) is tried over HTTP. It belongs
// to no capability; the next issue's capabilities store their files through the same FileService.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { FILE_AUDIT, FILE_PURPOSES, type FilePurpose, kindOfMime } from '../../../domain/files.ts';
import type { FileStorageOverview } from '../../../services/file-storage-check-service.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { urls } from '../../../urls.ts';
import { displayDateTime } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { choose } from '../../forms.ts';
import { displaySize, readUpload, refusalMessage } from '../../uploads.ts';

/** The page's route pattern, and its files' under it. */
const FILE_STORAGE_PAGE = urls.fileStorage.pattern;

const PurposeForm = z.object({ purpose: z.enum(FILE_PURPOSES, { error: 'file.purposeRequired' }) });

export default async function fileStorageRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { fileStorageCheck } = opts.services;

  function view(req: FastifyRequest, overview: FileStorageOverview) {
    const { t, lang } = req;
    return {
      storage: t(`files:storage.kinds.${overview.kind}`),
      location: overview.storage,
      scanner: overview.scanner ? t('files:storage.scanOn', { scanner: overview.scanner }) : t('files:storage.scanOff'),
      maxAttachment: displaySize(t, lang, overview.maxBytes.attachment),
      maxImport: displaySize(t, lang, overview.maxBytes.import),
      purposes: FILE_PURPOSES.map((p) => ({ value: p, text: t(`files:purposes.${p}`) })),
      files: overview.files.map((f) => {
        const kind = kindOfMime(f.contentType);
        return {
          name: f.name,
          type: kind ? t(`files:kinds.${kind}`) : f.contentType,
          size: displaySize(t, lang, f.sizeBytes),
          uploadedAt: displayDateTime(t, f.createdAt),
          downloadHref: urls.fileStorageFile(f.id),
          deleteHref: urls.fileStorageFileDelete(f.id),
        };
      }),
    };
  }

  async function show(req: FastifyRequest, reply: FastifyReply, purpose = '', error?: { field: string; text: string }) {
    const overview = await fileStorageCheck.overview(req.caller());
    const visuallyHiddenText = req.t('common:errorPrefix').replace(/:$/, '');
    return reply.page(
      'features/file-storage/file-storage.njk',
      {
        ...view(req, overview),
        values: { purpose },
        choose,
        ...(error
          ? {
              hasErrors: true,
              errorList: [{ text: error.text, href: `#${error.field}` }],
              fieldErrors: { [error.field]: { text: error.text, visuallyHiddenText } },
            }
          : {}),
      },
      { status: error ? 400 : 200 },
    );
  }

  app.get(FILE_STORAGE_PAGE, { config: { access: 'deployment.administer', audit: 'FILE_STORAGE_VIEWED' } }, async (req, reply) => show(req, reply));

  app.post(FILE_STORAGE_PAGE, { config: { access: 'deployment.administer', audit: FILE_AUDIT.stored, multipart: true } }, async (req, reply) => {
    let purpose: FilePurpose | undefined;
    let refused: { field: string; text: string } | undefined;
    try {
      const { fields, stored } = await readUpload(req, 'file', async (file, fields) => {
        const form = PurposeForm.safeParse(fields);
        if (!form.success) {
          refused = { field: 'purpose', text: req.t('errors:file.purposeRequired') };
          return undefined;
        }
        purpose = form.data.purpose;
        return fileStorageCheck.upload(req.caller(), { purpose, name: file.name, content: file.content });
      });
      if (refused) return show(req, reply, fields.purpose ?? '', refused);
      if (!stored) {
        const form = PurposeForm.safeParse(fields);
        const field = form.success ? 'file' : 'purpose';
        return show(req, reply, fields.purpose ?? '', { field, text: req.t(form.success ? 'errors:file.required' : 'errors:file.purposeRequired') });
      }
    } catch (error) {
      if (!(error instanceof UploadRefused) || !purpose) throw error;
      const max = opts.services.files.limits.maxBytes[purpose];
      return show(req, reply, purpose, { field: 'file', text: refusalMessage(req.t, req.lang, error.reason, purpose, max) });
    }
    req.session.flash = req.t('files:storage.stored');
    return reply.redirect(urls.fileStorage());
  });

  app.get(
    `${FILE_STORAGE_PAGE}/files/:fileId`,
    { config: { access: 'deployment.administer', audit: FILE_AUDIT.downloaded, reads: 'audited-record' } },
    async (req, reply) => {
      const { fileId } = req.params as { fileId: string };
      const { file, content } = await fileStorageCheck.download(req.caller(), fileId);
      return sendDownload(reply, file, content);
    },
  );

  app.post(`${FILE_STORAGE_PAGE}/files/:fileId/delete`, { config: { access: 'deployment.administer', audit: FILE_AUDIT.deleted } }, async (req, reply) => {
    const { fileId } = req.params as { fileId: string };
    await fileStorageCheck.delete(req.caller(), fileId);
    req.session.flash = req.t('files:storage.deleted');
    return reply.redirect(urls.fileStorage());
  });
}
