// Changing a person's details, for those who may change their account (domain/accounts.ts). A new email
// address is checked first (what will happen, shown on a check page), then starts a change the person
// confirms from the new address: the page after says whether the link was emailed or shows it to pass on.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { urls } from '../../../urls.ts';
import { isInvalid } from '../../forms.ts';
import { displayDateTime } from './form-helpers.ts';
import { FIELD_IDS, personForm, posted, values } from './person-form.ts';

type Body = Record<string, unknown>;
const EDIT_VIEW = 'features/admin/person-edit.njk';

export default async function personEditRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { people } = opts.services;
  const { formContext, parseDetails } = personForm(opts.services);

  /** The person, if the reader may change their account; otherwise the forbidden page has been sent. */
  async function manageable(req: FastifyRequest, reply: FastifyReply) {
    const { personId } = req.params as { personId: string };
    const person = await people.get(req.caller(), personId, 'person.manage');
    if (await people.canManage(req.caller(), person)) return person;
    reply.page('errors/forbidden.njk', {}, { status: 403 });
    return undefined;
  }

  app.get(urls.personEdit.pattern, { config: { access: 'person.manage', audit: 'PERSON_EDIT_VIEWED' } }, async (req, reply) => {
    const person = await manageable(req, reply);
    if (!person) return reply;
    return reply.page(EDIT_VIEW, {
      person,
      ...(await formContext(req, person.agencyId)),
      fieldIds: FIELD_IDS,
      values: values({ ...person, boardId: null, initialRole: null }),
    });
  });

  app.post(urls.personEdit.pattern, { config: { access: 'person.manage', audit: 'PERSON_UPDATED' } }, async (req, reply) => {
    const person = await manageable(req, reply);
    if (!person) return reply;
    const body = (req.body ?? {}) as Body;
    const context = { person, ...(await formContext(req, person.agencyId)), fieldIds: FIELD_IDS };
    const form = await parseDetails(req, body, { withBoard: false, exceptId: person.id, currentAgencyId: person.agencyId });
    if (!form.ok) return reply.page(EDIT_VIEW, { ...context, values: posted(body) }, { errors: form.errors });
    const { boardId: _b, initialRole: _r, ...input } = form.data;
    const newEmail = input.email !== person.email;
    if (newEmail && body.confirmEmailChange !== 'yes') {
      // Check first: the address changes only when the person confirms it from the new one.
      return reply.page('features/admin/person-email-check.njk', {
        person,
        newEmail: input.email,
        hidden: Object.entries(posted(body)).filter(([, v]) => v !== ''),
        sendsEmail: opts.services.mail.isEnabled,
      });
    }
    let result: Awaited<ReturnType<typeof people.update>>;
    try {
      result = await people.update(req.caller(), person.id, input);
    } catch (error) {
      if (isInvalid(error)) return reply.page(EDIT_VIEW, { ...context, values: posted(body) }, { errors: error.fieldErrors });
      throw error;
    }
    if (result.emailChange) {
      return reply.page('features/admin/email-change-sent.njk', {
        person: result.person,
        change: result.emailChange,
        expires: displayDateTime(req.t, result.emailChange.expiresAt),
      });
    }
    req.session.flash = req.t('admin:person.updated');
    return reply.redirect(urls.person(person.id));
  });

  app.post(urls.personEmailChangeCancel.pattern, { config: { access: 'person.manage', audit: 'EMAIL_CHANGE_CANCELLED' } }, async (req, reply) => {
    const person = await manageable(req, reply);
    if (!person) return reply;
    await people.cancelEmailChange(req.caller(), person.id);
    req.session.flash = req.t('admin:emailChange.cancelled');
    return reply.redirect(urls.person(person.id));
  });
}
