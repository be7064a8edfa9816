// A review's submission packet in the API (issue 13 item 6): its packets with their manifests and the recorded
// sendings, making a packet, a packet's zip (an audited read) and recording a sending. The same PacketService calls
// as the pages; bad input is a 422 problem with the pages' field errors; two makes that clash, a 409.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { FRAMEWORK_IDS } from '../../../domain/frameworks/types.ts';
import { PACKET_RECIPIENTS, SENDING_LIMITS, SENDING_METHODS } from '../../../domain/publication/packet.ts';
import type { PacketRow, SendingRow } from '../../../services/publication/packet-service.ts';
import { urls } from '../../../urls.ts';
import { CalendarDate, Id, Instant, named, problems } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';

const tags = ['reviews'];
const BASE = urls.reviewSubmission.pattern;

const ReviewParams = z.object({ boardId: Id, reviewId: Id });
const PacketParams = ReviewParams.extend({ packetId: Id });

const ManifestOut = named(
  z.object({
    format: z.literal('case-review-submission-packet/1'),
    reference: z.string(),
    framework: z.object({ id: z.enum(FRAMEWORK_IDS), nameEn: z.string(), nameCy: z.string() }),
    board: z.object({ nameEn: z.string(), nameCy: z.string() }),
    recipients: z.array(z.enum(PACKET_RECIPIENTS)),
    dates: z.object({
      referral: CalendarDate.nullable(),
      decision: CalendarDate,
      reportAccepted: Instant.nullable(),
      publication: Instant.nullable().describe('When the review was published (or its embargoed release, once decided)'),
    }),
    themes: z.array(z.string()),
    files: z.array(
      z.object({
        name: z.string(),
        kind: z.enum(['EXEC_SUMMARY', 'OVERVIEW', 'ACTION_PLAN', 'IMR']),
        language: z.enum(['en', 'cy']).nullable(),
        version: z.number().int().nullable(),
        sizeBytes: z.number().int(),
        sha256: z.string(),
      }),
    ),
  }),
  'SubmissionPacketManifest',
  'The packet’s manifest.json: the review, its framework and board, key dates, themes, and each file’s size and SHA-256',
);

const PacketOut = named(
  z.object({
    id: Id,
    number: z.number().int(),
    madeAt: Instant,
    madeBy: Id.nullable(),
    sizeBytes: z.number().int(),
    sha256: z.string().describe('SHA-256 of the zip, hex'),
    manifest: ManifestOut,
  }),
  'SubmissionPacket',
  'A submission packet: a deterministic zip of the documents the review’s framework sends',
);

const SendingOut = named(
  z.object({
    id: Id,
    packetId: Id,
    packetNumber: z.number().int(),
    recipient: z.enum(PACKET_RECIPIENTS),
    method: z.enum(SENDING_METHODS),
    sentOn: CalendarDate,
    reference: z.string(),
    recordedAt: Instant,
  }),
  'SubmissionPacketSending',
  'A recorded sending of a packet: to whom, when, how, and the recipient’s reference',
);

const SendingIn = named(
  z.object({
    packetId: z.string().default(''),
    recipient: z
      .string()
      .default('')
      .describe(`One of the framework’s recipients: ${PACKET_RECIPIENTS.join(', ')}`),
    method: z
      .string()
      .default('')
      .describe(`One of ${SENDING_METHODS.join(', ')}`),
    sentOn: z.string().default('').describe('The day it was sent (YYYY-MM-DD), not in the future nor before the packet was made'),
    reference: z.string().default('').describe(`Up to ${SENDING_LIMITS.reference} characters`),
  }),
  'NewSubmissionPacketSending',
);

const ZIP_RESPONSE = {
  description: 'The packet',
  content: { 'application/zip': { schema: z.string().describe('A zip: manifest.json first, then the files') } },
};

function packetOut(k: PacketRow) {
  return { id: k.id, number: k.number, madeAt: k.madeAt, madeBy: k.madeBy, sizeBytes: k.sizeBytes, sha256: k.sha256, manifest: k.manifest };
}

function sendingOut(s: SendingRow) {
  return {
    id: s.id,
    packetId: s.packetId,
    packetNumber: s.packetNumber,
    recipient: s.recipient as (typeof PACKET_RECIPIENTS)[number],
    method: s.method as (typeof SENDING_METHODS)[number],
    sentOn: s.sentOn,
    reference: s.reference,
    recordedAt: s.recordedAt,
  };
}

export default async function packetApi(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { packets } = opts.services;

  app.get(
    BASE,
    {
      config: { access: 'publication.packet', audit: 'PACKET_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listSubmissionPackets',
        summary: 'A review’s submission packets and their recorded sendings (the business unit of its board only)',
        params: ReviewParams,
        response: {
          200: z.object({ recipients: z.array(z.enum(PACKET_RECIPIENTS)), packets: z.array(PacketOut), sendings: z.array(SendingOut) }),
          ...problems(403, 404),
        },
      },
    },
    async (req) => {
      const view = await packets.list(req.caller(), req.params);
      return { recipients: [...view.recipients], packets: view.packets.map(packetOut), sendings: view.sendings.map(sendingOut) };
    },
  );

  app.post(
    `${BASE}/packets`,
    {
      config: { access: 'publication.packet', audit: 'PACKET_MADE' },
      schema: {
        tags,
        operationId: 'makeSubmissionPacket',
        summary:
          'Make the packet (refused, 422, without the executive summary approved in both languages or the report accepted; 409 when another was made at once)',
        params: ReviewParams,
        response: { 201: z.object({ id: Id, number: z.number().int(), sha256: z.string(), sizeBytes: z.number().int() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await packets.make(req.caller(), req.params)),
  );

  app.get(
    `${BASE}/packets/:packetId`,
    {
      config: { access: 'publication.packet', audit: 'PACKET_DOWNLOADED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getSubmissionPacket',
        summary: 'A packet’s zip; every download is audited',
        params: PacketParams,
        response: { 200: ZIP_RESPONSE, ...problems(403, 404) },
      },
    },
    async (req, reply) => {
      const { packetId, ...scope } = req.params;
      return sendDownload(reply as FastifyReply, await packets.download(req.caller(), scope, packetId));
    },
  );

  app.post(
    `${BASE}/sendings`,
    {
      config: { access: 'publication.packet', audit: 'PACKET_SENDING_RECORDED' },
      schema: {
        tags,
        operationId: 'recordSubmissionPacketSending',
        summary: 'Record that a packet was sent (a published SUSR review’s repository upload moves it on)',
        params: ReviewParams,
        body: SendingIn,
        response: { 201: z.object({ id: Id, moved: z.boolean() }), ...problems(403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await packets.recordSending(req.caller(), req.params, req.body)),
  );
}
