import { describe, expect, it } from 'vitest';
import { checkHeader, findDuplicates, validateRegistrationRow, type ImportReference } from '../../src/domain/registration-import.js';
import { checkDigitFor } from '../../src/domain/id-number.js';

const id = (body17: string) => body17 + checkDigitFor(body17);
const GOOD_ID = id('11010519491231002');
const ref: ImportReference = {
  examCategoryByName: new Map([['临床执业医师', '110'], ['口腔执业医师', '120']]),
  regionCodes: new Set(['99', '98']),
  siteRegion: new Map([['9901', '99'], ['9801', '98']]),
  scopeRegion: null,
  defaultYear: 2026,
  today: new Date('2026-03-01T00:00:00Z'),
};
const row = (over: Partial<Record<number, string>> = {}) => {
  const cells = ['2026990100001', '张三', '身份证', GOOD_ID, '13912345678', '临床执业医师', '99', '9901'];
  for (const [k, v] of Object.entries(over)) cells[Number(k)] = v!;
  return cells;
};
const codes = (r: ReturnType<typeof validateRegistrationRow>) => (r.ok ? [] : r.problems.map((p) => `${p.column}:${p.code}`));

describe('import header', () => {
  it('accepts exactly the eight columns, optionally 个人情况, ignoring a BOM and trailing empty cells', () => {
    expect(checkHeader(['\ufeff报名号', '姓名', '证件类型', '证件号码', '手机号', '报考类别', '考区代码', '考点代码'])).toEqual({ ok: true, hasSituations: false });
    expect(checkHeader(['报名号', '姓名', '证件类型', '证件号码', '手机号', '报考类别', '考区代码', '考点代码', '个人情况', '', ''])).toEqual({ ok: true, hasSituations: true });
  });
  it('refuses reordered, renamed or extra columns and says what it found', () => {
    const r = checkHeader(['报名号', '姓名', '证件号码', '证件类型', '手机号', '报考类别', '考区代码', '考点代码']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.found).toContain('证件号码,证件类型');
    expect(checkHeader(['报名号', '姓名', '证件类型', '证件号码', '手机号', '报考类别', '考区代码', '考点代码', '备注']).ok).toBe(false);
    expect(checkHeader([]).ok).toBe(false);
  });
});

describe('import row checks', () => {
  it('accepts a good row, trimming spreadsheet noise and reading the year from the 报名号', () => {
    const r = validateRegistrationRow(2, row({ 1: ' 张三\u3000', 3: GOOD_ID.toLowerCase(), 4: "'13912345678" }), false, ref);
    expect(r).toEqual({
      ok: true,
      value: { row: 2, registrationNo: '2026990100001', name: '张三', idType: '身份证', idNumber: GOOD_ID, phone: '13912345678', examCategoryCode: '110', regionCode: '99', siteCode: '9901', situations: null, year: 2026 },
    });
  });
  it('checks GB 11643: length, characters, birth date, check digit', () => {
    expect(codes(validateRegistrationRow(2, row({ 3: GOOD_ID.slice(0, 17) }), false, ref))).toEqual(['证件号码:ID_NUMBER_LENGTH']);
    expect(codes(validateRegistrationRow(2, row({ 3: `A${GOOD_ID.slice(1)}` }), false, ref))).toEqual(['证件号码:ID_NUMBER_CHARACTERS']);
    expect(codes(validateRegistrationRow(2, row({ 3: id('11010519490231002') }), false, ref))).toEqual(['证件号码:ID_NUMBER_BIRTH_DATE']);
    expect(codes(validateRegistrationRow(2, row({ 3: id('11010520300101002') }), false, ref))).toEqual(['证件号码:ID_NUMBER_BIRTH_DATE']);
    expect(codes(validateRegistrationRow(2, row({ 3: `${GOOD_ID.slice(0, 17)}1` }), false, ref))).toEqual(['证件号码:ID_NUMBER_CHECK_DIGIT']);
    expect(codes(validateRegistrationRow(2, row({ 3: '1.10105E+17' }), false, ref))).toEqual(['证件号码:ID_NUMBER_SCIENTIFIC']);
  });
  it('checks other ID types by their own pattern, and refuses unknown types', () => {
    expect(validateRegistrationRow(2, row({ 2: '护照', 3: 'E12345678' }), false, ref).ok).toBe(true);
    expect(validateRegistrationRow(2, row({ 2: '台胞证', 3: '12345678' }), false, ref)).toMatchObject({ ok: true, value: { idType: '台湾居民来往大陆通行证' } });
    expect(codes(validateRegistrationRow(2, row({ 2: '驾驶证' }), false, ref))).toEqual(['证件类型:ID_TYPE_UNKNOWN']);
    expect(codes(validateRegistrationRow(2, row({ 2: '护照', 3: 'E1' }), false, ref))).toEqual(['证件号码:ID_NUMBER_INVALID']);
  });
  it('checks the phone, the exam category, the region, the site and that the site belongs to the region', () => {
    expect(codes(validateRegistrationRow(2, row({ 4: '12912345678' }), false, ref))).toEqual(['手机号:PHONE_INVALID']);
    expect(codes(validateRegistrationRow(2, row({ 4: '1391234567' }), false, ref))).toEqual(['手机号:PHONE_INVALID']);
    expect(codes(validateRegistrationRow(2, row({ 5: '临床医师' }), false, ref))).toEqual(['报考类别:EXAM_CATEGORY_UNKNOWN']);
    expect(codes(validateRegistrationRow(2, row({ 6: '11' }), false, ref))).toEqual(['考区代码:REGION_UNKNOWN']);
    expect(codes(validateRegistrationRow(2, row({ 7: '9999' }), false, ref))).toEqual(['考点代码:SITE_UNKNOWN']);
    expect(codes(validateRegistrationRow(2, row({ 7: '9801' }), false, ref))).toEqual(['考点代码:SITE_NOT_IN_REGION']);
  });
  it('keeps a regional administrator to its region', () => {
    const scoped = { ...ref, scopeRegion: '99' };
    expect(validateRegistrationRow(2, row(), false, scoped).ok).toBe(true);
    expect(codes(validateRegistrationRow(2, row({ 6: '98', 7: '9801' }), false, scoped))).toEqual(['考区代码:REGION_OUT_OF_SCOPE']);
  });
  it('reports every problem of a row, empty cells and a wrong column count', () => {
    expect(codes(validateRegistrationRow(5, ['', '', '身份证', '', '', '', '99', '9901'], false, ref))).toEqual([
      '报名号:REQUIRED', '姓名:REQUIRED', '证件号码:REQUIRED', '手机号:REQUIRED', '报考类别:REQUIRED',
    ]);
    expect(codes(validateRegistrationRow(5, [...row(), 'extra'], false, ref))).toEqual([':COLUMN_COUNT']);
    expect(validateRegistrationRow(5, [...row(), '', ''], false, ref).ok).toBe(true);
  });
  it('reads situations by name or code, separated by ; ； 、 or commas', () => {
    expect(validateRegistrationRow(2, [...row(), '应届毕业研究生；现役军人;应届毕业研究生'], true, ref)).toMatchObject({ ok: true, value: { situations: ['fresh_graduate_postgrad', 'military'] } });
    expect(validateRegistrationRow(2, [...row(), ''], true, ref)).toMatchObject({ ok: true, value: { situations: [] } });
    expect(codes(validateRegistrationRow(2, [...row(), '应届生'], true, ref))).toEqual(['个人情况:SITUATION_UNKNOWN']);
  });
});

describe('duplicates within a file', () => {
  it('refuses every copy of a repeated 报名号 or ID number, naming the other lines', () => {
    const dups = findDuplicates([
      { row: 2, registrationNo: 'A1', idType: '身份证', idNumber: '1' },
      { row: 3, registrationNo: 'A2', idType: '居民身份证', idNumber: '1' },
      { row: 4, registrationNo: 'A1', idType: '护照', idNumber: '9' },
      { row: 5, registrationNo: '', idType: '', idNumber: '' },
      { row: 6, registrationNo: '', idType: '', idNumber: '' },
    ]);
    expect(dups.map((d) => [d.row, d.code])).toEqual([
      [2, 'DUPLICATE_REGISTRATION_NO'], [2, 'DUPLICATE_ID_NUMBER'], [3, 'DUPLICATE_ID_NUMBER'], [4, 'DUPLICATE_REGISTRATION_NO'],
    ]);
    expect(dups[0]!.message).toContain('第 2、4 行');
  });
});
