// The notifications a framework requires once the board has decided to hold a review (DOMAIN.md §8.5
// "notification letters"): per framework, each a recorded step on the review with its own date and a
// generated letter. Only what the domain supports is required — never assumed: a framework whose sources
// name no such notification requires none. Pure.

import type { FrameworkId } from './types.ts';
import type { ReviewEvent } from './workflow.ts';

/** Who a notification goes to. */
export const NOTIFICATION_RECIPIENTS = ['welsh_government'] as const;
export type NotificationRecipient = (typeof NOTIFICATION_RECIPIENTS)[number];

/** What the notification tells the recipient (the letter's wording follows it). */
export type NotificationPurpose = 'review_taking_place' | 'intention_to_hold';

export interface NotificationRequirement {
  /** The step's code on the review: one recorded notification per requirement. */
  id: NotificationRecipient;
  recipient: NotificationRecipient;
  purpose: NotificationPurpose;
  /** The review's event that may be taken only once this notification is recorded (its gate). */
  gates?: ReviewEvent;
  /** Where the duty comes from, as DOMAIN.md cites it. */
  source: string;
}

const CPR_WELSH_GOVERNMENT: NotificationRequirement = {
  id: 'welsh_government',
  recipient: 'welsh_government',
  purpose: 'intention_to_hold',
  source: 'Boards notify the Welsh Government of their intention to hold a Child Practice Review (DOMAIN.md §2.3 step 2, [S21])',
};

/** Each framework's notifications after the decision. */
export const FRAMEWORK_NOTIFICATIONS: Readonly<Record<FrameworkId, readonly NotificationRequirement[]>> = {
  // No source confirms a Welsh Government notification for an SCR (DOMAIN.md §8.7, question 1): none is assumed.
  // (Copies of the agency reports, summary and overview report go to WG at the end, reg 4(5): not a notification after the decision.)
  SCR_2006: [],
  CPR_2013: [CPR_WELSH_GOVERNMENT],
  CPR_2016: [CPR_WELSH_GOVERNMENT],
  SUSR_2024: [
    {
      id: 'welsh_government',
      recipient: 'welsh_government',
      purpose: 'review_taking_place',
      // The SUSR profile's WG_NOTIFIED stage comes right after the decision: reached only once this is recorded.
      gates: 'notify_welsh_government',
      source: 'Welsh Government notified whenever an SUSR takes place (DOMAIN.md §3.2 step 6, §8.2 WG_NOTIFIED, [S27])',
    },
  ],
  // England: the national Panel is notified before the rapid review (the referral's NATIONAL_PANEL_NOTIFIED),
  // not after the decision; DOMAIN.md §4.1 names no notification after it.
  CSPR_2018: [],
};

/** The notifications a review under the framework must record. */
export function requiredNotifications(frameworkId: FrameworkId): readonly NotificationRequirement[] {
  return FRAMEWORK_NOTIFICATIONS[frameworkId];
}

/** The requirement whose recording a review's event waits for (the event's gate), if any. */
export function notificationGating(frameworkId: FrameworkId, event: ReviewEvent): NotificationRequirement | undefined {
  return FRAMEWORK_NOTIFICATIONS[frameworkId].find((n) => n.gates === event);
}
