// The demo's pseudonym dictionary (issue 13 item 1): on the SUSR at board acceptance (the review whose report
// the board accepts, next to be published), the review's people under their codes, and the places, school and
// workers its documents name — made through the dictionary service as the business unit, so sealed and
// audited like any other. A review whose dictionary has entries already is left as it is (the demo can be run again).
import type { Services } from '../container.ts';
import type { Caller } from '../services/context.ts';

/** Real names (demo inventions) and their published terms, in English and Welsh. */
const ENTRIES = [
  { category: 'place', realIdentifier: 'Aberteifi\nCardigan', termEn: 'Town 1', termCy: 'Tref 1' },
  { category: 'street', realIdentifier: 'Heol y Bont', termEn: 'Street 1', termCy: 'Stryd 1' },
  { category: 'school', realIdentifier: 'Ysgol Gynradd Penparc\nPenparc Primary School', termEn: 'School 1', termCy: 'Ysgol 1' },
  { category: 'health_setting', realIdentifier: 'Ysbyty Bronglais\nBronglais Hospital', termEn: 'Hospital 1', termCy: 'Ysbyty 1' },
  { category: 'professional', realIdentifier: 'Gwenan Tudur', termEn: 'Social worker 1', termCy: 'Gweithiwr cymdeithasol 1' },
  { category: 'professional', realIdentifier: 'Dr Carwyn Lloyd', termEn: 'GP', termCy: 'Meddyg teulu' },
];

/** Seeds the dictionary; the number of entries made (0 when there is no such review or it has entries already). */
export async function seedDemoDictionary(services: Services, boardId: string, businessUnit: Caller): Promise<number> {
  const as = (action: Caller['action']): Caller => ({ ...businessUnit, action });
  const { items } = await services.reviews.list(as('REVIEWS_LISTED'), boardId, { stages: ['BOARD_ACCEPTANCE'], frameworkIds: ['SUSR_2024'] });
  const review = items[0];
  if (!review) return 0;
  const scope = { boardId, reviewId: review.id };
  if ((await services.dictionary.list(as('DICTIONARY_VIEWED'), scope)).entries.length > 0) return 0;
  const { added } = await services.dictionary.buildFromPeople(as('DICTIONARY_BUILT_FROM_PEOPLE'), scope);
  for (const entry of ENTRIES) await services.dictionary.add(as('DICTIONARY_TERM_ADDED'), scope, entry);
  return added + ENTRIES.length;
}
