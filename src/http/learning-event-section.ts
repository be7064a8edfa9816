// What the review page's learning event section shows (src/http/features/learning-event/_review-section.njk),
// from LearningEventService.sectionIn: where the event stands, its date in the reader's language. Pure.
import type { TFunction } from 'i18next';
import type { LearningEventSection } from '../services/learning-event-service.ts';
import { displayDate } from './dates.ts';

export function learningEventSectionView(t: TFunction, section: LearningEventSection | null) {
  if (!section) return null;
  return { ...section, next: section.next ? { ...section.next, date: displayDate(t, section.next.heldOn) } : undefined };
}
