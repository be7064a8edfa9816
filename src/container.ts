// The composition root: one function builds every service, for the web app, the API and the CLI alike.
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { ping } from './db/database.ts';
import { migrationsAreCurrent } from './db/migrator.ts';
import { fieldCipher, type Keyring } from './keyring.ts';
import { AdminBootstrapService } from './services/admin-bootstrap.ts';
import { AtRestService } from './services/at-rest-service.ts';
import { AuditService } from './services/audit-service.ts';
import { ConsiderationService } from './services/consideration-service.ts';
import { type Clock, systemClock } from './services/context.ts';
import { EmailChangeService } from './services/email-change-service.ts';
import { FileStorageCheckService } from './services/file-storage-check-service.ts';
import type { BlobStore } from './services/files/blob-store.ts';
import { ClamdClient } from './services/files/clamd.ts';
import { FileService } from './services/files/file-service.ts';
import { LocalBlobStore } from './services/files/local-blob-store.ts';
import { S3BlobStore } from './services/files/s3-blob-store.ts';
import { IdentityService } from './services/identity-service.ts';
import { MailService } from './services/mail-service.ts';
import { OrganisationService } from './services/organisation-service.ts';
import { PeopleService } from './services/people-service.ts';
import { ReferralService } from './services/referral-service.ts';
import { RoleService } from './services/role-service.ts';
import { SessionService } from './services/session-service.ts';
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
  const mail = new MailService({ db, clock, smtpUrl: config.smtpUrl, from: config.mailFrom });
  // Links in emails and shown to administrators: PUBLIC_URL (or the configured host and port), never a request's Host.
  const publicUrl = () => config.publicBase;
  const identity = new IdentityService({ db, clock, audit, mail, cipher, serviceName: config.serviceName, publicUrl });
  const roles = new RoleService({ db, clock, audit, mail, publicUrl });
  const emailChanges = new EmailChangeService({ db, clock, audit, mail, publicUrl });
  const files = new FileService({
    db,
    clock,
    audit,
    cipher,
    blindIndexKey: keyring.blindIndex,
    store: blobStore ?? configuredBlobStore(config),
    scanner: config.files.clamd ? new ClamdClient(config.files.clamd, config.files.clamdTimeoutMs) : undefined,
    limits: { maxBytes: config.files.maxBytes },
  });
  return {
    db,
    config,
    clock,
    keyring,
    cipher,
    audit,
    mail,
    identity,
    atRest: new AtRestService({ db, cipher }),
    sessions: new SessionService({ db, clock, cipher, idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs }),
    organisation: new OrganisationService({ db, clock, audit }),
    roles,
    emailChanges,
    people: new PeopleService({ db, clock, audit, identity, roles, emailChanges }),
    tokens: new TokenService({ db, clock, audit }),
    referrals: new ReferralService({ db, clock, audit, cipher }),
    consideration: new ConsiderationService({ db, clock, audit, mail, baseUrl: publicUrl }),
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
