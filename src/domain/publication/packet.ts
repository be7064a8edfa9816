// The submission packet (issue 13 item 6; DOMAIN.md §1.2, §3.4, §4.1, §8.6 R9, R16): what each framework sends,
// and to whom, as one zip with a manifest. Pure rules and the zip itself: the service reads the documents.
//
// What goes in (decided from DOMAIN.md): every framework sends the approved executive summary in English and
// Welsh, the accepted overview / reviewers' report and the action plan. Under the 2006 SCR framework the Welsh
// Government also receives every agency report (reg 4(5), R9): the review's received contributions' files go in
// too. CPR and SUSR send the report, not the agencies' reports (the report is what WG and, for SUSR, the Wales
// Safeguarding Repository receive: §2.5, §3.4, R16); the merged chronology is in the report's appendix (the
// summary timeline), so it is not sent separately. England (CSPR 2018) sends to the national panel.
//
// Deterministic: the same documents make the same bytes (entries in a fixed order, a fixed timestamp, fixed
// compression), so the packet's SHA-256 says which packet someone has. The manifest carries no time of making.
import { zipSync } from 'fflate';
import type { FrameworkId } from '../frameworks/types.ts';

/** Who a framework's packet goes to. */
export const PACKET_RECIPIENTS = ['welsh_government', 'national_panel', 'wales_safeguarding_repository'] as const;
export type PacketRecipient = (typeof PACKET_RECIPIENTS)[number];

export const FRAMEWORK_RECIPIENTS: Record<FrameworkId, readonly PacketRecipient[]> = {
  SCR_2006: ['welsh_government'],
  CPR_2013: ['welsh_government'],
  CPR_2016: ['welsh_government'],
  SUSR_2024: ['welsh_government', 'wales_safeguarding_repository'],
  CSPR_2018: ['national_panel'],
};

/** Whether the framework's packet includes the agency reports (the 2006 regulations, reg 4(5)). */
export const sendsAgencyReports = (frameworkId: FrameworkId): boolean => frameworkId === 'SCR_2006';

/** How a packet was sent: the system cannot connect to those bodies, so someone sends it and says how. */
export const SENDING_METHODS = ['secure_email', 'portal_upload', 'post', 'by_hand', 'other'] as const;
export type SendingMethod = (typeof SENDING_METHODS)[number];

export const isRecipient = (v: string): v is PacketRecipient => (PACKET_RECIPIENTS as readonly string[]).includes(v);
export const isSendingMethod = (v: string): v is SendingMethod => (SENDING_METHODS as readonly string[]).includes(v);

export const SENDING_LIMITS = { reference: 200 } as const;

/** The kinds of file a packet holds (DOMAIN.md §8.1 ReportDocument kinds, and the action plan). */
type PacketFileKind = 'EXEC_SUMMARY' | 'OVERVIEW' | 'ACTION_PLAN' | 'IMR';

export interface PacketFile {
  name: string;
  kind: PacketFileKind;
  language: 'en' | 'cy' | null;
  /** The document's version (the summary's, the report's); null for a file that has none. */
  version: number | null;
  bytes: Buffer;
}

interface ManifestFile {
  name: string;
  kind: PacketFileKind;
  language: 'en' | 'cy' | null;
  version: number | null;
  sizeBytes: number;
  sha256: string;
}

export interface PacketManifest {
  format: 'case-review-submission-packet/1';
  reference: string;
  framework: { id: FrameworkId; nameEn: string; nameCy: string };
  board: { nameEn: string; nameCy: string };
  recipients: PacketRecipient[];
  dates: { referral: string | null; decision: string; reportAccepted: string | null; publication: string | null };
  themes: string[];
  files: ManifestFile[];
}

/** The name of the manifest inside the packet. */
const MANIFEST_NAME = 'manifest.json';

/**
 * Every entry's time: 1 January 2000, 00:00, as the zip's local date fields (fflate writes local time, so the
 * date is built from local fields: the same bytes in any time zone).
 */
const FIXED_TIME = () => new Date(2000, 0, 1, 0, 0, 0);

/** A zip of the entries in the order given, every entry with the fixed time, deflated at level 6. */
export function deterministicZip(entries: readonly { name: string; bytes: Uint8Array }[]): Buffer {
  const input: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
  for (const e of entries) {
    if (input[e.name]) throw new Error(`two entries named ${e.name}`);
    input[e.name] = [e.bytes, { level: 6, mtime: FIXED_TIME() }];
  }
  return Buffer.from(zipSync(input));
}

/** The manifest first (so the packet reads as a plain zip, not as an office document), then the files by name. */
export function packetZip(manifest: PacketManifest, files: readonly PacketFile[]): Buffer {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return deterministicZip([{ name: MANIFEST_NAME, bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...sorted]);
}

/** A packet's download name: the review's reference and the packet's number (never a person's name). */
export function packetFileName(reference: string, number: number): string {
  return `${reference.replace(/[^A-Za-z0-9-]+/g, '-')}-submission-packet-${number}.zip`;
}
