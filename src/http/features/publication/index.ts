// A review's publication (issue 13 item 4): the page showing the board's decision, every gate with what still
// closes it, and the chair's approval; the forms recording the decision, the welfare check, a hold (and its end)
// and the chair's override of ongoing criminal proceedings; the chair's approval. Refusals show the GOV.UK
// error summary with the answers kept and change nothing; a change on a revision changed since answers 409.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import { dateAndTime, londonDate } from '../../../domain/clock/london.ts';
import { isPublicationChoice, PUBLICATION_CHOICES } from '../../../domain/publication/publication.ts';
import { languageOf } from '../../../i18n.ts';
import type { FieldErrors } from '../../../services/context.ts';
import type { PublicationView } from '../../../services/publication/publication-service.ts';
import { urls } from '../../../urls.ts';
import { dateItems, dateParts, displayDate, parseDateParts, partsOf } from '../../dates.ts';
import { formString, raw, submitForm } from '../../forms.ts';

type Params = { boardId: string; reviewId: string };
type Body = Record<string, unknown>;
type Form = 'decision' | 'welfare' | 'hold' | 'override';

const READ = { access: 'publication.view', audit: 'PUBLICATION_VIEWED', reads: 'case-material' } as const;
const formConfig = (access: 'publication.prepare' | 'publication.approve') => ({ access, audit: 'PUBLICATION_VIEWED', reads: 'case-material' }) as const;
const change = (
  access: 'publication.prepare' | 'publication.approve',
  audit:
    | 'PUBLICATION_DECIDED'
    | 'PUBLICATION_WELFARE_CHECKED'
    | 'PUBLICATION_HELD'
    | 'PUBLICATION_HOLD_ENDED'
    | 'PUBLICATION_OVERRIDDEN'
    | 'PUBLICATION_APPROVED',
) => ({ access, audit, reads: 'case-material', readAudit: 'PUBLICATION_VIEWED' }) as const;

const FIELD_IDS: Record<Form, Record<string, string>> = {
  decision: { choice: 'choice', reasons: 'reasons', releaseDate: 'releaseDate-day', releaseTime: 'releaseTime', form: 'choice' },
  welfare: { checkedOn: 'checkedOn-day', note: 'note', form: 'checkedOn-day' },
  hold: { holdReason: 'holdReason', recheckOn: 'recheckOn-day', form: 'holdReason' },
  override: { liaison: 'liaison', form: 'liaison' },
};

const revisionOf = (body: Body) => {
  const v = Number(formString(body.revision));
  return Number.isInteger(v) && v >= 0 ? v : -1;
};

/** A date typed in three boxes, as the service's ISO date (or text that is none, which the service refuses). */
function dateOf(body: Body, prefix: string): string {
  const parsed = parseDateParts(dateParts(body, prefix));
  return parsed === null ? '' : parsed;
}

function gateRows(t: TFunction, view: PublicationView) {
  const closed = new Set(Object.keys(view.refusals));
  const row = (field: string | string[], label: string, open: string) => {
    const fields = Array.isArray(field) ? field : [field];
    const reasons = fields.filter((f) => closed.has(f)).map((f) => t(view.refusals[f] as string));
    return { label: t(`publication:gates.${label}`), open: reasons.length === 0, text: reasons.length === 0 ? open : reasons.join(' ') };
  };
  const f = view.facts;
  return [
    row('choice', 'decision', f.choice ? t(`publication:choices.${f.choice}`) : ''),
    row('proceedings', 'proceedings', f.openCriminalProceedings > 0 ? t('publication:gates.overridden') : t('publication:gates.noneOngoing')),
    row('welfare', 'welfare', f.welfareCheckedOn ? displayDate(t, f.welfareCheckedOn) : ''),
    row(['anonymisation_summary', 'anonymisation_report'], 'anonymisation', t('publication:gates.approved')),
    row('family', 'family', f.familyToldOn ? displayDate(t, f.familyToldOn) : ''),
    row(['summaryEn', 'summaryCy'], 'summary', t('publication:gates.approved')),
    row('chair', 'chair', t('publication:gates.approved')),
  ];
}

export default async function publicationRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { publication } = opts.services;

  async function showPage(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t } = req;
    const view = await publication.view(req.caller(), p);
    const pub = view.publication;
    const release = pub?.releaseAt ? dateAndTime(pub.releaseAt, languageOf(t)) : null;
    return reply.page(
      'features/publication/publication.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: view.review.reference },
        pub,
        choice: pub?.choice && isPublicationChoice(pub.choice) ? t(`publication:choices.${pub.choice}`) : null,
        release,
        recheckOn: pub?.recheckOn ? displayDate(t, pub.recheckOn) : null,
        published: pub?.publishedAt ? displayDate(t, pub.publishedAt) : null,
        withdrawn: pub?.withdrawnAt ? displayDate(t, pub.withdrawnAt) : null,
        publicLink: view.publicId ? urls.publishedReview(view.publicId) : null,
        gates: gateRows(t, view),
        ready: Object.keys(view.refusals).filter((k) => k !== 'chair').length === 0,
        approved: view.approved,
        restricted: view.restricted,
        canPrepare: view.canPrepare,
        canApprove: view.canApprove,
        ongoingProceedings: view.facts.openCriminalProceedings,
        fieldIds: { form: 'approve' },
        backLink: urls.review(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }
  app.get(urls.reviewPublication.pattern, { config: READ }, (req, reply) => showPage(req, reply));

  async function showForm(req: FastifyRequest, reply: FastifyReply, form: Form, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t } = req;
    // The form's own permission (the chair's override; the business unit's others), not only the page's.
    const view = await publication.view(req.caller(), p, form === 'override' ? 'publication.approve' : 'publication.prepare');
    const pub = view.publication;
    const has = (field: string) => Boolean(errors?.[field]);
    const release = pub?.releaseAt ? { date: londonDate(pub.releaseAt), time: dateAndTime(pub.releaseAt, 'en').time } : null;
    const choice = body ? formString(body.choice) : (pub?.choice ?? undefined);
    return reply.page(
      `features/publication/${form}.njk`,
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: view.review.reference },
        action: {
          decision: urls.reviewPublicationDecision,
          welfare: urls.reviewPublicationWelfare,
          hold: urls.reviewPublicationHold,
          override: urls.reviewPublicationOverride,
        }[form](p.boardId, p.reviewId),
        revision: body ? (formString(body.revision) ?? '') : String(pub?.revision ?? 0),
        held: pub?.recheckOn != null,
        choiceItems: PUBLICATION_CHOICES.map((c) => ({
          value: c,
          text: t(`publication:choices.${c}`),
          hint: { text: t(`publication:choiceHints.${c}`) },
          checked: c === choice,
        })),
        values: {
          reasons: body ? raw(body, 'reasons') : (pub?.reasons ?? ''),
          releaseTime: body ? raw(body, 'releaseTime') : (release?.time ?? ''),
          pressStatementEn: body ? raw(body, 'pressStatementEn') : (pub?.pressStatementEn ?? ''),
          pressStatementCy: body ? raw(body, 'pressStatementCy') : (pub?.pressStatementCy ?? ''),
          briefingEn: body ? raw(body, 'briefingEn') : (pub?.briefingEn ?? ''),
          briefingCy: body ? raw(body, 'briefingCy') : (pub?.briefingCy ?? ''),
          showHold: body ? formString(body.showHold) === 'yes' : (pub?.showHold ?? false),
          withdrawAfterMonths: body ? raw(body, 'withdrawAfterMonths') : pub?.withdrawAfterMonths != null ? String(pub.withdrawAfterMonths) : '',
          note: body ? raw(body, 'note') : '',
          holdReason: body ? raw(body, 'holdReason') : (pub?.holdReason ?? ''),
          liaison: body ? raw(body, 'liaison') : '',
        },
        releaseDateItems: dateItems(t, body ? dateParts(body, 'releaseDate') : partsOf(release?.date), has('releaseDate')),
        checkedOnItems: dateItems(t, body ? dateParts(body, 'checkedOn') : partsOf(pub?.welfareCheckedOn), has('checkedOn')),
        recheckOnItems: dateItems(t, body ? dateParts(body, 'recheckOn') : partsOf(pub?.recheckOn), has('recheckOn')),
        fieldIds: FIELD_IDS[form],
        backLink: urls.reviewPublication(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }

  const formRoute = (
    form: Form,
    path: { pattern: string },
    access: 'publication.prepare' | 'publication.approve',
    audit: Parameters<typeof change>[1],
    run: (req: FastifyRequest, body: Body) => Promise<unknown>,
    flash: string,
  ) => {
    app.get(path.pattern, { config: formConfig(access) }, (req, reply) => showForm(req, reply, form));
    app.post(path.pattern, { config: change(access, audit) }, async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => run(req, body),
        show: (errors, status) => showForm(req, reply, form, body, errors, status),
        flash,
        next: urls.reviewPublication(p.boardId, p.reviewId),
      });
    });
  };

  formRoute(
    'decision',
    urls.reviewPublicationDecision,
    'publication.prepare',
    'PUBLICATION_DECIDED',
    (req, body) =>
      publication.decide(req.caller(), req.params as Params, {
        choice: formString(body.choice) ?? '',
        reasons: raw(body, 'reasons'),
        releaseDate: dateOf(body, 'releaseDate'),
        releaseTime: raw(body, 'releaseTime'),
        pressStatementEn: raw(body, 'pressStatementEn'),
        pressStatementCy: raw(body, 'pressStatementCy'),
        briefingEn: raw(body, 'briefingEn'),
        briefingCy: raw(body, 'briefingCy'),
        showHold: formString(body.showHold) === 'yes',
        withdrawAfterMonths: raw(body, 'withdrawAfterMonths'),
        revision: revisionOf(body),
      }),
    'publication:flash.decided',
  );
  formRoute(
    'welfare',
    urls.reviewPublicationWelfare,
    'publication.prepare',
    'PUBLICATION_WELFARE_CHECKED',
    (req, body) =>
      publication.recordWelfareCheck(req.caller(), req.params as Params, {
        checkedOn: dateOf(body, 'checkedOn'),
        note: raw(body, 'note'),
        revision: revisionOf(body),
      }),
    'publication:flash.welfareChecked',
  );
  formRoute(
    'hold',
    urls.reviewPublicationHold,
    'publication.prepare',
    'PUBLICATION_HELD',
    (req, body) =>
      publication.hold(req.caller(), req.params as Params, {
        reason: raw(body, 'holdReason'),
        recheckOn: dateOf(body, 'recheckOn'),
        revision: revisionOf(body),
      }),
    'publication:flash.held',
  );
  formRoute(
    'override',
    urls.reviewPublicationOverride,
    'publication.approve',
    'PUBLICATION_OVERRIDDEN',
    (req, body) => publication.override(req.caller(), req.params as Params, { liaison: raw(body, 'liaison'), revision: revisionOf(body) }),
    'publication:flash.overridden',
  );

  app.post(urls.reviewPublicationHoldEnd.pattern, { config: change('publication.prepare', 'PUBLICATION_HOLD_ENDED') }, async (req, reply) => {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => publication.endHold(req.caller(), p, { revision: revisionOf(body) }),
      show: (errors, status) => showForm(req, reply, 'hold', undefined, errors, status),
      flash: 'publication:flash.holdEnded',
      next: urls.reviewPublication(p.boardId, p.reviewId),
    });
  });
  app.post(urls.reviewPublicationApprove.pattern, { config: change('publication.approve', 'PUBLICATION_APPROVED') }, async (req, reply) => {
    const p = req.params as Params;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => publication.approve(req.caller(), p, { revision: revisionOf(body) }),
      show: (errors, status) => showPage(req, reply, errors, status),
      flash: 'publication:flash.approved',
      next: urls.reviewPublication(p.boardId, p.reviewId),
    });
  });
}
