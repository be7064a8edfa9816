// The summary of a referral by section, as govukSummaryList rows: on check answers (with change links)
// and on the referral page. Restricted child details appear only when the caller was given them.
import type { TFunction } from 'i18next';
import type { Language } from '../../../domain/organisation.ts';
import { type Pseudonym, pseudonymText } from '../../../domain/pseudonyms.ts';
import type { StepSlug } from './flow.ts';
import { displayDate } from './form-helpers.ts';

export interface SummarySource {
  /** The referring agency's name, or null when not one of the board's agencies. */
  referringAgency: string | null;
  referrerName: string | null;
  /** Someone without an account: the address the decision is sent to, and its language. */
  referrerEmail?: string | null;
  referrerLanguage?: string | null;
  referrerRole: string | null;
  receivedOn: string;
  /** England: the date the board became aware of the incident. */
  awareOn?: string | null;
  incidentOn: string;
  incidentType: string;
  impairmentIdentifiedOn: string | null;
  abuseOrNeglect: string;
  inBoardArea: boolean;
  /** Undefined when the reader may not see restricted details. */
  child: { fullName: string | null; dateOfBirthOn: string | null; address: string | null; isDeceased: boolean } | undefined;
  periods: { kind: string; startOn: string; endOn: string | null }[];
  familyMembers: {
    /** Given once the referral is recorded (not on check answers). */
    pseudonym?: Pseudonym;
    relationship: string;
    isSignificantPerson: boolean;
    language: string;
    fullName?: string | null;
    contactDetails?: string | null;
  }[];
  /** Names of the agencies known to have been involved. */
  agencies: string[];
  initialFacts: string;
  proceedings: { proceedingType: string; status: string; liaisonContact: string | null; expectedEndOn: string | null }[];
}

export interface SummarySection {
  id: string;
  title: string;
  rows: Record<string, unknown>[];
}

/** Where a field is changed: the page and the id of its change link (for the error summary). */
export type ChangeLink = (slug: StepSlug, field: string) => { href: string; id: string };

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Several lines, each escaped, as summary list html. */
function lines(parts: string[]): { html: string } {
  return { html: parts.map((p) => escapeHtml(p).replace(/\r?\n/g, '<br>')).join('<br>') };
}

export function summarySections(t: TFunction, language: Language, s: SummarySource, change?: ChangeLink): SummarySection[] {
  const notProvided = t('common:notProvided');
  const date = (iso: string | null | undefined) => (iso ? displayDate(t, iso) : notProvided);
  const row = (slug: StepSlug, field: string, key: string, value: { text: string } | { html: string }) => {
    const link = change?.(slug, field);
    return {
      key: { text: t(`referrals:check.rows.${key}`) },
      value,
      ...(link
        ? {
            actions: {
              items: [
                { href: link.href, text: t('common:change'), visuallyHiddenText: t(`referrals:check.rows.${key}`).toLowerCase(), attributes: { id: link.id } },
              ],
            },
          }
        : {}),
    };
  };
  const text = (value: string | null | undefined) => ({ text: value ? value : notProvided });

  const sections: SummarySection[] = [
    {
      id: 'referrer',
      title: t('referrals:check.sections.referrer'),
      rows: [
        row('referrer', 'referringAgencyId', 'agency', { text: s.referringAgency ?? t('referrals:referrer.agencyNone') }),
        row('referrer', 'referrerName', 'referrerName', text(s.referrerName)),
        ...(s.referrerEmail ? [row('referrer', 'referrerEmail', 'referrerEmail', text(s.referrerEmail))] : []),
        ...(s.referrerLanguage ? [row('referrer', 'referrerLanguage', 'referrerLanguage', { text: t(`common:languages.${s.referrerLanguage}`) })] : []),
        row('referrer', 'referrerRole', 'referrerRole', text(s.referrerRole)),
      ],
    },
    {
      id: 'incident',
      title: t('referrals:check.sections.incident'),
      rows: [
        row('dates', 'receivedOn', 'receivedOn', { text: date(s.receivedOn) }),
        row('dates', 'incidentOn', 'incidentOn', { text: date(s.incidentOn) }),
        ...(s.awareOn ? [row('dates', 'awareOn', 'awareOn', { text: date(s.awareOn) })] : []),
        row('incident-type', 'incidentType', 'incidentType', { text: t(`referrals:incidentType.types.${s.incidentType}`) }),
        ...(s.incidentType === 'serious_permanent_impairment'
          ? [row('incident-type', 'impairmentIdentifiedOn', 'impairmentIdentifiedOn', { text: date(s.impairmentIdentifiedOn) })]
          : []),
        row('abuse-or-neglect', 'abuseOrNeglect', 'abuseOrNeglect', { text: t(`referrals:abuseOrNeglect.options.${s.abuseOrNeglect}`) }),
        row('board-area', 'inBoardArea', 'inBoardArea', { text: t(s.inBoardArea ? 'common:yes' : 'common:no') }),
      ],
    },
  ];
  if (s.child) {
    sections.push({
      id: 'child',
      title: t('referrals:check.sections.child'),
      rows: [
        row('child', 'childFullName', 'fullName', text(s.child.fullName)),
        row('child', 'dateOfBirth', 'dateOfBirth', { text: date(s.child.dateOfBirthOn) }),
        row('child', 'childAddress', 'address', s.child.address ? lines([s.child.address]) : text(null)),
        row('child', 'childIsDeceased', 'isDeceased', { text: t(s.child.isDeceased ? 'common:yes' : 'common:no') }),
      ],
    });
  }
  const none = { text: t('referrals:check.none') };
  sections.push(
    {
      id: 'periods',
      title: t('referrals:check.sections.periods'),
      rows: [
        row(
          'periods',
          'periods',
          'periods',
          s.periods.length === 0
            ? none
            : lines(
                s.periods.map(
                  (p) =>
                    `${t(`referrals:periods.kinds.${p.kind}`)}: ${
                      p.endOn
                        ? t('referrals:periods.range', { start: date(p.startOn), end: date(p.endOn) })
                        : t('referrals:periods.ongoing', { start: date(p.startOn) })
                    }`,
                ),
              ),
        ),
      ],
    },
    {
      id: 'family',
      title: t('referrals:check.sections.family'),
      rows: [
        row(
          'family',
          'familyMembers',
          'familyMembers',
          s.familyMembers.length === 0
            ? none
            : lines(
                s.familyMembers.map((f) => {
                  const parts = [
                    `${f.pseudonym ? `${pseudonymText(f.pseudonym, language)}: ` : ''}${f.relationship}`,
                    t('referrals:check.personDetails', {
                      kind: t(`referrals:family.kinds.${f.isSignificantPerson ? 'significant' : 'family'}`),
                      language: t(`common:languages.${f.language}`),
                    }),
                  ];
                  if (f.fullName) parts.push(t('referrals:check.nameIs', { name: f.fullName }));
                  if (f.contactDetails) parts.push(t('referrals:check.contactIs', { contact: f.contactDetails }));
                  return parts.join('; ');
                }),
              ),
        ),
      ],
    },
    {
      id: 'agencies',
      title: t('referrals:check.sections.agencies'),
      rows: [row('agencies', 'agenciesInvolved', 'agenciesInvolved', s.agencies.length === 0 ? { text: t('referrals:check.noneKnown') } : lines(s.agencies))],
    },
    {
      id: 'facts',
      title: t('referrals:check.sections.facts'),
      rows: [row('facts', 'initialFacts', 'initialFacts', lines([s.initialFacts]))],
    },
    {
      id: 'proceedings',
      title: t('referrals:check.sections.proceedings'),
      rows: [
        row(
          'proceedings',
          'proceedings',
          'proceedings',
          s.proceedings.length === 0
            ? none
            : lines(
                s.proceedings.map((p) => {
                  const parts = [`${t(`referrals:proceedings.types.${p.proceedingType}`)}: ${t(`referrals:proceedings.statuses.${p.status}`)}`];
                  if (p.liaisonContact) parts.push(t('referrals:check.liaisonIs', { contact: p.liaisonContact }));
                  if (p.expectedEndOn) parts.push(t('referrals:check.expectedEndIs', { date: date(p.expectedEndOn) }));
                  return parts.join('; ');
                }),
              ),
        ),
      ],
    },
  );
  return sections;
}
