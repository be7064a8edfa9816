// The admin records' API schemas: boards, agencies, people (and their roles, invitations, email changes), the
// requests that create and change them, and their parameters. The new board, agency and person journeys' step
// fields (src/http/journeys/commands.ts) are composed in, so page and API refuse the same input alike; what
// several features share (ids, paging, problems, text, pseudonyms, roles) stays in src/http/api/schemas.ts.
import { z } from 'zod';
import { BOARD_TYPES, LANGUAGES, NATIONS, SECTORS } from '../../../domain/organisation.ts';
import { BOARD_ROLES } from '../../../domain/roles.ts';
import { CalendarDate, DateIn, Id, Instant, isName, NAME_MESSAGE, named, Page, RoleAssignment, text } from '../../api/schemas.ts';
import { AgencyDetailsStep, BoardDetailsStep, BoardRegionField, PersonDetailsStep } from '../../journeys/commands.ts';

// ---- Boards -------------------------------------------------------------------------------------------

export const Board = named(
  z.object({
    id: Id,
    code: z.string(),
    nameEn: z.string(),
    nameCy: z.string(),
    boardType: z.enum(BOARD_TYPES),
    nation: z.enum(NATIONS),
    region: z.string().nullable(),
    validFromOn: CalendarDate.nullable(),
    validToOn: CalendarDate.nullable(),
    predecessorBoardId: Id.nullable(),
    isActive: z.boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  }),
  'Board',
);

const boardFields = {
  // The new board journey's fields (src/http/journeys/commands.ts): the same rules and field errors as its pages.
  code: BoardDetailsStep.shape.code,
  nameEn: BoardDetailsStep.shape.nameEn.refine(isName, NAME_MESSAGE),
  nameCy: BoardDetailsStep.shape.nameCy.refine(isName, NAME_MESSAGE),
  boardType: z.enum(BOARD_TYPES),
  nation: z.enum(NATIONS),
  region: BoardRegionField,
  validFromOn: DateIn.nullable(),
  validToOn: DateIn.nullable(),
  predecessorBoardId: Id.nullable(),
  isActive: z.boolean(),
};

function datesInOrder(value: { validFromOn?: string | null | undefined; validToOn?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (value.validFromOn && value.validToOn && value.validToOn < value.validFromOn) {
    ctx.addIssue({ code: 'custom', path: ['validToOn'], message: 'Must be on or after validFromOn' });
  }
}

export const BoardCreate = named(
  z
    .strictObject({
      code: boardFields.code,
      nameEn: boardFields.nameEn,
      nameCy: boardFields.nameCy,
      boardType: boardFields.boardType,
      nation: boardFields.nation,
      region: boardFields.region.optional(),
      validFromOn: boardFields.validFromOn.optional(),
      validToOn: boardFields.validToOn.optional(),
      predecessorBoardId: boardFields.predecessorBoardId.optional(),
    })
    .superRefine(datesInOrder),
  'BoardCreate',
);

export const BoardReplace = named(
  z
    .strictObject({
      ...boardFields,
      region: boardFields.region.optional(),
      validFromOn: boardFields.validFromOn.optional(),
      validToOn: boardFields.validToOn.optional(),
      predecessorBoardId: boardFields.predecessorBoardId.optional(),
    })
    .superRefine(datesInOrder),
  'BoardReplace',
);

export const BoardPatch = named(
  z
    .strictObject({
      code: boardFields.code.optional(),
      nameEn: boardFields.nameEn.optional(),
      nameCy: boardFields.nameCy.optional(),
      boardType: boardFields.boardType.optional(),
      nation: boardFields.nation.optional(),
      region: boardFields.region.optional(),
      validFromOn: boardFields.validFromOn.optional(),
      validToOn: boardFields.validToOn.optional(),
      predecessorBoardId: boardFields.predecessorBoardId.optional(),
      isActive: boardFields.isActive.optional(),
    })
    .superRefine(datesInOrder),
  'BoardPatch',
);

// ---- Agencies -----------------------------------------------------------------------------------------

export const Agency = named(
  z.object({
    id: Id,
    nameEn: z.string(),
    nameCy: z.string(),
    sector: z.enum(SECTORS),
    isStatutoryPartner: z.boolean(),
    isActive: z.boolean(),
    boardIds: z.array(Id),
  }),
  'Agency',
);

const agencyFields = {
  nameEn: AgencyDetailsStep.shape.nameEn.refine(isName, NAME_MESSAGE),
  nameCy: AgencyDetailsStep.shape.nameCy.refine(isName, NAME_MESSAGE),
  sector: z.enum(SECTORS),
  isStatutoryPartner: z.boolean().default(false),
  boardIds: z
    .array(Id)
    .min(1)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'Each board once'),
};

export const AgencyCreate = named(z.strictObject(agencyFields), 'AgencyCreate');
export const AgencyReplace = named(z.strictObject({ ...agencyFields, isStatutoryPartner: z.boolean(), isActive: z.boolean() }), 'AgencyReplace');

export const Person = named(
  z.object({
    id: Id,
    email: z.string(),
    fullName: z.string(),
    jobTitle: z.string().nullable(),
    agencyId: Id.nullable(),
    language: z.enum(LANGUAGES),
    hasPassword: z.boolean(),
    twoFactorEnabled: z.boolean(),
    deactivatedAt: Instant.nullable(),
    createdAt: Instant,
  }),
  'Person',
);

export const PersonWithRoles = named(Person.extend({ roles: z.array(RoleAssignment) }), 'PersonWithRoles');

export const PeoplePage = named(
  z.object({ people: z.array(Person), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
  'PeoplePage',
);

const personFields = {
  fullName: PersonDetailsStep.shape.fullName.refine(isName, NAME_MESSAGE),
  email: PersonDetailsStep.shape.email,
  jobTitle: PersonDetailsStep.shape.jobTitle,
  agencyId: Id.nullable().default(null),
  language: z.enum(LANGUAGES).default('en'),
};

export const PersonCreate = named(
  z.strictObject({
    ...personFields,
    boardId: Id.nullable().optional().describe('The board of an independent person (no agency)'),
    initialRole: z.enum(BOARD_ROLES).nullable().optional().describe('A first role on boardId, given with the person'),
  }),
  'PersonCreate',
);
export const PersonReplace = named(z.strictObject({ ...personFields, language: z.enum(LANGUAGES) }), 'PersonReplace');

export const RoleCreate = named(
  z.strictObject({
    role: z.enum(BOARD_ROLES),
    boardId: Id.nullable().describe('null: deployment-wide (administrator only)'),
  }),
  'RoleCreate',
  'No one may grant a role to themselves (422). A board chair is appointed by deployment administrators only, at once. Any other role that shows case material waits for the board’s confirmation (status waiting); administrator and board member take effect at once',
);

export const EmailChange = named(
  z.object({
    newEmail: z.string(),
    expiresAt: Instant,
    emailed: z.boolean().describe('True when the confirmation link was emailed to the new address and a notice to the old one'),
    confirmationLink: z
      .string()
      .nullable()
      .describe('Only when the service sends no email: the single-use link to pass to the person by a secure route (no notice reached the old address)'),
  }),
  'EmailChange',
  'A change of email address waiting for the person to confirm it from the new address',
);

export const PersonUpdated = named(
  Person.extend({
    emailChange: EmailChange.nullable().describe('Set when the request changed the email address: the change waits for confirmation'),
  }),
  'PersonUpdated',
);

export const Invitation = named(
  z.object({
    personId: Id,
    expiresAt: Instant,
    emailed: z.boolean(),
    link: z.string().nullable().describe('Only when the service sends no email: the set-password link to pass on'),
  }),
  'Invitation',
);

// ---- Parameters -------------------------------------------------------------------------------------------

export const AgencyParams = z.object({ agencyId: Id });
export const PersonParams = z.object({ personId: Id });
export const RoleParams = z.object({ personId: Id, assignmentId: Id });
export const AgencyQuery = z.strictObject({ boardId: Id.optional() });
export const PeopleQuery = z.strictObject({
  text: text(200).optional(),
  boardId: Id.optional(),
  page: Page,
});
