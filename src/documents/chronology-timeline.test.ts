import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findGaps } from '../domain/chronology/analysis.ts';
import { SIGNIFICANCES } from '../domain/chronology/entry.ts';
import { addDays, toEpochDay } from '../domain/clock/dates.ts';
import { figureSvgProblems, MAX_FIGURE_SVG, svgSize } from '../domain/documents.ts';
import { renderTimeline, TIMELINE_DETAIL_LIMIT, TIMELINE_WIDTH, type TimelineEvent, type TimelineGroup } from './chronology-timeline.ts';
import { svgToPng } from './figures.ts';
import { renderDocument } from './render.ts';
import { groupByPeriod, groupingUnit, unitStart } from './timeline-periods.ts';

const lanes = [
  { id: 'police', label: 'Dyfed-Powys Police' },
  { id: 'health', label: 'Betsi Cadwaladr University Health Board & A<E>' },
  { id: 'social', label: 'Children’s Services' },
];

const events: TimelineEvent[] = [
  { lane: 'police', occurredOn: '2019-01-14', precision: 'exact', significance: 'high', keyLabel: 'Police called: injury & <concern>' },
  { lane: 'health', occurredOn: '2019-02-01', precision: 'month', significance: 'medium' },
  { lane: 'health', occurredOn: '2019-03-20', precision: 'about', significance: 'low' },
  { lane: 'social', occurredOn: '2019-09-02', precision: 'exact', significance: 'medium', keyLabel: 'Child protection conference' },
  { lane: 'social', occurredOn: '2019-01-01', precision: 'year', significance: 'low' },
];
const period = { from: '2019-01-01', to: '2019-12-31' };

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

test('a timeline is a figure: passes figureSvgProblems, has a size, title and description ids and aria-labelledby', () => {
  const { svg, title, description, mode } = renderTimeline({
    language: 'en',
    lanes,
    period,
    events,
    gaps: findGaps(
      [...events].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : 1)),
      { period, thresholdDays: 60 },
    ),
  });
  assert.deepEqual(figureSvgProblems(svg), []);
  assert.equal(mode, 'events');
  assert.equal(svgSize(svg).width, TIMELINE_WIDTH);
  assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="chronology-timeline-title chronology-timeline-desc"/);
  assert.match(svg, /font-family="DejaVu Sans"/);
  assert.ok(svg.includes(`<title id="chronology-timeline-title">${title}</title>`));
  assert.ok(svg.includes('<desc id="chronology-timeline-desc">'));
  assert.equal(title, 'Chronology timeline');
  assert.match(description, /^5 entries from 3 agencies, one row each, from 1 January 2019 to 31 December 2019\./);
  assert.match(description, /2 key events labelled/);
});

test('resvg draws it (its XML parser is strict), in both modes', async () => {
  const small = renderTimeline({ language: 'cy', lanes, period, events });
  assert.ok((await svgToPng(small.svg)).subarray(1, 4).toString() === 'PNG');
  const big = renderTimeline({ language: 'en', lanes, groups: [{ lane: 'police', periodStart: '2019-01-01', count: 3, maxSignificance: 'high' }], events });
  assert.ok((await svgToPng(big.svg)).subarray(1, 4).toString() === 'PNG');
});

test('as a document figure (its description the text alternative) the PDF and Word renderers take it', async () => {
  const t = renderTimeline({ language: 'cy', lanes, period, events });
  const model = {
    meta: { title: t.title, language: 'cy' as const, author: 'Bwrdd Diogelu Plant Dyffryn Teifi' },
    blocks: [{ type: 'figure' as const, svg: t.svg, alt: t.description, caption: t.title }],
  };
  assert.equal((await renderDocument(model, 'pdf')).subarray(0, 5).toString(), '%PDF-');
  assert.equal((await renderDocument(model, 'docx')).subarray(0, 2).toString(), 'PK');
});

test('one lane per agency, labelled, long names on two lines and text escaped', () => {
  const { svg } = renderTimeline({ language: 'en', lanes, period, events });
  assert.equal(count(svg, /<text x="8" y="[\d.]+" font-size="12"/g), 4, 'three lanes; the health board’s name takes two lines');
  assert.ok(svg.includes('>Dyfed-Powys Police<'));
  assert.ok(svg.includes('>Betsi Cadwaladr<') && svg.includes('>University Health Board…<'));
  assert.ok(svg.includes('Police called: injury &#38; &#60;concern&#62;'));
  assert.ok(!/<concern>/.test(svg));
});

test('marks: a dot for a day (hollow for about), a bar for a month or a year, sized by significance; gaps shaded with their length', () => {
  const gaps = [{ from: '2019-04-01', to: '2019-08-31', days: 153 }];
  const { svg } = renderTimeline({ language: 'en', lanes, period, events, gaps });
  assert.equal(count(svg, /<circle [^>]*r="7" fill="#003078" stroke/g), 1, 'the high one');
  assert.equal(count(svg, /<circle [^>]*r="3" fill="#ffffff" stroke/g), 1, 'the approximate one is hollow');
  assert.equal(count(svg, /<rect [^>]*rx="\d" fill="#[0-9a-f]+" fill-opacity="0.35"/g), 3, 'the month, the year and the legend’s swatch');
  assert.equal(count(svg, /fill="#f3f2f1" stroke="#b1b4b6" stroke-dasharray="4 3"\/>/g), 2, 'the gap and its legend swatch');
  assert.ok(svg.includes('>153 days<'));
  // The year bar spans the plot (the year is the whole period).
  const bar = /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="6" rx="3"/.exec(svg);
  assert.ok(bar && Number(bar[2]) > 700);
});

test('month names in the language asked (Welsh as formatDate writes them), with the years', () => {
  const cy = renderTimeline({ language: 'cy', lanes, period, events });
  for (const month of ['Ionawr', 'Mawrth', 'Gorffennaf', 'Tachwedd']) assert.ok(cy.svg.includes(`>${month}<`), month);
  assert.ok(cy.svg.includes('>2019<'));
  assert.ok(!cy.svg.includes('>July<'));
  assert.equal(cy.title, 'Llinell amser y gronoleg');
  assert.match(cy.description, /^5 cofnod gan 3 asiantaeth, un rhes yr un, o 1 Ionawr 2019 i 31 Rhagfyr 2019\./);
  const en = renderTimeline({ language: 'en', lanes, period, events });
  assert.ok(en.svg.includes('>July<'));
  const years = renderTimeline({ language: 'en', lanes, period: { from: '2010-01-01', to: '2024-12-31' }, events: [] });
  assert.ok(!years.svg.includes('>July<'), 'fifteen years: no room for months');
  assert.ok(years.svg.includes('>2012<'));
});

test('key events are labelled above the lanes, in rows where they would overlap; a summary timeline is the key events alone', () => {
  const keys: TimelineEvent[] = [0, 1, 2, 3].map((i) => ({
    lane: 'social',
    occurredOn: addDays('2019-06-01', i),
    precision: 'exact',
    significance: 'high',
    keyLabel: `Key event number ${i}`,
  }));
  const summary = renderTimeline({ language: 'en', lanes, period, events: keys, title: 'Summary timeline' });
  for (let i = 0; i < 4; i++) assert.ok(summary.svg.includes(`>Key event number ${i}<`));
  const rows = new Set([...summary.svg.matchAll(/<text x="[\d.]+" y="([\d.]+)">Key event number/g)].map((m) => m[1]));
  assert.equal(rows.size, 4, 'four labels a day apart take four rows');
  assert.equal(summary.title, 'Summary timeline');
  assert.equal(summary.mode, 'events');
});

test('at most twelve rows of key labels: the rest keep their ring, and the description counts what is labelled', () => {
  const keys: TimelineEvent[] = Array.from({ length: 30 }, (_, i) => ({
    lane: 'police',
    occurredOn: '2019-06-01',
    precision: 'exact',
    significance: 'medium',
    keyLabel: `Key ${i}`,
  }));
  const t = renderTimeline({ language: 'en', lanes, period, events: keys, idPrefix: 'summary"x' });
  assert.equal(count(t.svg, />Key \d+</g), 12);
  assert.equal(count(t.svg, /<circle [^>]*r="8" fill="none" stroke="#0b0c0c"/g), 30);
  assert.match(t.description, /12 key events labelled/);
  assert.ok(t.svg.includes('aria-labelledby="summary&#34;x-title summary&#34;x-desc"'));
  assert.deepEqual(figureSvgProblems(t.svg), []);
});

test('above the limit the entries are grouped by period, a mark per lane and period sized by its count', () => {
  const many: TimelineEvent[] = [];
  for (let i = 0; i <= TIMELINE_DETAIL_LIMIT; i++)
    many.push({
      lane: lanes[i % 3]?.id as string,
      occurredOn: addDays('2019-01-01', i % 365),
      precision: 'exact',
      significance: SIGNIFICANCES[i % 3] as 'low',
    });
  many.push({ lane: 'police', occurredOn: '2019-05-05', precision: 'exact', significance: 'high', keyLabel: 'Arrest' });
  const t = renderTimeline({ language: 'en', lanes, period, events: many });
  assert.equal(t.mode, 'grouped');
  assert.equal(t.unit, 'month');
  assert.equal(count(t.svg, /<circle cx="[\d.]+" cy="[\d.]+" r="[\d.]+"\/>/g), 36, 'three lanes × twelve months');
  assert.ok(t.svg.includes('>Arrest<'), 'key events are still drawn one by one');
  assert.match(t.description, /^502 entries .* grouped by month/);
  assert.deepEqual(figureSvgProblems(t.svg), []);
});

test('100,000 entries’ counts (a GROUP BY per agency and month) stay a small, valid figure', () => {
  const agencies = Array.from({ length: 20 }, (_, i) => ({ id: `agency-${i}`, label: `Agency number ${i} of the review` }));
  const groups: TimelineGroup[] = [];
  let total = 0;
  for (const a of agencies)
    for (let m = 0; m < 120; m++) {
      const count = 40 + ((m * 7 + a.id.length) % 5);
      total += count;
      groups.push({
        lane: a.id,
        periodStart: `${2010 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`,
        count,
        maxSignificance: SIGNIFICANCES[m % 3] as 'low',
      });
    }
  assert.ok(total >= 100_000);
  const gaps = [{ from: '2013-02-01', to: '2013-05-31', days: 120 }];
  const t = renderTimeline({ language: 'cy', lanes: agencies, period: { from: '2010-01-01', to: '2019-12-31' }, groups, gaps });
  assert.equal(t.mode, 'grouped');
  assert.equal(t.unit, 'quarter');
  assert.ok(t.svg.length < MAX_FIGURE_SVG / 4, `${t.svg.length} characters`);
  assert.deepEqual(figureSvgProblems(t.svg), []);
  assert.equal(count(t.svg, /<circle cx="[\d.]+" cy="[\d.]+" r="[\d.]+"\/>/g), 20 * 40);
  assert.match(t.description, /fesul chwarter/);
});

test('grouping: the unit from the range, period starts, counts added up with the highest significance', () => {
  assert.equal(groupingUnit('2019-01-01', '2023-12-31'), 'month');
  assert.equal(groupingUnit('2019-01-01', '2024-01-01'), 'quarter');
  assert.equal(groupingUnit('2000-01-01', '2019-12-31'), 'quarter');
  assert.equal(groupingUnit('2000-01-01', '2020-01-01'), 'year');
  assert.equal(unitStart('2019-08-17', 'month'), '2019-08-01');
  assert.equal(unitStart('2019-08-17', 'quarter'), '2019-07-01');
  assert.equal(unitStart('2019-12-31', 'quarter'), '2019-10-01');
  assert.equal(unitStart('2019-08-17', 'year'), '2019-01-01');
  assert.deepEqual(
    groupByPeriod(
      [
        { lane: 'a', periodStart: '2019-07-01', count: 3, maxSignificance: 'low' },
        { lane: 'a', periodStart: '2019-09-01', count: 2, maxSignificance: 'high' },
        { lane: 'b', periodStart: '2019-09-01', count: 1, maxSignificance: 'medium' },
      ],
      'quarter',
    ),
    [
      { lane: 'a', periodStart: '2019-07-01', count: 5, maxSignificance: 'high' },
      { lane: 'b', periodStart: '2019-07-01', count: 1, maxSignificance: 'medium' },
    ],
  );
});

test('refused: a lane that is not given, a period backwards, nothing to draw', () => {
  assert.throws(() => renderTimeline({ language: 'en', lanes, period, events: [{ ...(events[0] as TimelineEvent), lane: 'nobody' }] }), RangeError);
  assert.throws(() => renderTimeline({ language: 'en', lanes, period: { from: '2020-01-01', to: '2019-01-01' } }), RangeError);
  assert.throws(() => renderTimeline({ language: 'en', lanes }), RangeError);
  const empty = renderTimeline({ language: 'en', lanes, period });
  assert.deepEqual(figureSvgProblems(empty.svg), []);
  assert.match(empty.description, /^0 entries/);
  assert.ok(toEpochDay(period.to) > toEpochDay(period.from));
});
