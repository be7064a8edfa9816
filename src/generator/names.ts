// Fictional Welsh and English names for generated data: places (boards), agencies in both languages,
// people. Any likeness to a real place or person is accidental.
import type { Sector } from '../domain/organisation.ts';
import type { Random } from './random.ts';

const PLACE_PREFIXES = ['Aber', 'Llan', 'Pont', 'Cwm', 'Bryn', 'Pen', 'Caer', 'Tre', 'Nant', 'Coed', 'Glyn', 'Rhos', 'Maes', 'Bettws', 'Ystrad'];
const PLACE_STEMS = [
  'teifi',
  'gwili',
  'dulais',
  'fran',
  'cerdin',
  'mynach',
  'ystwyth',
  'elan',
  'cynon',
  'garw',
  'ogwr',
  'llwchwr',
  'sirhowy',
  'tawe',
  'aeron',
  'dyfi',
  'clydach',
  'rhiw',
  'marlais',
  'gwyn',
];

/** The n-th fictional place name (150 distinct before any repeats). */
export function placeName(n: number): string {
  const prefix = PLACE_PREFIXES[n % PLACE_PREFIXES.length] ?? 'Llan';
  const stem = PLACE_STEMS[Math.floor(n / PLACE_PREFIXES.length) % PLACE_STEMS.length] ?? 'teifi';
  const round = Math.floor(n / (PLACE_PREFIXES.length * PLACE_STEMS.length));
  return `${prefix}${stem}${round > 0 ? ` ${round + 1}` : ''}`;
}

/** A short board code from a place name, made unique by the caller's index. */
export function boardCode(place: string, n: number): string {
  return `${place
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 5)
    .toUpperCase()}${n}`;
}

export function boardNames(place: string): { en: string; cy: string } {
  return { en: `${place} Safeguarding Children Board`, cy: `Bwrdd Diogelu Plant ${place}` };
}

interface AgencyTemplate {
  sector: Sector;
  statutory: boolean;
  en: (p: string) => string;
  cy: (p: string) => string;
}

/** The statutory partners every board has, then others drawn at random. */
export const CORE_AGENCIES: readonly AgencyTemplate[] = [
  { sector: 'social_services', statutory: true, en: (p) => `${p} Council Children’s Services`, cy: (p) => `Gwasanaethau Plant Cyngor ${p}` },
  { sector: 'education', statutory: true, en: (p) => `${p} Council Education Service`, cy: (p) => `Gwasanaeth Addysg Cyngor ${p}` },
  { sector: 'police', statutory: true, en: (p) => `${p} Police`, cy: (p) => `Heddlu ${p}` },
  { sector: 'health', statutory: true, en: (p) => `${p} University Health Board`, cy: (p) => `Bwrdd Iechyd Prifysgol ${p}` },
  { sector: 'probation', statutory: true, en: (p) => `${p} Probation Delivery Unit`, cy: (p) => `Uned Gyflawni Gwasanaeth Prawf ${p}` },
  { sector: 'youth_offending', statutory: true, en: (p) => `${p} Youth Justice Service`, cy: (p) => `Gwasanaeth Cyfiawnder Ieuenctid ${p}` },
];

export const OTHER_AGENCIES: readonly AgencyTemplate[] = [
  { sector: 'housing', statutory: false, en: (p) => `Cartrefi ${p} Housing Association`, cy: (p) => `Cymdeithas Dai Cartrefi ${p}` },
  { sector: 'voluntary', statutory: false, en: (p) => `${p} Family Support Trust`, cy: (p) => `Ymddiriedolaeth Cymorth i Deuluoedd ${p}` },
  { sector: 'education', statutory: false, en: (p) => `Ysgol Gyfun ${p}`, cy: (p) => `Ysgol Gyfun ${p}` },
  { sector: 'education', statutory: false, en: (p) => `${p} Primary School`, cy: (p) => `Ysgol Gynradd ${p}` },
  { sector: 'health', statutory: false, en: (p) => `${p} Medical Practice`, cy: (p) => `Meddygfa ${p}` },
  { sector: 'health', statutory: false, en: (p) => `${p} Health Visiting Team`, cy: (p) => `Tîm Ymwelwyr Iechyd ${p}` },
  { sector: 'voluntary', statutory: false, en: (p) => `${p} Young Carers`, cy: (p) => `Gofalwyr Ifanc ${p}` },
  { sector: 'voluntary', statutory: false, en: (p) => `${p} Women’s Aid`, cy: (p) => `Cymorth i Fenywod ${p}` },
  { sector: 'other', statutory: false, en: (p) => `${p} Leisure Trust`, cy: (p) => `Ymddiriedolaeth Hamdden ${p}` },
  { sector: 'housing', statutory: false, en: (p) => `${p} Council Housing Options`, cy: (p) => `Opsiynau Tai Cyngor ${p}` },
];

const DISTRICTS = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'Old Town', 'Harbour', 'Valley', 'Uplands'];
const DISTRICTS_CY = ['Gogledd', 'De', 'Dwyrain', 'Gorllewin', 'Uchaf', 'Isaf', 'Hen Dref', 'Harbwr', 'Cwm', 'Ucheldir'];

/** A district of a place for the n-th non-core agency (so a board's schools and practices differ). */
export function district(n: number): { en: string; cy: string } {
  const i = n % DISTRICTS.length;
  return { en: DISTRICTS[i] ?? 'North', cy: DISTRICTS_CY[i] ?? 'Gogledd' };
}

const FIRST_NAMES = [
  'Aled',
  'Alun',
  'Angharad',
  'Bethan',
  'Carys',
  'Cerys',
  'Dafydd',
  'Delyth',
  'Dylan',
  'Eleri',
  'Elin',
  'Emyr',
  'Ffion',
  'Gareth',
  'Geraint',
  'Gwen',
  'Gwenllian',
  'Huw',
  'Iestyn',
  'Ioan',
  'Lowri',
  'Llinos',
  'Meinir',
  'Nia',
  'Owain',
  'Rhian',
  'Rhodri',
  'Rhys',
  'Sioned',
  'Siân',
  'Tomos',
  'Osian',
  'Amelia',
  'Charlotte',
  'Daniel',
  'Emily',
  'George',
  'Hannah',
  'Jack',
  'James',
  'Jessica',
  'Laura',
  'Michael',
  'Oliver',
  'Rachel',
  'Sarah',
  'Thomas',
  'William',
];

const SURNAMES = [
  'Jones',
  'Williams',
  'Davies',
  'Evans',
  'Thomas',
  'Roberts',
  'Lewis',
  'Hughes',
  'Morgan',
  'Griffiths',
  'Edwards',
  'Owen',
  'Price',
  'Rees',
  'Jenkins',
  'Lloyd',
  'Pritchard',
  'Powell',
  'Bowen',
  'Vaughan',
  'Parry',
  'Prosser',
  'Llywelyn',
  'ap Rhys',
  'Smith',
  'Taylor',
  'Walker',
  'Wright',
  'Clarke',
  'Harris',
  'Mitchell',
  'Turner',
];

export function personName(rng: Random): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(SURNAMES) };
}

/** An email-safe form of a name part (no accents, spaces or apostrophes). */
export function emailPart(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}

export const JOB_TITLES: Record<Sector, readonly string[]> = {
  social_services: ['Team manager', 'Social worker', 'Head of children’s services', 'Safeguarding lead'],
  education: ['Designated safeguarding lead', 'Headteacher', 'Education welfare officer'],
  housing: ['Housing officer', 'Tenancy support manager'],
  youth_offending: ['Youth justice officer', 'Service manager'],
  police: ['Detective inspector', 'Detective sergeant', 'Public protection unit lead'],
  health: ['Named nurse for safeguarding', 'Designated doctor', 'Health visitor', 'General practitioner'],
  probation: ['Probation officer', 'Senior probation officer'],
  voluntary: ['Project manager', 'Family support worker'],
  other: ['Safeguarding officer'],
};

const STREETS = ['Heol y Parc', 'Stryd Fawr', 'Ffordd yr Orsaf', 'Maes y Dre', 'Church Street', 'Station Road', 'High Street', 'Bryn Teg'];

export function address(rng: Random, place: string): string {
  return `${rng.int(1, 120)} ${rng.pick(STREETS)}, ${place}`;
}

export const CHILD_FIRST_NAMES = ['Mali', 'Osian', 'Ela', 'Jac', 'Efa', 'Harri', 'Lili', 'Cai', 'Nel', 'Gruff', 'Ava', 'Noah', 'Isla', 'Leo', 'Freya', 'Alfie'];

export const RELATIONSHIPS = ['mother', 'father', 'stepfather', 'grandmother', 'sibling', 'mother’s partner', 'aunt', 'foster carer'];

export const FACTS = [
  'Admitted to hospital with injuries not consistent with the account given.',
  'Died at home; the family was known to children’s services.',
  'Serious injury after a period of neglect reported by the school.',
  'Found unresponsive; concerns about supervision had been raised by the health visitor.',
  'Harm while looked after; placement concerns had been raised by the foster carer.',
];
