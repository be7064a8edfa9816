// The only reader of process.env. Validated once at start-up; fails fast naming the bad variables.
import { resolve } from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Case Review <no-reply@case-review.invalid>'),
  SERVICE_NAME: z.string().default('Case Review'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(1200),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  // Keys kept outside the database (src/keyring.ts): all three variables, or a key file.
  AUDIT_KEY: z.string().min(1).optional(),
  ENCRYPTION_KEYS: z.string().min(1).optional(),
  BLIND_INDEX_KEY: z.string().min(1).optional(),
  KEYS_FILE: z.string().min(1).optional(),
  // Signed checkpoints of the audit chain's head, written outside the database.
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  AUDIT_CHECKPOINT_EMAIL: z.email().optional(),
});

export type Config = Readonly<{
  host: string;
  port: number;
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  publicUrl: string | undefined;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  serviceName: string;
  logLevel: string;
  trustProxy: boolean;
  rateLimitMax: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  keys: { audit: string | undefined; encryption: string | undefined; blindIndex: string | undefined; file: string | undefined };
  auditCheckpoint: { file: string; everyMs: number; email: string | undefined };
}>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { dialect: 'postgres' as const, url: e.DATABASE_URL }
      : { dialect: 'sqlite' as const, file: resolve(dataDir, 'case-review.sqlite') },
    publicUrl: e.PUBLIC_URL,
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    serviceName: e.SERVICE_NAME,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimitMax: e.RATE_LIMIT_MAX,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    keys: { audit: e.AUDIT_KEY, encryption: e.ENCRYPTION_KEYS, blindIndex: e.BLIND_INDEX_KEY, file: e.KEYS_FILE ? resolve(e.KEYS_FILE) : undefined },
    auditCheckpoint: { file: resolve(dataDir, 'audit-checkpoints.log'), everyMs: e.AUDIT_CHECKPOINT_SECONDS * 1000, email: e.AUDIT_CHECKPOINT_EMAIL },
  });
}
