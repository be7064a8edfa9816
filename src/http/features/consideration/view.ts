// The referral's consideration page (the latest analysis and its indicated outcome, the recommendation,
// the decision and the review it created, the decision clocks), and the decision letter: as a page and as
// Word and PDF downloads, through the document pipeline (services/documents). Every read is audited by the
// service.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { renderHtmlFragment } from '../../../documents/html.ts';
import type { ClockReading, Duration } from '../../../domain/clock/index.ts';
import { askedQuestions, DEFAULT_SUSR_STREAMS, getFramework, type StreamOutcome } from '../../../domain/frameworks/index.ts';
import { can } from '../../../domain/permissions.ts';
import { isDecided, type ReferralStatus } from '../../../domain/referrals/referral.ts';
import { urls } from '../../../urls.ts';
import { sendDownload } from '../../download.ts';
import { bilingual, childOfPage, clockText, longDate, referralInAddress } from './helpers.ts';

export default async function considerationViewRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { consideration, documents } = opts.services;

  app.get(urls.consideration.pattern, { config: { access: 'referral.view', audit: 'CONSIDERATION_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const { boardId, referralId } = await referralInAddress(opts.services, req, 'referral.view');
    const c = await consideration.viewConsideration(req.caller(), referralId);
    const lang = req.lang;
    const t = req.t;
    const status = c.referral.status as ReferralStatus;
    const decided = isDecided(status) || c.decision !== undefined;

    let analysis: Record<string, unknown> | undefined;
    if (c.assessment) {
      const framework = getFramework(c.assessment.frameworkId);
      const answers = c.assessment.answers;
      const given = Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, a.answer]));
      const statutory = c.assessment.statutoryFrameworkId ? getFramework(c.assessment.statutoryFrameworkId) : undefined;
      analysis = {
        framework: bilingual(framework.name, lang),
        // Another framework than the statutory one of the day was chosen: said wherever the analysis is shown.
        notStatutory:
          statutory && statutory.id !== framework.id
            ? t('consideration:page.notStatutory', { framework: bilingual(framework.name, lang), statutory: bilingual(statutory.name, lang) })
            : undefined,
        assessedOn: longDate(c.assessment.assessedAt, lang),
        outcome: t(`consideration:outcomes.${c.assessment.outcome}`),
        outcomeTag: c.assessment.outcome === 'must' ? 'govuk-tag--red' : c.assessment.outcome === 'may' ? 'govuk-tag--yellow' : 'govuk-tag--grey',
        reviewType: c.assessment.reviewType ? t(`consideration:reviewTypes.${c.assessment.reviewType}`) : undefined,
        streams: ((c.assessment.streams as StreamOutcome[] | null) ?? []).map((s) => {
          const stream = DEFAULT_SUSR_STREAMS.find((d) => d.id === s.stream);
          return {
            name: stream ? bilingual(stream.name, lang) : s.stream,
            outcome: t(`consideration:streamOutcomes.${s.outcome}`),
            type: s.type ? t(`consideration:reviewTypes.${s.type}`) : '',
          };
        }),
        // The questions asked (an SUSR's other streams only when raised); the raising questions show as the streams above.
        rows: askedQuestions(framework.questions, given)
          .filter((q) => !q.raisesStream)
          .map((q) => {
            const a = answers[q.id];
            const choice = q.choices.find((ch) => ch.value === a?.answer);
            return {
              question: bilingual(q.label, lang),
              answer: choice ? bilingual(choice.label, lang) : t('consideration:criteria.notAnswered'),
              facts: a?.facts ?? '',
            };
          }),
      };
    }

    const target = await consideration.decisionTargets(boardId);
    const clock = (label: string, reading: ClockReading | undefined, duration: Duration | undefined) =>
      reading && { label, text: clockText(t, reading, duration), due: longDate(reading.dueOn, lang), overdue: reading.status === 'overdue' };
    const clocks = c.clocks
      ? [
          clock(t('consideration:clocks.fromIncident'), c.clocks.fromIncident, target.fromIncident),
          clock(t('consideration:clocks.fromReferral'), c.clocks.fromReferral, target.fromReferral),
          clock(t('consideration:clocks.rapidReview'), c.clocks.rapidReview, target.rapidReview),
        ].filter(Boolean)
      : [];
    // England: the notification to the national Panel, due 5 working days after the board became aware.
    const n = c.notification;
    const notification = n && {
      awareOn: longDate(n.awareOn, lang),
      dueOn: longDate(n.dueOn, lang),
      notifiedOn: n.notifiedOn ? longDate(n.notifiedOn, lang) : undefined,
      late: n.late,
      overdue: n.reading?.status === 'overdue',
      text: n.reading ? clockText(t, n.reading, target.notification) : undefined,
      record: !n.notifiedOn && can(req.actor, 'meeting.manage', { boardId }) ? urls.nationalPanelNotification(boardId, referralId) : undefined,
    };

    const r = c.recommendation;
    const d = c.decision;
    return reply.page('features/consideration/consideration.njk', {
      boardId,
      referralId,
      ...childOfPage(req, c.referral.pseudonym),
      status: t(`consideration:statuses.${status}`),
      analysis,
      recommendation: r && {
        route: t(`consideration:routes.${r.route}`),
        reviewType: r.reviewType ? t(`consideration:reviewTypes.${r.reviewType}`) : undefined,
        reasons: r.reasons,
        dissent: r.dissent ?? t('consideration:recommendation.noDissent'),
        submittedOn: longDate(r.submittedAt, lang),
      },
      decision: d && {
        agrees: t(d.agreesWithRecommendation ? 'consideration:decision.agree' : 'consideration:decision.differ'),
        route: t(`consideration:routes.${d.route}`),
        reviewType: d.reviewType ? t(`consideration:reviewTypes.${d.reviewType}`) : undefined,
        rationale: d.rationale,
        decidedOn: longDate(d.decidedOn, lang),
        chair: (await consideration.managementGroupPeople(req.caller(), boardId)).find((p) => p.personId === d.decidedBy)?.fullName ?? '',
      },
      review: c.review && { reference: c.review.reference },
      clocks,
      notification,
      actions: {
        criteria: !decided && can(req.actor, 'assessment.record', { boardId }) ? urls.criteria(boardId, referralId) : undefined,
        recommend: !decided && c.assessment && can(req.actor, 'recommendation.submit', { boardId }) ? urls.recommendation(boardId, referralId) : undefined,
        decide:
          !decided && r && status === 'recommended_to_chair' && can(req.actor, 'decision.record', { boardId }) ? urls.decision(boardId, referralId) : undefined,
      },
      letters: d
        ? {
            page: urls.decisionLetter(boardId, referralId),
            docx: urls.decisionLetterFile(boardId, referralId, 'docx'),
            pdf: urls.decisionLetterFile(boardId, referralId, 'pdf'),
          }
        : undefined,
    });
  });

  // The letter as a page: the document's HTML rendering inside the service's layout, its headings under the page's h1.
  app.get(urls.decisionLetter.pattern, { config: { access: 'referral.view', audit: 'DECISION_LETTER_VIEWED', reads: 'case-material' } }, async (req, reply) => {
    const { boardId, referralId, referral } = await referralInAddress(opts.services, req, 'referral.view');
    const letter = await documents.view(req.caller(), 'decision_letter', referralId, req.lang);
    return reply.page('features/consideration/decision-letter.njk', {
      boardId,
      referralId,
      ...childOfPage(req, referral.pseudonym),
      version: letter.version,
      madeOn: longDate(letter.createdAt, req.lang),
      documentHtml: renderHtmlFragment(letter.model, { headingOffset: 1 }),
    });
  });

  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      // One route a format (the builder's ':format' filled in), so nothing else is ever taken for a format.
      urls.decisionLetterFile.pattern.replace(':format', format),
      { config: { access: 'referral.view', audit: 'DECISION_LETTER_DOWNLOADED', reads: 'case-material' } },
      async (req, reply) => {
        const { referralId } = await referralInAddress(opts.services, req, 'referral.view');
        return sendDownload(reply, await documents.download(req.caller(), 'decision_letter', referralId, req.lang, format));
      },
    );
  }
}
