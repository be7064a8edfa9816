// People: search and list, read, create, replace, deactivate; and their board roles.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { notFound } from '../../../services/context.ts';
import {
  PeoplePage,
  PeopleQuery,
  Person,
  PersonCreate,
  PersonParams,
  PersonReplace,
  PersonWithRoles,
  problems,
  RoleAssignment,
  RoleCreate,
  RoleParams,
} from './schemas.ts';

type RoleAssignmentView = Awaited<ReturnType<Services['people']['get']>>['roles'][number];

const tags = ['people'];
const PAGE_SIZE = 50;

function roleOut(r: RoleAssignmentView) {
  return {
    id: r.id,
    personId: r.personId,
    role: r.role,
    scope: r.scope.type,
    boardId: r.scope.type === 'deployment' ? null : r.scope.boardId,
    reviewId: r.scope.type === 'review' ? r.scope.reviewId : null,
    createdAt: r.createdAt,
    endedAt: r.endedAt,
  };
}

export default async function peopleRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { people } = opts.services;

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
      schema: { tags, operationId: 'createPerson', summary: 'Add a person', body: PersonCreate, response: { 201: Person, ...problems(400, 413, 422) } },
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
        summary: 'One person, with their current roles',
        params: PersonParams,
        response: { 200: PersonWithRoles, ...problems(400, 404) },
      },
    },
    async (req) => {
      const person = await people.get(req.caller(), req.params.personId);
      return { ...person, roles: person.roles.map(roleOut) };
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
        params: PersonParams,
        body: PersonReplace,
        response: { 200: Person, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => people.update(req.caller(), req.params.personId, req.body),
  );

  app.post(
    '/people/:personId/deactivate',
    {
      config: { access: 'person.manage', audit: 'PERSON_DEACTIVATED' },
      schema: {
        tags,
        operationId: 'deactivatePerson',
        summary: 'Deactivate a person: ends their sessions, API tokens and invitations (people are never deleted)',
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
        summary: 'A person’s current roles',
        params: PersonParams,
        response: { 200: z.object({ roles: z.array(RoleAssignment) }), ...problems(400, 404) },
      },
    },
    async (req) => ({ roles: (await people.get(req.caller(), req.params.personId)).roles.map(roleOut) }),
  );

  app.post(
    '/people/:personId/roles',
    {
      config: { access: 'role.manage', audit: 'ROLE_ASSIGNED' },
      schema: {
        tags,
        operationId: 'assignRole',
        summary: 'Give a person a board role (or, for deployment administrators, the deployment-wide administrator role)',
        params: PersonParams,
        body: RoleCreate,
        response: { 201: RoleAssignment, ...problems(400, 404, 413, 422) },
      },
    },
    async (req, reply) => {
      const assignment = await people.assignRole(req.caller(), req.params.personId, req.body);
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
        summary: 'End one of a person’s roles (the assignment is kept, with its end date)',
        params: RoleParams,
        response: { 204: z.undefined().describe('The role has ended'), ...problems(400, 404, 422) },
      },
    },
    async (req, reply) => {
      const caller = req.caller();
      const person = await people.get(caller, req.params.personId);
      if (!person.roles.some((r) => r.id === req.params.assignmentId)) throw notFound('role');
      await people.endRole(caller, req.params.assignmentId);
      return reply.code(204).send();
    },
  );
}
