import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { missingRequired, SITUATIONS } from '../domain/catalog.js';
import {
  canonicalIdType, checkHeader, cleanCell, findDuplicates, IMPORT_COLUMNS, SITUATION_COLUMN, STORE_PROBLEMS, validateRegistrationRow,
  type ImportedRegistration, type ImportReference, type RowProblem,
} from '../domain/registration-import.js';
import { maskIdNumber, maskPhone } from '../domain/masking.js';
import { normaliseIdNumber } from '../domain/id-number.js';
import { INITIAL_PASSWORD_MARKER } from '../domain/initial-password.js';
import { reviewQueueOf } from '../domain/review-rules.js';
import { statusLabel, type RegistrationStatus } from '../domain/registration-status.js';
import { chinaYear } from '../domain/china-time.js';
import type { ParsedRow } from '../ports/registration-file-parser.js';
import { appendAuditMany, type AuditEntry } from '../adapters/db/repositories/audit-log.js';
import type { AccountTable, DB, RegistrationTable } from '../adapters/db/schema.js';
import { toDbTime } from '../adapters/db/time.js';
import { adminRegion, auditAdmin } from './admin-scope.js';
import { missingRequiredFor, refreshReviewSummary } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';
import { requiredSetChanged } from '../domain/materials-todo.js';
import { RequirementResolver, type RequirementSubject } from './resolve-requirements.js';
import { releaseCategories } from './requirement-change.js';
import { recordResultWithdrawn } from './record-result-event.js';

/**
 * Registration import (shared/API.md): a CSV or xlsx file from the registration system.
 * Every row is checked (GB 11643, phone, known category/region/site, site in region,
 * importer's scope, duplicates in the file); good rows are stored, bad ones reported with
 * the line and column. Upsert by 报名号, TX_ROWS rows per transaction in statements of
 * STATEMENT_ROWS rows, so 100 k rows take seconds. A new candidate gets an account (user name = 报名号) whose first password is the
 * last six characters of the ID number (domain/initial-password.ts: derived at login,
 * not hashed here, which is what makes a large import fast) and must be changed.
 *
 * A re-import that changes the exam category, situations, region or site may change what the
 * candidate must upload: when the required set really changes, a registration already passed
 * (考点通过/审核通过) goes back to 填报 and the candidate gets a message; the same set keeps
 * the result. Images are untouched: approvals stay, images of
 * categories no longer listed show apart (otherImages).
 */
/** Rows per transaction: few commits (each waits for the disk), short enough not to hold writers up long. */
export const TX_ROWS = 2000;
/** Rows per multi-row INSERT or IN list: 500 × ~30 columns stays under both databases' parameter limits. */
export const STATEMENT_ROWS = 500;

export interface ImportInput {
  fileName: string;
  bytes: Buffer;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface ImportSummary {
  reportId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  totalRows: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** Rows not stored. */
  rejectedRows: number;
  rejected: RowProblem[];
  /** Registrations that went back to 填报 because what they must upload changed. */
  returnedToDraft: number;
  reportUrl: string | null;
}

interface PreparedRow extends ImportedRegistration {
  /** Keyed hash of the ID number: compared with the stored one; encryption only where written. */
  idHash: string;
}

type ExistingRow = Pick<
  RegistrationTable,
  'id' | 'registration_no' | 'name' | 'id_type' | 'id_number_hash' | 'phone_cipher' | 'exam_category_code' | 'region_code' | 'site_code' | 'situations' | 'year' | 'status'
>;

interface ChunkResult {
  imported: number;
  updated: number;
  unchanged: number;
  returnedToDraft: number;
  problems: RowProblem[];
}

export async function importRegistrations(deps: Deps, actor: Actor, input: ImportInput): Promise<ImportSummary> {
  const scope = adminRegion(actor);
  const now = deps.clock.now();
  const parsed = await deps.registrationFiles.parse(input.bytes);
  const [headerRow, ...dataRows] = parsed.rows;
  const header = checkHeader(headerRow && headerRow.line === 1 ? headerRow.cells : []);
  if (!header.ok) throw new AppError('IMPORT_HEADER_INVALID', { expected: header.expected, found: headerRow?.line === 1 ? header.found : '（第 1 行为空）' });

  const [exams, regions, sites] = await Promise.all([
    deps.db.selectFrom('exam_categories').select(['code', 'name']).execute(),
    deps.db.selectFrom('regions').select('code').execute(),
    deps.db.selectFrom('sites').select(['code', 'region_code']).execute(),
  ]);
  const ref: ImportReference = {
    examCategoryByName: new Map(exams.map((e) => [e.name, e.code])),
    regionCodes: new Set(regions.map((r) => r.code)),
    siteRegion: new Map(sites.map((s) => [s.code, s.region_code])),
    scopeRegion: scope,
    defaultYear: chinaYear(now),
    today: now,
  };

  const problems: RowProblem[] = [];
  const valid: ImportedRegistration[] = [];
  for (const r of dataRows) {
    const checked = validateRegistrationRow(r.line, r.cells, header.hasSituations, ref);
    if (checked.ok) valid.push(checked.value);
    else for (const p of checked.problems) problems.push(p);
  }
  const duplicates = findDuplicates(
    dataRows.map((r) => ({ row: r.line, registrationNo: cleanCell(r.cells[0]), idType: canonicalIdType(cleanCell(r.cells[2])), idNumber: normaliseIdNumber(cleanCell(r.cells[3])) })),
  );
  for (const d of duplicates) problems.push(d);
  const duplicated = new Set(duplicates.map((d) => d.row));
  const toStore = valid.filter((v) => !duplicated.has(v.row));

  const reportId = crypto.randomUUID();
  const totals = { imported: 0, updated: 0, unchanged: 0, returnedToDraft: 0 };
  const requirements = new RequirementCache(deps);
  for (let i = 0; i < toStore.length; i += TX_ROWS) {
    const chunk = toStore.slice(i, i + TX_ROWS).map((r) => ({ ...r, idHash: deps.cipher.searchHash(r.idNumber) }));
    const result = await storeChunk(deps, actor, scope, chunk, now, reportId, requirements);
    totals.imported += result.imported;
    totals.updated += result.updated;
    totals.unchanged += result.unchanged;
    totals.returnedToDraft += result.returnedToDraft;
    problems.push(...result.problems);
    input.onProgress?.(Math.min(i + TX_ROWS, toStore.length), toStore.length);
  }

  problems.sort((a, b) => a.row - b.row || IMPORT_ORDER.indexOf(a.column) - IMPORT_ORDER.indexOf(b.column));
  const rejectedLines = new Set(problems.map((p) => p.row));
  const report = buildReport(dataRows, problems, header.hasSituations);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('import_reports')
      .values({
        id: reportId,
        account_id: actor.accountId,
        actor_username: actor.username,
        region_scope: scope,
        file_name: input.fileName.slice(0, 200),
        file_format: parsed.format === 'csv' ? `csv/${parsed.encoding}` : 'xlsx',
        total_rows: dataRows.length,
        imported: totals.imported,
        updated: totals.updated,
        unchanged: totals.unchanged,
        rejected: rejectedLines.size,
        report_cipher: deps.cipher.encrypt(JSON.stringify(report)),
        created_at: toDbTime(now),
      })
      .execute();
    await auditAdmin(trx, deps, actor, 'admin.registrations_imported', {
      reportId, fileName: input.fileName.slice(0, 200), format: parsed.format, encoding: parsed.encoding, totalRows: dataRows.length,
      ...totals, rejectedRows: rejectedLines.size,
    });
  });

  return {
    reportId,
    fileName: input.fileName,
    format: parsed.format,
    encoding: parsed.encoding,
    totalRows: dataRows.length,
    ...totals,
    rejectedRows: rejectedLines.size,
    rejected: problems,
    reportUrl: rejectedLines.size > 0 ? `/api/v1/admin/registrations/imports/${reportId}/errors.csv` : null,
  };
}

const IMPORT_ORDER: Array<RowProblem['column']> = ['', ...IMPORT_COLUMNS, SITUATION_COLUMN];

/** What a new registration of (region, site, exam category, situations) must hold, and whether it is complete with no image. */
class RequirementCache {
  private readonly resolver: RequirementResolver;
  constructor(deps: Deps) {
    this.resolver = new RequirementResolver(deps.db);
  }
  async completeWithoutImages(who: RequirementSubject): Promise<boolean> {
    const categories = await this.resolver.categories(who);
    return missingRequired(categories.map((c) => ({ ...c, imageCount: 0 }))).length === 0;
  }
  /** The required categories of (region, site, exam category, situations), sorted. */
  requiredSet(who: RequirementSubject, trx: Transaction<DB>): Promise<string[]> {
    return this.resolver.requiredSet(who, trx);
  }
}

function* slices<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** What every step of one chunk's transaction shares. */
interface ChunkContext {
  deps: Deps;
  trx: Transaction<DB>;
  actor: Actor;
  /** The importer's region (a 考区 administrator), or null for a national one. */
  scope: string | null;
  now: Date;
  nowIso: string;
  reportId: string;
  /** Per 报名号: whether a new registration is complete with no image (no required category). */
  completeness: Map<string, boolean>;
  requirements: RequirementCache;
  result: ChunkResult;
  /** Rows written in a few multi-row statements at the end of the chunk. */
  newRegistrations: RegistrationTable[];
  newAccounts: AccountTable[];
  audits: AuditEntry[];
}

type AccountRow = { id: string; username: string; role: string; registration_id: string | null };

async function storeChunk(
  deps: Deps,
  actor: Actor,
  scope: string | null,
  rows: PreparedRow[],
  now: Date,
  reportId: string,
  requirements: RequirementCache,
): Promise<ChunkResult> {
  const completeness = new Map<string, boolean>();
  for (const r of rows) {
    completeness.set(r.registrationNo, await requirements.completeWithoutImages({ regionCode: r.regionCode, siteCode: r.siteCode, examCategoryCode: r.examCategoryCode, situations: r.situations ?? [] }));
  }
  // Two imports of the same 报名号 at once: the loser's insert fails on the unique
  // registration_no; read again and the rows are updates.
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.transaction().execute((trx) =>
        writeChunk(
          {
            deps, trx, actor, scope, now, nowIso: toDbTime(now), reportId, completeness, requirements,
            result: { imported: 0, updated: 0, unchanged: 0, returnedToDraft: 0, problems: [] },
            newRegistrations: [], newAccounts: [], audits: [],
          },
          rows,
        ),
      );
    } catch (e) {
      if (attempt >= 3 || e instanceof AppError || !isUniqueViolation(e)) throw e;
    }
  }
}

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err.message ?? '');
};

/** One chunk, in one transaction: read what exists, then each row is new, an update, or refused. */
async function writeChunk(ctx: ChunkContext, rows: PreparedRow[]): Promise<ChunkResult> {
  const { existing, accountByUsername } = await readStoredRows(ctx, rows);
  for (const r of rows) {
    const ex = existing.get(r.registrationNo);
    const account = accountByUsername.get(r.registrationNo);
    if (!ex) addNewCandidate(ctx, r, account);
    else await updateRegistration(ctx, r, ex, account);
  }
  await flushInserts(ctx);
  return ctx.result;
}

/** The registrations and accounts of the chunk's 报名号 already stored (rows locked on PostgreSQL). */
async function readStoredRows(ctx: ChunkContext, rows: PreparedRow[]) {
  const existing = new Map<string, ExistingRow>();
  const accountByUsername = new Map<string, AccountRow>();
  for (const nos of slices(rows.map((r) => r.registrationNo), STATEMENT_ROWS)) {
    let existingQ = ctx.trx
      .selectFrom('registrations')
      .select(['id', 'registration_no', 'name', 'id_type', 'id_number_hash', 'phone_cipher', 'exam_category_code', 'region_code', 'site_code', 'situations', 'year', 'status'])
      .where('registration_no', 'in', nos);
    // Lock the rows being updated against a reviewer's decision in the same moment.
    if (ctx.deps.dialect === 'postgres') existingQ = existingQ.forUpdate();
    for (const e of await existingQ.execute()) existing.set(e.registration_no, e);
    for (const a of await ctx.trx.selectFrom('accounts').select(['id', 'username', 'role', 'registration_id']).where('username', 'in', nos).execute()) accountByUsername.set(a.username, a);
  }
  return { existing, accountByUsername };
}

function refuseRow(ctx: ChunkContext, r: PreparedRow, code: 'USERNAME_TAKEN' | 'REGISTRATION_OUT_OF_SCOPE'): void {
  ctx.result.problems.push({ row: r.row, column: '报名号', code, message: STORE_PROBLEMS[code] });
}

function audit(ctx: ChunkContext, action: string, registrationId: string, details: Record<string, unknown>): void {
  const { actor } = ctx;
  ctx.audits.push({ at: ctx.now, actorAccountId: actor.accountId, actorRole: actor.role, action, registrationId, details: { reportId: ctx.reportId, ...details }, ip: actor.ip });
}

/** The candidate's account: user name = 报名号, first password derived from the ID number at login. */
function candidateAccount(r: PreparedRow, registrationId: string, nowIso: string): AccountTable {
  return {
    id: crypto.randomUUID(), username: r.registrationNo, password_hash: INITIAL_PASSWORD_MARKER, role: 'candidate', display_name: r.name,
    region_code: r.regionCode, site_code: r.siteCode, registration_id: registrationId, must_change_password: 1, disabled: 0, created_at: nowIso,
  };
}

/** A 报名号 not stored yet: a registration in 填报 and its account, written at the end of the chunk. */
function addNewCandidate(ctx: ChunkContext, r: PreparedRow, account: AccountRow | undefined): void {
  // The user name is taken by a staff account (or an orphan): never hand it to a candidate.
  if (account) return refuseRow(ctx, r, 'USERNAME_TAKEN');
  const { deps, nowIso } = ctx;
  const id = crypto.randomUUID();
  ctx.newRegistrations.push({
    id,
    registration_no: r.registrationNo,
    name: r.name,
    id_type: r.idType,
    id_number_cipher: deps.cipher.encrypt(r.idNumber),
    id_number_hash: r.idHash,
    id_number_masked: maskIdNumber(r.idNumber),
    phone_cipher: deps.cipher.encrypt(r.phone),
    phone_masked: maskPhone(r.phone),
    year: r.year,
    exam_category_code: r.examCategoryCode,
    region_code: r.regionCode,
    site_code: r.siteCode,
    situations: JSON.stringify(r.situations ?? []),
    status: 'draft',
    status_changed_at: nowIso,
    activated_at: null,
    changed_since_return: 0,
    claim_account_id: null,
    claim_expires_at: null,
    review_queue: reviewQueueOf('draft', false),
    waiting_since: nowIso,
    materials_complete: ctx.completeness.get(r.registrationNo) ? 1 : 0,
    image_count: 0,
    created_at: nowIso,
    updated_at: nowIso,
  });
  ctx.newAccounts.push(candidateAccount(r, id, nowIso));
  audit(ctx, 'registration.imported', id, { row: r.row });
  ctx.result.imported++;
}

/** What a re-imported row changes: personal fields, and fields that decide what must be uploaded. */
function compareWithStored(ctx: ChunkContext, r: PreparedRow, ex: ExistingRow) {
  const oldSituations = JSON.parse(ex.situations) as string[];
  const situations = r.situations ?? oldSituations;
  const phoneChanged = ctx.deps.cipher.decrypt(ex.phone_cipher) !== r.phone;
  const idChanged = ex.id_number_hash !== r.idHash || ex.id_type !== r.idType;
  const changes: string[] = [];
  if (ex.name !== r.name) changes.push('name');
  if (idChanged) changes.push('idNumber');
  if (phoneChanged) changes.push('phone');
  if (ex.year !== r.year) changes.push('year');
  const requirementChanges: string[] = [];
  if (ex.exam_category_code !== r.examCategoryCode) requirementChanges.push('examCategory');
  if (!sameSet(oldSituations, situations)) requirementChanges.push('situations');
  if (ex.region_code !== r.regionCode) requirementChanges.push('region');
  if (ex.site_code !== r.siteCode) requirementChanges.push('site');
  return { oldSituations, situations, phoneChanged, idChanged, changes, requirementChanges };
}

/**
 * A 报名号 already stored: update it in the importer's scope. A passed file goes back to 填报
 * only when what it must contain actually changes: a new 报考类别 with the same required set
 * (most categories share it) keeps the result.
 */
async function updateRegistration(ctx: ChunkContext, r: PreparedRow, ex: ExistingRow, account: AccountRow | undefined): Promise<void> {
  const { deps, trx, scope, nowIso } = ctx;
  if (scope !== null && ex.region_code !== scope) return refuseRow(ctx, r, 'REGISTRATION_OUT_OF_SCOPE');
  if (account && account.registration_id !== ex.id) return refuseRow(ctx, r, 'USERNAME_TAKEN');
  const diff = compareWithStored(ctx, r, ex);
  if (diff.changes.length === 0 && diff.requirementChanges.length === 0) {
    ctx.result.unchanged++;
    return;
  }
  const status = ex.status as RegistrationStatus;
  const required = await requiredSetsBeforeAndAfter(ctx, r, ex, diff);
  const backToDraft = required.changed && (status === 'site_approved' || status === 'approved');
  const res = await trx
    .updateTable('registrations')
    .set({
      name: r.name,
      id_type: r.idType,
      ...(diff.idChanged ? { id_number_cipher: deps.cipher.encrypt(r.idNumber), id_number_hash: r.idHash, id_number_masked: maskIdNumber(r.idNumber) } : {}),
      ...(diff.phoneChanged ? { phone_cipher: deps.cipher.encrypt(r.phone), phone_masked: maskPhone(r.phone) } : {}),
      year: r.year,
      exam_category_code: r.examCategoryCode,
      region_code: r.regionCode,
      site_code: r.siteCode,
      situations: JSON.stringify(diff.situations),
      updated_at: nowIso,
      ...(backToDraft
        ? { status: 'draft', status_changed_at: nowIso, changed_since_return: 0, claim_account_id: null, claim_expires_at: null }
        : {}),
    })
    .where('id', '=', ex.id)
    .where('status', '=', status)
    .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
    .executeTakeFirst();
  // Moved out of scope, or decided by a reviewer, since the read: refuse rather than overwrite.
  if (Number(res.numUpdatedRows) !== 1) return refuseRow(ctx, r, 'REGISTRATION_OUT_OF_SCOPE');
  if (account) {
    await trx.updateTable('accounts').set({ display_name: r.name, region_code: r.regionCode, site_code: r.siteCode }).where('id', '=', account.id).execute();
  } else {
    ctx.newAccounts.push(candidateAccount(r, ex.id, nowIso));
  }
  if (diff.requirementChanges.length > 0) await applyRequirementChange(ctx, ex, diff, required, backToDraft ? status : null);
  audit(ctx, 'registration.updated', ex.id, {
    row: r.row,
    changes: [...diff.changes, ...diff.requirementChanges],
    ...(diff.requirementChanges.includes('examCategory') ? { examCategory: { from: ex.exam_category_code, to: r.examCategoryCode } } : {}),
    ...(diff.requirementChanges.includes('situations') ? { situations: { from: diff.oldSituations, to: diff.situations } } : {}),
    ...(backToDraft ? { status: { from: status, to: 'draft' } } : {}),
  });
  ctx.result.updated++;
}

type RowDiff = ReturnType<typeof compareWithStored>;
interface RequiredSets { before: string[]; after: string[]; changed: boolean }

async function requiredSetsBeforeAndAfter(ctx: ChunkContext, r: PreparedRow, ex: ExistingRow, diff: RowDiff): Promise<RequiredSets> {
  if (diff.requirementChanges.length === 0) return { before: [], after: [], changed: false };
  const before = await ctx.requirements.requiredSet({ regionCode: ex.region_code, siteCode: ex.site_code, examCategoryCode: ex.exam_category_code, situations: diff.oldSituations }, ctx.trx);
  const after = await ctx.requirements.requiredSet({ regionCode: r.regionCode, siteCode: r.siteCode, examCategoryCode: r.examCategoryCode, situations: diff.situations }, ctx.trx);
  return { before, after, changed: requiredSetChanged(before, after) };
}

/**
 * After an update that touched exam category, situations, region or site: release categories no
 * longer required, refresh the queue summary, tell the candidate when the required set changed,
 * and withdraw a final 审核通过 the registration system was told of.
 */
async function applyRequirementChange(ctx: ChunkContext, ex: ExistingRow, diff: RowDiff, required: RequiredSets, formerStatus: RegistrationStatus | null): Promise<void> {
  const { deps, trx, now } = ctx;
  if (required.changed) await releaseCategories(trx, ex.id, required.before, required.after, now);
  const tx = deps.repositoriesOver(trx);
  await refreshReviewSummary(tx, ex.id, now, { statusChanged: formerStatus !== null });
  const missing = await missingRequiredFor(tx, ex.id);
  if (required.changed) await notifyCandidate(tx, ex.id, now, changeNotice(diff.situations, diff.requirementChanges, formerStatus, missing.names));
  if (formerStatus === 'approved') {
    await recordResultWithdrawn(tx, { registrationId: ex.id, previousStatus: 'approved', level: 'region', reason: '报考信息变更，需要上传的材料随之变化', at: now, webhook: deps.resultWebhookEnabled === true });
  }
  if (formerStatus !== null) ctx.result.returnedToDraft++;
}

/** New registrations and accounts in multi-row statements, then the chunk's audit rows. */
async function flushInserts(ctx: ChunkContext): Promise<void> {
  for (const part of slices(ctx.newRegistrations, STATEMENT_ROWS)) await ctx.trx.insertInto('registrations').values(part).execute();
  for (const part of slices(ctx.newAccounts, STATEMENT_ROWS)) await ctx.trx.insertInto('accounts').values(part).execute();
  await appendAuditMany(ctx.trx, ctx.audits);
}

/** The in-app message (and SMS) telling a candidate that what to upload has changed. */
function changeNotice(
  situations: string[],
  changes: string[],
  formerStatus: RegistrationStatus | null,
  missingNames: string[],
) {
  const parts: string[] = [];
  if (changes.includes('examCategory')) parts.push('报考类别');
  if (changes.includes('situations')) parts.push('个人情况');
  if (changes.includes('region') || changes.includes('site')) parts.push('考区/考点');
  const what = parts.join('、');
  const situationText = situations.length ? situations.map((s) => SITUATIONS[s] ?? s).join('、') : '无';
  const lines = [
    `报名系统更新了您的${what}${changes.includes('situations') ? `（个人情况：${situationText}）` : ''}，需要上传的材料随之变化。`,
    formerStatus
      ? `您原来的审核状态“${statusLabel(formerStatus)}”已失效，状态改为“填报”，补齐材料后将重新审核。已审核通过且仍需要的图片保持通过。`
      : '已上传的图片均保留。',
    missingNames.length ? `现在还需上传：${missingNames.join('、')}。` : '请登录核对材料是否齐全。',
    '不再需要的材料图片仍然保留（不再必传的已通过图片可自行删除），请登录考生服务系统，进入“上传相关材料”查看。',
  ];
  return {
    title: `报考信息变更：请核对${formerStatus ? '并补充' : ''}材料`,
    body: lines.join('\n'),
    sms: `【医师资格考试】您的${what}已变更，需要上传的材料随之变化${formerStatus ? '，原审核结果已失效' : ''}，请登录考生服务系统查看并补充材料。`,
  };
}

export interface ImportReport {
  columns: string[];
  rows: Array<{ line: number; cells: string[]; messages: string[] }>;
}

/** The rejected rows with their values and reasons: the downloadable error report. */
function buildReport(dataRows: ParsedRow[], problems: RowProblem[], hasSituations: boolean): ImportReport {
  const columns: string[] = [...IMPORT_COLUMNS, ...(hasSituations ? [SITUATION_COLUMN] : [])];
  const byLine = new Map<number, string[]>();
  for (const p of problems) {
    const list = byLine.get(p.row) ?? [];
    list.push(p.column ? `${p.column}：${p.message}` : p.message);
    byLine.set(p.row, list);
  }
  return {
    columns,
    rows: dataRows
      .filter((r) => byLine.has(r.line))
      .map((r) => ({ line: r.line, cells: r.cells.map(cleanCell).slice(0, Math.max(columns.length, r.cells.length)), messages: byLine.get(r.line)! })),
  };
}
