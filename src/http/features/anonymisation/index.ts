// The anonymisation check's pages (issue 13 item 2): the review's publishable documents and where each one's check
// stands (scanned, findings open and accepted, approved), "scan" and "scan again"; a check's page — its findings by
// section, each match highlighted in its context, the kind in words, certain or likely, the accept form with a
// reason per finding; the previous version's findings fixed or accepted; the judicial checklist as radios; the
// approve button. Refusals show the GOV.UK error summary and change nothing; a change on a check changed since
// answers 409 with the page saying so. No JavaScript needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../../container.ts';
import { CHECKLIST, CHECKLIST_ANSWERS, CHECKLIST_GROUPS } from '../../../domain/publication/checklist.ts';
import type { FieldErrors } from '../../../services/context.ts';
import type { CheckView } from '../../../services/publication/anonymisation-service.ts';
import { urls } from '../../../urls.ts';
import { displayDate } from '../../dates.ts';
import { formString, raw, submitForm } from '../../forms.ts';

type Params = { boardId: string; reviewId: string };
type CheckParams = Params & { checkId: string };
type FindingParams = CheckParams & { findingId: string };
type Body = Record<string, unknown>;

const READ = { access: 'anonymisation.view', audit: 'ANONYMISATION_CHECKS_LISTED', reads: 'case-material' } as const;
const CHECK = { access: 'anonymisation.view', audit: 'ANONYMISATION_CHECK_VIEWED', reads: 'case-material' } as const;
const decide = (audit: 'ANONYMISATION_FINDING_ACCEPTED' | 'ANONYMISATION_CHECKLIST_ANSWERED' | 'ANONYMISATION_CHECK_APPROVED') =>
  ({ access: 'anonymisation.decide', audit, reads: 'case-material', readAudit: 'ANONYMISATION_CHECK_VIEWED' }) as const;

const versionOf = (body: Body) => {
  const v = Number(formString(body.version));
  return Number.isInteger(v) && v > 0 ? v : -1;
};

/** The checklist's answers as posted (`item-<id>`, `note-<id>`). */
function answersOf(body: Body) {
  return Object.fromEntries(CHECKLIST.map((i) => [i.id, { answer: formString(body[`item-${i.id}`]) ?? '', note: raw(body, `note-${i.id}`) }]));
}

const languageName = (t: TFunction, language: string) => t(`anonymisation:languages.${language}`);

export default async function anonymisationRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { anonymisation } = opts.services;

  async function showList(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number) {
    const p = req.params as Params;
    const { t } = req;
    const view = await anonymisation.list(req.caller(), p);
    const checkRow = (c: NonNullable<(typeof view.documents)[number]['check']>) => ({
      href: urls.anonymisationCheck(p.boardId, p.reviewId, c.id),
      scanned: t('anonymisation:scannedOn', { version: c.documentVersion, date: displayDate(t, c.scannedAt) }),
      findings: t('anonymisation:findingsCount', { open: c.open, accepted: c.accepted }),
      status: t(`anonymisation:statuses.${c.status}`),
    });
    return reply.page(
      'features/anonymisation/anonymisation.njk',
      {
        boardId: p.boardId,
        reviewId: p.reviewId,
        review: { reference: view.review.reference },
        canScan: view.canScan,
        documents: view.documents.map((d) => ({
          kind: d.kind,
          language: d.language,
          title: d.name[req.lang],
          languageName: languageName(t, d.language),
          version: d.currentVersion === null ? t('anonymisation:noDocument') : t('anonymisation:versionN', { version: d.currentVersion }),
          hasDocument: d.currentVersion !== null,
          check: d.check ? checkRow(d.check) : null,
          approved: d.current && d.check?.status === 'approved',
          stale: d.check !== null && !d.current,
          earlier: d.earlier.map(checkRow),
        })),
        fieldIds: { form: 'documents', kind: 'documents', language: 'documents' },
        backLink: urls.review(p.boardId, p.reviewId),
      },
      { errors, status },
    );
  }
  app.get(urls.reviewAnonymisation.pattern, { config: READ }, (req, reply) => showList(req, reply));

  app.post(
    urls.reviewAnonymisationScan.pattern,
    { config: { access: 'anonymisation.scan', audit: 'ANONYMISATION_SCANNED', reads: 'case-material', readAudit: 'ANONYMISATION_CHECKS_LISTED' } },
    async (req, reply) => {
      const p = req.params as Params;
      const body = (req.body ?? {}) as Body;
      return submitForm(req, reply, {
        run: () => anonymisation.scan(req.caller(), p, { kind: formString(body.kind) ?? '', language: formString(body.language) ?? '' }),
        show: (errors, status) => showList(req, reply, errors, status),
        flash: 'anonymisation:flash.scanned',
        flashValues: (r) => ({ number: r.findings, open: r.open }),
        next: (r) => urls.anonymisationCheck(p.boardId, p.reviewId, r.checkId),
      });
    },
  );

  function checkPage(t: TFunction, reader: 'en' | 'cy', p: CheckParams, view: CheckView, body?: Body, errorFinding?: string) {
    const { check } = view;
    const language = languageName(t, check.language);
    const title = view.documentName[reader];
    const sections: { title: string; findings: unknown[] }[] = [];
    view.findings.forEach((f, i) => {
      const sectionTitle = view.sectionTitles[f.section] ?? f.section;
      let group = sections.at(-1);
      if (!group || group.title !== sectionTitle) {
        group = { title: sectionTitle, findings: [] };
        sections.push(group);
      }
      const term = f.entryId ? view.terms[f.entryId] : undefined;
      group.findings.push({
        id: f.id,
        number: i + 1,
        kind: t(`anonymisation:kinds.${f.kind}`),
        confidence: t(`anonymisation:confidence.${f.confidence}`),
        before: f.before,
        match: f.match,
        after: f.after,
        useTerm: term ? t('anonymisation:useTerm', { term: check.language === 'cy' ? term.cy : term.en }) : null,
        accepted:
          f.decision === 'accepted'
            ? f.decidedByName
              ? t('anonymisation:check.acceptedBy', { name: f.decidedByName, date: displayDate(t, f.decidedAt), reason: f.reason ?? '' })
              : t('anonymisation:check.acceptedCarried', { reason: f.reason ?? '' })
            : null,
        action: urls.anonymisationFinding(p.boardId, p.reviewId, check.id, f.id),
        reason: body && errorFinding === f.id ? raw(body, 'reason') : '',
        hasError: errorFinding === f.id,
      });
    });
    const answers = body ? answersOf(body) : view.answers;
    return {
      boardId: p.boardId,
      reviewId: p.reviewId,
      checkId: check.id,
      review: { reference: view.review.reference },
      title: t('anonymisation:check.title', { document: title }),
      summary: t('anonymisation:check.summary', {
        language,
        version: check.documentVersion,
        date: displayDate(t, check.scannedAt),
        name: check.scannedByName ?? '',
      }),
      status: t(`anonymisation:statuses.${check.status}`),
      approved: check.status === 'approved',
      approvedBy: check.approvedByName ? t('anonymisation:check.approvedBy', { name: check.approvedByName, date: displayDate(t, check.approvedAt) }) : '',
      stale: view.currentVersion !== null && view.currentVersion !== check.documentVersion ? String(view.currentVersion) : null,
      lang: check.language,
      sections,
      previous: view.previous && {
        version: view.previous.documentVersion,
        findings: view.previous.findings.map((f) => ({
          kind: t(`anonymisation:kinds.${f.kind}`),
          before: f.before,
          match: f.match,
          after: f.after,
          outcome: t(`anonymisation:check.outcomes.${f.outcome}`),
        })),
      },
      checklist: CHECKLIST_GROUPS.map((g) => ({
        heading: t(`anonymisation:check.groups.${g}`),
        items: CHECKLIST.filter((i) => i.group === g).map((i) => ({
          id: i.id,
          text: i.text[reader],
          radios: CHECKLIST_ANSWERS.map((a) => ({ value: a, text: t(`anonymisation:check.answers.${a}`), checked: answers[i.id]?.answer === a })),
          note: String(answers[i.id]?.note ?? ''),
        })),
      })),
      answered: t('anonymisation:check.answeredCount', { answered: Object.keys(view.answers).length, total: CHECKLIST.length }),
      problems: Object.values(view.problems).map((k) => t(k)),
      canScan: view.canScan,
      canDecide: view.canDecide && check.status === 'open',
      kind: check.documentKind,
      version: check.version,
      fieldIds: {
        form: 'approve',
        document: 'approve',
        findings: 'findings',
        checklist: 'checklist',
        ...(errorFinding ? { reason: `reason-${errorFinding}` } : {}),
        ...Object.fromEntries(
          CHECKLIST.flatMap((i) => [
            [`item-${i.id}`, `item-${i.id}`],
            [`note-${i.id}`, `note-${i.id}`],
          ]),
        ),
      },
      backLink: urls.reviewAnonymisation(p.boardId, p.reviewId),
    };
  }

  async function showCheck(req: FastifyRequest, reply: FastifyReply, body?: Body, errors?: FieldErrors, status?: number) {
    const p = req.params as CheckParams & { findingId?: string };
    const view = await anonymisation.check(req.caller(), p, p.checkId);
    return reply.page('features/anonymisation/check.njk', checkPage(req.t, req.lang, p, view, body, p.findingId), { errors, status });
  }
  app.get(urls.anonymisationCheck.pattern, { config: CHECK }, (req, reply) => showCheck(req, reply));

  app.post(urls.anonymisationFinding.pattern, { config: decide('ANONYMISATION_FINDING_ACCEPTED') }, async (req, reply) => {
    const p = req.params as FindingParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => anonymisation.accept(req.caller(), p, p.checkId, p.findingId, { reason: raw(body, 'reason'), version: versionOf(body) }),
      show: (errors, status) => showCheck(req, reply, body, errors, status),
      flash: 'anonymisation:flash.accepted',
      next: urls.anonymisationCheck(p.boardId, p.reviewId, p.checkId),
    });
  });

  app.post(urls.anonymisationChecklist.pattern, { config: decide('ANONYMISATION_CHECKLIST_ANSWERED') }, async (req, reply) => {
    const p = req.params as CheckParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => anonymisation.answer(req.caller(), p, p.checkId, { answers: answersOf(body), version: versionOf(body) }),
      show: (errors, status) => showCheck(req, reply, body, errors, status),
      flash: 'anonymisation:flash.answered',
      next: urls.anonymisationCheck(p.boardId, p.reviewId, p.checkId),
    });
  });

  app.post(urls.anonymisationApprove.pattern, { config: decide('ANONYMISATION_CHECK_APPROVED') }, async (req, reply) => {
    const p = req.params as CheckParams;
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => anonymisation.approve(req.caller(), p, p.checkId, { version: versionOf(body) }),
      show: (errors, status) => showCheck(req, reply, undefined, errors, status),
      flash: 'anonymisation:flash.approved',
      next: urls.reviewAnonymisation(p.boardId, p.reviewId),
    });
  });
}
