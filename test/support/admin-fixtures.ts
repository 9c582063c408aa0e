import ExcelJS from 'exceljs';
import { checkDigitFor } from '../../src/domain/id-number.js';
import { ApiClient } from './api-client.js';

export const IMPORT_HEADER = '报名号,姓名,证件类型,证件号码,手机号,报考类别,考区代码,考点代码';

/** A valid 18-digit resident ID number (GB 11643 check digit) for test person n. */
export function testIdNumber(n: number, birth = '19950101'): string {
  const body = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + checkDigitFor(body);
}

/** The same number with a wrong check digit. */
export function withWrongCheckDigit(id: string): string {
  const right = id[17]!;
  const wrong = right === '1' ? '2' : '1';
  return id.slice(0, 17) + wrong;
}

let gbkTable: Map<string, Buffer> | undefined;
/** Encodes text as GBK, the way Chinese Excel saves "CSV (逗号分隔)". Built from Node's decoder. */
export function gbkEncode(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, Buffer.from([lead, trail]));
      }
    }
  }
  const out: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(Buffer.from(ch, 'latin1'));
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(b);
    }
  }
  return Buffer.concat(out);
}

export async function xlsxOf(rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function importFile(client: ApiClient, bytes: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  return client.request('POST', '/api/v1/admin/registrations/import', { form });
}

export async function loggedIn(baseUrl: string, username: string, password = 'Demo#2026'): Promise<ApiClient> {
  const c = new ApiClient(baseUrl);
  const r = await c.login(username, password);
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}
