// The demo's anonymisation check (issue 13 items 2 and 7): on the SUSR at board acceptance (its reviewers' report
// accepted, its dictionary built), the report scanned by the business unit; information governance accepts the
// exact date with a reason and answers the judicial checklist, and leaves the town the dictionary names open — the
// review "blocked by an unresolved anonymisation finding". Made through the anonymisation service, so sealed and
// audited like any other. A review whose report has a check already is left as it is (the demo can be run again).

import type { Services } from '../container.ts';
import { CHECKLIST } from '../domain/publication/checklist.ts';
import type { Caller } from '../services/context.ts';

/** Seeds the check; the number of findings accepted (0 when there is no such review, nothing to accept, or it was scanned already). */
export async function seedDemoAnonymisation(services: Services, boardId: string, businessUnit: Caller, governance: Caller): Promise<number> {
  const as = (caller: Caller, action: Caller['action']): Caller => ({ ...caller, action });
  const { items } = await services.reviews.list(as(businessUnit, 'REVIEWS_LISTED'), boardId, { stages: ['BOARD_ACCEPTANCE'], frameworkIds: ['SUSR_2024'] });
  const review = items[0];
  if (!review) return 0;
  const scope = { boardId, reviewId: review.id };
  const { documents } = await services.anonymisation.list(as(businessUnit, 'ANONYMISATION_CHECKS_LISTED'), scope);
  const report = documents.find((d) => d.kind === 'report');
  if (!report || report.currentVersion === null || report.check) return 0;
  const { checkId } = await services.anonymisation.scan(as(businessUnit, 'ANONYMISATION_SCANNED'), scope, { kind: 'report', language: 'en' });
  const view = await services.anonymisation.check(as(governance, 'ANONYMISATION_CHECK_VIEWED'), scope, checkId);
  // Accept every finding but one the dictionary names (the town): that one stays open.
  const open = view.findings.find((f) => f.kind === 'dictionary_term') ?? view.findings.at(-1);
  let version = view.check.version;
  let accepted = 0;
  for (const f of view.findings) {
    if (f.id === open?.id) continue;
    const reason =
      f.kind === 'exact_date'
        ? 'The date the agencies first knew the family is in the board’s published annual report; it does not identify the child (demo).'
        : 'Reviewed by information governance: it does not identify the child or the family (demo).';
    ({ version } = await services.anonymisation.accept(as(governance, 'ANONYMISATION_FINDING_ACCEPTED'), scope, checkId, f.id, { reason, version }));
    accepted++;
  }
  const answers = Object.fromEntries(CHECKLIST.map((i) => [i.id, { answer: i.group === 'abuse' ? 'not_applicable' : 'checked', note: '' }]));
  await services.anonymisation.answer(as(governance, 'ANONYMISATION_CHECKLIST_ANSWERED'), scope, checkId, { answers, version });
  return accepted;
}
