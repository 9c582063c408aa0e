import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv, parseRegistrationFile } from '../../src/adapters/import/parse-registration-file.js';
import { isAppError } from '../../src/domain/errors.js';

const errorCode = async (p: Promise<unknown>) => p.then(() => 'none', (e) => (isAppError(e) ? e.code : String(e)));

describe('CSV reading', () => {
  it('numbers rows by the line they start on, skipping blank lines, with quotes, doubled quotes and line breaks inside quotes', () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",z\nlast,\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['two\nlines', 'z'] },
      { line: 6, cells: ['last', ''] },
    ]);
  });
  it('reads tab-separated text (Excel "Unicode text") and a last line without a line end', () => {
    expect(parseCsv('报名号\t姓名\n1\t张三')).toEqual([{ line: 1, cells: ['报名号', '姓名'] }, { line: 2, cells: ['1', '张三'] }]);
  });
  it('decodes UTF-8 with or without BOM, UTF-16 with BOM, and GBK when the bytes are not UTF-8', () => {
    expect(decodeText(Buffer.from('\ufeff报名号', 'utf8'))).toEqual({ text: '报名号', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('报名号', 'utf8'))).toEqual({ text: '报名号', encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('报名号', 'utf16le')]))).toEqual({ text: '报名号', encoding: 'utf-16le' });
    // 报名号 in GBK.
    expect(decodeText(Buffer.from([0xb1, 0xa8, 0xc3, 0xfb, 0xba, 0xc5]))).toEqual({ text: '报名号', encoding: 'gbk' });
  });
  it('refuses what is neither text nor xlsx with IMPORT_UNSUPPORTED_FILE', async () => {
    expect(await errorCode(parseRegistrationFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).toBe('IMPORT_UNSUPPORTED_FILE');
    expect(await errorCode(parseRegistrationFile(Buffer.from('%PDF-1.7\n')))).toBe('IMPORT_UNSUPPORTED_FILE');
    expect(await errorCode(parseRegistrationFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])))).toBe('IMPORT_UNSUPPORTED_FILE');
    expect(await errorCode(parseRegistrationFile(Buffer.alloc(0)))).toBe('IMPORT_HEADER_INVALID');
  });
});
