import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { exceljsSpreadsheetWriter } from '../../src/adapters/spreadsheets/exceljs-spreadsheet-writer.js';

/** The whole output, as the HTTP client receives it. */
async function collect(stream: NodeJS.ReadableStream): Promise<ArrayBuffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks)).buffer;
}

describe('exceljs spreadsheet writer', () => {
  it('writes one sheet: bold headers with their widths, then the rows as text', async () => {
    const sheet = exceljsSpreadsheetWriter.start('审核结果', [
      { header: '报名号', width: 16 },
      { header: '最近审核意见', width: 40 },
    ]);
    const bytes = collect(sheet.output);
    sheet.addRow(['2026990100001', '']);
    sheet.addRow(['2026990100002', '照片不清晰']);
    await sheet.finish();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['审核结果']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '报名号', '最近审核意见']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.columns.map((c) => c.width)).toEqual([16, 40]);
    expect(ws.getRow(3).values).toEqual([undefined, '2026990100002', '照片不清晰']);
    // Long digit strings stay text (no scientific notation, no lost digits).
    expect(ws.getRow(2).getCell(1).value).toBe('2026990100001');
    expect(ws.rowCount).toBe(3);
  });

  it('fails the output when the file is given up', async () => {
    const sheet = exceljsSpreadsheetWriter.start('审核结果', [{ header: '报名号', width: 16 }]);
    const bytes = collect(sheet.output);
    sheet.addRow(['2026990100001']);
    sheet.abort(new Error('database gone'));
    await expect(bytes).rejects.toThrow('database gone');
  });
});
