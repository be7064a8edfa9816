// A version of a review's report as the pages and the API read it (ReportService): a saved version, or the
// first draft of a review whose report has none saved yet.
import type { ReportVersionWithSections } from '../db/repositories/report-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { initialReport, type ReportContent, type ReportStatus } from '../domain/reviews/report.ts';

export interface ReportVersionView {
  id: string | null;
  version: number;
  status: ReportStatus;
  saved: boolean;
  revision: number;
  content: ReportContent;
  revisions: Record<string, number>;
  submittedByName: string | null;
  submittedAt: string | null;
  qaByName: string | null;
  qaAt: string | null;
  acceptedByName: string | null;
  acceptedAt: string | null;
}

export function viewOf(v: ReportVersionWithSections): ReportVersionView {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    saved: true,
    revision: v.revision,
    content: v.content,
    revisions: v.revisions,
    submittedByName: v.submittedByName,
    submittedAt: v.submittedAt,
    qaByName: v.qaByName,
    qaAt: v.qaAt,
    acceptedByName: v.acceptedByName,
    acceptedAt: v.acceptedAt,
  };
}

export function unsaved(review: ReviewRow): ReportVersionView {
  const content = initialReport(review.frameworkId);
  return {
    id: null,
    version: 1,
    status: 'draft',
    saved: false,
    revision: 0,
    content,
    revisions: Object.fromEntries(Object.keys(content).map((s) => [s, 0])),
    submittedByName: null,
    submittedAt: null,
    qaByName: null,
    qaAt: null,
    acceptedByName: null,
    acceptedAt: null,
  };
}
