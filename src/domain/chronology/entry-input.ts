// What a person (a page, the API) sends for one entry, checked into `EntryFields` or refused field by field
// with locale keys of the chronology namespace. The spreadsheet import reads cells into the same input and
// refuses with the same rules (row by row). Pure.
import { DATE_YEARS, daysInMonth, isIsoDate, isTimeOfDay } from '../clock/dates.ts';
import { CHRONOLOGY_LIMITS, type DatePrecision, type EntryFields, isDatePrecision, isEventType, isSignificance, periodStart } from './entry.ts';

/** A date as typed: day, month and year boxes (a month's date leaves the day empty, a year's the day and month). */
export interface DateParts {
  day?: string | undefined;
  month?: string | undefined;
  year?: string | undefined;
}

export interface EntryInput {
  /** Either the boxes of the page, or an ISO date (the API), with the precision saying which parts count. */
  date: DateParts | string | null | undefined;
  precision: string | null | undefined;
  time?: string | null | undefined;
  eventType: string | null | undefined;
  description: string | null | undefined;
  people?: readonly string[] | null | undefined;
  practitionerRole?: string | null | undefined;
  actionTaken?: string | null | undefined;
  outcome?: string | null | undefined;
  sourceRef: string | null | undefined;
  significance: string | null | undefined;
  analystComment?: string | null | undefined;
}

export type FieldProblems = Record<string, string>;

const E = 'chronology:errors.';

function whole(text: string | undefined): number | undefined {
  const t = text?.trim() ?? '';
  return /^\d{1,4}$/.test(t) ? Number(t) : undefined;
}

/** The period's first day from the page's boxes and the precision, or the problem. */
export function dateFromParts(parts: DateParts, precision: DatePrecision): { date: string } | { problem: string } {
  const [dayText, monthText, yearText] = [parts.day?.trim() ?? '', parts.month?.trim() ?? '', parts.year?.trim() ?? ''];
  if (!dayText && !monthText && !yearText) return { problem: `${E}dateRequired` };
  const year = whole(yearText);
  if (year === undefined || yearText.length !== 4) return { problem: `${E}dateInvalid` };
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) return { problem: `${E}dateOutOfRange` };
  if (precision === 'year') return { date: `${year}-01-01` };
  const month = whole(monthText);
  if (month === undefined || month < 1 || month > 12) return { problem: `${E}dateInvalid` };
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  if (precision === 'month') return { date: `${ym}-01` };
  const day = whole(dayText);
  if (day === undefined) return { problem: dayText ? `${E}dateInvalid` : `${E}dayRequired` };
  if (day < 1 || day > daysInMonth(year, month)) return { problem: `${E}dateInvalid` };
  return { date: `${ym}-${String(day).padStart(2, '0')}` };
}

function text(value: string | null | undefined): string {
  return (value ?? '').replace(/\r\n?/g, '\n').trim();
}

/**
 * Checks an entry: the date with its precision (the period's first day is kept), the time (only with a day),
 * the event type, the description and the source record reference (both required), the significance, the
 * people (each one of the review's, `known`), and the lengths (CHRONOLOGY_LIMITS).
 */
export function checkEntry(input: EntryInput, known: ReadonlySet<string>): { ok: true; fields: EntryFields } | { ok: false; errors: FieldProblems } {
  const errors: FieldProblems = {};
  let precision: DatePrecision = 'exact';
  if (!isDatePrecision(input.precision)) errors.precision = `${E}precisionRequired`;
  else precision = input.precision;

  let occurredOn = '';
  const parts = typeof input.date === 'object' && input.date !== null ? input.date : undefined;
  const noParts = parts !== undefined && ![parts.day, parts.month, parts.year].some((v) => v?.trim());
  if (input.date === null || input.date === undefined || input.date === '' || noParts) errors.date = `${E}dateRequired`;
  else if (typeof input.date === 'string') {
    const d = input.date.trim();
    if (!isIsoDate(d)) errors.date = `${E}dateInvalid`;
    else if (Number(d.slice(0, 4)) < DATE_YEARS.min || Number(d.slice(0, 4)) > DATE_YEARS.max) errors.date = `${E}dateOutOfRange`;
    else occurredOn = periodStart(d, precision);
  } else if (!errors.precision) {
    const r = dateFromParts(input.date, precision);
    if ('problem' in r) errors.date = r.problem;
    else occurredOn = r.date;
  }

  const time = text(input.time) || null;
  if (time !== null) {
    if (!isTimeOfDay(time)) errors.time = `${E}timeInvalid`;
    else if (precision === 'month' || precision === 'year') errors.time = `${E}timeWithoutDay`;
  }

  const eventType = text(input.eventType);
  if (!eventType) errors.eventType = `${E}eventTypeRequired`;
  else if (!isEventType(eventType)) errors.eventType = `${E}eventTypeInvalid`;

  const significance = text(input.significance);
  if (!significance) errors.significance = `${E}significanceRequired`;
  else if (!isSignificance(significance)) errors.significance = `${E}significanceInvalid`;

  const values = {
    description: text(input.description),
    practitionerRole: text(input.practitionerRole),
    actionTaken: text(input.actionTaken),
    outcome: text(input.outcome),
    sourceRef: text(input.sourceRef),
    analystComment: text(input.analystComment),
  };
  if (!values.description) errors.description = `${E}descriptionRequired`;
  if (!values.sourceRef) errors.sourceRef = `${E}sourceRefRequired`;
  for (const [field, value] of Object.entries(values) as [keyof typeof values, string][])
    if (value.length > CHRONOLOGY_LIMITS[field]) errors[field] = `${E}${field}TooLong`;

  const people = [...new Set((input.people ?? []).map((p) => p.trim()).filter(Boolean))];
  if (people.length > CHRONOLOGY_LIMITS.people) errors.people = `${E}tooManyPeople`;
  else if (people.some((p) => !known.has(p))) errors.people = `${E}personUnknown`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      occurredOn,
      precision,
      time,
      eventType: eventType as EntryFields['eventType'],
      description: values.description,
      people,
      practitionerRole: values.practitionerRole,
      actionTaken: values.actionTaken,
      outcome: values.outcome,
      sourceRef: values.sourceRef,
      significance: significance as EntryFields['significance'],
      analystComment: values.analystComment,
    },
  };
}
