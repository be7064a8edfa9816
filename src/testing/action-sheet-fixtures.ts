// Action plan spreadsheets for tests (issue 12 item 8): a workbook's first sheet read back as rows, and a
// workbook of rows under the plan's headers.
import ExcelJS from 'exceljs';
import { planHeaders } from '../domain/actions/plan-columns.ts';
import { londonDate } from '../domain/clock/london.ts';

/** The first sheet's rows as text (a date cell as its London day, YYYY-MM-DD), header first. */
export async function sheetRows(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? londonDate(v) : v)));
  });
  return rows;
}

/** A workbook of these rows under the English headers. */
export async function planSheet(rows: unknown[][], headers = planHeaders('en')): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Action plan');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
