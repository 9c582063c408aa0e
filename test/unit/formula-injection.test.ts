import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseFormula } from '../../src/domain/spreadsheet-text.js';
import { importReportCsv, importReportXlsx } from '../../src/adapters/import/write-import-report.js';
import { exceljsSpreadsheetWriter } from '../../src/adapters/spreadsheets/exceljs-spreadsheet-writer.js';

const DANGEROUS = [
  '=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1', '\tplain', '\rplain',
  '＝HYPERLINK("http://x")', '＋1', '－1', '＠SUM(A1)', '﹦1', '﹢1', '﹣1', '﹫SUM(A1)', '−1',
  '  =1+1', '\u3000＝1+1', '\u00a0@A1', ' \n-1',
];
const SAFE = ['张三', '2026990100001', '11010519491231002X', 'a=b', '照片 - 模糊', '', '13800000001'];

describe('formula lead-ins in spreadsheet text', () => {
  it('catches every lead-in a spreadsheet may honour, also after leading whitespace', () => {
    for (const v of DANGEROUS) expect(looksLikeFormula(v), JSON.stringify(v)).toBe(true);
    for (const v of SAFE) expect(looksLikeFormula(v), JSON.stringify(v)).toBe(false);
    expect(neutraliseFormula('＝1+1')).toBe("'＝1+1");
    expect(neutraliseFormula('张三')).toBe('张三');
  });

  const report = {
    columns: ['报名号', '姓名'],
    rows: DANGEROUS.map((v, i) => ({ line: i + 2, cells: ['2026990100001', v], messages: ['姓名不正确'] })),
  };

  it('writes the import error report CSV with every such cell quoted and prefixed', () => {
    const csv = importReportCsv(report).toString('utf8');
    for (const v of DANGEROUS) expect(csv).toContain(`"'${v.replace(/"/g, '""')}"`);
    expect(csv).toContain('2026990100001,');
  });

  it('writes the import error report xlsx with no cell starting a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await importReportXlsx(report)).buffer);
    const names = wb.worksheets[0]!.getColumn(2).values.slice(2) as string[];
    // (XML reads a stored CR back as LF.)
    expect(names).toEqual(DANGEROUS.map((v) => `'${v}`.replace(/\r/g, '\n')));
    expect(names.some((v) => looksLikeFormula(v))).toBe(false);
  });

  it('neutralises user text in the review export', async () => {
    const sheet = exceljsSpreadsheetWriter.start('审核结果', [{ header: '姓名', width: 10 }, { header: '最近审核意见', width: 40 }]);
    const chunks: Buffer[] = [];
    const done = (async () => {
      for await (const c of sheet.output) chunks.push(c as Buffer);
    })();
    sheet.addRow(['＝HYPERLINK("http://evil","点我")', ' -2+3']);
    sheet.addRow(['张三', '照片模糊']);
    await sheet.finish();
    await done;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(Buffer.concat(chunks)).buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, `'＝HYPERLINK("http://evil","点我")`, "' -2+3"]);
    expect(ws.getRow(3).values).toEqual([undefined, '张三', '照片模糊']);
  });
});
