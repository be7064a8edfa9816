// Every gate of a review at publication preparation opened through the services, as the board would — but the
// decision and the chair's approval: the executive summary written and approved in English and Welsh; each
// language's anonymisation check scanned, its findings accepted, its checklist answered and approved by information
// governance; the family told of the publication. The demo's published review (src/demo/publication.ts) and the
// tests' (openEveryGate in src/testing/publication-fixtures.ts) take the same steps with their own words.
import type { Services } from '../container.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Language } from '../domain/organisation.ts';
import { SUMMARY_SECTIONS } from '../domain/publication/summary.ts';
import type { Caller } from '../services/context.ts';

export interface GateWords {
  /** A summary section's text in a language. */
  section(id: string, language: Language): string;
  /** Information governance's reason for accepting each finding. */
  acceptReason: string;
  /** The judicial checklist's answers, by item id. */
  answers: Record<string, { answer: string; note: string }>;
  /** The family member told of the publication. */
  familyMember: { fullName: string; relationship: string; language: Language };
}

const as = (caller: Caller, action: AuditAction): Caller => ({ ...caller, action });

export async function openPublicationGates(services: Services, scope: { boardId: string; reviewId: string }, bu: Caller, ig: Caller, words: GateWords) {
  for (const language of ['en', 'cy'] as const) {
    for (const s of SUMMARY_SECTIONS) {
      const opened = await services.summary.section(as(bu, 'SUMMARY_SECTION_VIEWED'), scope, language, s.id);
      await services.summary.saveSection(as(bu, 'SUMMARY_SECTION_SAVED'), scope, {
        language,
        section: s.id,
        text: words.section(s.id, language),
        revision: opened.revision,
      });
    }
    const latest = (await services.summary.overview(as(bu, 'SUMMARY_VIEWED'), scope)).languages[language].latest;
    await services.summary.approve(as(bu, 'SUMMARY_APPROVED'), scope, { language, version: latest.version, revision: latest.revision });
    const { checkId } = await services.anonymisation.scan(as(ig, 'ANONYMISATION_SCANNED'), scope, { kind: 'summary', language });
    const { check, findings } = await services.anonymisation.check(as(ig, 'ANONYMISATION_CHECK_VIEWED'), scope, checkId);
    let version = check.version;
    for (const f of findings)
      ({ version } = await services.anonymisation.accept(as(ig, 'ANONYMISATION_FINDING_ACCEPTED'), scope, checkId, f.id, {
        reason: words.acceptReason,
        version,
      }));
    ({ version } = await services.anonymisation.answer(as(ig, 'ANONYMISATION_CHECKLIST_ANSWERED'), scope, checkId, { answers: words.answers, version }));
    await services.anonymisation.approve(as(ig, 'ANONYMISATION_CHECK_APPROVED'), scope, checkId, { version });
  }
  const { personId } = await services.family.addPerson(as(bu, 'FAMILY_PERSON_ADDED'), scope, {
    kind: 'family_member',
    relationship: words.familyMember.relationship,
    fullName: words.familyMember.fullName,
    contactDetails: '',
    language: words.familyMember.language,
  });
  await services.family.recordContact(as(bu, 'FAMILY_CONTACT_RECORDED'), scope, {
    personId,
    contactedOn: services.clock.today(),
    method: 'meeting',
    madeBy: bu.actor?.personId ?? '',
    topics: ['publication_date', 'publication'],
    notes: '',
  });
}
