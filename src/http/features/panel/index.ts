// The panel of a review and the register of independent chairs and reviewers (issue 10 item 2): the
// board's register (filters; adding and changing entries, their engagements with agencies), a review's
// panel page (agency members, nominations, declaration links, appointments with their refusals and
// warnings, leaving and replacement), and the candidate's declaration page, reached by the emailed link
// only, which shows the review's reference, area, dates, the child's pseudonym and the involved agencies.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { getFramework } from '../../../domain/frameworks/index.ts';
import type { FrameworkId } from '../../../domain/frameworks/types.ts';
import { LANGUAGES, type Language, localName } from '../../../domain/organisation.ts';
import { pseudonymText } from '../../../domain/pseudonyms.ts';
import {
  AVAILABILITIES,
  type Availability,
  INDEPENDENT_ROLES,
  type IndependentRole,
  isAvailability,
  isIndependentRole,
} from '../../../domain/reviews/independence.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import type { RegisterInput } from '../../../services/panel-register-service.ts';
import { mayViewRegister } from '../../../services/panel-service.ts';
import { urls } from '../../../urls.ts';
import { displayDate } from '../../dates.ts';
import { choose, chooseMany, formList, formString, isInvalid, raw, submitForm } from '../../forms.ts';
import { panelSummary, roleTitle } from '../../panel-section.ts';

type Body = Record<string, unknown>;
/** The form helpers the views call. */
const helpers = { choose, chooseMany };

/** The register's filters from a query (unknown values ignored). */
export function registerFilter(query: Record<string, unknown>) {
  const availability = formString(query.availability);
  const language = formString(query.language);
  return {
    availability: availability && isAvailability(availability) ? availability : undefined,
    language: language === 'en' || language === 'cy' ? (language as Language) : undefined,
    specialism: formString(query.specialism)?.slice(0, 100),
  };
}

export function registerInput(body: Body): RegisterInput {
  return {
    fullName: raw(body, 'fullName'),
    email: raw(body, 'email'),
    specialisms: raw(body, 'specialisms'),
    wgApproved: formString(body.wgApproved) === 'yes',
    languages: formList(body.languages),
    availability: raw(body, 'availability'),
    pastReviews: raw(body, 'pastReviews'),
    declaredInterests: raw(body, 'declaredInterests'),
    employerAgencyId: formString(body.employerAgencyId) ?? null,
  };
}

export default async function panelRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { panel, register } = opts.services;

  async function agencyOptions(req: FastifyRequest, boardId: string, permission: 'register.view' | 'register.manage' = 'register.view') {
    const { agencies } = await register.agencies(req.caller(), boardId, permission);
    return agencies.map((a) => ({ value: a.id, text: localName(a, req.lang) }));
  }

  // ---- The register ---------------------------------------------------------------------------------
  app.get(urls.register.pattern, { config: { access: 'register.view', audit: 'REGISTER_LISTED' } }, async (req, reply) => {
    const { boardId } = req.params as { boardId: string };
    const query = (req.query ?? {}) as Record<string, unknown>;
    const filter = registerFilter(query);
    const t = req.t;
    const [{ entries }, agencies] = await Promise.all([register.list(req.caller(), boardId, filter), agencyOptions(req, boardId)]);
    const agencyName = new Map(agencies.map((a) => [a.value, a.text]));
    return reply.page('features/panel/register.njk', {
      boardId,
      rows: entries.map((e) => ({
        href: urls.registerEntry(boardId, e.id),
        name: e.fullName,
        specialisms: e.specialisms.join(', '),
        approved: e.wgApproved ? t('common:yes') : t('common:no'),
        languages: e.languages.map((l) => t(`panel:languages.${l}`)).join(', '),
        availability: t(`panel:availability.${e.availability}`),
        engagements: e.engagements
          .map((g) => `${agencyName.get(g.agencyId) ?? ''} (${displayDate(t, g.fromOn)} – ${g.toOn ? displayDate(t, g.toOn) : t('panel:ongoing')})`)
          .join('; '),
      })),
      filter,
      availabilityItems: [
        { value: '', text: t('panel:filters.any') },
        ...AVAILABILITIES.map((a) => ({ value: a, text: t(`panel:availability.${a}`), selected: a === filter.availability })),
      ],
      languageItems: [
        { value: '', text: t('panel:filters.any') },
        ...LANGUAGES.map((l) => ({ value: l, text: t(`panel:languages.${l}`), selected: l === filter.language })),
      ],
      mayManage: (await register.agencies(req.caller(), boardId)).mayManage,
    });
  });

  async function showEntryForm(req: FastifyRequest, reply: FastifyReply, entryId: string | null, values: Body | null, errors?: FieldErrors) {
    const { boardId } = req.params as { boardId: string };
    const t = req.t;
    // A new entry's form is for those who may add one on this board (the route checked the permission somewhere).
    const agencies = await agencyOptions(req, boardId, entryId ? 'register.view' : 'register.manage');
    let current: Body = values ?? {};
    let engagements: { agency: string; from: string; to: string; what: string }[] = [];
    if (entryId) {
      const entry = await register.get(req.caller(), boardId, entryId);
      if (!values)
        current = {
          fullName: entry.fullName,
          email: entry.email,
          specialisms: entry.specialisms.join(', '),
          wgApproved: entry.wgApproved ? 'yes' : 'no',
          languages: entry.languages,
          availability: entry.availability,
          pastReviews: entry.pastReviews,
          declaredInterests: entry.declaredInterests,
          employerAgencyId: entry.employerAgencyId ?? '',
        };
      const names = new Map(agencies.map((a) => [a.value, a.text]));
      engagements = entry.engagements.map((g) => ({
        agency: names.get(g.agencyId) ?? '',
        from: displayDate(t, g.fromOn),
        to: g.toOn ? displayDate(t, g.toOn) : t('panel:ongoing'),
        what: g.what,
      }));
    }
    return reply.page(
      'features/panel/register-entry.njk',
      {
        ...helpers,
        boardId,
        entryId,
        values: current,
        engagements,
        agencies,
        availabilities: AVAILABILITIES.map((a) => ({ value: a, text: t(`panel:availability.${a}`) })),
        languageOptions: LANGUAGES.map((l) => ({ value: l, text: t(`panel:languages.${l}`) })),
        yesNo: [
          { value: 'yes', text: t('common:yes') },
          { value: 'no', text: t('common:no') },
        ],
        action: entryId ? urls.registerEntry(boardId, entryId) : urls.registerNew(boardId),
        backLink: urls.register(boardId),
      },
      { errors },
    );
  }

  app.get(urls.registerNew.pattern, { config: { access: 'register.manage', audit: 'REGISTER_ENTRY_VIEWED' } }, (req, reply) =>
    showEntryForm(req, reply, null, null),
  );
  app.post(urls.registerNew.pattern, { config: { access: 'register.manage', audit: 'REGISTER_ENTRY_ADDED' } }, async (req, reply) => {
    const { boardId } = req.params as { boardId: string };
    const body = (req.body ?? {}) as Body;
    try {
      const { id } = await register.add(req.caller(), boardId, registerInput(body));
      req.session.flash = req.t('panel:register.added');
      return reply.redirect(urls.registerEntry(boardId, id));
    } catch (e) {
      if (isInvalid(e)) return showEntryForm(req, reply, null, body, e.fieldErrors);
      throw e;
    }
  });
  app.get(urls.registerEntry.pattern, { config: { access: 'register.view', audit: 'REGISTER_ENTRY_VIEWED' } }, (req, reply) =>
    showEntryForm(req, reply, (req.params as { entryId: string }).entryId, null),
  );
  app.post(urls.registerEntry.pattern, { config: { access: 'register.manage', audit: 'REGISTER_ENTRY_UPDATED' } }, async (req, reply) => {
    const { boardId, entryId } = req.params as { boardId: string; entryId: string };
    const body = (req.body ?? {}) as Body;
    try {
      await register.update(req.caller(), boardId, entryId, registerInput(body));
      req.session.flash = req.t('panel:register.saved');
      return reply.redirect(urls.registerEntry(boardId, entryId));
    } catch (e) {
      if (isInvalid(e)) return showEntryForm(req, reply, entryId, body, e.fieldErrors);
      throw e;
    }
  });
  app.post(urls.registerEngagements.pattern, { config: { access: 'register.manage', audit: 'REGISTER_ENGAGEMENT_ADDED' } }, async (req, reply) => {
    const { boardId, entryId } = req.params as { boardId: string; entryId: string };
    const body = (req.body ?? {}) as Body;
    try {
      await register.addEngagement(req.caller(), boardId, entryId, {
        agencyId: formString(body.agencyId) ?? '',
        fromOn: formString(body.fromOn) ?? '',
        toOn: formString(body.toOn) ?? null,
        what: raw(body, 'what'),
      });
      req.session.flash = req.t('panel:register.engagementAdded');
      return reply.redirect(urls.registerEntry(boardId, entryId));
    } catch (e) {
      if (isInvalid(e)) return showEntryForm(req, reply, entryId, null, e.fieldErrors);
      throw e;
    }
  });

  // ---- A review's panel -----------------------------------------------------------------------------
  async function showPanel(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status?: number, shown: Body = {}) {
    const { boardId, reviewId } = req.params as { boardId: string; reviewId: string };
    const query = (req.query ?? {}) as Record<string, unknown>;
    const t = req.t;
    const lang = req.lang;
    const view = await panel.view(req.caller(), boardId, reviewId);
    const summary = panelSummary(t, lang, view);
    const queriedRole = formString(query.role);
    const role: IndependentRole = queriedRole && isIndependentRole(queriedRole) ? queriedRole : 'panel_chair';
    const filter = registerFilter(query);
    const candidates = view.may.nominate[role] ? await panel.candidates(req.caller(), boardId, reviewId, role, filter) : [];
    const agencyName = (id: string) => view.involvedAgencies.find((a) => a.id === id)?.[lang] ?? '';
    return reply.page(
      'features/panel/panel.njk',
      {
        ...helpers,
        boardId,
        reviewId,
        reference: view.review.reference,
        framework: getFramework(view.review.frameworkId as FrameworkId).name[lang],
        summary,
        may: view.may,
        places: INDEPENDENT_ROLES.map((r) => ({
          role: r,
          title: roleTitle(t, view, r),
          places: view.rules[r].places,
          approvedListOnly: view.rules[r].approvedListOnly,
        })),
        involved: view.involvedAgencies.map((a) => ({ value: a.id, text: a[lang] })),
        roleItems: INDEPENDENT_ROLES.filter((r) => view.may.nominate[r]).map((r) => ({ value: r, text: roleTitle(t, view, r), selected: r === role })),
        role,
        filter,
        availabilityItems: [
          { value: '', text: t('panel:filters.any') },
          ...AVAILABILITIES.map((a: Availability) => ({ value: a, text: t(`panel:availability.${a}`), selected: a === filter.availability })),
        ],
        languageItems: [
          { value: '', text: t('panel:filters.any') },
          ...LANGUAGES.map((l) => ({ value: l, text: t(`panel:languages.${l}`), selected: l === filter.language })),
        ],
        candidates: candidates.map((c) => ({
          value: c.id,
          text: c.fullName,
          hint: [
            c.specialisms.join(', '),
            c.languages.map((l) => t(`panel:languages.${l}`)).join(', '),
            t(`panel:availability.${c.availability}`),
            c.wgApproved ? t('panel:approved') : '',
          ]
            .filter(Boolean)
            .join(' · '),
          warnings: c.warnings.map((w) =>
            t('panel:engagementWarning', {
              agency: agencyName(w.agencyId),
              from: displayDate(t, w.fromOn),
              to: w.toOn ? displayDate(t, w.toOn) : t('panel:ongoing'),
            }),
          ),
          employed: c.employedByInvolved,
        })),
        ended: summary.past.filter((p) => p.status === t('panel:statuses.ended')),
        endedIds: view.nominations.filter((n) => n.status === 'ended' && n.role === role).map((n) => ({ value: n.id, text: n.entryName })),
        link: shown.link ?? null,
        values: shown,
        languageOptions: LANGUAGES.map((l) => ({ value: l, text: t(`panel:languages.${l}`) })),
        backLink: urls.review(boardId, reviewId),
        registerLink: mayViewRegister(req.caller(), boardId) ? urls.register(boardId) : null,
        // Refusals of a nomination's step link to the nominations (or the appointed people): each field a heading of the page.
        fieldIds: {
          form: 'nominations',
          declaration: 'nominations',
          employer: 'nominations',
          approvedList: 'nominations',
          reason: 'independent',
          role: 'role',
          entryId: 'entryId',
          agencyId: 'agencyId',
        },
      },
      { errors, status },
    );
  }

  const panelRead = { reads: 'case-material' as const, readAudit: 'PANEL_VIEWED' as const };
  app.get(urls.panel.pattern, { config: { access: 'panel.view', audit: 'PANEL_VIEWED', reads: 'case-material' } }, (req, reply) => showPanel(req, reply));

  /** A panel change through submitForm: a refusal shows the panel page again; success goes back to it. */
  function change(req: FastifyRequest, reply: FastifyReply, work: (p: { boardId: string; reviewId: string; body: Body }) => Promise<unknown>, flash: string) {
    const { boardId, reviewId } = req.params as { boardId: string; reviewId: string };
    const body = (req.body ?? {}) as Body;
    return submitForm(req, reply, {
      run: () => work({ boardId, reviewId, body }),
      show: (errors, status) => showPanel(req, reply, errors, status, body),
      flash,
      next: urls.panel(boardId, reviewId),
    });
  }

  app.post(urls.panelMembers.pattern, { config: { access: 'panel.manage', audit: 'PANEL_MEMBER_ADDED', ...panelRead } }, (req, reply) =>
    change(
      req,
      reply,
      async ({ boardId, reviewId, body }) => {
        const language = formString(body.language);
        await panel.addMember(req.caller(), boardId, reviewId, {
          fullName: raw(body, 'fullName'),
          email: raw(body, 'email').trim(),
          jobTitle: formString(body.jobTitle) ?? null,
          agencyId: formString(body.agencyId) ?? null,
          language: language === 'cy' ? 'cy' : 'en',
        });
      },
      'panel:flash.memberAdded',
    ),
  );
  app.post(urls.panelMemberEnd.pattern, { config: { access: 'panel.manage', audit: 'PANEL_MEMBER_ENDED', ...panelRead } }, (req, reply) =>
    change(
      req,
      reply,
      async ({ boardId, reviewId }) => {
        await panel.endMember(req.caller(), boardId, reviewId, (req.params as { assignmentId: string }).assignmentId);
      },
      'panel:flash.memberEnded',
    ),
  );
  app.post(urls.panelNominations.pattern, { config: { access: 'panel.view', audit: 'PANEL_NOMINATED', ...panelRead } }, (req, reply) =>
    change(
      req,
      reply,
      async ({ boardId, reviewId, body }) => {
        await panel.nominate(req.caller(), boardId, reviewId, {
          role: raw(body, 'role'),
          entryId: raw(body, 'entryId'),
          replacesId: formString(body.replacesId) ?? null,
        });
      },
      'panel:flash.nominated',
    ),
  );
  // Not submitForm: on success the panel page is shown with the new link (no redirect, no flash).
  app.post(urls.panelDeclarationLink.pattern, { config: { access: 'panel.view', audit: 'PANEL_DECLARATION_REQUESTED', ...panelRead } }, async (req, reply) => {
    const { boardId, reviewId } = req.params as { boardId: string; reviewId: string };
    let link: { url: string; expires: string };
    try {
      const { url, expiresAt } = await panel.requestDeclaration(req.caller(), boardId, reviewId, (req.params as { nominationId: string }).nominationId);
      link = { url, expires: displayDate(req.t, expiresAt.slice(0, 10)) };
    } catch (e) {
      if (e instanceof ServiceError && (e.kind === 'invalid' || e.kind === 'conflict'))
        return showPanel(
          req,
          reply,
          Object.keys(e.fieldErrors).length > 0 ? e.fieldErrors : { form: e.message },
          e.kind === 'conflict' ? 409 : undefined,
          (req.body ?? {}) as Body,
        );
      throw e;
    }
    return showPanel(req, reply, undefined, undefined, { link });
  });
  app.post(urls.panelAppoint.pattern, { config: { access: 'panel.view', audit: 'PANEL_APPOINTED', ...panelRead } }, (req, reply) =>
    change(
      req,
      reply,
      async ({ boardId, reviewId }) => {
        await panel.appoint(req.caller(), boardId, reviewId, (req.params as { nominationId: string }).nominationId);
      },
      'panel:flash.appointed',
    ),
  );
  app.post(urls.panelEnd.pattern, { config: { access: 'panel.manage', audit: 'PANEL_APPOINTMENT_ENDED', ...panelRead } }, (req, reply) =>
    change(
      req,
      reply,
      async ({ boardId, reviewId, body }) => {
        await panel.endNomination(req.caller(), boardId, reviewId, (req.params as { nominationId: string }).nominationId, raw(body, 'reason'));
      },
      'panel:flash.ended',
    ),
  );

  // ---- The candidate's declaration (the link is the credential) -----------------------------------
  async function showDeclaration(req: FastifyRequest, reply: FastifyReply, values: Body = {}, errors?: FieldErrors) {
    const { token } = req.params as { token: string };
    const t = req.t;
    const lang = req.lang;
    const brief = await panel.declarationBrief(req.caller(), token);
    return reply.page(
      'features/panel/declaration.njk',
      {
        ...helpers,
        token,
        name: brief.candidateName,
        role: t(`panel:declarationRoles.${brief.role}`),
        reference: brief.reference,
        area: brief.area[lang],
        framework: getFramework(brief.frameworkId as FrameworkId).name[lang],
        pseudonym: pseudonymText(brief.pseudonym, lang),
        incidentOn: displayDate(t, brief.incidentOn),
        decidedOn: displayDate(t, brief.decidedOn),
        agencies: brief.agencies.map((a) => a[lang]),
        yesNo: [
          { value: 'yes', text: t('common:yes') },
          { value: 'no', text: t('common:no') },
        ],
        values,
      },
      { errors },
    );
  }
  app.get(urls.declaration.pattern, { config: { access: 'public', audit: 'PANEL_DECLARATION_VIEWED', reads: 'case-material' } }, (req, reply) =>
    showDeclaration(req, reply),
  );
  app.post(
    urls.declaration.pattern,
    { config: { access: 'public', audit: 'PANEL_DECLARED', reads: 'case-material', readAudit: 'PANEL_DECLARATION_VIEWED' } },
    async (req, reply) => {
      const { token } = req.params as { token: string };
      const body = (req.body ?? {}) as Body;
      const answer = (name: string) => (formString(body[name]) === 'yes' ? true : formString(body[name]) === 'no' ? false : undefined);
      try {
        await panel.declare(req.caller(), token, {
          independentOfAgencies: answer('independentOfAgencies'),
          independentOfCase: answer('independentOfCase'),
          independentOfChild: answer('independentOfChild'),
          conflicts: raw(body, 'conflicts'),
        });
      } catch (e) {
        if (isInvalid(e)) return showDeclaration(req, reply, body, e.fieldErrors);
        throw e;
      }
      return reply.page('features/panel/declared.njk', {});
    },
  );
}
