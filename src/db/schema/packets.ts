// A review's submission packets and their sendings (issue 13 item 6; 2026_12_13_0200_create_submission_packets.ts).

export interface SubmissionPacketsTable {
  id: string;
  review_id: string;
  board_id: string;
  /** 1, 2, … on the review. */
  number: number;
  /** The zip, a stored file (encrypted at rest) the packet references. */
  file_id: string;
  /** src/domain/publication/packet.ts PacketManifest as JSON. */
  manifest: string;
  /** SHA-256 of the zip, hex. */
  sha256: string;
  size_bytes: number;
  made_by: string | null;
  made_at: string;
}

export interface SubmissionPacketSendingsTable {
  id: string;
  packet_id: string;
  review_id: string;
  board_id: string;
  /** PACKET_RECIPIENTS. */
  recipient: string;
  /** SENDING_METHODS. */
  method: string;
  sent_on: string;
  reference: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface PacketTables {
  submission_packets: SubmissionPacketsTable;
  submission_packet_sendings: SubmissionPacketSendingsTable;
}
