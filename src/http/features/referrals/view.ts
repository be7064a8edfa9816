// The referral page: everything recorded, restricted child details only when the service gives them,
// the referrals of the board that may be about the same child or incident, and the referral's timeline.
// The service reads all of it in one transaction with one audit event (REFERRAL_VIEWED).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import { urls } from '../../../urls.ts';
import { actionText } from '../../audit-text.ts';
import { displayDateTime } from './form-helpers.ts';
import { summarySections } from './summary.ts';

export default async function referralViewRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, referrals } = opts.services;

  // The service checks referral.view on the referral's board and answers "not found" otherwise, so that
  // a person without access (an administrator, a board member, another board) cannot tell a referral
  // exists; the route itself is therefore open to anyone signed in.
  app.get(urls.referral.pattern, { config: { access: 'signed-in', audit: 'REFERRAL_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const { boardId, referralId } = req.params as { boardId: string; referralId: string };
    const caller = req.caller();
    const { referral, duplicates, timeline } = await referrals.page(caller, boardId, referralId);
    // Only the agencies this referral names (a board has dozens; all 3,000 to an administrator).
    const agencies = await organisation.findAgencies(caller, [...(referral.referringAgencyId ? [referral.referringAgencyId] : []), ...referral.agencyIds]);
    const nameOf = (id: string) => {
      const agency = agencies.find((a) => a.id === id);
      return agency ? localName(agency, req.lang) : '';
    };
    const sections = summarySections(req.t, req.lang, {
      ...referral,
      referringAgency: referral.referringAgencyId ? nameOf(referral.referringAgencyId) : null,
      agencies: referral.agencyIds.map(nameOf),
    });
    return reply.page('features/referrals/referral.njk', {
      referral: { childCode: pseudonymText(referral.pseudonym, req.lang), status: req.t(`referrals:view.statuses.${referral.status}`) },
      considerationHref: urls.consideration(boardId, referralId),
      restrictedShown: referral.child !== undefined,
      duplicates: duplicates.map((d) => ({
        text: req.t(d.reason === 'same_child' ? 'referrals:view.duplicateSameChild' : 'referrals:view.duplicateSameIncident', {
          code: pseudonymText(d.pseudonym, req.lang),
        }),
        href: urls.referral(boardId, d.referralId),
      })),
      sections,
      timelineTotal: timeline.total,
      timelineShown: timeline.entries.length,
      timeline: timeline.entries.map((e) => ({
        time: displayDateTime(req.t, e.occurredAt),
        action: actionText(req.t, e.action).text,
        who: e.actorName ?? req.t('referrals:timeline.system'),
        // A change of status (not its recording): where it left the referral, and why when a reason was given.
        statusNow: e.transition?.from ? req.t('referrals:timeline.statusNow', { status: req.t(`referrals:view.statuses.${e.transition.to}`) }) : null,
        reason: e.transition?.reason ? req.t('referrals:timeline.reason', { reason: e.transition.reason }) : null,
      })),
    });
  });
}
