// The progress report's and the partner view's charts (issue 12 items 5 and 6): horizontal bars, stacked where
// a bar has parts (RAG by lead agency; a quarter's completed on time, late and overdue), drawn on the server as
// SVG. Each chart is an image with its title and description (role="img", labelled by its <title> and <desc>),
// says its numbers in writing beside each bar (not only in colour), and has a table alternative with the same
// figures (the caller puts it after the chart, on the page and in the documents). Like the chronology's timeline
// it passes figureSvgProblems — self-contained, no scripts or references, text in DejaVu Sans — so the browser,
// resvg (Word's picture) and the PDF renderer draw the same picture. Pure: figures in, SVG out.

export interface ChartSeries {
  label: string;
  /** A GOV.UK colour (with the bar's written numbers, never the only way to tell the parts apart). */
  colour: string;
}

export interface BarChartInput {
  title: string;
  description: string;
  /** Unique on a page: the ids of the title and description start with it. */
  idPrefix: string;
  series: readonly ChartSeries[];
  /** One bar per category: its label and one value per series. */
  bars: readonly { label: string; values: readonly number[] }[];
  /** Shown when there is no bar. */
  emptyText: string;
}

export interface Chart {
  svg: string;
  title: string;
  description: string;
}

export const CHART_WIDTH = 760;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 150;
const PLOT_WIDTH = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20;
const BAR_HEIGHT = 20;
const ROW_HEIGHT = 30;
const TOP = 34;
const LEGEND_ROW = 22;
const FONT = 'DejaVu Sans';
const INK = '#0b0c0c';
const CHAR_WIDTH = 6.6;
/** The most bars drawn; the table alternative has every row. */
export const MAX_BARS = 40;

/** GOV.UK colours for the RAG ratings and the timeliness parts. */
export const CHART_COLOURS = {
  red: '#d4351c',
  amber: '#f47738',
  green: '#00703c',
  complete: '#505a5f',
  blue: '#1d70b8',
} as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

function shorten(label: string, width: number): string {
  const max = Math.floor(width / CHAR_WIDTH);
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

/** A horizontal bar chart, stacked when there are several series. */
export function barChart(input: BarChartInput): Chart {
  const id = escapeXml(input.idPrefix);
  const bars = input.bars.slice(0, MAX_BARS);
  const max = Math.max(1, ...bars.map((b) => b.values.reduce((s, v) => s + v, 0)));
  const legendRows = input.series.length > 1 ? Math.ceil(input.series.length / 3) : 0;
  const plotTop = TOP + legendRows * LEGEND_ROW;
  const height = plotTop + Math.max(1, bars.length) * ROW_HEIGHT + 10;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="12">`,
    `<title id="${id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(input.description)}</desc>`,
    `<rect x="0" y="0" width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="0" y="18" font-size="14" font-weight="bold" fill="${INK}">${escapeXml(input.title)}</text>`,
  ];
  if (legendRows > 0)
    input.series.forEach((s, i) => {
      const x = (i % 3) * 240;
      const y = TOP + Math.floor(i / 3) * LEGEND_ROW;
      out.push(
        `<rect x="${x}" y="${y - 2}" width="14" height="14" fill="${s.colour}"/>`,
        `<text x="${x + 20}" y="${y + 10}" fill="${INK}">${escapeXml(shorten(s.label, 210))}</text>`,
      );
    });
  if (bars.length === 0) out.push(`<text x="0" y="${plotTop + 16}" fill="${INK}">${escapeXml(input.emptyText)}</text>`);
  bars.forEach((bar, row) => {
    const y = plotTop + row * ROW_HEIGHT;
    out.push(`<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" fill="${INK}">${escapeXml(shorten(bar.label, LABEL_WIDTH - 10))}</text>`);
    let x = LABEL_WIDTH;
    bar.values.forEach((v, i) => {
      if (v <= 0) return;
      const w = (v / max) * PLOT_WIDTH;
      out.push(`<rect x="${n(x)}" y="${y}" width="${n(Math.max(w, 1))}" height="${BAR_HEIGHT}" fill="${input.series[i]?.colour ?? CHART_COLOURS.blue}"/>`);
      x += w;
    });
    const written = input.series.length > 1 ? bar.values.join(' / ') : String(bar.values[0] ?? 0);
    out.push(`<text x="${n(x + 6)}" y="${y + 15}" fill="${INK}">${escapeXml(written)}</text>`);
  });
  out.push('</svg>');
  return { svg: out.join(''), title: input.title, description: input.description };
}
