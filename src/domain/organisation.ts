// Closed sets of the organisation model (DOMAIN.md §8.1).

export const SECTORS = ['social_services', 'education', 'housing', 'youth_offending', 'police', 'health', 'probation', 'voluntary', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const BOARD_TYPES = ['LSCB', 'RSB', 'SCP'] as const;
export type BoardType = (typeof BOARD_TYPES)[number];

export const NATIONS = ['wales', 'england'] as const;
export type Nation = (typeof NATIONS)[number];

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** What lists and filters need of a board: its identity and names. */
export type BoardName = Pick<Board, 'id' | 'code' | 'nameEn' | 'nameCy' | 'isActive'>;

export interface Board {
  id: string;
  code: string;
  nameEn: string;
  nameCy: string;
  boardType: BoardType;
  nation: Nation;
  region: string | null;
  validFromOn: string | null;
  validToOn: string | null;
  predecessorBoardId: string | null;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Agency {
  id: string;
  nameEn: string;
  nameCy: string;
  sector: Sector;
  isStatutoryPartner: boolean;
  isActive: boolean;
  boardIds: string[];
}

export interface Person {
  id: string;
  email: string;
  fullName: string;
  jobTitle: string | null;
  agencyId: string | null;
  language: Language;
  hasPassword: boolean;
  twoFactorEnabled: boolean;
  deactivatedAt: string | null;
  createdAt: string;
}

/** The name of a bilingual record in the reader's language. */
export function localName(record: { nameEn: string; nameCy: string }, language: Language): string {
  return language === 'cy' ? record.nameCy : record.nameEn;
}
