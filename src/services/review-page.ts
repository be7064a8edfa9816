// A review's page (issue 10): its workspace and the section each part of the review adds — the panel, the
// milestones, the agency contributions, the terms of reference — read in ONE transaction, after one access
// check, and written as one audited read. A part adds its section here: a `sectionIn(db, caller, review)` of its
// service (reads only, in the given transaction, null when the reader may not see that part) and one line below.
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditService } from './audit-service.ts';
import type { ChronologyService } from './chronology/chronology-service.ts';
import type { Caller } from './context.ts';
import type { ContributionService } from './contribution-service.ts';
import type { FamilyService } from './family-service.ts';
import type { LearningEventService } from './learning-event-service.ts';
import type { MilestoneService } from './milestone-service.ts';
import type { PanelService } from './panel-service.ts';
import type { AnonymisationService } from './publication/anonymisation-service.ts';
import type { DictionaryService } from './publication/dictionary-service.ts';
import type { PacketService } from './publication/packet-service.ts';
import type { PublicationService } from './publication/publication-service.ts';
import type { SummaryService } from './publication/summary-service.ts';
import type { ReportService } from './report-service.ts';
import { reviewInScope } from './review-access.ts';
import type { ReviewService } from './review-service.ts';
import type { TermsService } from './terms-service.ts';

export interface ReviewPageParts {
  reviews: ReviewService;
  panel: PanelService;
  milestones: MilestoneService;
  contributions: ContributionService;
  terms: TermsService;
  family: FamilyService;
  learningEvents: LearningEventService;
  report: ReportService;
  chronology: ChronologyService;
  dictionary: DictionaryService;
  packets: PacketService;
  summary: SummaryService;
  anonymisation: AnonymisationService;
  publication: PublicationService;
}

export class ReviewPageService {
  constructor(
    private readonly deps: { db: Db; audit: AuditService },
    private readonly parts: ReviewPageParts,
  ) {}

  /** The review's workspace with every part's section, as the reader may see it; the read is audited. */
  async view(caller: Caller, boardId: string, reviewId: string) {
    const p = this.parts;
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.view');
      const workspace = await p.reviews.workspaceIn(trx, caller, review);
      const sections = {
        panel: await p.panel.sectionIn(trx, caller, review),
        milestones: await p.milestones.sectionIn(trx, caller, review),
        contributions: await p.contributions.sectionIn(trx, caller, review),
        terms: await p.terms.sectionIn(trx, caller, review),
        family: await p.family.sectionIn(trx, caller, review),
        learningEvent: await p.learningEvents.sectionIn(trx, caller, review),
        report: await p.report.sectionIn(trx, caller, review),
        chronology: await p.chronology.sectionIn(trx, caller, review),
        dictionary: await p.dictionary.sectionIn(trx, caller, review),
        summary: await p.summary.sectionIn(trx, caller, review),
        anonymisation: await p.anonymisation.sectionIn(trx, caller, review),
        publication: await p.publication.sectionIn(trx, caller, review),
        packet: p.packets.sectionIn(caller, review),
      };
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { timeline: workspace.timeline.length } });
      return { ...workspace, sections };
    });
  }
}
