/**
 * Turns an uploaded registration file into rows of text cells, each with its line (CSV) or
 * sheet row (xlsx) number, the header being 1. What the file is comes from its bytes, not
 * its name:
 * - xlsx: a zip container, read with exceljs' streaming reader (first worksheet);
 * - CSV: text, UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text"), or
 *   GBK/GB18030 as exported by Chinese Excel (whatever is not valid UTF-8); comma- or
 *   tab-separated (judged from the header line), RFC 4180 quoting;
 * - anything else (old .xls, PDF, images, binary) → IMPORT_UNSUPPORTED_FILE (415).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../domain/errors.js';
import type { ParsedFile, ParsedRow, RegistrationFileParser } from '../../ports/registration-file-parser.js';

export type { ParsedFile, ParsedRow };

/** Beyond this a file goes through the command-line import in pieces. */
export const MAX_IMPORT_ROWS = 500_000;

const startsWith = (b: Buffer, sig: number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);

export async function parseRegistrationFile(bytes: Buffer): Promise<ParsedFile> {
  if (bytes.length === 0) throw new AppError('IMPORT_HEADER_INVALID', { expected: '报名号,姓名,证件类型,证件号码,手机号,报考类别,考区代码,考点代码', found: '（空文件）' });
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { format: 'xlsx', encoding: 'xlsx', rows: await readXlsx(bytes) };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new AppError('IMPORT_UNSUPPORTED_FILE', { detected: '旧版 Excel（.xls）' });
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw new AppError('IMPORT_UNSUPPORTED_FILE', { detected: 'PDF' });
  const { text, encoding } = decodeText(bytes);
  return { format: 'csv', encoding, rows: parseCsv(text) };
}

/** The text of a CSV file in whichever of the encodings Chinese spreadsheets write. */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // Text has no NUL bytes; images, archives and other binaries almost always do.
  if (bytes.subarray(0, 8192).includes(0)) throw new AppError('IMPORT_UNSUPPORTED_FILE', { detected: '二进制文件' });
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Chinese Excel saves "CSV (逗号分隔)" in the ANSI code page, GBK.
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/**
 * RFC 4180 with the usual leniency: CRLF, LF or CR line ends; quoted fields may hold the
 * delimiter, doubled quotes and line breaks (a row's number is the line it starts on);
 * blank lines are skipped but counted.
 */
export function parseCsv(text: string): ParsedRow[] {
  const firstLineEnd = text.search(/[\r\n]/);
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: ParsedRow[] = [];
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
      if (ch !== ' ' && ch !== '\t') cellStarted = true;
    }
    if (rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

const tooManyRows = () =>
  new AppError('VALIDATION_FAILED', { reason: `一个文件最多 ${MAX_IMPORT_ROWS} 行，请拆分为多个文件后分别导入` });

/** A cell's text as a person sees it; numbers never in exponent form unless they lost digits. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    // An 18-digit ID number typed as a number has lost its last digits: keep the
    // exponent form so the row check says so instead of storing a wrong number.
    return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : v.toExponential();
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error !== undefined) return String(o.error);
  }
  return String(v);
}

async function readXlsx(bytes: Buffer): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (cells.some((c) => c.trim() !== '')) rows.push({ line: row.number, cells });
        if (rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw Object.assign(new AppError('IMPORT_UNSUPPORTED_FILE', { detected: '无法读取的 zip/xlsx 文件' }), { cause: e });
  }
  return rows;
}

/** The parser as the RegistrationFileParser port. */
export const registrationFileParser: RegistrationFileParser = { parse: parseRegistrationFile };
