// The person details form shared by "Add a person" and "Change details": its fields, the options offered
// (agencies and boards the administrator manages) and its parser, checked against those options.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { LANGUAGES, localName } from '../../../domain/organisation.ts';
import { isDeploymentAdministrator } from '../../../domain/permissions.ts';
import { BOARD_ROLES, type BoardRole } from '../../../domain/roles.ts';
import type { FieldErrors } from '../../../services/context.ts';
import type { PersonInput } from '../../../services/people-service.ts';
import { type FormResult, formString, parseForm } from '../../forms.ts';
import { PersonDetailsStep } from '../../journeys/commands.ts';
import { raw, viewHelpers } from './form-helpers.ts';

type Body = Record<string, unknown>;
const INDEPENDENT = 'independent';

export type NewPerson = PersonInput & { boardId: string | null; initialRole: BoardRole | null };

// The details as the API's people operations read them (src/http/journeys/commands.ts), with the agency chosen.
const DetailsForm = z.object({
  fullName: PersonDetailsStep.shape.fullName,
  email: PersonDetailsStep.shape.email,
  jobTitle: PersonDetailsStep.shape.jobTitle,
  agencyId: z.string({ error: 'person.agencyRequired' }).trim().min(1, 'person.agencyRequired'),
  language: PersonDetailsStep.shape.language,
});

export const FIELD_IDS = { agencyId: 'agencyId', language: 'language', initialRole: 'initialRole', boardId: 'boardId' };

/** What the reader typed, to show again after a failed submission. */
export function posted(body: Body) {
  return {
    fullName: raw(body, 'fullName'),
    email: raw(body, 'email'),
    jobTitle: raw(body, 'jobTitle'),
    agencyId: raw(body, 'agencyId'),
    language: raw(body, 'language'),
    boardId: raw(body, 'boardId'),
    initialRole: raw(body, 'initialRole'),
  };
}

/** The form's values from saved answers or a person. */
export function values(a: Partial<NewPerson>) {
  return {
    fullName: a.fullName ?? '',
    email: a.email ?? '',
    jobTitle: a.jobTitle ?? '',
    agencyId: a.agencyId === undefined ? '' : (a.agencyId ?? INDEPENDENT),
    language: a.language ?? '',
    boardId: a.boardId ?? '',
    initialRole: a.initialRole ?? '',
  };
}

export function personForm(services: Services) {
  const { organisation, people } = services;

  /** Options for the form; a first role is offered on boards where the administrator also grants roles. */
  async function formContext(req: FastifyRequest, current?: string | null) {
    const [agencies, boards, roleBoards] = await Promise.all([
      organisation.listAgenciesWhere(req.caller(), 'person.manage'),
      organisation.listBoardsWhere(req.caller(), 'person.manage'),
      organisation.listBoardsWhere(req.caller(), 'role.manage'),
    ]);
    const deploymentAdministrator = req.actor ? isDeploymentAdministrator(req.actor) : false;
    return {
      agencyOptions: [
        ...agencies.filter((a) => a.isActive || a.id === current).map((a) => ({ value: a.id, text: localName(a, req.lang) })),
        { value: INDEPENDENT, text: req.t('admin:person.independent') },
      ],
      languages: LANGUAGES.map((l) => ({ value: l, text: req.t(`common:languages.${l}`) })),
      boardOptions: roleBoards.filter((b) => boards.some((m) => m.id === b.id)).map((b) => ({ value: b.id, text: localName(b, req.lang) })),
      // A board's chair is appointed by a deployment administrator only.
      roleOptions: BOARD_ROLES.filter((r) => deploymentAdministrator || r !== 'board_chair').map((r) => ({ value: r, text: req.t(`common:roles.${r}`) })),
      isDeploymentAdministrator: deploymentAdministrator,
      ...viewHelpers(req.t),
    };
  }

  /** The details form: agency (or independent, then a board and first role), checked against the options offered. */
  async function parseDetails(
    req: FastifyRequest,
    body: Body,
    options: { withBoard: boolean; exceptId?: string; currentAgencyId?: string | null },
  ): Promise<FormResult<NewPerson>> {
    const context = await formContext(req, options.currentAgencyId);
    const form = parseForm(DetailsForm, body);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const agencyId = formString(body.agencyId);
    if (agencyId && !context.agencyOptions.some((o) => o.value === agencyId)) errors.agencyId = 'person.agencyUnknown';
    let boardId: string | null = null;
    let initialRole: BoardRole | null = null;
    if (options.withBoard && agencyId === INDEPENDENT) {
      boardId = formString(body.boardId) ?? null;
      const role = formString(body.initialRole);
      initialRole = context.roleOptions.find((r) => r.value === role)?.value ?? null;
      if (boardId && !context.boardOptions.some((o) => o.value === boardId)) errors.boardId = 'board.unknown';
      if (role && !initialRole) errors.initialRole = 'role.unknown';
      const required = !context.isDeploymentAdministrator || boardId || initialRole;
      if (required && !boardId && !errors.boardId) errors.boardId = 'person.boardRequired';
      if (required && !initialRole && !errors.initialRole) errors.initialRole = 'person.initialRoleRequired';
    }
    if (form.ok && !errors.email && (await people.isEmailTaken(form.data.email, options.exceptId))) errors.email = 'email.taken';
    if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors };
    return { ok: true, data: { ...form.data, agencyId: form.data.agencyId === INDEPENDENT ? null : form.data.agencyId, boardId, initialRole } };
  }

  return { formContext, parseDetails };
}
