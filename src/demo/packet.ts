// The demo's submission packet (issue 13 item 6): for the SUSR whose executive summary is approved in both languages
// (the review next to be published), the business unit makes the packet — the summary in English and Welsh, the
// accepted report, the action plan and the manifest — and records sending it to the Welsh Government by secure email.
// Made through the services as the business unit, so stored, audited and numbered like any other. A review with a
// packet already is left as it is (the demo can be run again).
import type { Services } from '../container.ts';
import type { Caller } from '../services/context.ts';
import { summaryApproval } from '../services/publication/summary-publishable.ts';

/** Seeds the packet and its sending; whether they were made (false when there is no such review or it has a packet). */
export async function seedDemoPacket(services: Services, boardId: string, businessUnit: Caller): Promise<boolean> {
  const as = (action: Caller['action']): Caller => ({ ...businessUnit, action });
  const { items } = await services.reviews.list(as('REVIEWS_LISTED'), boardId, {
    stages: ['BOARD_ACCEPTANCE', 'SUBMITTED_TO_WG', 'PUBLICATION_PREPARATION'],
    frameworkIds: ['SUSR_2024'],
  });
  for (const review of items) {
    const approval = await summaryApproval(services.db.kysely, review.id);
    if (approval.en === null || approval.cy === null) continue;
    const scope = { boardId, reviewId: review.id };
    if ((await services.packets.list(as('PACKET_VIEWED'), scope)).packets.length > 0) return false;
    const packet = await services.packets.make(as('PACKET_MADE'), scope);
    await services.packets.recordSending(as('PACKET_SENDING_RECORDED'), scope, {
      packetId: packet.id,
      recipient: 'welsh_government',
      method: 'secure_email',
      sentOn: services.clock.today(),
      reference: `SUSR notification ${review.reference}`,
    });
    return true;
  }
  return false;
}
