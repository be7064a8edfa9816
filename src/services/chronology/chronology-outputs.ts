// The merged chronology's picture and files (issue 11 items 5 and 6). The timeline: a server-rendered SVG
// swimlane (src/documents/chronology-timeline.ts) of the shared agencies, every entry drawn one by one up to
// TIMELINE_DETAIL_LIMIT and grouped by period above it (a GROUP BY, so 100,000 entries stay one small query
// and a small picture), gaps shaded, key events labelled; the summary timeline is the key events only, for the
// published bundle. The exports: the integrated chronology (or the summary timeline) as .xlsx (streamed in
// chunks, any size) and .docx (a landscape Word table through the document renderers; refused above
// WORD_EXPORT_LIMIT entries, with a message to filter or take the spreadsheet), in the reader's language,
// anonymised unless a reader who may see names asks for them (presenter.ts). An export is a view of the data
// as it is, like the page: it is not a stored document version. Each read is audited, named or not.
import { PassThrough } from 'node:stream';
import { entriesAfter, entriesPage, entryCounts, type MergedPosition, positionOf } from '../../db/repositories/chronology-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { chronologyDocument, type ExportTable } from '../../documents/chronology-export.ts';
import { renderTimeline, TIMELINE_DETAIL_LIMIT, type TimelineEvent, type TimelineGroup } from '../../documents/chronology-timeline.ts';
import { renderDocument } from '../../documents/render.ts';
import { findGaps } from '../../domain/chronology/analysis.ts';
import { formatEntryDate } from '../../domain/chronology/entry.ts';
import { formatDate } from '../../domain/clock/london.ts';
import type { Language } from '../../domain/organisation.ts';
import { translator } from '../../i18n.ts';
import { type Caller, ServiceError } from '../context.ts';
import { ChronologyViews, type MergedQuery, type MergedScope, mergedScope } from './chronology-views.ts';
import type { PresentedEntry } from './presenter.ts';
import { writeXlsx } from './spreadsheet-write.ts';

/** Entries per chunk of an export (each chunk its own short transaction). */
const CHUNK = 2000;
/** The most entries a Word table is made of: beyond it Word is slow to open and to print; filter, or take the spreadsheet. */
export const WORD_EXPORT_LIMIT = 5000;

export type ExportFormat = 'xlsx' | 'docx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'docx'];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface TimelineView {
  review: { reference: string };
  /** The picture, or null when there is nothing to draw (no entry, no period). */
  svg: string | null;
  title: string;
  description: string;
  mode: 'events' | 'grouped';
  /** The table alternative: each agency's entries, first and last dates; the key events; the gaps. */
  lanes: { name: string; count: number; first: string | null; last: string | null }[];
  keyEvents: { date: string; agency: string; label: string }[];
  gaps: { from: string; to: string; days: number }[];
  named: boolean;
  mayNamed: boolean;
}

export class MergedChronologyService extends ChronologyViews {
  /** The timeline picture of the merged chronology (or, `summary`, of its key events only); the read is audited. */
  async timeline(caller: Caller, boardId: string, reviewId: string, q: MergedQuery & { summary?: boolean }): Promise<TimelineView> {
    return inTransaction(this.deps.db, async (trx) => {
      const s = await mergedScope(trx, this.deps.cipher, caller, boardId, reviewId, q);
      const view = await this.drawing(trx, reviewId, s, q);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { named: s.named, summary: q.summary === true, entries: view.total, mode: view.svg ? view.mode : 'none' },
      });
      return view;
    });
  }

  /** The picture and its table alternative, in the read's transaction (the caller audits the read). */
  private async drawing(trx: Executor, reviewId: string, s: MergedScope, q: MergedQuery & { summary?: boolean }): Promise<TimelineView & { total: number }> {
    const language: Language = q.language ?? 'en';
    {
      const filter = q.summary ? { ...s.filter, keyOnly: true } : s.filter;
      const lanes = s.shared.map((r) => ({ id: r.agencyId, label: r.agencyName[language] }));
      const { total } = await entriesPage(trx, reviewId, s.requestIds, filter, { offset: 0, limit: 0 });
      const marks = await this.marksOf(trx, reviewId, s.requestIds, filter);
      const keys = (await entriesPage(trx, reviewId, s.requestIds, { ...filter, keyOnly: true }, { offset: 0, limit: TIMELINE_DETAIL_LIMIT })).entries.map(
        s.present,
      );
      const event = (p: PresentedEntry): TimelineEvent => ({
        lane: p.entry.agencyId,
        occurredOn: p.entry.occurredOn,
        precision: p.entry.precision,
        significance: p.entry.significance,
        ...(p.keyLabel ? { keyLabel: p.keyLabel } : {}),
      });
      let events: TimelineEvent[];
      let groups: TimelineGroup[] | undefined;
      if (total <= TIMELINE_DETAIL_LIMIT)
        events = (await entriesPage(trx, reviewId, s.requestIds, filter, { offset: 0, limit: TIMELINE_DETAIL_LIMIT })).entries.map((e) => event(s.present(e)));
      else {
        events = keys.map(event);
        groups = (await entryCounts(trx, reviewId, s.requestIds, filter, 'month')).map((c) => ({
          lane: c.agencyId,
          periodStart: `${c.period}-01`,
          count: c.count,
          maxSignificance: c.high > 0 ? 'high' : c.medium > 0 ? 'medium' : 'low',
        }));
      }
      const gaps = q.summary ? [] : findGaps(marks, { thresholdDays: q.gapDays, period: s.period });
      const period = s.period.from && s.period.to && s.period.from <= s.period.to ? { from: s.period.from, to: s.period.to } : undefined;
      const t = translator(language);
      const drawable = lanes.length > 0 && (period !== undefined || marks.length > 0);
      const picture = drawable
        ? renderTimeline({
            language,
            lanes,
            ...(period ? { period } : {}),
            events,
            ...(groups ? { groups } : {}),
            gaps,
            title: t(q.summary ? 'chronology:timeline.summaryTitle' : 'chronology:timeline.title', { reference: s.review.reference }),
          })
        : null;
      const byLane = new Map<string, { count: number; first: string | null; last: string | null }>();
      for (const m of marks) {
        const lane = byLane.get(m.agencyId) ?? { count: 0, first: null, last: null };
        lane.count += m.count;
        lane.first ??= formatEntryDate(m, language);
        lane.last = formatEntryDate(m, language);
        byLane.set(m.agencyId, lane);
      }
      return {
        total,
        review: { reference: s.review.reference },
        svg: picture?.svg ?? null,
        title: picture?.title ?? t('chronology:timeline.title', { reference: s.review.reference }),
        description: picture?.description ?? t('chronology:timeline.nothing'),
        mode: picture?.mode ?? 'events',
        lanes: s.shared.map((r) => ({ name: r.agencyName[language], ...(byLane.get(r.agencyId) ?? { count: 0, first: null, last: null }) })),
        keyEvents: keys.map((p) => ({
          date: formatEntryDate(p.entry, language),
          agency: s.shared.find((r) => r.agencyId === p.entry.agencyId)?.agencyName[language] ?? '',
          label: p.keyLabel ?? '',
        })),
        gaps: gaps.map((g) => ({ from: formatDate(g.from, language), to: formatDate(g.to, language), days: g.days })),
        named: s.named,
        mayNamed: s.mayNamed,
      };
    }
  }

  /**
   * The integrated chronology (or, `summary`, the summary timeline: its key events, with the picture in Word) as
   * a file. The first chunk's transaction checks access and writes the audited read; the rest follow the merged
   * index in short chunks (entriesAfter), so an export never holds the database.
   */
  async exportFile(
    caller: Caller,
    boardId: string,
    reviewId: string,
    q: MergedQuery & { summary?: boolean; format: ExportFormat },
  ): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
    const language: Language = q.language ?? 'en';
    const t = translator(language);
    const first = await inTransaction(this.deps.db, async (trx) => {
      const s = await mergedScope(trx, this.deps.cipher, caller, boardId, reviewId, q);
      const filter = q.summary ? { ...s.filter, keyOnly: true } : s.filter;
      const { total } = await entriesPage(trx, reviewId, s.requestIds, filter, { offset: 0, limit: 0 });
      if (q.format === 'docx' && total > WORD_EXPORT_LIMIT)
        throw new ServiceError('invalid', 'too many for Word', { format: 'chronology:errors.tooManyForWord' });
      const board = await findBoard(trx, boardId);
      const chunk = await entriesAfter(trx, reviewId, s.requestIds, filter, undefined, CHUNK);
      const picture = q.summary && q.format === 'docx' ? await this.drawing(trx, reviewId, s, { ...q, summary: true }) : undefined;
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { named: s.named, summary: q.summary === true, format: q.format, entries: total },
      });
      return { s, filter, total, chunk, picture, board: board ? (language === 'cy' ? board.nameCy : board.nameEn) : '' };
    });
    const { s, filter } = first;
    const agencyName = new Map(s.shared.map((r) => [r.agencyId, r.agencyName[language]]));
    const db = this.deps.db;
    async function* presented(): AsyncGenerator<PresentedEntry> {
      let chunk = first.chunk;
      while (chunk.length > 0) {
        yield* chunk.map(s.present);
        if (chunk.length < CHUNK) return;
        const after: MergedPosition = positionOf(chunk[chunk.length - 1] as (typeof chunk)[number]);
        chunk = await inTransaction(db, (trx) => entriesAfter(trx, reviewId, s.requestIds, filter, after, CHUNK));
      }
    }
    const headers = [
      t('chronology:columns.date'),
      t('chronology:export.time'),
      t('chronology:columns.agency'),
      t('chronology:columns.type'),
      t('chronology:columns.description'),
      t('chronology:columns.people'),
      t('chronology:columns.practitionerRole'),
      t('chronology:columns.actionTaken'),
      t('chronology:columns.outcome'),
      t('chronology:columns.source'),
      t('chronology:columns.significance'),
      t('chronology:columns.analystComment'),
      t('chronology:export.keyEvent'),
    ];
    const cells = (p: PresentedEntry) => [
      formatEntryDate(p.entry, language),
      p.entry.time ?? '',
      agencyName.get(p.entry.agencyId) ?? '',
      t(`chronology:eventTypes.${p.entry.eventType}`),
      p.text.description,
      p.people.join('; '),
      p.text.practitionerRole,
      p.text.actionTaken,
      p.text.outcome,
      p.entry.sourceRef,
      t(`chronology:significances.${p.entry.significance}`),
      p.text.analystComment,
      p.keyLabel ?? '',
    ];
    const title = t(q.summary ? 'chronology:timeline.summaryTitle' : 'chronology:export.title', { reference: s.review.reference });
    const fileName = `${s.review.reference}-${t(q.summary ? 'chronology:export.summaryFile' : 'chronology:export.file')}${s.named ? `-${t('chronology:export.namedFile')}` : ''}.${q.format}`;
    if (q.format === 'xlsx') {
      const out = new PassThrough();
      const parts: Buffer[] = [];
      out.on('data', (b: Buffer) => parts.push(b));
      const rows = (async function* () {
        for await (const p of presented()) yield cells(p);
      })();
      await writeXlsx(out, [{ name: t('chronology:export.sheet'), headers, rows, widths: [16, 7, 22, 18, 60, 20, 20, 40, 30, 16, 12, 40, 24] }]);
      return { bytes: Buffer.concat(parts), fileName, contentType: CONTENT_TYPES.xlsx };
    }
    const body: string[][] = [];
    for await (const p of presented()) body.push(cells(p));
    const picture = first.picture;
    const table: ExportTable = { caption: title, head: headers, body };
    const model = chronologyDocument({
      language,
      title,
      author: first.board,
      lines: [t(s.named ? 'chronology:export.namedNote' : 'chronology:export.anonymisedNote'), t('chronology:export.count', { count: first.total })],
      table,
      figure: picture?.svg ? { svg: picture.svg, alt: picture.description } : undefined,
    });
    return { bytes: await renderDocument(model, 'docx'), fileName, contentType: CONTENT_TYPES.docx };
  }
}
