/**
 * Rows of a registration import (shared/API.md "Import columns"): the header, the checks
 * of one row, and duplicates within one file. Pure: the caller hands in the reference data
 * (exam categories, regions, sites) and the importer's scope.
 */
import { SITUATIONS } from './catalog.js';
import { normaliseIdNumber, validateResidentIdNumber, type IdNumberProblem } from './id-number.js';
import { PHONE_PATTERN } from './masking.js';
import { DISPLAY_NAME_MAX } from './staff-accounts.js';

export const IMPORT_COLUMNS = ['报名号', '姓名', '证件类型', '证件号码', '手机号', '报考类别', '考区代码', '考点代码'] as const;
/** An optional ninth column: situation names (个人情况) separated by ";". */
export const SITUATION_COLUMN = '个人情况';
export type ImportColumn = (typeof IMPORT_COLUMNS)[number] | typeof SITUATION_COLUMN;

/** 证件类型 accepted, with the names people also write for them. */
export const ID_TYPES: Record<string, { aliases: string[]; checksum: boolean }> = {
  身份证: { aliases: ['居民身份证', '中华人民共和国居民身份证', '二代身份证'], checksum: true },
  港澳台居民居住证: { aliases: ['居住证'], checksum: true },
  港澳居民来往内地通行证: { aliases: ['回乡证', '港澳通行证'], checksum: false },
  台湾居民来往大陆通行证: { aliases: ['台胞证'], checksum: false },
  外国人永久居留身份证: { aliases: ['外国人永久居留证'], checksum: false },
  护照: { aliases: [], checksum: false },
  军官证: { aliases: ['士兵证', '军人身份证件'], checksum: false },
};

export type RowProblemCode =
  | 'COLUMN_COUNT'
  | 'REQUIRED'
  | 'REGISTRATION_NO_INVALID'
  | 'NAME_INVALID'
  | 'ID_TYPE_UNKNOWN'
  | 'ID_NUMBER_LENGTH'
  | 'ID_NUMBER_CHARACTERS'
  | 'ID_NUMBER_BIRTH_DATE'
  | 'ID_NUMBER_CHECK_DIGIT'
  | 'ID_NUMBER_SCIENTIFIC'
  | 'ID_NUMBER_INVALID'
  | 'PHONE_INVALID'
  | 'EXAM_CATEGORY_UNKNOWN'
  | 'REGION_UNKNOWN'
  | 'SITE_UNKNOWN'
  | 'SITE_NOT_IN_REGION'
  | 'REGION_OUT_OF_SCOPE'
  | 'SITUATION_UNKNOWN'
  | 'DUPLICATE_REGISTRATION_NO'
  | 'DUPLICATE_ID_NUMBER'
  | 'REGISTRATION_OUT_OF_SCOPE'
  | 'USERNAME_TAKEN';

export interface RowProblem {
  /** Line of the file (CSV) or row of the sheet (xlsx); the header is 1. */
  row: number;
  column: ImportColumn | '';
  code: RowProblemCode;
  message: string;
}

export interface ImportReference {
  /** 报考类别 name → code. */
  examCategoryByName: Map<string, string>;
  regionCodes: Set<string>;
  /** 考点代码 → its 考区代码. */
  siteRegion: Map<string, string>;
  /** The importer administers this region only; null for a national administrator. */
  scopeRegion: string | null;
  /** The exam year when the 报名号 does not start with one. */
  defaultYear: number;
  today: Date;
}

export interface ImportedRegistration {
  row: number;
  registrationNo: string;
  name: string;
  idType: string;
  /** Upper-case, trimmed. */
  idNumber: string;
  phone: string;
  examCategoryCode: string;
  regionCode: string;
  siteCode: string;
  /** null when the file has no 个人情况 column: an update keeps what the registration has. */
  situations: string[] | null;
  year: number;
}

export type HeaderCheck = { ok: true; hasSituations: boolean } | { ok: false; expected: string; found: string };

/** Strips what spreadsheets add around a value: spaces (also full-width), a BOM, a leading apostrophe or tab. */
export function cleanCell(v: string | undefined): string {
  return (v ?? '').replace(/^[\uFEFF\s\u3000']+|[\s\u3000]+$/g, '');
}

export function checkHeader(cells: string[]): HeaderCheck {
  const found = trimTrailingEmpty(cells.map(cleanCell));
  const base = found.slice(0, IMPORT_COLUMNS.length);
  const okBase = base.length === IMPORT_COLUMNS.length && base.every((c, i) => c === IMPORT_COLUMNS[i]);
  const extra = found.slice(IMPORT_COLUMNS.length);
  if (okBase && extra.length === 0) return { ok: true, hasSituations: false };
  if (okBase && extra.length === 1 && extra[0] === SITUATION_COLUMN) return { ok: true, hasSituations: true };
  return { ok: false, expected: IMPORT_COLUMNS.join(','), found: found.join(',').slice(0, 200) };
}

function trimTrailingEmpty(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return cells.slice(0, n);
}

const ID_TYPE_BY_NAME: Map<string, string> = new Map(
  Object.entries(ID_TYPES).flatMap(([name, t]) => [[name, name] as [string, string], ...t.aliases.map((a) => [a, name] as [string, string])]),
);
const SITUATION_BY_NAME: Map<string, string> = new Map(
  Object.entries(SITUATIONS).flatMap(([code, name]) => [[name, code] as [string, string], [code, code] as [string, string]]),
);

const ID_MESSAGES: Record<IdNumberProblem, { code: RowProblemCode; message: string }> = {
  length: { code: 'ID_NUMBER_LENGTH', message: '身份证号码须为 18 位，请核对后重新导入' },
  characters: { code: 'ID_NUMBER_CHARACTERS', message: '身份证号码前 17 位须为数字，最后一位为数字或 X，请核对后重新导入' },
  birth_date: { code: 'ID_NUMBER_BIRTH_DATE', message: '身份证号码中的出生日期（第 7–14 位）不是有效日期，请核对后重新导入' },
  check_digit: { code: 'ID_NUMBER_CHECK_DIGIT', message: '身份证号码的校验位（最后一位）不正确，可能有数字录错，请核对后重新导入' },
};

/** The 证件类型 a name or alias stands for (the text itself when unknown). */
export const canonicalIdType = (text: string): string => ID_TYPE_BY_NAME.get(text) ?? text;

/** Checks one data row; returns the row ready to store, or every problem found in it. */
export function validateRegistrationRow(
  row: number,
  rawCells: string[],
  hasSituations: boolean,
  ref: ImportReference,
): { ok: true; value: ImportedRegistration } | { ok: false; problems: RowProblem[] } {
  const width = IMPORT_COLUMNS.length + (hasSituations ? 1 : 0);
  const cells = trimTrailingEmpty(rawCells.map(cleanCell));
  const problems: RowProblem[] = [];
  const add = (column: ImportColumn | '', code: RowProblemCode, message: string) => problems.push({ row, column, code, message });
  if (cells.length > width) {
    add('', 'COLUMN_COUNT', `该行有 ${cells.length} 列，应为 ${width} 列；请检查是否多了逗号（含逗号的内容须用英文双引号括起来）`);
    return { ok: false, problems };
  }
  const [registrationNo = '', name = '', idTypeRaw = '', idNumberRaw = '', phone = '', examName = '', regionCode = '', siteCode = '', situationText = ''] = cells;
  const values: Record<(typeof IMPORT_COLUMNS)[number], string> = {
    报名号: registrationNo, 姓名: name, 证件类型: idTypeRaw, 证件号码: idNumberRaw, 手机号: phone, 报考类别: examName, 考区代码: regionCode, 考点代码: siteCode,
  };
  for (const col of IMPORT_COLUMNS) {
    if (!values[col]) add(col, 'REQUIRED', `“${col}”不能为空，请填写后重新导入`);
  }

  if (registrationNo && !/^[0-9A-Za-z]{6,20}$/.test(registrationNo)) {
    add('报名号', 'REGISTRATION_NO_INVALID', '报名号须为 6–20 位数字或字母，请核对后重新导入');
  }
  // eslint-disable-next-line no-control-regex
  if (name && (name.length > DISPLAY_NAME_MAX || /[\u0000-\u001f\u007f]/.test(name))) {
    add('姓名', 'NAME_INVALID', `姓名最多 ${DISPLAY_NAME_MAX} 个字，且不能含换行等特殊字符，请核对后重新导入`);
  }

  const idType = idTypeRaw ? ID_TYPE_BY_NAME.get(idTypeRaw) : undefined;
  if (idTypeRaw && !idType) {
    add('证件类型', 'ID_TYPE_UNKNOWN', `证件类型“${idTypeRaw}”无法识别，请填写：${Object.keys(ID_TYPES).join('、')}`);
  }
  const idNumber = normaliseIdNumber(idNumberRaw);
  if (idNumber) {
    if (/^\d(\.\d+)?E\+?\d+$/i.test(idNumber)) {
      add('证件号码', 'ID_NUMBER_SCIENTIFIC', '证件号码被 Excel 显示成了科学计数法（如 1.1E+17），后几位已经丢失；请把该列设为“文本”格式，重新录入后再导出');
    } else if (idType && ID_TYPES[idType]!.checksum) {
      const problem = validateResidentIdNumber(idNumber, ref.today);
      if (problem) add('证件号码', ID_MESSAGES[problem].code, ID_MESSAGES[problem].message);
    } else if (idType && !/^[A-Z0-9()（）-]{5,30}$/.test(idNumber)) {
      add('证件号码', 'ID_NUMBER_INVALID', '证件号码须为 5–30 位字母或数字，请核对后重新导入');
    }
  }

  if (phone && !PHONE_PATTERN.test(phone)) {
    add('手机号', 'PHONE_INVALID', '手机号须为 11 位中国大陆手机号（以 1 开头，第二位为 3–9），请核对后重新导入');
  }
  const examCategoryCode = examName ? ref.examCategoryByName.get(examName) : undefined;
  if (examName && !examCategoryCode) {
    add('报考类别', 'EXAM_CATEGORY_UNKNOWN', `报考类别“${examName}”不存在，请填写目录中的名称，如“临床执业医师”`);
  }
  if (regionCode) {
    if (!ref.regionCodes.has(regionCode)) {
      add('考区代码', 'REGION_UNKNOWN', `考区代码“${regionCode}”不存在，请核对，或先在“考区与考点”中添加该考区`);
    } else if (ref.scopeRegion !== null && regionCode !== ref.scopeRegion) {
      add('考区代码', 'REGION_OUT_OF_SCOPE', `您只能导入本考区（${ref.scopeRegion}）的考生，该行的考区代码为 ${regionCode}`);
    }
  }
  if (siteCode) {
    const siteRegion = ref.siteRegion.get(siteCode);
    if (siteRegion === undefined) {
      add('考点代码', 'SITE_UNKNOWN', `考点代码“${siteCode}”不存在，请核对，或先在“考区与考点”中添加该考点`);
    } else if (regionCode && ref.regionCodes.has(regionCode) && siteRegion !== regionCode) {
      add('考点代码', 'SITE_NOT_IN_REGION', `考点 ${siteCode} 不属于考区 ${regionCode}（属于考区 ${siteRegion}），请核对考区代码和考点代码`);
    }
  }

  let situations: string[] | null = null;
  if (hasSituations) {
    situations = [];
    for (const part of situationText.split(/[;；、,，]/).map((s) => s.trim()).filter(Boolean)) {
      const code = SITUATION_BY_NAME.get(part);
      if (!code) {
        add(SITUATION_COLUMN, 'SITUATION_UNKNOWN', `个人情况“${part}”无法识别，可填写：${Object.values(SITUATIONS).join('；')}（多个用分号分隔，没有则留空）`);
      } else if (!situations.includes(code)) {
        situations.push(code);
      }
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  const yearMatch = /^(20\d\d)/.exec(registrationNo);
  return {
    ok: true,
    value: {
      row,
      registrationNo,
      name,
      idType: idType!,
      idNumber,
      phone,
      examCategoryCode: examCategoryCode!,
      regionCode,
      siteCode,
      situations,
      year: yearMatch ? Number(yearMatch[1]) : ref.defaultYear,
    },
  };
}

/**
 * Rows that share a 报名号 (or an ID number) within one file: every one of them is refused,
 * since the file does not say which is right. Give it every row of the file, valid or not.
 */
export function findDuplicates(rows: Array<Pick<ImportedRegistration, 'row' | 'registrationNo' | 'idType' | 'idNumber'>>): RowProblem[] {
  const problems: RowProblem[] = [];
  const group = (key: (r: (typeof rows)[number]) => string | null) => {
    const m = new Map<string, number[]>();
    for (const r of rows) {
      const k = key(r);
      if (k === null) continue;
      const list = m.get(k);
      if (list) list.push(r.row);
      else m.set(k, [r.row]);
    }
    return [...m.values()].filter((l) => l.length > 1);
  };
  const shown = (lines: number[]) => (lines.length > 6 ? `${lines.slice(0, 6).join('、')} 等 ${lines.length} 行` : lines.join('、'));
  for (const lines of group((r) => r.registrationNo || null)) {
    for (const row of lines) {
      problems.push({ row, column: '报名号', code: 'DUPLICATE_REGISTRATION_NO', message: `报名号在文件中重复出现（第 ${shown(lines)} 行），请只保留正确的一行后重新导入` });
    }
  }
  for (const lines of group((r) => (r.idNumber ? `${canonicalIdType(r.idType)}|${r.idNumber}` : null))) {
    for (const row of lines) {
      problems.push({ row, column: '证件号码', code: 'DUPLICATE_ID_NUMBER', message: `同一证件号码在文件中出现在多个报名号下（第 ${shown(lines)} 行），请核对后重新导入` });
    }
  }
  return problems.sort((a, b) => a.row - b.row);
}

/** The message of a problem found while storing (not in the file itself). */
export const STORE_PROBLEMS: Record<'REGISTRATION_OUT_OF_SCOPE' | 'USERNAME_TAKEN', string> = {
  REGISTRATION_OUT_OF_SCOPE: '该报名号已登记在其他考区，不能由本考区导入或修改；如考生确已更换考区，请联系全国管理员导入',
  USERNAME_TAKEN: '该报名号与一个工作人员账号的用户名相同，无法为考生开设账号；请联系全国管理员处理',
};
