// In-code migration provider: the list is explicit so the build needs no directory scanning.
import type { Migration, MigrationProvider } from 'kysely';
import * as m20261127_0400 from './2026_11_27_0400_create_foundation.ts';
import * as m20261127_0600 from './2026_11_27_0600_create_referrals.ts';
import * as m20261128_0900 from './2026_11_28_0900_create_password_reset_requests.ts';
import * as m20261206_0900 from './2026_12_06_0900_key_audit_and_encrypt_at_rest.ts';
import * as m20261206_1000 from './2026_12_06_1000_create_role_grants_and_email_changes.ts';
import * as m20261206_1100 from './2026_12_06_1100_create_sign_in_throttles.ts';
import * as m20261206_1200 from './2026_12_06_1200_create_board_counters.ts';
import * as m20261206_1201 from './2026_12_06_1201_create_meeting_guests.ts';
import * as m20261206_1300 from './2026_12_06_1300_unique_roles_in_effect.ts';
import * as m20261207_0100 from './2026_12_07_0100_create_jobs.ts';
import * as m20261207_0200 from './2026_12_07_0200_create_files.ts';
import * as m20261207_0300 from './2026_12_07_0300_create_documents.ts';
import * as m20261207_0500 from './2026_12_07_0500_referrers_frameworks_and_england_clocks.ts';
import * as m20261207_0600 from './2026_12_07_0600_pseudonyms_as_kind_and_index.ts';
import * as m20261207_0700 from './2026_12_07_0700_create_record_transitions.ts';
import * as m20261208_0100 from './2026_12_08_0100_create_review_holds.ts';
import * as m20261208_0200 from './2026_12_08_0200_create_review_setup.ts';
import * as m20261208_0300 from './2026_12_08_0300_create_panels.ts';
import * as m20261208_0400 from './2026_12_08_0400_create_contributions.ts';
import * as m20261208_0500 from './2026_12_08_0500_create_terms_of_reference.ts';
import * as m20261208_0600 from './2026_12_08_0600_create_milestones_and_panel_meetings.ts';
import * as m20261208_0700 from './2026_12_08_0700_create_review_documents.ts';
import * as m20261208_0800 from './2026_12_08_0800_create_review_actions.ts';
import * as m20261208_0900 from './2026_12_08_0900_index_review_lookups.ts';
import * as m20261209_0100 from './2026_12_09_0100_create_family_involvement.ts';
import * as m20261209_0200 from './2026_12_09_0200_create_learning_events.ts';
import * as m20261209_0300 from './2026_12_09_0300_create_review_reports.ts';
import * as m20261209_0400 from './2026_12_09_0400_panel_meeting_cancellation.ts';
import * as m20261210_0100 from './2026_12_10_0100_create_chronology.ts';
import * as m20261210_0300 from './2026_12_10_0300_index_chronology_paging.ts';
import * as m20261211_0100 from './2026_12_11_0100_create_action_plan.ts';
import * as m20261211_0200 from './2026_12_11_0200_create_board_meetings.ts';
import * as m20261211_0300 from './2026_12_11_0300_create_action_challenges.ts';
import * as m20261211_0400 from './2026_12_11_0400_index_action_report.ts';
import * as m20261212_0100 from './2026_12_12_0100_create_pseudonym_dictionary.ts';
import * as m20261212_0200 from './2026_12_12_0200_create_anonymisation_checks.ts';
import * as m20261212_0300 from './2026_12_12_0300_create_executive_summaries.ts';
import * as m20261212_0400 from './2026_12_12_0400_create_review_publications.ts';
import * as m20261213_0100 from './2026_12_13_0100_create_published_documents.ts';
import * as m20261213_0200 from './2026_12_13_0200_create_submission_packets.ts';

const migrations: Record<string, Migration> = {
  '2026_11_27_0400_create_foundation': m20261127_0400,
  '2026_11_27_0600_create_referrals': m20261127_0600,
  '2026_11_28_0900_create_password_reset_requests': m20261128_0900,
  '2026_12_06_0900_key_audit_and_encrypt_at_rest': m20261206_0900,
  '2026_12_06_1000_create_role_grants_and_email_changes': m20261206_1000,
  '2026_12_06_1100_create_sign_in_throttles': m20261206_1100,
  '2026_12_06_1200_create_board_counters': m20261206_1200,
  '2026_12_06_1201_create_meeting_guests': m20261206_1201,
  '2026_12_06_1300_unique_roles_in_effect': m20261206_1300,
  '2026_12_07_0100_create_jobs': m20261207_0100,
  '2026_12_07_0200_create_files': m20261207_0200,
  '2026_12_07_0300_create_documents': m20261207_0300,
  '2026_12_07_0500_referrers_frameworks_and_england_clocks': m20261207_0500,
  '2026_12_07_0600_pseudonyms_as_kind_and_index': m20261207_0600,
  '2026_12_07_0700_create_record_transitions': m20261207_0700,
  '2026_12_08_0100_create_review_holds': m20261208_0100,
  '2026_12_08_0200_create_review_setup': m20261208_0200,
  '2026_12_08_0300_create_panels': m20261208_0300,
  '2026_12_08_0400_create_contributions': m20261208_0400,
  '2026_12_08_0600_create_milestones_and_panel_meetings': m20261208_0600,
  '2026_12_08_0700_create_review_documents': m20261208_0700,
  '2026_12_08_0800_create_review_actions': m20261208_0800,
  '2026_12_08_0900_index_review_lookups': m20261208_0900,
  '2026_12_08_0500_create_terms_of_reference': m20261208_0500,
  '2026_12_09_0100_create_family_involvement': m20261209_0100,
  '2026_12_09_0400_panel_meeting_cancellation': m20261209_0400,
  '2026_12_09_0200_create_learning_events': m20261209_0200,
  '2026_12_09_0300_create_review_reports': m20261209_0300,
  '2026_12_10_0100_create_chronology': m20261210_0100,
  '2026_12_10_0300_index_chronology_paging': m20261210_0300,
  '2026_12_11_0100_create_action_plan': m20261211_0100,
  '2026_12_11_0200_create_board_meetings': m20261211_0200,
  '2026_12_11_0300_create_action_challenges': m20261211_0300,
  '2026_12_11_0400_index_action_report': m20261211_0400,
  '2026_12_12_0100_create_pseudonym_dictionary': m20261212_0100,
  '2026_12_12_0300_create_executive_summaries': m20261212_0300,
  '2026_12_12_0200_create_anonymisation_checks': m20261212_0200,
  '2026_12_12_0400_create_review_publications': m20261212_0400,
  '2026_12_13_0100_create_published_documents': m20261213_0100,
  '2026_12_13_0200_create_submission_packets': m20261213_0200,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

export const knownMigrations = Object.keys(migrations).sort();
export const latestMigration = knownMigrations.at(-1) ?? '';
