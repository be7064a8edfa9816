// The demo's chronologies (issue 11 items 1, 3 and 7): on the statutory review (SUSR) building its timeline,
// four agencies — the police, children's services (in Welsh: a Welsh-speaking team), health and education —
// each keep a chronology of their contact with the child, written entry by entry through the chronology
// service by the agency's contributor while the contribution is drafted; then each contribution is submitted,
// signed off by the agency's senior manager and shared with the panel by the business unit, and the panel
// chair marks two key events. The entries show what the merged chronology is for: two agencies recording the
// same emergency department attendance (same day, the same child, similar words), a gap of more than six
// months with no contact from anyone, a cluster of eight events in one week, dates known only to the month,
// the year or roughly ("about"), and the child's name written in the free text (the merged view puts the
// child's code in its place). A fifth agency, the housing association, is still writing its chronology (in
// Welsh): its contributor is one of the demo's sign-in accounts, to add, change and import entries. Run once: a review that already has requests is left as it is.
import type { Services } from '../container.ts';
import { reviewRequests } from '../db/repositories/contributions-repository.ts';
import { reviewPeople } from '../db/repositories/family-repository.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addDays } from '../domain/clock/dates.ts';
import type { Agency } from '../domain/organisation.ts';
import type { Caller } from '../services/context.ts';
import { DEMO_STAGE_PEOPLE } from './stages.ts';

const as = (caller: Caller, action: AuditAction): Caller => ({ ...caller, action });

async function callerOf(services: Services, personId: string): Promise<Caller> {
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error('a demo chronology person is missing');
  return { actor: { personId, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: 'DEMO_SEEDED' };
}

interface DemoEntry {
  date: string;
  precision: 'exact' | 'month' | 'year' | 'about';
  time?: string;
  eventType: string;
  significance: 'low' | 'medium' | 'high';
  description: string;
  practitionerRole: string;
  actionTaken?: string;
  outcome?: string;
  sourceRef: string;
  /** The panel chair marks it as a key event with this label. */
  key?: string;
}

interface DemoChronology {
  agency: string;
  slug: string;
  language: 'en' | 'cy';
  authorRole: string;
  summary: string;
  entries: DemoEntry[];
  /** Still being written by its contributor (not submitted, so not shared): the demo's agency contributor signs in to it. */
  drafting?: { fullName: string; email: string };
}

// The child of the review building its timeline (src/demo/referral-specs.ts: the SUSR at TIMELINE_BUILDING).
const CHILD = 'Deiniol';

const CHRONOLOGIES: readonly DemoChronology[] = [
  {
    agency: 'Teifi Valley Police',
    slug: 'police',
    language: 'en',
    authorRole: 'Detective Sergeant, public protection unit',
    summary: 'The police hold records of four incidents at the address and one attendance at hospital (demo).',
    entries: [
      {
        date: '2025-02-08',
        precision: 'exact',
        time: '23:40',
        eventType: 'police_incident',
        significance: 'high',
        description: `Officers attended a report of a disturbance at the home. ${CHILD} (11) was present and told officers he was frightened; his mother's partner was arrested.`,
        practitionerRole: 'Police constable',
        actionTaken: 'Domestic abuse risk assessment completed (high risk); public protection notice sent to children’s services.',
        outcome: 'Partner released on bail with a condition not to attend the address.',
        sourceRef: 'STORM 250208-0412',
        key: 'Domestic abuse incident; the child present',
      },
      {
        date: '2025-02-10',
        precision: 'exact',
        time: '10:15',
        eventType: 'strategy_discussion',
        significance: 'high',
        description: `Strategy discussion with children's services and health about ${CHILD} after the incident of 8 February.`,
        practitionerRole: 'Detective Sergeant',
        actionTaken: 'Section 47 enquiries agreed; joint visit planned.',
        sourceRef: 'PPU-2025-0188',
      },
      {
        date: '2025-02-12',
        precision: 'exact',
        eventType: 'contact',
        significance: 'low',
        description: 'Officers checked bail compliance at the address; the partner was not there.',
        practitionerRole: 'Police constable',
        sourceRef: 'STORM 250212-0930',
      },
      {
        date: '2025-09-01',
        precision: 'month',
        eventType: 'police_incident',
        significance: 'medium',
        description: 'A neighbour reported shouting at the address. The call was graded non-urgent and no officer attended (date recorded as September only).',
        practitionerRole: 'Call handler',
        sourceRef: 'STORM 2509-UNK',
      },
      {
        date: '2025-10-04',
        precision: 'exact',
        time: '20:05',
        eventType: 'police_incident',
        significance: 'high',
        description: `Officers attended the emergency department: ${CHILD} Ffug had been brought in by ambulance with a head injury; his mother said he fell down the stairs at home.`,
        practitionerRole: 'Police constable',
        actionTaken: 'Referral to children’s services the same evening.',
        sourceRef: 'STORM 251004-1187',
      },
    ],
  },
  {
    agency: 'Teifi County Council Children’s Services',
    slug: 'council',
    language: 'cy',
    authorRole: 'Rheolwr tîm, gwasanaethau plant',
    summary: 'Mae gan y gwasanaethau plant gofnod o atgyfeiriad, ymweliadau cartref, dwy drafodaeth strategaeth a chynhadledd (demo).',
    entries: [
      {
        date: '2025-02-09',
        precision: 'exact',
        time: '09:30',
        eventType: 'referral',
        significance: 'high',
        description: `Derbyniwyd hysbysiad gan yr heddlu am ddigwyddiad cam-drin domestig yn y cartref; roedd ${CHILD} yn bresennol.`,
        practitionerRole: 'Gweithiwr cymdeithasol ar ddyletswydd',
        actionTaken: 'Trafodaeth strategaeth wedi’i threfnu ar gyfer y diwrnod gwaith nesaf.',
        sourceRef: 'WCCIS 4471-2025',
      },
      {
        date: '2025-02-18',
        precision: 'exact',
        time: '15:45',
        eventType: 'home_visit',
        significance: 'medium',
        description: `Ymweliad cartref gan y gweithiwr cymdeithasol; gwelwyd ${CHILD} ar ei ben ei hun. Dywedodd fod pethau’n dawelach gartref.`,
        practitionerRole: 'Gweithiwr cymdeithasol',
        outcome: 'Achos wedi’i gau ar ôl yr asesiad; dim camau pellach.',
        sourceRef: 'WCCIS 4471-2025/3',
      },
      {
        date: '2025-10-05',
        precision: 'exact',
        time: '11:00',
        eventType: 'strategy_discussion',
        significance: 'high',
        description: `Trafodaeth strategaeth ar ôl i ${CHILD} fynychu’r adran achosion brys gydag anaf i’w ben.`,
        practitionerRole: 'Rheolwr tîm',
        actionTaken: 'Ymholiadau adran 47 a phrawf meddygol amddiffyn plant wedi’u cytuno.',
        sourceRef: 'WCCIS 4471-2025/9',
      },
      {
        date: '2025-10-08',
        precision: 'exact',
        time: '16:20',
        eventType: 'home_visit',
        significance: 'medium',
        description: 'Ymweliad cartref dirybudd; nid oedd neb yn y cartref. Gadawyd llythyr.',
        practitionerRole: 'Gweithiwr cymdeithasol',
        sourceRef: 'WCCIS 4471-2025/11',
      },
      {
        date: '2025-10-10',
        precision: 'exact',
        time: '10:00',
        eventType: 'meeting',
        significance: 'high',
        description: `Cynhadledd amddiffyn plant gychwynnol: rhoddwyd enw ${CHILD} ar y gofrestr amddiffyn plant dan y categori cam-drin corfforol.`,
        practitionerRole: 'Cadeirydd annibynnol y gynhadledd',
        outcome: 'Cynllun amddiffyn plant; grŵp craidd i gyfarfod o fewn deg diwrnod.',
        sourceRef: 'WCCIS 4471-2025/12',
      },
    ],
  },
  {
    agency: 'Teifi Valley University Health Board',
    slug: 'health',
    language: 'en',
    authorRole: 'Named nurse for safeguarding',
    summary: 'Health records show registration with a GP practice, a school nurse contact, an emergency attendance and its follow-up (demo).',
    entries: [
      {
        date: '2024-01-01',
        precision: 'year',
        eventType: 'appointment',
        significance: 'low',
        description: `${CHILD} Ffug registered with the Glan Teifi GP practice after the family moved into the area (the exact date is not recorded).`,
        practitionerRole: 'Practice administrator',
        sourceRef: 'GP-REG-2024',
      },
      {
        date: '2025-02-11',
        precision: 'exact',
        eventType: 'appointment',
        significance: 'medium',
        description: `School nurse saw ${CHILD} after the notice of domestic abuse; he said he was sleeping badly.`,
        practitionerRole: 'School nurse',
        actionTaken: 'Sleep advice; review offered in six weeks (not taken up).',
        sourceRef: 'SN-2025-0211',
      },
      {
        date: '2025-10-04',
        precision: 'exact',
        time: '19:20',
        eventType: 'hospital_attendance',
        significance: 'high',
        description: `${CHILD} was brought to the emergency department by ambulance with a head injury; his mother said he fell down the stairs at home.`,
        practitionerRole: 'Emergency department nurse',
        actionTaken: 'Admitted overnight for observation; safeguarding referral made.',
        sourceRef: 'WPAS ED-2025-88123',
        key: 'Emergency department: head injury',
      },
      {
        date: '2025-10-06',
        precision: 'exact',
        time: '14:00',
        eventType: 'assessment',
        significance: 'high',
        description: `Child protection medical: bruising of different ages on ${CHILD}'s upper arms, not consistent with the account of a fall.`,
        practitionerRole: 'Consultant paediatrician',
        outcome: 'Findings shared with children’s services and the police the same day.',
        sourceRef: 'CPM-2025-041',
      },
      {
        date: '2025-11-03',
        precision: 'exact',
        time: '09:40',
        eventType: 'missed_appointment',
        significance: 'medium',
        description: 'The child was not brought to the paediatric follow-up appointment.',
        practitionerRole: 'Paediatric outpatients',
        actionTaken: 'Letter to the GP and the social worker.',
        sourceRef: 'WPAS OP-2025-5512',
      },
    ],
  },
  {
    agency: 'Teifi County Council Education Service',
    slug: 'education',
    language: 'en',
    authorRole: 'Designated safeguarding lead',
    summary: 'The school’s records show concerns about hunger, the police notice, low attendance and a disclosure (demo).',
    entries: [
      {
        date: '2025-01-20',
        precision: 'about',
        eventType: 'education',
        significance: 'medium',
        description: `Class teacher noticed ${CHILD} arriving at school hungry and without lunch on several days (the date is approximate).`,
        practitionerRole: 'Class teacher',
        actionTaken: 'Breakfast club place offered.',
        sourceRef: 'MyConcern 2025/017',
      },
      {
        date: '2025-02-10',
        precision: 'exact',
        eventType: 'education',
        significance: 'medium',
        description: `The designated safeguarding lead was told of the police notice; ${CHILD}'s attendance and wellbeing to be watched.`,
        practitionerRole: 'Designated safeguarding lead',
        sourceRef: 'MyConcern 2025/031',
      },
      {
        date: '2025-09-08',
        precision: 'exact',
        eventType: 'education',
        significance: 'low',
        description: `${CHILD} started Year 8; his attendance in the first week was 60%.`,
        practitionerRole: 'Attendance officer',
        sourceRef: 'SIMS ATT-2025-09',
      },
      {
        date: '2025-10-07',
        precision: 'exact',
        time: '12:30',
        eventType: 'education',
        significance: 'high',
        description: `${CHILD} told his form tutor that he did not want to go home.`,
        practitionerRole: 'Form tutor',
        actionTaken: 'Referral to children’s services the same day.',
        sourceRef: 'MyConcern 2025/188',
      },
      {
        date: '2025-10-09',
        precision: 'exact',
        eventType: 'meeting',
        significance: 'medium',
        description: 'The designated safeguarding lead wrote the school’s report for the child protection conference.',
        practitionerRole: 'Designated safeguarding lead',
        sourceRef: 'MyConcern 2025/190',
      },
    ],
  },
  {
    agency: 'Cartrefi Teifi Housing Association',
    slug: 'housing',
    language: 'cy',
    authorRole: 'Swyddog tenantiaeth',
    summary: 'Cofnodion y gymdeithas dai am y denantiaeth (demo).',
    drafting: { fullName: 'Mererid Davies', email: 'mererid.davies@teifi.example' },
    entries: [
      {
        date: '2025-03-01',
        precision: 'month',
        eventType: 'home_visit',
        significance: 'low',
        description: `Ymweliad tenantiaeth: roedd ${CHILD} gartref gyda'i fam; roedd y tŷ'n oer a'r gwres wedi'i ddiffodd.`,
        practitionerRole: 'Swyddog tenantiaeth',
        actionTaken: 'Cyfeirio at y gronfa cymorth caledi.',
        sourceRef: 'Tenantiaeth T-4471/03',
      },
      {
        date: '2025-07-14',
        precision: 'exact',
        eventType: 'contact',
        significance: 'medium',
        description: 'Cymydog yn cwyno am sŵn a gweiddi yn hwyr y nos; dim ymweliad wedi’i drefnu.',
        practitionerRole: 'Swyddog ymddygiad gwrthgymdeithasol',
        sourceRef: 'ASB 2025-0712',
      },
    ],
  },
];

/** The agency contributor whose chronology is still being drafted: the demo prints their sign-in details. */
export const DEMO_DRAFTING_CONTRIBUTOR = (() => {
  const drafting = CHRONOLOGIES.find((c) => c.drafting)?.drafting;
  if (!drafting) throw new Error('the demo has no chronology being drafted');
  return drafting;
})();

/** The people the demo's chronologies add: an author and a senior manager for each agency asked. */
export const DEMO_CHRONOLOGY_PEOPLE = CHRONOLOGIES.length * 2;
/** Entries the demo's chronologies hold. */
export const DEMO_CHRONOLOGY_ENTRIES = CHRONOLOGIES.reduce((n, c) => n + c.entries.length, 0);

/** The demo's chronologies on the SUSR review building its timeline, if it has no requests yet; returns the entries added. */
export async function seedDemoChronology(services: Services, boardId: string, agencies: readonly Agency[], bu: Caller): Promise<number> {
  const { items } = await services.reviews.list(as(bu, 'REVIEWS_LISTED'), boardId, { stages: ['TIMELINE_BUILDING'], pageSize: 100 });
  const review = items[0];
  if (!review || (await reviewRequests(services.db.kysely, review.id)).length > 0) return 0;
  const childId = (await reviewPeople(services.db.kysely, review.id)).find((p) => p.kind === 'child')?.id;
  if (!childId) return 0;
  const today = services.clock.today();
  const keys: { entryId: string; label: string }[] = [];
  let added = 0;
  for (const spec of CHRONOLOGIES) {
    const agency = agencies.find((a) => a.nameEn === spec.agency);
    if (!agency) continue;
    const { contacts } = await services.agencyContacts.list(as(bu, 'AGENCY_CONTACTS_VIEWED'), boardId, agency.id);
    const contactId =
      contacts[0]?.id ??
      (
        await services.agencyContacts.add(as(bu, 'AGENCY_CONTACT_ADDED'), boardId, agency.id, {
          fullName: 'Demo Reviews Contact',
          email: `${spec.slug}.reviews@teifi.example`,
          language: spec.language,
        })
      ).id;
    const { id: requestId } = await services.contributions.request(as(bu, 'CONTRIBUTION_REQUESTED'), boardId, review.id, {
      agencyId: agency.id,
      contactId,
      dueOn: addDays(today, 28),
      author: spec.drafting
        ? { ...spec.drafting, language: spec.language }
        : { fullName: `Timeline author (${spec.slug}, demo)`, email: `timeline.author.${spec.slug}@teifi.example`, language: spec.language },
      seniorManager: { fullName: `Timeline sign-off (${spec.slug}, demo)`, email: `timeline.manager.${spec.slug}@teifi.example`, language: spec.language },
    });
    const holders = await services.reviewRoles.holders(services.db.kysely, review.id, { agencyId: agency.id });
    const authorId = holders.find((h) => h.role === 'agency_contributor')?.personId;
    const managerId = holders.find((h) => h.role === 'agency_senior_manager')?.personId;
    if (!authorId || !managerId) continue;
    const author = await callerOf(services, authorId);
    const where = [boardId, review.id, requestId] as const;
    await services.contributions.declare(as(author, 'CONTRIBUTION_DECLARED'), ...where, {
      directlyInvolved: false,
      lineManager: false,
      authorRole: spec.authorRole,
      recordsSecuredOn: null,
    });
    for (const e of spec.entries) {
      const { id } = await services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), ...where, {
        date: e.date,
        precision: e.precision,
        time: e.time ?? null,
        eventType: e.eventType,
        description: e.description,
        people: [childId],
        practitionerRole: e.practitionerRole,
        actionTaken: e.actionTaken ?? '',
        outcome: e.outcome ?? '',
        sourceRef: e.sourceRef,
        significance: e.significance,
        analystComment: '',
      });
      added++;
      if (e.key) keys.push({ entryId: id, label: e.key });
    }
    await services.contributions.saveDraft(as(author, 'CONTRIBUTION_SAVED'), ...where, { sections: { summary: spec.summary } });
    if (spec.drafting) continue;
    await services.contributions.submit(as(author, 'CONTRIBUTION_SUBMITTED'), ...where);
    const manager = await callerOf(services, managerId);
    await services.contributions.signOff(as(manager, 'CONTRIBUTION_SIGNED_OFF'), ...where, { decision: 'sign_off' });
    await services.chronology.share(as(bu, 'CHRONOLOGY_SHARED'), ...where);
  }
  // The panel's chair (the demo's independent chair, given the role here if the review has none) marks the key events.
  const chair = await panelChair(services, bu, review.id);
  for (const k of keys) await services.mergedChronology.markKey(as(chair, 'CHRONOLOGY_KEY_EVENT_MARKED'), boardId, review.id, k.entryId, { label: k.label });
  return added;
}

async function panelChair(services: Services, bu: Caller, reviewId: string): Promise<Caller> {
  const [held] = await services.reviewRoles.holders(services.db.kysely, reviewId, { role: 'panel_chair' });
  if (held) return callerOf(services, held.personId);
  const review = await findReview(services.db.kysely, reviewId);
  if (!review) throw new Error('the demo review is missing');
  const { personId } = await inTransaction(services.db, (trx) =>
    services.reviewRoles.grantByEmail(
      trx,
      as(bu, 'REVIEW_ROLE_GRANTED'),
      review,
      { ...DEMO_STAGE_PEOPLE.panel_chair, agencyId: null, language: 'cy' },
      { role: 'panel_chair', agencyId: null },
    ),
  );
  return callerOf(services, personId);
}
