// Public pages of released reviews for tests and the demo (issue 13 item 5): a review at publication preparation
// taken through the publication service — every gate opened through the services (openEveryGate), the board's
// decision, the welfare check, the chair's approval — and released by the job at the embargo's time; or held.
import type { Services } from '../container.ts';
import type { Caller } from '../services/context.ts';
import { openEveryGate } from './publication-fixtures.ts';
import type { ReviewCallers } from './review-fixtures.ts';

type Scope = { boardId: string; reviewId: string };
const act = (caller: Caller, action: Caller['action']): Caller => ({ ...caller, action });

/** The board's decision to publish the executive summary on `releaseDate` at `releaseTime` (London). */
export async function decideToPublish(
  services: Services,
  scope: Scope,
  bu: Caller,
  opts: { releaseDate: string; releaseTime?: string; withdrawAfterMonths?: number; showHold?: boolean },
): Promise<void> {
  await services.publication.decide(act(bu, 'PUBLICATION_DECIDED'), scope, {
    choice: 'summary',
    reasons: 'The learning should be shared; the family agree.',
    releaseDate: opts.releaseDate,
    releaseTime: opts.releaseTime ?? '09:30',
    pressStatementEn: 'The board publishes today the review of Child A.',
    pressStatementCy: 'Mae’r bwrdd yn cyhoeddi heddiw yr adolygiad o Blentyn A.',
    briefingEn: '',
    briefingCy: '',
    showHold: opts.showHold ?? false,
    withdrawAfterMonths: opts.withdrawAfterMonths === undefined ? '' : String(opts.withdrawAfterMonths),
    revision: (await services.publication.view(act(bu, 'PUBLICATION_VIEWED'), scope)).publication?.revision ?? 0,
  });
}

/**
 * Every gate open and the decision approved by the chair, to be released by the job on `releaseDate` (not yet
 * released: the caller moves the clock and runs `services.publication.runDue()`).
 */
export async function approveRelease(
  services: Services,
  scope: Scope,
  callers: ReviewCallers,
  ig: Caller,
  opts: { releaseDate: string; releaseTime?: string; withdrawAfterMonths?: number },
): Promise<void> {
  await openEveryGate(services, scope, callers.bu, ig);
  await decideToPublish(services, scope, callers.bu, opts);
  const revision = () => services.publication.view(act(callers.bu, 'PUBLICATION_VIEWED'), scope).then((v) => v.publication?.revision ?? 0);
  await services.publication.recordWelfareCheck(act(callers.bu, 'PUBLICATION_WELFARE_CHECKED'), scope, {
    checkedOn: services.clock.today(),
    note: 'No surviving siblings.',
    revision: await revision(),
  });
  await services.publication.approve(act(callers.chair, 'PUBLICATION_APPROVED'), scope, { revision: await revision() });
}

/** A publication hold (criminal proceedings), shown to the public or not as the decision says. */
export async function holdPublication(services: Services, scope: Scope, bu: Caller, recheckOn: string): Promise<void> {
  const revision = (await services.publication.view(act(bu, 'PUBLICATION_VIEWED'), scope)).publication?.revision ?? 0;
  await services.publication.hold(act(bu, 'PUBLICATION_HELD'), scope, {
    reason: 'Criminal proceedings against the mother are open; the police asked for publication to wait for the trial.',
    recheckOn,
    revision,
  });
}
