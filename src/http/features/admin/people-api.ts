// People: search and list, read, create, replace, deactivate, invite; and their board roles. Changing an
// account (details, email, invitations, deactivation) needs a deployment administrator, or a board
// administrator of every board the person is on (domain/accounts.ts): 403 otherwise.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { notFound } from '../../../services/context.ts';
import { problems, RoleAssignment, roleOut } from '../../api/schemas.ts';
import {
  Invitation,
  PeoplePage,
  PeopleQuery,
  Person,
  PersonCreate,
  PersonParams,
  PersonReplace,
  PersonUpdated,
  PersonWithRoles,
  RoleCreate,
  RoleParams,
} from './api-schemas.ts';

const tags = ['people'];
const PAGE_SIZE = 50;

export default async function peopleRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { people, roles } = opts.services;

  app.get(
    '/people',
    {
      config: { access: 'person.view', audit: 'PEOPLE_LISTED' },
      schema: {
        tags,
        operationId: 'listPeople',
        summary: `People in the token holder’s boards, by name or email, ${PAGE_SIZE} a page`,
        querystring: PeopleQuery,
        response: { 200: PeoplePage, ...problems(400, 404) },
      },
    },
    async (req) => {
      const { text, boardId, page } = req.query;
      const found = await people.list(req.caller(), { text, boardId, page, pageSize: PAGE_SIZE });
      return { ...found, page, pageSize: PAGE_SIZE };
    },
  );

  app.post(
    '/people',
    {
      config: { access: 'person.manage', audit: 'PERSON_CREATED' },
      schema: {
        tags,
        operationId: 'createPerson',
        summary: 'Add a person',
        description: 'A first role (initialRole) is granted like any other: a case role waits for the board’s confirmation (see assignRole).',
        body: PersonCreate,
        response: { 201: Person, ...problems(400, 413, 422) },
      },
    },
    async (req, reply) => {
      const { boardId, initialRole, ...input } = req.body;
      const person = await people.create(req.caller(), { ...input, boardId: boardId ?? null, initialRole: initialRole ?? null });
      return reply
        .code(201)
        .header('location', `${req.url.replace(/\?.*$/, '')}/${person.id}`)
        .send(person);
    },
  );

  app.get(
    '/people/:personId',
    {
      config: { access: 'person.view', audit: 'PERSON_VIEWED' },
      schema: {
        tags,
        operationId: 'getPerson',
        summary: 'One person, with their current roles and grants waiting for confirmation',
        params: PersonParams,
        response: { 200: PersonWithRoles, ...problems(400, 404) },
      },
    },
    async (req) => {
      const person = await people.get(req.caller(), req.params.personId);
      return { ...person, roles: (await people.roles(req.caller(), person.id)).map(roleOut) };
    },
  );

  app.put(
    '/people/:personId',
    {
      config: { access: 'person.manage', audit: 'PERSON_UPDATED' },
      schema: {
        tags,
        operationId: 'replacePerson',
        summary: 'Replace a person’s details',
        description:
          'A different email address does not take effect here: it starts a change that the person confirms with a single-use link sent to the new address (valid 24 hours); the old address is told, and stays the sign-in address until then, and open invitations stop working. The response’s email is still the old address and emailChange describes the change. Without email configured, emailChange.confirmationLink is the link to pass on. 403 unless the token holder may change this account: a deployment administrator, or an administrator of every board the person holds a role on (or of their agency’s board when they hold none).',
        params: PersonParams,
        body: PersonReplace,
        response: { 200: PersonUpdated, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => {
      const { person, emailChange } = await people.update(req.caller(), req.params.personId, req.body);
      return {
        ...person,
        emailChange: emailChange
          ? { newEmail: emailChange.newEmail, expiresAt: emailChange.expiresAt, emailed: emailChange.emailed, confirmationLink: emailChange.link }
          : null,
      };
    },
  );

  app.delete(
    '/people/:personId/email-change',
    {
      config: { access: 'person.manage', audit: 'EMAIL_CHANGE_CANCELLED' },
      schema: {
        tags,
        operationId: 'cancelEmailChange',
        summary: 'Cancel a change of email address still waiting for confirmation',
        params: PersonParams,
        response: { 204: z.undefined().describe('The change was cancelled'), ...problems(400, 404) },
      },
    },
    async (req, reply) => {
      await people.cancelEmailChange(req.caller(), req.params.personId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/people/:personId/invitation',
    {
      config: { access: 'invitation.manage', audit: 'INVITATION_CREATED' },
      schema: {
        tags,
        operationId: 'invitePerson',
        summary: 'Invite a person who has never set a password (earlier invitations stop working)',
        description:
          'An invitation is a single-use link (7 days) with which a person who has never had a password sets one; it is emailed when the service sends email, otherwise returned as link to pass on. A person who has set a password is refused (422): they use “Forgotten your password?” themselves. 403 unless the token holder may change this account.',
        params: PersonParams,
        response: { 201: Invitation, ...problems(400, 404, 422) },
      },
    },
    async (req, reply) => {
      const invitation = await people.invite(req.caller(), req.params.personId);
      return reply.code(201).send({
        personId: req.params.personId,
        expiresAt: invitation.expiresAt,
        emailed: invitation.emailed,
        link: invitation.emailed ? null : invitation.link,
      });
    },
  );

  app.post(
    '/people/:personId/deactivate',
    {
      config: { access: 'person.manage', audit: 'PERSON_DEACTIVATED' },
      schema: {
        tags,
        operationId: 'deactivatePerson',
        summary: 'Deactivate a person: ends their sessions, API tokens, invitations and grants waiting (people are never deleted)',
        params: PersonParams,
        response: { 200: Person, ...problems(400, 404, 422) },
      },
    },
    async (req) => {
      const caller = req.caller();
      await people.deactivate(caller, req.params.personId);
      return people.get(caller, req.params.personId);
    },
  );

  app.get(
    '/people/:personId/roles',
    {
      config: { access: 'person.view', audit: 'ROLES_LISTED' },
      schema: {
        tags,
        operationId: 'listRoles',
        summary: 'A person’s current roles and grants waiting for confirmation',
        params: PersonParams,
        response: { 200: z.object({ roles: z.array(RoleAssignment) }), ...problems(400, 404) },
      },
    },
    async (req) => ({ roles: (await people.roles(req.caller(), req.params.personId)).map(roleOut) }),
  );

  app.post(
    '/people/:personId/roles',
    {
      config: { access: 'role.manage', audit: 'ROLE_ASSIGNED' },
      schema: {
        tags,
        operationId: 'assignRole',
        summary: 'Give a person a board role (or, for deployment administrators, the deployment-wide administrator role)',
        description:
          'Never to oneself (422). A case role (one that shows case material) answers with status waiting: it gives no access until the board chair, or information governance when the chair is the person concerned, confirms it (see role grants). A board chair is appointed by deployment administrators only.',
        params: PersonParams,
        body: RoleCreate,
        response: { 201: RoleAssignment, ...problems(400, 404, 413, 422) },
      },
    },
    async (req, reply) => {
      const assignment = await roles.assignRole(req.caller(), req.params.personId, req.body);
      return reply
        .code(201)
        .header('location', `${req.url.replace(/\?.*$/, '')}/${assignment.id}`)
        .send(roleOut(assignment));
    },
  );

  app.delete(
    '/people/:personId/roles/:assignmentId',
    {
      config: { access: 'role.manage', audit: 'ROLE_ENDED' },
      schema: {
        tags,
        operationId: 'endRole',
        summary: 'End one of a person’s roles at once, or withdraw a grant still waiting (the record is kept)',
        params: RoleParams,
        response: { 204: z.undefined().describe('The role has ended'), ...problems(400, 404, 422) },
      },
    },
    async (req, reply) => {
      const caller = req.caller();
      const held = await people.roles(caller, req.params.personId);
      if (!held.some((r) => r.id === req.params.assignmentId)) throw notFound('role');
      await roles.endRole(caller, req.params.assignmentId);
      return reply.code(204).send();
    },
  );
}
