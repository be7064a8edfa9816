// A review's document library (issue 10 item 9): what kinds of document it holds, their classification, and
// who may see and add each. Pure: the service applies these with the caller's permissions on the review.
//
// Who sees what: everyone who may see the review's documents (review.documents_view) sees the library, but
// an agency's own roles (contributor, senior manager) see only documents that belong to their agency — the
// permission is narrowed to the agency like every agency permission (src/domain/permissions.ts). Family
// correspondence names the family: only those who may see the review's restricted material
// (review.documents_restricted: the business unit, the board chair, information governance and the panel's
// independent chair) see it or add to it.
import type { Permission } from '../permissions.ts';

/** What a document is (its kind): agency reports, panel minutes, family correspondence, and the rest. */
export const LIBRARY_KINDS = [
  'agency_report',
  'minutes',
  'family_correspondence',
  'terms_of_reference',
  'chronology',
  'report_draft',
  'correspondence',
  'other',
] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

/** The Government Security Classification marking a document carries (shown on the library and its page). */
export const CLASSIFICATIONS = ['official', 'official_sensitive'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Kinds that belong to one agency's part of the review: they name the agency. */
const AGENCY_KINDS: readonly LibraryKind[] = ['agency_report'];
/** Kinds that identify the family: restricted. */
const RESTRICTED_KINDS: readonly LibraryKind[] = ['family_correspondence'];

export function isLibraryKind(value: string): value is LibraryKind {
  return (LIBRARY_KINDS as readonly string[]).includes(value);
}

export function isClassification(value: string): value is Classification {
  return (CLASSIFICATIONS as readonly string[]).includes(value);
}

/** Whether a kind names an agency (required for it, refused for every other kind). */
export function kindNamesAgency(kind: LibraryKind): boolean {
  return AGENCY_KINDS.includes(kind);
}

/**
 * The permissions needed, on the review and the document's agency, to see a document of the kind (`read`)
 * or to add one or a new version (`add`): each must be held.
 */
export function libraryPermissions(kind: LibraryKind, action: 'read' | 'add'): Permission[] {
  const base: Permission = action === 'read' ? 'review.documents_view' : 'review.documents_add';
  return RESTRICTED_KINDS.includes(kind) ? [base, 'review.documents_restricted'] : [base];
}
