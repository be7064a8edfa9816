// The composition root: one function builds every service, for the web app, the API and the CLI alike.
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { ping } from './db/database.ts';
import { migrationsAreCurrent } from './db/migrator.ts';
import { PACKET_MAX_BYTES } from './domain/files.ts';
import { fieldCipher, type Keyring } from './keyring.ts';
import { ActionPlanService } from './services/actions/action-plan-service.ts';
import { ActionProgressService } from './services/actions/action-progress-service.ts';
import { ACTION_REMINDERS_EVERY_MS, ACTION_REMINDERS_JOB, ActionReminders } from './services/actions/action-reminders.ts';
import { ChallengeService } from './services/actions/challenge-service.ts';
import { PlanSpreadsheetService } from './services/actions/plan-spreadsheet-service.ts';
import { ProgressReportService } from './services/actions/progress-report-service.ts';
import { AdminBootstrapService } from './services/admin-bootstrap.ts';
import { AgencyContactService } from './services/agency-contact-service.ts';
import { AtRestService } from './services/at-rest-service.ts';
import { AuditService } from './services/audit-service.ts';
import { BoardMeetingService } from './services/board-meeting-service.ts';
import { CHRONOLOGY_IMPORT_JOB, ChronologyImportService } from './services/chronology/chronology-import.ts';
import { MergedChronologyService } from './services/chronology/chronology-outputs.ts';
import { ChronologyService } from './services/chronology/chronology-service.ts';
import { ConsiderationService } from './services/consideration-service.ts';
import { type Clock, systemClock } from './services/context.ts';
import { CONTRIBUTION_REMINDERS_EVERY_MS, CONTRIBUTION_REMINDERS_JOB, ContributionReminders } from './services/contribution-reminders.ts';
import { ContributionService } from './services/contribution-service.ts';
import { agencyReportSource } from './services/documents/agency-report-source.ts';
import { challengeLetterSource } from './services/documents/challenge-letter-source.ts';
import { decisionLetterSource } from './services/documents/decision-letter-source.ts';
import { DocumentService } from './services/documents/document-service.ts';
import { progressReportSource } from './services/documents/progress-report-source.ts';
import { reviewNotificationSource } from './services/documents/review-notification-source.ts';
import { reviewReportSource } from './services/documents/review-report-source.ts';
import { termsOfReferenceSource } from './services/documents/terms-of-reference-source.ts';
import { EarlyLearningService } from './services/early-learning-service.ts';
import { EmailChangeService } from './services/email-change-service.ts';
import { FamilyService } from './services/family-service.ts';
import { FileStorageCheckService } from './services/file-storage-check-service.ts';
import type { BlobStore } from './services/files/blob-store.ts';
import { ClamdClient } from './services/files/clamd.ts';
import { FILE_SWEEP_EVERY_MS, FILE_SWEEP_JOB, FileService } from './services/files/file-service.ts';
import { LocalBlobStore } from './services/files/local-blob-store.ts';
import { S3BlobStore } from './services/files/s3-blob-store.ts';
import { HOUSEKEEPING_EVERY_MS, HOUSEKEEPING_JOB, HousekeepingService } from './services/housekeeping.ts';
import { IdentityService } from './services/identity-service.ts';
import { JobService } from './services/job-service.ts';
import { LearningEventService } from './services/learning-event-service.ts';
import { MAIL_JOB, MailService } from './services/mail-service.ts';
import { MilestoneService } from './services/milestone-service.ts';
import { OrganisationService } from './services/organisation-service.ts';
import { PanelMeetingService } from './services/panel-meeting-service.ts';
import { PanelRegisterService } from './services/panel-register-service.ts';
import { PanelService } from './services/panel-service.ts';
import { PeopleService } from './services/people-service.ts';
import { AnonymisationService } from './services/publication/anonymisation-service.ts';
import { DictionaryService } from './services/publication/dictionary-service.ts';
import { PacketService } from './services/publication/packet-service.ts';
import { PUBLICATION_JOB, PUBLICATION_JOB_EVERY_MS, PublicationService } from './services/publication/publication-service.ts';
import { PublishedService } from './services/publication/published-service.ts';
import { SummaryService } from './services/publication/summary-service.ts';
import { executiveSummarySource } from './services/publication/summary-source.ts';
import { SummaryTranslations } from './services/publication/summary-translations.ts';
import { ReferralService } from './services/referral-service.ts';
import { ReportService } from './services/report-service.ts';
import { ReviewLibraryService } from './services/review-library-service.ts';
import { ReviewPageService } from './services/review-page.ts';
import { ReviewRolesService } from './services/review-roles.ts';
import { ReviewService } from './services/review-service.ts';
import { ReviewSetupService } from './services/review-setup-service.ts';
import { RoleService } from './services/role-service.ts';
import { SessionService } from './services/session-service.ts';
import { TermsService } from './services/terms-service.ts';
import { TokenService } from './services/token-service.ts';

export interface ContainerDeps {
  db: Db;
  config: Config;
  /** The keys kept outside the database (src/keyring.ts). */
  keyring: Keyring;
  clock?: Clock;
  /** Where file contents go; by default as configured (FILE_STORAGE). */
  blobStore?: BlobStore;
}

/** The configured store of file contents: local disk under DATA_DIR, or S3-compatible storage. */
function configuredBlobStore(config: Config): BlobStore {
  const storage = config.files.storage;
  return storage.kind === 's3' ? new S3BlobStore(storage) : new LocalBlobStore(storage.dir);
}

export function createServices({ db, config, keyring, clock = systemClock, blobStore }: ContainerDeps) {
  const cipher = fieldCipher(keyring);
  const audit = new AuditService({ db, clock, auditKey: keyring.audit });
  const jobs = new JobService({ db, clock, cipher, audit });
  const mail = new MailService({ jobs, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const housekeeping = new HousekeepingService({ db, clock });
  // Every kind of background job, by name, with what runs it; and the recurring ones.
  jobs.register(MAIL_JOB, mail.job());
  jobs.register(HOUSEKEEPING_JOB, housekeeping.job());
  jobs.schedule({ name: HOUSEKEEPING_JOB, kind: HOUSEKEEPING_JOB, everyMs: HOUSEKEEPING_EVERY_MS });
  // Links in emails and shown to administrators: PUBLIC_URL (or the configured host and port), never a request's Host.
  const publicUrl = () => config.publicBase;
  const identity = new IdentityService({ db, clock, audit, mail, cipher, serviceName: config.serviceName, publicUrl });
  const roles = new RoleService({ db, clock, audit, mail, publicUrl });
  const emailChanges = new EmailChangeService({ db, clock, audit, mail, publicUrl });
  const reviewRoles = new ReviewRolesService({ db, clock, audit, identity });
  const files = new FileService({
    db,
    clock,
    audit,
    cipher,
    blindIndexKey: keyring.blindIndex,
    store: blobStore ?? configuredBlobStore(config),
    scanner: config.files.clamd ? new ClamdClient(config.files.clamd, config.files.clamdTimeoutMs) : undefined,
    limits: { maxBytes: { ...config.files.maxBytes, packet: PACKET_MAX_BYTES } },
  });
  // Stored objects that uploads which died, or failed deletions, left behind: hourly, once across instances.
  jobs.register(FILE_SWEEP_JOB, { maxAttempts: 3, run: async () => void (await files.sweep()) });
  jobs.schedule({ name: FILE_SWEEP_JOB, kind: FILE_SWEEP_JOB, everyMs: FILE_SWEEP_EVERY_MS });
  // Agency contributions to reviews, and the hourly scan that reminds agencies around their due dates (once per rung).
  const contributionReminders = new ContributionReminders({ db, clock, audit, mail, publicUrl });
  jobs.register(CONTRIBUTION_REMINDERS_JOB, contributionReminders.job());
  jobs.schedule({ name: CONTRIBUTION_REMINDERS_JOB, kind: CONTRIBUTION_REMINDERS_JOB, everyMs: CONTRIBUTION_REMINDERS_EVERY_MS });
  // The parts of a review whose sections its page reads in one transaction (ReviewPageService).
  const reviews = new ReviewService({ db, clock, audit, reviewRoles });
  const milestones = new MilestoneService({ db, clock, audit });
  const panel = new PanelService({ db, clock, audit, mail, reviewRoles, publicUrl });
  const contributions = new ContributionService({ db, clock, audit, mail, files, reviewRoles, publicUrl });
  const terms = new TermsService({ db, clock, audit });
  const family = new FamilyService({ db, clock, audit, cipher });
  const learningEvents = new LearningEventService({ db, clock, audit, milestones, mail, cipher });
  const report = new ReportService({ db, clock, audit });
  const chronology = new ChronologyService({ db, clock, audit });
  const dictionary = new DictionaryService({ db, clock, audit, cipher });
  const summary = new SummaryService({ db, clock, audit });
  const summaryTranslations = new SummaryTranslations({ db, clock, audit });
  const anonymisation = new AnonymisationService({ db, clock, audit, cipher });
  // A review's publication; its releases at the embargo's time, hold re-check prompts and withdrawals: a recurring scan.
  const publication = new PublicationService({ db, clock, audit, cipher, mail, publicUrl });
  jobs.register(PUBLICATION_JOB, publication.job());
  // The public pages of released reviews: read from their snapshots only.
  const published = new PublishedService({ db, clock });
  jobs.schedule({ name: PUBLICATION_JOB, kind: PUBLICATION_JOB, everyMs: PUBLICATION_JOB_EVERY_MS });
  // The action plan: its recommendations and actions (early learning's too), and progress on each action.
  const actionPlans = new ActionPlanService({ db, clock, audit, reviewRoles });
  const actionProgress = new ActionProgressService({ db, clock, audit, files, plans: actionPlans });
  // The document pipeline: each kind of document and the source that composes it from its record.
  const documents = new DocumentService({
    db,
    clock,
    audit,
    sources: {
      decision_letter: decisionLetterSource,
      review_notification_letter: reviewNotificationSource,
      terms_of_reference: termsOfReferenceSource,
      review_report: reviewReportSource,
      board_progress_report: progressReportSource(clock),
      challenge_letter: challengeLetterSource,
      executive_summary: executiveSummarySource,
      agency_report: agencyReportSource,
    },
  });
  const actionSheets = new PlanSpreadsheetService({ db, clock, audit, files, plans: actionPlans });
  // The submission packet of a review (issue 13 item 6): its documents through their pipelines, zipped, stored as a file.
  const packets = new PacketService({ db, clock, audit, files, documents, actionSheets });
  // Reminders and the board's escalation ladder for actions: an hourly scan, each reminder and rung once per action.
  const actionReminders = new ActionReminders({ db, clock, audit, mail, documents, publicUrl });
  jobs.register(ACTION_REMINDERS_JOB, actionReminders.job());
  jobs.schedule({ name: ACTION_REMINDERS_JOB, kind: ACTION_REMINDERS_JOB, everyMs: ACTION_REMINDERS_EVERY_MS });
  // Spreadsheets imported into an agency's chronology: uploaded, then read and written by a job.
  const chronologyImports = new ChronologyImportService({ db, clock, audit, files, jobs });
  jobs.register(CHRONOLOGY_IMPORT_JOB, chronologyImports.job());
  return {
    db,
    config,
    clock,
    keyring,
    cipher,
    audit,
    jobs,
    mail,
    housekeeping,
    identity,
    atRest: new AtRestService({ db, cipher }),
    sessions: new SessionService({ db, clock, cipher, idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs }),
    organisation: new OrganisationService({ db, clock, audit }),
    roles,
    emailChanges,
    people: new PeopleService({ db, clock, audit, identity, roles, emailChanges }),
    tokens: new TokenService({ db, clock, audit }),
    referrals: new ReferralService({ db, clock, audit, cipher }),
    consideration: new ConsiderationService({ db, clock, audit, mail, publicUrl, cipher }),
    reviews,
    reviewRoles,
    milestones,
    learningEvents,
    panelMeetings: new PanelMeetingService({ db, clock, audit }),
    boardMeetings: new BoardMeetingService({ db, clock, audit }),
    library: new ReviewLibraryService({ db, clock, audit, cipher, files }),
    earlyLearning: new EarlyLearningService({ db, clock, audit, plans: actionPlans }),
    actionPlans,
    actionProgress,
    actionSheets,
    family,
    dictionary,
    summary,
    summaryTranslations,
    anonymisation,
    publication,
    packets,
    published,
    reviewSetup: new ReviewSetupService({ db, clock, audit, cipher }),
    panel,
    register: new PanelRegisterService({ db, clock, audit }),
    contributions,
    chronology,
    chronologyImports,
    mergedChronology: new MergedChronologyService({ db, clock, audit, cipher }),
    contributionReminders,
    agencyContacts: new AgencyContactService({ db, clock, audit }),
    documents,
    actionReminders,
    challenges: new ChallengeService({ db, clock, audit }),
    progressReports: new ProgressReportService({ db, clock, audit, documents }),
    terms,
    report,
    reviewPage: new ReviewPageService(
      { db, audit },
      {
        reviews,
        panel,
        milestones,
        contributions,
        terms,
        family,
        learningEvents,
        report,
        chronology,
        dictionary,
        summary,
        anonymisation,
        publication,
        packets,
      },
    ),
    adminBootstrap: new AdminBootstrapService({ db, clock, audit, identity }),
    files,
    fileStorageCheck: new FileStorageCheckService({ files }),
    health: {
      dialect: db.dialect,
      migrationsCurrent: () => migrationsAreCurrent(db),
      ping: () => ping(db),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
