// The demo's review records (issue 10): on each of the demo's reviews that has got past the decision, a few
// library documents — draft terms of reference, panel minutes, an agency's report in two versions (item 9) —
// and a lesson learnt early with its immediate action for an agency (item 8), made through the services as
// the business unit, so they are stored, encrypted and audited like any other. A review that already has them
// is left as it is (the demo can be run again).
import { Readable } from 'node:stream';
import type { Services } from '../container.ts';
import { addDays } from '../domain/clock/dates.ts';
import type { Agency } from '../domain/organisation.ts';
import type { Caller } from '../services/context.ts';

const text = (lines: string[]) => ({ content: Readable.from([Buffer.from(`${lines.join('\n')}\n`, 'utf8')]) });

export async function seedDemoReviewRecords(services: Services, boardId: string, agencies: Agency[], businessUnit: Caller): Promise<number> {
  const as = (action: Caller['action']): Caller => ({ ...businessUnit, action });
  const { items } = await services.reviews.list(as('REVIEWS_LISTED'), boardId, { pageSize: 100 });
  const police = agencies.find((a) => a.sector === 'police') ?? agencies[0];
  let added = 0;
  for (const review of items) {
    if (review.stage === 'DECIDED_PROCEED') continue;
    const scope = { boardId, reviewId: review.id };
    const { documents } = await services.library.list(as('REVIEW_DOCUMENTS_LISTED'), scope);
    if (documents.length > 0) continue;
    const add = (kind: string, title: string, agencyId: string | null, lines: string[]) =>
      services.library.add(
        as('REVIEW_DOCUMENT_ADDED'),
        scope,
        { kind, classification: 'official_sensitive', agencyId, title, note: 'Demo document' },
        {
          name: `${title}.txt`,
          ...text(lines),
        },
      );
    await add('terms_of_reference', 'Terms of reference (draft)', null, [
      `Review ${review.reference}: terms of reference, first draft.`,
      'Period under review: the 12 months before the incident.',
    ]);
    await add('minutes', 'Panel meeting 1 minutes', null, [
      'Present: the independent chair and agency representatives.',
      'Agreed: scope, agencies to contribute, timescales.',
    ]);
    added += 2;
    if (police) {
      const report = await add('agency_report', `${police.nameEn}: agency report`, police.id, ['Individual management review, first draft.']);
      await services.library.addVersion(as('REVIEW_DOCUMENT_VERSION_ADDED'), scope, report.documentId, 'After the panel’s comments', {
        name: 'agency-report-v2.txt',
        ...text(['Individual management review, second draft after the panel’s comments.']),
      });
      added += 1;
    }
  }
  for (const review of items) {
    if (review.stage === 'DECIDED_PROCEED' || !police) continue;
    const scope = { boardId, reviewId: review.id };
    if ((await services.earlyLearning.list(as('EARLY_LEARNING_VIEWED'), scope)).actions.length > 0) continue;
    await services.earlyLearning.record(as('EARLY_LEARNING_RECORDED'), scope, {
      lesson: 'Concerns raised by the school were not passed to the police child protection team for six weeks.',
      action: 'Brief every officer in the public protection unit on the referral route from schools, and audit it in three months.',
      leadAgencyId: police.id,
      ownerName: 'Demo Action Owner',
      ownerEmail: 'action.owner@teifi.example',
      ownerLanguage: 'cy',
      targetOn: addDays(services.clock.today(), 90),
    });
    added += 1;
  }
  return added;
}
