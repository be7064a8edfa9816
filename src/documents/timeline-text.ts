// The timeline picture's words in English and Welsh (issue 11, item 5): its title, legend and the description that
// is its text alternative's summary (Welsh takes the singular noun after a digit). chronology-timeline.ts draws it.
import type { GroupUnit } from './chronology-timeline.ts';

export const TIMELINE_TEXT = {
  en: {
    title: 'Chronology timeline',
    low: 'Low',
    medium: 'Medium',
    high: 'High',
    significance: 'Significance:',
    gap: 'Gap',
    key: 'Key event',
    imprecise: 'Month or year only',
    about: 'Approximate date',
    count: 'Circle size: number of entries',
    shade: 'Shade: most significant entry:',
    gapDays: (days: number) => plural(days, 'day', 'days'),
    unit: { month: 'month', quarter: 'quarter', year: 'year' } as Record<GroupUnit, string>,
    describe: (d: Described) =>
      [
        `${plural(d.count, 'entry', 'entries')} from ${plural(d.lanes, 'agency', 'agencies')}, one row each, from ${d.from} to ${d.to}.`,
        d.unit
          ? `Entries are grouped by ${d.unitName}: a larger circle means more entries, a darker one that a more significant entry is among them.`
          : 'Larger, darker marks are more significant; an open circle is an approximate date, a bar an entry dated only to a month or a year.',
        d.gaps > 0 ? `${plural(d.gaps, 'gap', 'gaps')} with no contact from any agency shaded.` : 'No gaps are shaded.',
        d.keys > 0 ? `${plural(d.keys, 'key event', 'key events')} labelled.` : '',
        'The table of entries gives the same information.',
      ]
        .filter((s) => s !== '')
        .join(' '),
  },
  cy: {
    title: 'Llinell amser y gronoleg',
    low: 'Isel',
    medium: 'Canolig',
    high: 'Uchel',
    significance: 'Arwyddocâd:',
    gap: 'Bwlch',
    key: 'Digwyddiad allweddol',
    imprecise: 'Mis neu flwyddyn yn unig',
    about: 'Dyddiad bras',
    count: 'Maint y cylch: nifer y cofnodion',
    shade: 'Lliw: y cofnod mwyaf arwyddocaol:',
    gapDays: (n: number) => `${n} diwrnod`,
    unit: { month: 'mis', quarter: 'chwarter', year: 'blwyddyn' } as Record<GroupUnit, string>,
    describe: (d: Described) =>
      [
        `${d.count} cofnod gan ${d.lanes} asiantaeth, un rhes yr un, o ${d.from} i ${d.to}.`,
        d.unit
          ? `Mae’r cofnodion wedi’u grwpio fesul ${d.unitName}: mae cylch mwy yn golygu mwy o gofnodion, a lliw tywyllach fod cofnod mwy arwyddocaol yn eu plith.`
          : 'Mae’r marciau mwy a thywyllach yn fwy arwyddocaol; mae cylch gwag yn ddyddiad bras, a bar yn gofnod sydd wedi’i ddyddio i fis neu flwyddyn yn unig.',
        d.gaps > 0 ? `Mae ${d.gaps} bwlch heb gysylltiad gan unrhyw asiantaeth wedi’u lliwio.` : 'Nid oes bylchau wedi’u lliwio.',
        d.keys > 0 ? `Mae labeli ar ${d.keys} digwyddiad allweddol.` : '',
        'Mae tabl y cofnodion yn rhoi’r un wybodaeth.',
      ]
        .filter((s) => s !== '')
        .join(' '),
  },
} as const;

/** "1 entry", "2 entries" (Welsh takes the singular after a digit, so needs no such helper). */
function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export interface Described {
  count: number;
  lanes: number;
  from: string;
  to: string;
  unit: GroupUnit | null;
  unitName: string;
  gaps: number;
  keys: number;
}
