// The review page's family involvement section (issue 10 item 6): counts and the last contact in the reader's
// language; null when the reader may not see the family (an agency's roles). Pure.
import type { TFunction } from 'i18next';
import type { FamilySection } from '../services/family-service.ts';
import { displayDate } from './dates.ts';

export function familySectionView(t: TFunction, section: FamilySection | null) {
  if (!section) return null;
  return { ...section, lastContactOn: section.lastContactOn ? displayDate(t, section.lastContactOn) : null };
}
