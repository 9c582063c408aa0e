import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SheetStream, SpreadsheetWriter } from '../../ports/spreadsheet-writer.js';
import { neutraliseFormula } from '../../domain/spreadsheet-text.js';

/** xlsx through exceljs' streaming WorkbookWriter: each row is committed (written out) as it is added. */
export const exceljsSpreadsheetWriter: SpreadsheetWriter = {
  start(sheetName, columns): SheetStream {
    const output = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
    const ws = wb.addWorksheet(sheetName);
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    return {
      output,
      addRow(cells) {
        // Names and review comments are user text: none may start a formula when edited in Excel.
        ws.addRow(cells.map(neutraliseFormula)).commit();
      },
      async finish() {
        ws.commit();
        await wb.commit();
      },
      abort(error) {
        output.destroy(error);
      },
    };
  },
};
