// What each page of the new referral journey asks: how its form is read (errors are locale keys in the
// errors namespace), how saved answers fill it again, and the options it offers.
import type { TFunction } from 'i18next';
import { LIMITS, REFERRAL_TEXT, type TextRule, textProblem } from '../../../domain/limits.ts';
import {
  ABUSE_OR_NEGLECT,
  CHILD_PERIOD_KINDS,
  INCIDENT_TYPES,
  PROCEEDING_STATUSES,
  PROCEEDING_TYPES,
  periodProblems,
  referrerProblems,
} from '../../../domain/referrals/referral.ts';
import { nameErrors } from '../../../domain/text.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { formList, formString, parseForm } from '../../forms.ts';
import {
  AbuseOrNeglectStep,
  BoardAreaStep,
  ChildStep,
  EnglandReferralDatesStep,
  FamilyMemberItem,
  ImpairmentStep,
  IncidentTypeStep,
  PeriodItem,
  ProceedingItem,
  ReferralDatesStep,
  ReferralFactsStep,
} from '../../journeys/commands.ts';
import { formValues } from '../../journeys/fields.ts';
import type { ListPage, QuestionPage, Subject } from '../../journeys/pages.ts';
import { type FamilyMemberAnswer, type PeriodAnswer, type ProceedingAnswer, type ReferralAnswers, type ReferrerKind, SERIOUS_IMPAIRMENT } from './flow.ts';
import { type Body, choose, dateParts, displayDate, type Option, partsOf, raw, yesNoValue } from './form-helpers.ts';

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export interface PageContext {
  t: TFunction;
  /** The board's active agencies, as options in the reader's language. */
  agencies: Option[];
  /** The people with an account who may be named as the referrer; undefined when the reader may not list the board's people (an agency referrer). */
  people: Option[] | undefined;
  /** The board's nation: England asks the date the board became aware of the incident. */
  nation: 'wales' | 'england';
  today: string;
}

/** A request of the journey: the board's draft, and what its pages offer. */
export interface ReferralSubject extends Subject, PageContext {
  board: { id: string; nation: string };
}

export const FACTS_MAX = LIMITS.initialFacts;

const done = <T>(errors: FieldErrors, data: T): Parsed<T> => (Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data });

/** A free-text answer by its rule (src/domain/limits.ts, as the service and the API apply it). */
function text(body: Body, field: string, rule: TextRule, errors: FieldErrors): string | null {
  const value = formString(body[field]) ?? null;
  const problem = textProblem(rule, value);
  if (problem) errors[field] = problem;
  return value;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((v) => v === value);
}

const K = 'referralForm.';

export const QUESTION_PAGES: QuestionPage<ReferralAnswers, ReferralSubject>[] = [
  {
    slug: 'referrer',
    view: 'features/referrals/referrer.njk',
    parse(body, ctx) {
      const errors: FieldErrors = {};
      const agency = raw(body, 'referringAgencyId');
      if (agency !== 'none' && !ctx.agencies.some((a) => a.value === agency)) errors.referringAgencyId = `${K}agencyRequired`;
      const kinds: ReferrerKind[] = ctx.people ? ['self', 'person', 'external'] : ['self', 'external'];
      const kind = oneOf(kinds, body.referrerKind);
      if (!kind) errors.referrerKind = `${K}referrerKindRequired`;
      let referrerPersonId: string | null = null;
      let referrerName: string | null = null;
      let referrerEmail: string | null = null;
      let referrerLanguage: 'en' | 'cy' | null = null;
      if (kind === 'person') {
        referrerPersonId = raw(body, 'referrerPersonId') || null;
        if (!ctx.people?.some((p) => p.value === referrerPersonId)) errors.referrerPersonId = `${K}referrerPersonRequired`;
      }
      if (kind === 'external') {
        // Someone without an account: a name and an email address to send the decision to, in their language.
        referrerName = text(body, 'referrerName', { ...REFERRAL_TEXT.referrerName, required: `${K}referrerNameRequired` }, errors);
        if (referrerName && !errors.referrerName) Object.assign(errors, nameErrors({ referrerName }));
        referrerEmail = text(body, 'referrerEmail', { max: LIMITS.email, required: 'referral.referrerEmailRequired', tooLong: 'email.invalid' }, errors);
        if (referrerEmail && !errors.referrerEmail) {
          const problem = referrerProblems({ referrerPersonId: null, referrerName: referrerName ?? 'x', referrerEmail }).referrerEmail;
          if (problem) errors.referrerEmail = problem;
        }
        referrerLanguage = oneOf(['en', 'cy'] as const, body.referrerLanguage) ?? null;
        if (!referrerLanguage) errors.referrerLanguage = `${K}referrerLanguageRequired`;
      }
      const referrerRole = text(body, 'referrerRole', REFERRAL_TEXT.referrerRole, errors);
      return done(errors, {
        referringAgencyId: agency,
        referrerKind: kind ?? 'self',
        referrerPersonId,
        referrerName,
        referrerEmail,
        referrerLanguage,
        referrerRole,
      });
    },
    values: (a) => ({
      referringAgencyId: a.referringAgencyId ?? '',
      referrerKind: a.referrerKind ?? '',
      referrerPersonId: a.referrerPersonId ?? '',
      referrerName: a.referrerName ?? '',
      referrerEmail: a.referrerEmail ?? '',
      referrerLanguage: a.referrerLanguage ?? '',
      referrerRole: a.referrerRole ?? '',
    }),
    posted: (body) => ({
      referringAgencyId: raw(body, 'referringAgencyId'),
      referrerKind: raw(body, 'referrerKind'),
      referrerPersonId: raw(body, 'referrerPersonId'),
      referrerName: raw(body, 'referrerName'),
      referrerEmail: raw(body, 'referrerEmail'),
      referrerLanguage: raw(body, 'referrerLanguage'),
      referrerRole: raw(body, 'referrerRole'),
    }),
  },
  {
    slug: 'dates',
    view: 'features/referrals/dates.njk',
    parse(body, ctx) {
      // England: the 5 working days to notify the national Panel run from the day the board became aware.
      if (ctx.nation === 'england') return parseForm(EnglandReferralDatesStep, formValues(body, ['receivedOn', 'incidentOn', 'awareOn']));
      const form = parseForm(ReferralDatesStep, formValues(body, ['receivedOn', 'incidentOn']));
      return form.ok ? { ok: true, data: { ...form.data, awareOn: null } } : form;
    },
    values: (a) => ({ receivedOn: partsOf(a.receivedOn), incidentOn: partsOf(a.incidentOn), awareOn: partsOf(a.awareOn) }),
    posted: (body) => ({ receivedOn: dateParts(body, 'receivedOn'), incidentOn: dateParts(body, 'incidentOn'), awareOn: dateParts(body, 'awareOn') }),
    fieldIds: { receivedOn: 'receivedOn-day', incidentOn: 'incidentOn-day', awareOn: 'awareOn-day' },
  },
  {
    slug: 'incident-type',
    view: 'features/referrals/incident-type.njk',
    parse(body) {
      // The date revealed under "serious and permanent impairment" (read only then); left empty, it is asked on its own page.
      const impairment = body.incidentType === SERIOUS_IMPAIRMENT ? ['impairmentIdentifiedOn'] : [];
      return parseForm(IncidentTypeStep, formValues(body, impairment));
    },
    values: (a) => ({ incidentType: a.incidentType ?? '', impairmentIdentifiedOn: partsOf(a.impairmentIdentifiedOn) }),
    posted: (body) => ({ incidentType: raw(body, 'incidentType'), impairmentIdentifiedOn: dateParts(body, 'impairmentIdentifiedOn') }),
    fieldIds: { impairmentIdentifiedOn: 'impairmentIdentifiedOn-day' },
  },
  {
    slug: 'impairment',
    view: 'features/referrals/impairment.njk',
    parse: (body) => parseForm(ImpairmentStep, formValues(body, ['impairmentIdentifiedOn'])),
    values: (a) => ({ impairmentIdentifiedOn: partsOf(a.impairmentIdentifiedOn) }),
    posted: (body) => ({ impairmentIdentifiedOn: dateParts(body, 'impairmentIdentifiedOn') }),
    fieldIds: { impairmentIdentifiedOn: 'impairmentIdentifiedOn-day' },
  },
  {
    slug: 'abuse-or-neglect',
    view: 'features/referrals/abuse-or-neglect.njk',
    parse: (body) => parseForm(AbuseOrNeglectStep, formValues(body)),
    values: (a) => ({ abuseOrNeglect: a.abuseOrNeglect ?? '' }),
    posted: (body) => ({ abuseOrNeglect: raw(body, 'abuseOrNeglect') }),
  },
  {
    slug: 'board-area',
    view: 'features/referrals/board-area.njk',
    parse: (body) => parseForm(BoardAreaStep, formValues(body)),
    values: (a) => ({ inBoardArea: yesNoValue(a.inBoardArea) }),
    posted: (body) => ({ inBoardArea: raw(body, 'inBoardArea') }),
  },
  {
    slug: 'child',
    view: 'features/referrals/child.njk',
    parse(body) {
      const form = parseForm(ChildStep, formValues(body, ['dateOfBirth']));
      if (!form.ok) return form;
      const { dateOfBirth, ...child } = form.data;
      return { ok: true, data: { ...child, childDateOfBirthOn: dateOfBirth } };
    },
    values: (a) => ({
      childFullName: a.childFullName ?? '',
      dateOfBirth: partsOf(a.childDateOfBirthOn),
      childAddress: a.childAddress ?? '',
      childIsDeceased: yesNoValue(a.childIsDeceased),
    }),
    posted: (body) => ({
      childFullName: raw(body, 'childFullName'),
      dateOfBirth: dateParts(body, 'dateOfBirth'),
      childAddress: raw(body, 'childAddress'),
      childIsDeceased: raw(body, 'childIsDeceased'),
    }),
    fieldIds: { dateOfBirth: 'dateOfBirth-day' },
  },
  {
    slug: 'agencies',
    view: 'features/referrals/agencies.njk',
    parse(body, ctx) {
      const chosen = formList(body.agenciesInvolved);
      const known = chosen.filter((id) => ctx.agencies.some((a) => a.value === id));
      const none = chosen.includes('none');
      if ((none && known.length > 0) || (!none && known.length === 0) || known.length + (none ? 1 : 0) !== chosen.length) {
        return { ok: false, errors: { agenciesInvolved: `${K}agenciesRequired` } };
      }
      return { ok: true, data: { agenciesInvolved: none ? ['none'] : known } };
    },
    values: (a) => ({ agenciesInvolved: a.agenciesInvolved ?? [] }),
    posted: (body) => ({ agenciesInvolved: formList(body.agenciesInvolved) }),
  },
  {
    slug: 'facts',
    view: 'features/referrals/facts.njk',
    parse(body) {
      // Kept as typed (line breaks matter); only surrounding space is trimmed. The same rule as the API's and the service's.
      return parseForm(ReferralFactsStep, formValues(body));
    },
    values: (a) => ({ initialFacts: a.initialFacts ?? '' }),
    posted: (body) => ({ initialFacts: raw(body, 'initialFacts') }),
  },
];

type ReferralList<T> = ListPage<ReferralAnswers, ReferralSubject, T>;
const LIST_VIEW = 'features/referrals/list.njk';
/** A date in a list's table: as written in the reader's language, or "not provided". */
const shown = (t: TFunction, iso: string | null | undefined) => (iso ? displayDate(t, iso) : t('common:notProvided'));

const periods: ReferralList<PeriodAnswer> = {
  slug: 'periods',
  key: 'periods',
  listView: LIST_VIEW,
  itemView: 'features/referrals/period.njk',
  parseItem(body, ctx) {
    const form = parseForm(PeriodItem, formValues(body, ['startOn', 'endOn']));
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (form.ok) {
      const problem = periodProblems(form.data, ctx.today);
      if (problem === 'period.startInFuture') errors.startOn = problem;
      else if (problem) errors.endOn = problem;
    }
    return form.ok && Object.keys(errors).length === 0 ? form : { ok: false, errors };
  },
  itemValues: (p) => ({ kind: p?.kind ?? '', startOn: partsOf(p?.startOn), endOn: partsOf(p?.endOn) }),
  postedItem: (body) => ({ kind: raw(body, 'kind'), startOn: dateParts(body, 'startOn'), endOn: dateParts(body, 'endOn') }),
  fieldIds: { startOn: 'startOn-day', endOn: 'endOn-day' },
  table: ({ t }, items) => ({
    headings: [t('referrals:periods.kindColumn'), t('referrals:periods.datesColumn')],
    rows: items.map((p) => [
      t(`referrals:periods.kinds.${p.kind}`),
      p.endOn
        ? t('referrals:periods.range', { start: shown(t, p.startOn), end: shown(t, p.endOn) })
        : t('referrals:periods.ongoing', { start: shown(t, p.startOn) }),
    ]),
  }),
};

const family: ReferralList<FamilyMemberAnswer> = {
  slug: 'family',
  key: 'familyMembers',
  listView: LIST_VIEW,
  itemView: 'features/referrals/family-member.njk',
  parseItem(body) {
    const form = parseForm(FamilyMemberItem, formValues(body));
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    // The name rule (src/domain/text.ts), as the service applies it at check answers.
    const fullName = formString(body.fullName);
    if (fullName && !errors.fullName) Object.assign(errors, nameErrors({ fullName }));
    if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors };
    const { personKind, ...member } = form.data;
    return { ok: true, data: { ...member, isSignificantPerson: personKind === 'significant' } };
  },
  itemValues: (f) => ({
    relationship: f?.relationship ?? '',
    personKind: f === undefined ? '' : f.isSignificantPerson ? 'significant' : 'family',
    language: f?.language ?? '',
    fullName: f?.fullName ?? '',
    contactDetails: f?.contactDetails ?? '',
  }),
  postedItem: (body) => ({
    relationship: raw(body, 'relationship'),
    personKind: raw(body, 'personKind'),
    language: raw(body, 'language'),
    fullName: raw(body, 'fullName'),
    contactDetails: raw(body, 'contactDetails'),
  }),
  table: ({ t }, items) => ({
    headings: [t('referrals:family.relationshipColumn'), t('referrals:family.kindColumn'), t('referrals:family.languageColumn')],
    rows: items.map((f) => [
      f.relationship,
      t(`referrals:family.kinds.${f.isSignificantPerson ? 'significant' : 'family'}`),
      t(`common:languages.${f.language}`),
    ]),
  }),
};

const proceedings: ReferralList<ProceedingAnswer> = {
  slug: 'proceedings',
  key: 'proceedings',
  listView: LIST_VIEW,
  itemView: 'features/referrals/proceeding.njk',
  parseItem: (body) => parseForm(ProceedingItem, formValues(body, ['expectedEndOn'])),
  itemValues: (p) => ({
    proceedingType: p?.proceedingType ?? '',
    status: p?.status ?? '',
    liaisonContact: p?.liaisonContact ?? '',
    expectedEndOn: partsOf(p?.expectedEndOn),
  }),
  postedItem: (body) => ({
    proceedingType: raw(body, 'proceedingType'),
    status: raw(body, 'status'),
    liaisonContact: raw(body, 'liaisonContact'),
    expectedEndOn: dateParts(body, 'expectedEndOn'),
  }),
  fieldIds: { expectedEndOn: 'expectedEndOn-day' },
  table: ({ t }, items) => ({
    headings: [t('referrals:proceedings.typeColumn'), t('referrals:proceedings.statusColumn'), t('referrals:proceedings.expectedEndColumn')],
    rows: items.map((p) => [t(`referrals:proceedings.types.${p.proceedingType}`), t(`referrals:proceedings.statuses.${p.status}`), shown(t, p.expectedEndOn)]),
  }),
};

export const LIST_PAGES = [periods, family, proceedings];

/** Radio, select and checkbox options of the pages, in the reader's language. */
export function options(t: TFunction) {
  const list = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, text: t(`${prefix}.${v}`) }));
  return {
    incidentTypes: list(INCIDENT_TYPES, 'referrals:incidentType.types'),
    abuseOrNeglect: list(ABUSE_OR_NEGLECT, 'referrals:abuseOrNeglect.options'),
    yesNo: [
      { value: 'yes', text: t('common:yes') },
      { value: 'no', text: t('common:no') },
    ],
    referrerKinds: list(['self', 'person', 'external'], 'referrals:referrer.kinds'),
    periodKinds: list(CHILD_PERIOD_KINDS, 'referrals:periods.kinds'),
    personKinds: list(['family', 'significant'], 'referrals:family.kinds'),
    languages: list(['en', 'cy'], 'common:languages'),
    proceedingTypes: list(PROCEEDING_TYPES, 'referrals:proceedings.types'),
    proceedingStatuses: list(PROCEEDING_STATUSES, 'referrals:proceedings.statuses'),
    choose,
    chooseMany: (opts: Option[], current: unknown) => {
      const chosen = Array.isArray(current) ? current : [];
      return opts.map((o) => ({ ...o, checked: chosen.includes(o.value) }));
    },
  };
}
