// The board's progress report on its action plans (issue 12 item 5) as a document: the record is the board, the
// range rides in the id the service gives (progressRecordId); read for those holding action.report on the board
// (anyone else: not found), with the figures as they stand today, composed in the document's language. Versions
// follow the pipeline's rule: the same figures, range and language are one version; new figures, a new version.
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { composeProgressReport, progressFileName } from '../../documents/progress-report.ts';
import { localName } from '../../domain/organisation.ts';
import { can } from '../../domain/permissions.ts';
import { boardProgress, parseProgressRecordId } from '../actions/progress-report-service.ts';
import { type Clock, notFound } from '../context.ts';
import type { DocumentSource } from './document-service.ts';

export function progressReportSource(clock: Clock): DocumentSource {
  return {
    async compose(db, caller, recordId, language) {
      const asked = parseProgressRecordId(recordId);
      const board = asked ? await findBoard(db, asked.boardId) : undefined;
      if (!asked || !board || !can(caller.actor, 'action.report', { boardId: board.id })) throw notFound('board');
      const report = await boardProgress(db, board.id, asked, clock.today(), language);
      return {
        boardId: board.id,
        recordType: 'board',
        recordId: board.id,
        model: composeProgressReport(report, localName(board, language), language),
        fileName: progressFileName(report, language),
        summary: { from: report.from, to: report.to, reviews: report.reviews.length, actions: report.totals.total },
      };
    },
  };
}
