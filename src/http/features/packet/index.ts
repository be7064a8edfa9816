// A review's submission packet (issue 13 item 6): the page of its packets and recorded sendings (the business unit
// of the review's board only), making a packet with one click, a packet's zip (every download an audited read of
// case material) and the form recording a sending. Refusals show the GOV.UK error summary with the answers kept
// and change nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { SENDING_METHODS } from '../../../domain/publication/packet.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, displayDateTime, parseDateParts } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { formString, raw, submitForm } from '../../forms.ts';
import { displaySize } from '../../uploads.ts';

type Params = { boardId: string; reviewId: string };
type Body = Record<string, unknown>;

const READ = { access: 'publication.packet', audit: 'PACKET_VIEWED', reads: 'case-material' } as const;

const FIELD_IDS = { form: 'make', packetId: 'packetId', recipient: 'recipient', method: 'method', sentOn: 'sentOn-day', reference: 'reference' };

export default async function packetRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { packets } = opts.services;

  async function showPage(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t } = req;
    const view = await packets.list(req.caller(), p);
    const chosen = (name: string) => (body ? formString(body[name]) : undefined);
    const packetChoice = chosen('packetId') ?? view.packets[0]?.id;
    return reply.page(
      'features/packet/submission.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: view.review.reference },
        recipientsText: view.recipients.map((r) => t(`packet:recipients.${r}`)).join(', '),
        agencyReports: view.review.frameworkId === 'SCR_2006',
        movesOnUpload: view.movesOnUpload,
        packets: view.packets.map((k) => ({
          id: k.id,
          number: k.number,
          madeAt: displayDateTime(t, k.madeAt),
          madeBy: k.madeByName ?? '',
          files: k.manifest.files.length,
          size: displaySize(t, req.lang, k.sizeBytes),
          sha256: k.sha256,
          href: urls.reviewSubmissionPacket(p.boardId, p.reviewId, k.id),
        })),
        sendings: view.sendings.map((s) => ({
          packetNumber: s.packetNumber,
          recipient: t(`packet:recipients.${s.recipient}`),
          method: t(`packet:methods.${s.method}`),
          sentOn: displayDate(t, s.sentOn),
          reference: s.reference,
          recordedBy: s.recordedByName ?? '',
        })),
        packetItems: view.packets.map((k) => ({ value: k.id, text: t('packet:packetLabel', { number: k.number }), checked: k.id === packetChoice })),
        recipientItems: view.recipients.map((r) => ({ value: r, text: t(`packet:recipients.${r}`), checked: r === chosen('recipient') })),
        methodItems: SENDING_METHODS.map((m) => ({ value: m, text: t(`packet:methods.${m}`), checked: m === chosen('method') })),
        sentOnItems: dateItems(t, body ? dateParts(body, 'sentOn') : undefined, Boolean(errors?.sentOn)),
        values: { reference: body ? raw(body, 'reference') : '' },
        fieldIds: FIELD_IDS,
        backLink: urls.review(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }
  app.get(urls.reviewSubmission.pattern, { config: READ }, (req, reply) => showPage(req, reply));

  app.post(
    urls.reviewSubmissionMake.pattern,
    { config: { access: 'publication.packet', audit: 'PACKET_MADE', reads: 'case-material', readAudit: 'PACKET_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      return submitForm(req, reply, {
        run: () => packets.make(req.caller(), p),
        show: (errors, status) => showPage(req, reply, undefined, errors, status),
        flash: 'packet:flash.made',
        flashValues: (made) => ({ number: made.number }),
        next: urls.reviewSubmission(p.boardId, p.reviewId),
      });
    },
  );

  app.get(
    urls.reviewSubmissionPacket.pattern,
    { config: { access: 'publication.packet', audit: 'PACKET_DOWNLOADED', reads: 'case-material' } },
    async (req, reply) => {
      const p = req.params as Params & { packetId: string };
      return sendDownload(reply, await packets.download(req.caller(), p, p.packetId));
    },
  );

  app.post(
    urls.reviewSubmissionSending.pattern,
    { config: { access: 'publication.packet', audit: 'PACKET_SENDING_RECORDED', reads: 'case-material', readAudit: 'PACKET_VIEWED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      const sentOn = parseDateParts(dateParts(body, 'sentOn'));
      return submitForm(req, reply, {
        run: () =>
          packets.recordSending(req.caller(), p, {
            packetId: formString(body.packetId) ?? '',
            recipient: formString(body.recipient) ?? '',
            method: formString(body.method) ?? '',
            sentOn: sentOn === null || sentOn === 'incomplete' || sentOn === 'invalid' ? '' : sentOn,
            reference: raw(body, 'reference'),
          }),
        show: (errors, status) => showPage(req, reply, body, errors, status),
        flash: 'packet:flash.recorded',
        next: urls.reviewSubmission(p.boardId, p.reviewId),
      });
    },
  );
}
