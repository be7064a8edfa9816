// Signing in and staying signed in: one-time links, sessions, sign-in attempts and throttles, password reset
// requests, API tokens.
import type { Selectable } from 'kysely';

export interface OneTimeLinksTable {
  id: string;
  token_hash: string;
  purpose: string;
  person_id: string | null;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SessionsTable {
  id: string;
  person_id: string | null;
  data: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  absolute_expires_at: string;
}

export interface SignInAttemptsTable {
  id: string;
  email: string;
  ip: string;
  succeeded: number;
  occurred_at: string;
}

/** outcome: 'sent' (a link was emailed), 'no_account' (no active person) or 'suppressed' (rate limited). */
export interface PasswordResetRequestsTable {
  id: string;
  person_id: string | null;
  ip: string;
  outcome: string;
  requested_at: string;
}

export interface SignInThrottlesTable {
  bucket: string;
  failures: number;
  last_failure_at: string;
  next_attempt_at: string;
  version: number;
  warned_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  person_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionTables {
  one_time_links: OneTimeLinksTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  password_reset_requests: PasswordResetRequestsTable;
  sign_in_throttles: SignInThrottlesTable;
  api_tokens: ApiTokensTable;
}

export type OneTimeLinkRow = Selectable<OneTimeLinksTable>;
export type SessionRow = Selectable<SessionsTable>;
export type SignInThrottleRow = Selectable<SignInThrottlesTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
