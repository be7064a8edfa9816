// A review's submission packets and their recorded sendings (issue 13 item 6): rows only; the packet service
// decides who may make, read and record, and the file service keeps the zip.
import type { PacketManifest } from '../../domain/publication/packet.ts';
import type { Executor } from '../transaction.ts';

export interface PacketRow {
  id: string;
  reviewId: string;
  boardId: string;
  number: number;
  fileId: string;
  manifest: PacketManifest;
  sha256: string;
  sizeBytes: number;
  madeBy: string | null;
  madeByName: string | null;
  madeAt: string;
}

export interface SendingRow {
  id: string;
  packetId: string;
  packetNumber: number;
  recipient: string;
  method: string;
  sentOn: string;
  reference: string;
  recordedByName: string | null;
  recordedAt: string;
}

function packetQuery(db: Executor) {
  return db
    .selectFrom('submission_packets as k')
    .leftJoin('people as p', 'p.id', 'k.made_by')
    .select(['k.id', 'k.review_id', 'k.board_id', 'k.number', 'k.file_id', 'k.manifest', 'k.sha256', 'k.size_bytes', 'k.made_by', 'k.made_at', 'p.full_name']);
}

function packetOf(r: {
  id: string;
  review_id: string;
  board_id: string;
  number: number;
  file_id: string;
  manifest: string;
  sha256: string;
  size_bytes: number | string;
  made_by: string | null;
  made_at: string;
  full_name: string | null;
}): PacketRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    number: Number(r.number),
    fileId: r.file_id,
    manifest: JSON.parse(r.manifest) as PacketManifest,
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    madeBy: r.made_by,
    madeByName: r.full_name,
    madeAt: r.made_at,
  };
}

/** The review's packets, newest first. */
export async function reviewPackets(db: Executor, reviewId: string): Promise<PacketRow[]> {
  return (await packetQuery(db).where('k.review_id', '=', reviewId).orderBy('k.number', 'desc').execute()).map(packetOf);
}

export async function findPacket(db: Executor, reviewId: string, id: string): Promise<PacketRow | undefined> {
  const row = await packetQuery(db).where('k.review_id', '=', reviewId).where('k.id', '=', id).executeTakeFirst();
  return row ? packetOf(row) : undefined;
}

export async function nextPacketNumber(db: Executor, reviewId: string): Promise<number> {
  const row = await db
    .selectFrom('submission_packets')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('review_id', '=', reviewId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertPacket(db: Executor, p: Omit<PacketRow, 'madeByName'>): Promise<void> {
  await db
    .insertInto('submission_packets')
    .values({
      id: p.id,
      review_id: p.reviewId,
      board_id: p.boardId,
      number: p.number,
      file_id: p.fileId,
      manifest: JSON.stringify(p.manifest),
      sha256: p.sha256,
      size_bytes: p.sizeBytes,
      made_by: p.madeBy,
      made_at: p.madeAt,
    })
    .execute();
}

/** The review's recorded sendings, latest first. */
export async function reviewSendings(db: Executor, reviewId: string): Promise<SendingRow[]> {
  const rows = await db
    .selectFrom('submission_packet_sendings as s')
    .innerJoin('submission_packets as k', 'k.id', 's.packet_id')
    .leftJoin('people as p', 'p.id', 's.recorded_by')
    .select(['s.id', 's.packet_id', 'k.number', 's.recipient', 's.method', 's.sent_on', 's.reference', 'p.full_name', 's.recorded_at'])
    .where('s.review_id', '=', reviewId)
    .orderBy('s.sent_on', 'desc')
    .orderBy('s.recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    packetId: r.packet_id,
    packetNumber: Number(r.number),
    recipient: r.recipient,
    method: r.method,
    sentOn: r.sent_on,
    reference: r.reference,
    recordedByName: r.full_name,
    recordedAt: r.recorded_at,
  }));
}

export async function insertSending(
  db: Executor,
  s: {
    id: string;
    packetId: string;
    reviewId: string;
    boardId: string;
    recipient: string;
    method: string;
    sentOn: string;
    reference: string;
    recordedBy: string | null;
    recordedAt: string;
  },
): Promise<void> {
  await db
    .insertInto('submission_packet_sendings')
    .values({
      id: s.id,
      packet_id: s.packetId,
      review_id: s.reviewId,
      board_id: s.boardId,
      recipient: s.recipient,
      method: s.method,
      sent_on: s.sentOn,
      reference: s.reference,
      recorded_by: s.recordedBy,
      recorded_at: s.recordedAt,
    })
    .execute();
}
