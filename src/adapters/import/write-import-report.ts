import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../../domain/spreadsheet-text.js';
import type { ImportErrorReport, ImportReportWriter } from '../../ports/import-report-writer.js';

/**
 * The error report of an import, in the import's own layout (so the rows can be fixed and
 * imported again once the two trailing columns are removed): the original columns, then
 * 原行号 (line in the uploaded file) and 错误说明.
 */
export type ReportTable = ImportErrorReport;

const EXTRA = ['原行号', '错误说明'];

function lines(t: ReportTable): string[][] {
  return t.rows.map((r) => {
    const cells = t.columns.map((_, i) => r.cells[i] ?? '');
    return [...cells, String(r.line), r.messages.join('；')];
  });
}

// Every cell is user text from the uploaded file: no formula lead-in survives, and a cell
// that needed neutralising is quoted too.
const csvCell = (raw: string) => {
  const v = neutraliseFormula(raw);
  return v !== raw || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** UTF-8 with BOM and CRLF: what Excel opens correctly by double-click. */
export function importReportCsv(t: ReportTable): Buffer {
  const out = [[...t.columns, ...EXTRA], ...lines(t)].map((row) => row.map(csvCell).join(',')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${out}\r\n`, 'utf8')]);
}

/** xlsx with every cell as text, so long numbers (ID numbers) keep all their digits. */
export async function importReportXlsx(t: ReportTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入错误');
  ws.addRow([...t.columns, ...EXTRA]).font = { bold: true };
  for (const row of lines(t)) ws.addRow(row.map(neutraliseFormula));
  ws.columns.forEach((c, i) => {
    c.numFmt = '@';
    c.width = i === t.columns.length + 1 ? 80 : 18;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The ImportReportWriter port over the two writers above. */
export const importReportWriter: ImportReportWriter = { csv: importReportCsv, xlsx: importReportXlsx };
