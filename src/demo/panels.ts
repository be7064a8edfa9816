// The demo's register and panels (issue 10 item 2): a register of independent chairs and reviewers (one on
// the Welsh Government approved list who has worked for the demo's police within five years, one employed by
// an agency), and on the review furthest on an appointed independent chair and author — each nominated,
// declared independent through their link and appointed — with an agency representative; on the next
// review, a nominee who declared a conflict, whose appointment is refused (left nominated, the reason shown
// on the panel page). Through the services, as the demo's business unit; once (a review with nominations is
// left alone).
import type { Services } from '../container.ts';
import type { Agency } from '../domain/organisation.ts';
import { type Caller, ServiceError } from '../services/context.ts';
import type { RegisterInput } from '../services/panel-register-service.ts';

const REGISTER: readonly (RegisterInput & { employer?: string })[] = [
  {
    fullName: 'Dr Eleri Rhys',
    email: 'eleri.rhys@independent.example',
    specialisms: 'Child protection, Neglect, Chairing reviews',
    wgApproved: true,
    languages: ['en', 'cy'],
    availability: 'available',
    pastReviews: 'Chaired four child practice reviews for other boards (demo).',
    declaredInterests: '',
    employerAgencyId: null,
  },
  {
    fullName: 'Gareth Lloyd',
    email: 'gareth.lloyd@independent.example',
    specialisms: 'Report writing, Domestic abuse',
    wgApproved: true,
    languages: ['en'],
    availability: 'limited',
    pastReviews: 'Author of two serious case reviews (demo).',
    declaredInterests: 'Trustee of a children’s charity (demo).',
    employerAgencyId: null,
  },
  {
    fullName: 'Sian Morgan',
    email: 'sian.morgan@independent.example',
    specialisms: 'Health, Infant deaths',
    wgApproved: true,
    languages: ['en', 'cy'],
    availability: 'available',
    pastReviews: '',
    declaredInterests: 'Formerly a designated nurse in the area (demo).',
    employerAgencyId: null,
  },
  {
    fullName: 'Owen Price',
    email: 'owen.price@independent.example',
    specialisms: 'Policing, Exploitation',
    wgApproved: false,
    languages: ['en'],
    availability: 'available',
    pastReviews: '',
    declaredInterests: '',
    employerAgencyId: null,
    employer: 'police',
  },
];

const declare = { independentOfAgencies: true, independentOfCase: true, independentOfChild: true, conflicts: '' };

export async function nominateAndDeclare(
  services: Services,
  bu: Caller,
  boardId: string,
  reviewId: string,
  role: 'panel_chair' | 'author',
  entryId: string,
  conflicts = '',
) {
  const { id } = await services.panel.nominate(bu, boardId, reviewId, { role, entryId });
  const { url } = await services.panel.requestDeclaration(bu, boardId, reviewId, id);
  const token = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  await services.panel.declare({ ...bu, actor: undefined }, token, { ...declare, conflicts });
  return id;
}

/** Seeds the register and the panels; returns how many appointments were made and refused. */
export async function seedDemoPanels(
  services: Services,
  boardId: string,
  agencies: readonly Agency[],
  bu: Caller,
): Promise<{ appointed: number; refused: number }> {
  const police = agencies.find((a) => a.sector === 'police');
  const existing = new Map((await services.register.list(bu, boardId)).entries.map((e) => [e.email, e.id]));
  const ids: string[] = [];
  for (const { employer, ...spec } of REGISTER) {
    const found = existing.get(spec.email);
    if (found) {
      ids.push(found);
      continue;
    }
    const { id } = await services.register.add(bu, boardId, { ...spec, employerAgencyId: employer === 'police' ? (police?.id ?? null) : null });
    ids.push(id);
    if (spec.email.startsWith('sian') && police)
      await services.register.addEngagement(bu, boardId, id, {
        agencyId: police.id,
        fromOn: '2023-01-09',
        toOn: '2024-03-29',
        what: 'Advised on a police learning review (demo).',
      });
  }
  const [chairEntry, authorEntry, conflictedEntry] = ids;
  if (!chairEntry || !authorEntry || !conflictedEntry) return { appointed: 0, refused: 0 };
  // The Serious Case Reviews requesting agencies' reports and being scoped (the reviews moved further along
  // their paths, src/demo/stages.ts, are given their people there). The furthest on first: its panel is
  // appointed; the next shows a refused appointment.
  const order = ['AGENCY_REPORTS_REQUESTED', 'SCOPING'];
  const reviews = (await services.reviews.list(bu, boardId, { pageSize: 100, frameworkIds: ['SCR_2006'] })).items.filter((r) => order.includes(r.currentStage));
  reviews.sort((a, b) => order.indexOf(a.currentStage) - order.indexOf(b.currentStage));
  const [first, second] = reviews;
  let appointed = 0;
  let refused = 0;
  if (first && (await services.panel.view(bu, boardId, first.id)).nominations.length === 0) {
    for (const [role, entryId] of [
      ['panel_chair', chairEntry],
      ['author', authorEntry],
    ] as const) {
      const id = await nominateAndDeclare(services, bu, boardId, first.id, role, entryId);
      await services.panel.appoint(bu, boardId, first.id, id);
      appointed++;
    }
    const panel = await services.panel.view(bu, boardId, first.id);
    const agency = panel.involvedAgencies[0];
    if (agency)
      await services.panel.addMember(bu, boardId, first.id, {
        fullName: 'Rhian Davies',
        email: 'rhian.davies@agency.example',
        jobTitle: 'Safeguarding lead',
        agencyId: agency.id,
        language: 'cy',
      });
  }
  if (second && (await services.panel.view(bu, boardId, second.id)).nominations.length === 0) {
    const id = await nominateAndDeclare(
      services,
      bu,
      boardId,
      second.id,
      'panel_chair',
      conflictedEntry,
      'I managed the health visiting team that saw the family (demo).',
    );
    try {
      await services.panel.appoint(bu, boardId, second.id, id);
    } catch (e) {
      if (!(e instanceof ServiceError && e.kind === 'invalid')) throw e;
      refused++;
    }
  }
  return { appointed, refused };
}
