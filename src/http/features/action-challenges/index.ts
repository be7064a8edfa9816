// Reminders and the board's challenge of partners (issue 12 item 4): the board's escalation ladder (the business
// unit: which steps apply, after how many days overdue or off-track reports), the challenge log of a review and
// of one action (each step the ladder took, the board chair's letter as Word and PDF, the partner's response and
// the outcome), and the form where the business unit records the response, the outcome and — for the formal
// request (section 137 in Wales) — whether it was complied with. The log's pages are audited reads.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { CHALLENGE_OUTCOMES, LADDER_RUNGS, type LadderInput, ladderAnswers } from '../../../domain/actions/escalation.ts';
import { localName } from '../../../domain/organisation.ts';
import type { ChallengeRow } from '../../../services/actions/challenge-service.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, displayDateTime, parseDateParts, partsOf } from '../../dates.ts';
import { sendDownload } from '../../download.ts';
import { choose, raw, submitForm } from '../../forms.ts';

type Body = Record<string, unknown>;
type BoardParams = { boardId: string };
type ReviewParams = { boardId: string; reviewId: string };

function versionOf(body: Body): number {
  const v = Number(raw(body, 'version'));
  return Number.isInteger(v) && v >= 0 ? v : -1;
}

function ladderInputOf(body: Body): LadderInput {
  const rungs = {} as LadderInput['rungs'];
  for (const r of LADDER_RUNGS) rungs[r] = { enabled: body[`${r}Enabled`] === 'yes', afterDays: raw(body, `${r}Days`), afterCycles: raw(body, `${r}Cycles`) };
  return { reminderDays: raw(body, 'reminderDays'), rungs };
}

export default async function actionChallengeRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { challenges, documents } = opts.services;

  // ---- The board's ladder ------------------------------------------------------------------------------------
  async function showLadder(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const { boardId } = req.params as BoardParams;
    const t = req.t;
    const view = await challenges.ladder(req.caller(), boardId);
    const answers = body && status !== 409 ? ladderInputOf(body) : ladderAnswers(view.settings);
    const rungName = (r: string) => (r === 'formal_request' && view.basis === 's137' ? t('action-challenges:rungsS137') : t(`action-challenges:rungs.${r}`));
    const fieldIds: Record<string, string> = { reminderDays: 'reminderDays', form: 'reminderDays' };
    for (const r of LADDER_RUNGS) Object.assign(fieldIds, { [`${r}Days`]: `${r}Days`, [`${r}Cycles`]: `${r}Cycles` });
    return reply.page(
      'features/action-challenges/ladder.njk',
      {
        board: { id: boardId, name: localName(view.board, req.lang) },
        isDefault: view.version === 0,
        version: view.version,
        reminderDays: answers.reminderDays,
        rungs: LADDER_RUNGS.map((r) => ({ id: r, name: rungName(r), ...answers.rungs[r] })),
        fieldIds,
      },
      { errors, status },
    );
  }

  app.get(urls.actionLadder.pattern, { config: { access: 'action.manage', audit: 'ACTION_LADDER_VIEWED' } }, (req, reply) => showLadder(req, reply));

  app.post(urls.actionLadder.pattern, { config: { access: 'action.manage', audit: 'ACTION_LADDER_SAVED' } }, (req, reply) => {
    const { boardId } = req.params as BoardParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => challenges.saveLadder(req.caller(), boardId, { ...ladderInputOf(body), version: versionOf(body) }),
      show: (errors, status) => showLadder(req, reply, body, errors, status),
      flash: 'action-challenges:ladder.saved',
      next: urls.actionLadder(boardId),
    });
  });

  // ---- The challenge log -------------------------------------------------------------------------------------
  async function showLog(req: FastifyRequest, reply: FastifyReply) {
    const { boardId, reviewId, actionId } = req.params as ReviewParams & { actionId?: string };
    const t = req.t;
    const log = await challenges.log(req.caller(), { boardId, reviewId }, actionId);
    const row = (c: ChallengeRow) => ({
      step: c.rung === 'formal_request' && c.statutoryBasis === 's137' ? t('action-challenges:rungsS137') : t(`action-challenges:rungs.${c.rung}`),
      action: c.action,
      actionHref: urls.actionChallengesOfAction(boardId, reviewId, c.actionId),
      agency: localName(c.agency, req.lang),
      date: displayDate(t, c.firedOn),
      why: t(`action-challenges:triggers.${c.trigger}`, { count: c.trigger === 'off_track' ? c.offTrackCycles : c.daysOverdue }),
      meeting: c.meetsOn ? t('action-challenges:log.meeting', { date: displayDate(t, c.meetsOn) }) : null,
      letter:
        c.rung === 'chair_letter' && !log.agencyOnly
          ? {
              docx: urls.actionChallengeLetter(boardId, reviewId, c.id, 'docx', { lang: req.lang }),
              pdf: urls.actionChallengeLetter(boardId, reviewId, c.id, 'pdf', { lang: req.lang }),
            }
          : null,
      response: c.response,
      respondedOn: c.respondedOn ? displayDate(t, c.respondedOn) : null,
      outcome: c.outcome ? t(`action-challenges:outcomes.${c.outcome}`) : null,
      complied: c.complied === null ? null : t(c.complied ? 'action-challenges:log.compliedYes' : 'action-challenges:log.compliedNo'),
      recorded: c.recordedAt ? `${t('action-challenges:log.recordedBy', { name: c.recordedByName ?? '' })}, ${displayDateTime(t, c.recordedAt)}` : null,
      recordHref: log.mayRecord ? urls.actionChallengeResponse(boardId, reviewId, c.id) : null,
    });
    return reply.page('features/action-challenges/log.njk', {
      reference: log.review.reference,
      title: log.action ? t('action-challenges:log.actionTitle') : t('action-challenges:log.title'),
      action: log.action,
      rows: log.challenges.map(row),
      planHref: urls.actionPlan(boardId, reviewId),
      wholeHref: log.action ? urls.actionChallenges(boardId, reviewId) : null,
      backLink: log.action ? urls.action(boardId, reviewId, log.action.id) : urls.actionPlan(boardId, reviewId),
    });
  }

  const logRead = { access: 'action.view', audit: 'ACTION_CHALLENGES_VIEWED', reads: 'case-material' } as const;
  app.get(urls.actionChallenges.pattern, { config: logRead }, showLog);
  app.get(urls.actionChallengesOfAction.pattern, { config: logRead }, showLog);

  // ---- Recording the partner's response ----------------------------------------------------------------------
  async function showResponse(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const { boardId, reviewId, challengeId } = req.params as ReviewParams & { challengeId: string };
    const t = req.t;
    const { review, challenge: c } = await challenges.challenge(req.caller(), { boardId, reviewId }, challengeId);
    const keep = body && status !== 409;
    const value = (name: string, stored: string | null) => (keep ? raw(body, name) : (stored ?? ''));
    const complied = keep ? raw(body, 'complied') : c.complied === null ? '' : c.complied ? 'yes' : 'no';
    return reply.page(
      'features/action-challenges/response.njk',
      {
        reference: review.reference,
        step: c.rung === 'formal_request' && c.statutoryBasis === 's137' ? t('action-challenges:rungsS137') : t(`action-challenges:rungs.${c.rung}`),
        action: c.action,
        agency: localName(c.agency, req.lang),
        date: displayDate(t, c.firedOn),
        version: c.version,
        formal: c.rung === 'formal_request',
        response: value('response', c.response),
        dateItems: dateItems(t, keep ? dateParts(body, 'respondedOn') : partsOf(c.respondedOn), Boolean(errors?.respondedOn)),
        outcomeItems: choose(
          CHALLENGE_OUTCOMES.map((o) => ({ value: o, text: t(`action-challenges:outcomes.${o}`) })),
          keep ? raw(body, 'outcome') : c.outcome,
        ),
        compliedItems: choose(
          [
            { value: 'yes', text: t('action-challenges:response.yes') },
            { value: 'no', text: t('action-challenges:response.no') },
          ],
          complied,
        ),
        action_: urls.actionChallengeResponse(boardId, reviewId, challengeId),
        fieldIds: { response: 'response', respondedOn: 'respondedOn-day', outcome: 'outcome', complied: 'complied', form: 'response' },
        backLink: urls.actionChallengesOfAction(boardId, reviewId, c.actionId),
      },
      { errors, status },
    );
  }

  app.get(
    urls.actionChallengeResponse.pattern,
    { config: { access: 'action.manage', audit: 'ACTION_CHALLENGES_VIEWED', reads: 'case-material' } },
    (req, reply) => showResponse(req, reply),
  );

  app.post(
    urls.actionChallengeResponse.pattern,
    { config: { access: 'action.manage', audit: 'ACTION_CHALLENGE_RESPONSE_RECORDED', reads: 'case-material', readAudit: 'ACTION_CHALLENGES_VIEWED' } },
    (req, reply) => {
      const { boardId, reviewId, challengeId } = req.params as ReviewParams & { challengeId: string };
      const body = (req.body ?? {}) as Body;
      const date = parseDateParts(dateParts(body, 'respondedOn'));
      return submitForm(req, reply, {
        run: () =>
          challenges.recordResponse(req.caller(), { boardId, reviewId }, challengeId, {
            response: raw(body, 'response'),
            respondedOn: date,
            outcome: raw(body, 'outcome'),
            complied: raw(body, 'complied') || null,
            version: versionOf(body),
          }),
        show: (errors, status) => showResponse(req, reply, body, errors, status),
        flash: 'action-challenges:response.saved',
        next: ({ actionId }) => urls.actionChallengesOfAction(boardId, reviewId, actionId),
      });
    },
  );

  // ---- The board chair's letter ------------------------------------------------------------------------------
  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      // One route a format (the builder's ':format' filled in), so nothing else is ever taken for a format.
      urls.actionChallengeLetter.pattern.replace(':format', format),
      { config: { access: 'action.view', audit: 'ACTION_CHALLENGE_LETTER_DOWNLOADED', reads: 'case-material' } },
      async (req, reply) => {
        const { boardId, reviewId, challengeId } = req.params as ReviewParams & { challengeId: string };
        await challenges.letterInScope(req.caller(), { boardId, reviewId }, challengeId);
        return sendDownload(reply, await documents.download(req.caller(), 'challenge_letter', challengeId, req.lang, format));
      },
    );
  }
}
