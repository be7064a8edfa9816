// A submission packet for tests that need one without a review's approved documents (the access matrix's world):
// a small zip (a manifest and one text file saying `text`) stored through the file service with its packet row, as
// PacketService.make stores one.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Services } from '../container.ts';
import { insertRequest, saveSections } from '../db/repositories/contributions-repository.ts';
import { insertPacket } from '../db/repositories/packets-repository.ts';
import { type PacketManifest, packetZip } from '../domain/publication/packet.ts';
import { type Caller, newId } from '../services/context.ts';
import { packetOwner } from '../services/publication/packet-service.ts';

export async function seedStoredPacket(services: Services, caller: Caller, scope: { boardId: string; reviewId: string }, text: string): Promise<string> {
  const review = await services.db.kysely.selectFrom('reviews').select(['reference', 'decided_on']).where('id', '=', scope.reviewId).executeTakeFirstOrThrow();
  const bytes = Buffer.from(text);
  const manifest: PacketManifest = {
    format: 'case-review-submission-packet/1',
    reference: review.reference,
    framework: { id: 'SCR_2006', nameEn: 'Serious Case Review', nameCy: 'Adolygiad Achos Difrifol' },
    board: { nameEn: text, nameCy: text },
    recipients: ['welsh_government'],
    dates: { referral: null, decision: review.decided_on, reportAccepted: null, publication: null },
    themes: [],
    files: [
      { name: 'note.txt', kind: 'OVERVIEW', language: 'en', version: 1, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    ],
  };
  const zip = packetZip(manifest, [{ name: 'note.txt', kind: 'OVERVIEW', language: 'en', version: 1, bytes }]);
  const id = newId();
  await services.files.upload(
    { ...caller, action: 'PACKET_MADE' },
    { boardId: scope.boardId, purpose: 'packet', name: 'packet.zip', content: Readable.from([zip]), owner: packetOwner(id) },
    async (trx, file) => {
      await insertPacket(trx, {
        id,
        reviewId: scope.reviewId,
        boardId: scope.boardId,
        number: 1,
        fileId: file.id,
        manifest,
        sha256: createHash('sha256').update(zip).digest('hex'),
        sizeBytes: zip.length,
        madeBy: caller.actor?.personId ?? null,
        madeAt: services.clock.now().toISOString(),
      });
    },
  );
  return id;
}

/**
 * A signed-off IMR of an agency on a review, with its sections, written through the repositories (a review on the CPR
 * path, as the publication fixtures make it, asks its agencies for timelines): the request's id.
 */
export async function seedSignedOffReport(
  services: Services,
  scope: { boardId: string; reviewId: string },
  agencyId: string,
  sections: Record<string, string>,
): Promise<string> {
  const id = newId();
  const at = services.clock.now().toISOString();
  await insertRequest(
    services.db.kysely,
    {
      id,
      reviewId: scope.reviewId,
      boardId: scope.boardId,
      agencyId,
      contactId: null,
      kind: 'imr',
      status: 'signed_off',
      requestedOn: '2026-10-01',
      dueOn: '2026-11-01',
    },
    at,
  );
  await saveSections(services.db.kysely, id, sections, null, at);
  return id;
}
