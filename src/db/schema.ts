// The typed shape of the database as Kysely sees it, composed from its areas' tables (src/db/schema/). Columns
// are what the drivers return: text for ids, instants and dates; integer 0/1 for booleans (same on SQLite and
// PostgreSQL).
import type { ActionChallengeTables } from './schema/action-challenges.ts';
import type { ActionTables } from './schema/actions.ts';
import type { AnonymisationTables } from './schema/anonymisation.ts';
import type { AuditTables } from './schema/audit.ts';
import type { BoardMeetingTables } from './schema/board-meetings.ts';
import type { ChronologyTables } from './schema/chronology.ts';
import type { ContributionTables } from './schema/contributions.ts';
import type { DictionaryTables } from './schema/dictionary.ts';
import type { DocumentTables } from './schema/documents.ts';
import type { FamilyTables } from './schema/family.ts';
import type { FileTables } from './schema/files.ts';
import type { JobTables } from './schema/jobs.ts';
import type { LearningEventTables } from './schema/learning-events.ts';
import type { MilestoneTables } from './schema/milestones.ts';
import type { OrganisationTables } from './schema/organisation.ts';
import type { PacketTables } from './schema/packets.ts';
import type { PanelTables } from './schema/panels.ts';
import type { PublicationTables } from './schema/publication.ts';
import type { PublishedTables } from './schema/published.ts';
import type { ReferralTables } from './schema/referrals.ts';
import type { ReportTables } from './schema/reports.ts';
import type { ReviewRecordTables } from './schema/review-records.ts';
import type { ReviewSetupTables } from './schema/review-setup.ts';
import type { SessionTables } from './schema/sessions.ts';
import type { SummaryTables } from './schema/summaries.ts';
import type { TermsTables } from './schema/terms.ts';

export interface Database
  extends OrganisationTables,
    SessionTables,
    JobTables,
    AuditTables,
    ReferralTables,
    DocumentTables,
    FileTables,
    ReviewRecordTables,
    ReviewSetupTables,
    PanelTables,
    ContributionTables,
    MilestoneTables,
    TermsTables,
    ReportTables,
    FamilyTables,
    LearningEventTables,
    ChronologyTables,
    ActionTables,
    ActionChallengeTables,
    BoardMeetingTables,
    DictionaryTables,
    SummaryTables,
    AnonymisationTables,
    PublicationTables,
    PacketTables,
    PublishedTables {}
