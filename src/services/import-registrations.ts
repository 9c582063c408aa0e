import crypto from 'node:crypto';
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
import type { RegistrationStatus } from '../domain/registration-status.js';
import { chinaYear } from '../domain/china-time.js';
import type { ParsedRow } from '../ports/registration-file-parser.js';
import type { ImportErrorReport } from '../ports/import-report-writer.js';
import type { Repositories } from '../ports/store.js';
import type { AuditEntry } from '../ports/repositories/audit.js';
import type { Account } from '../ports/repositories/accounts.js';
import type { NewRegistration, StoredRegistration } from '../ports/repositories/imports.js';
import { adminRegion, auditAdmin } from './admin-scope.js';
import { missingRequiredFor, refreshReviewSummary } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';
import { candidateNotice } from '../domain/messages/index.js';
import { requiredSetChanged } from '../domain/materials-todo.js';
import { RequirementResolver, type RequirementSubject } from './resolve-requirements.js';
import { resetByNewRequirements } from './requirement-change.js';
import { recordResultWithdrawn } from './record-result-event.js';

/**
 * Registration import (shared/API.md): a CSV or xlsx file from the registration system.
 * Every row is checked (GB 11643, phone, known category/region/site, site in region,
 * importer's scope, duplicates in the file); good rows are stored, bad ones reported with
 * the line and column. Upsert by 报名号, TX_ROWS rows per transaction in statements of
 * up to 500 rows (the imports repository), so 100 k rows take seconds. A new candidate gets an account (user name = 报名号) whose first password is the
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

type ExistingRow = StoredRegistration;

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

  const known = await deps.store.imports.referenceData();
  const ref: ImportReference = {
    examCategoryByName: new Map(known.examCategories.map((e) => [e.name, e.code])),
    regionCodes: new Set(known.regionCodes),
    siteRegion: new Map(known.sites.map((s) => [s.code, s.regionCode])),
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
  await deps.store.transaction(async (tx) => {
    await tx.imports.saveReport({
      id: reportId,
      accountId: actor.accountId,
      actorUsername: actor.username,
      regionScope: scope,
      fileName: input.fileName.slice(0, 200),
      fileFormat: parsed.format === 'csv' ? `csv/${parsed.encoding}` : 'xlsx',
      totalRows: dataRows.length,
      imported: totals.imported,
      updated: totals.updated,
      unchanged: totals.unchanged,
      rejected: rejectedLines.size,
      reportCipher: deps.cipher.encrypt(JSON.stringify(report)),
      createdAt: now,
    });
    await auditAdmin(tx, deps, actor, 'admin.registrations_imported', {
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
    this.resolver = new RequirementResolver(deps.store);
  }
  async completeWithoutImages(who: RequirementSubject): Promise<boolean> {
    const categories = await this.resolver.categories(who);
    return missingRequired(categories.map((c) => ({ ...c, imageCount: 0 }))).length === 0;
  }
  /** The required categories of (region, site, exam category, situations), sorted. */
  requiredSet(who: RequirementSubject, tx: Pick<Repositories, 'catalog'>): Promise<string[]> {
    return this.resolver.requiredSet(who, tx);
  }
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** What every step of one chunk's transaction shares. */
interface ChunkContext {
  deps: Deps;
  /** The chunk's transaction as repositories: where the import reads and writes. */
  tx: Repositories;
  actor: Actor;
  /** The importer's region (a 考区 administrator), or null for a national one. */
  scope: string | null;
  now: Date;
  reportId: string;
  /** Per 报名号: whether a new registration is complete with no image (no required category). */
  completeness: Map<string, boolean>;
  requirements: RequirementCache;
  result: ChunkResult;
  /** Rows written in a few multi-row statements at the end of the chunk. */
  newRegistrations: NewRegistration[];
  newAccounts: Account[];
  audits: AuditEntry[];
}

type AccountRow = { id: string; username: string; registrationId: string | null };

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
      return await deps.store.transaction((tx) =>
        writeChunk(
          {
            deps, tx, actor, scope, now, reportId, completeness, requirements,
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
  const nos = rows.map((r) => r.registrationNo);
  // Lock the rows being updated against a reviewer's decision in the same moment.
  const existing = new Map((await ctx.tx.imports.storedRegistrations(nos, { lock: true })).map((e) => [e.registrationNo, e]));
  const accountByUsername = new Map<string, AccountRow>((await ctx.tx.imports.accountsNamed(nos)).map((a) => [a.username, a]));
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
function candidateAccount(r: PreparedRow, registrationId: string, now: Date): Account {
  return {
    id: crypto.randomUUID(), username: r.registrationNo, passwordHash: INITIAL_PASSWORD_MARKER, role: 'candidate', displayName: r.name,
    regionCode: r.regionCode, siteCode: r.siteCode, registrationId, mustChangePassword: true, disabled: false, createdAt: now,
  };
}

/** A 报名号 not stored yet: a registration in 填报 and its account, written at the end of the chunk. */
function addNewCandidate(ctx: ChunkContext, r: PreparedRow, account: AccountRow | undefined): void {
  // The user name is taken by a staff account (or an orphan): never hand it to a candidate.
  if (account) return refuseRow(ctx, r, 'USERNAME_TAKEN');
  const { deps, now } = ctx;
  const id = crypto.randomUUID();
  ctx.newRegistrations.push({
    id,
    registrationNo: r.registrationNo,
    name: r.name,
    idType: r.idType,
    idNumberCipher: deps.cipher.encrypt(r.idNumber),
    idNumberHash: r.idHash,
    idNumberMasked: maskIdNumber(r.idNumber),
    phoneCipher: deps.cipher.encrypt(r.phone),
    phoneMasked: maskPhone(r.phone),
    year: r.year,
    examCategoryCode: r.examCategoryCode,
    regionCode: r.regionCode,
    siteCode: r.siteCode,
    situations: r.situations ?? [],
    reviewQueue: reviewQueueOf('draft', false),
    materialsComplete: ctx.completeness.get(r.registrationNo) === true,
    createdAt: now,
  });
  ctx.newAccounts.push(candidateAccount(r, id, now));
  audit(ctx, 'registration.imported', id, { row: r.row });
  ctx.result.imported++;
}

/** What a re-imported row changes: personal fields, and fields that decide what must be uploaded. */
function compareWithStored(ctx: ChunkContext, r: PreparedRow, ex: ExistingRow) {
  const oldSituations = ex.situations;
  const situations = r.situations ?? oldSituations;
  const phoneChanged = ctx.deps.cipher.decrypt(ex.phoneCipher) !== r.phone;
  const idChanged = ex.idNumberHash !== r.idHash || ex.idType !== r.idType;
  const changes: string[] = [];
  if (ex.name !== r.name) changes.push('name');
  if (idChanged) changes.push('idNumber');
  if (phoneChanged) changes.push('phone');
  if (ex.year !== r.year) changes.push('year');
  const requirementChanges: string[] = [];
  if (ex.examCategoryCode !== r.examCategoryCode) requirementChanges.push('examCategory');
  if (!sameSet(oldSituations, situations)) requirementChanges.push('situations');
  if (ex.regionCode !== r.regionCode) requirementChanges.push('region');
  if (ex.siteCode !== r.siteCode) requirementChanges.push('site');
  return { oldSituations, situations, phoneChanged, idChanged, changes, requirementChanges };
}

/**
 * A 报名号 already stored: update it in the importer's scope. A passed file goes back to 填报
 * only when what it must contain actually changes: a new 报考类别 with the same required set
 * (most categories share it) keeps the result.
 */
async function updateRegistration(ctx: ChunkContext, r: PreparedRow, ex: ExistingRow, account: AccountRow | undefined): Promise<void> {
  const { deps, tx, scope, now } = ctx;
  if (scope !== null && ex.regionCode !== scope) return refuseRow(ctx, r, 'REGISTRATION_OUT_OF_SCOPE');
  if (account && account.registrationId !== ex.id) return refuseRow(ctx, r, 'USERNAME_TAKEN');
  const diff = compareWithStored(ctx, r, ex);
  if (diff.changes.length === 0 && diff.requirementChanges.length === 0) {
    ctx.result.unchanged++;
    return;
  }
  const status = ex.status;
  const required = await requiredSetsBeforeAndAfter(ctx, r, ex, diff);
  const backToDraft = required.changed && resetByNewRequirements(status);
  const stored = await tx.imports.updateRegistration(ex.id, status, scope, {
    name: r.name,
    idType: r.idType,
    idNumber: diff.idChanged ? { cipher: deps.cipher.encrypt(r.idNumber), hash: r.idHash, masked: maskIdNumber(r.idNumber) } : undefined,
    phone: diff.phoneChanged ? { cipher: deps.cipher.encrypt(r.phone), masked: maskPhone(r.phone) } : undefined,
    year: r.year,
    examCategoryCode: r.examCategoryCode,
    regionCode: r.regionCode,
    siteCode: r.siteCode,
    situations: diff.situations,
    updatedAt: now,
    backToDraft,
  });
  // Moved out of scope, or decided by a reviewer, since the read: refuse rather than overwrite.
  if (!stored) return refuseRow(ctx, r, 'REGISTRATION_OUT_OF_SCOPE');
  if (account) {
    await tx.imports.updateCandidateAccount(account.id, { displayName: r.name, regionCode: r.regionCode, siteCode: r.siteCode });
  } else {
    ctx.newAccounts.push(candidateAccount(r, ex.id, now));
  }
  if (diff.requirementChanges.length > 0) await applyRequirementChange(ctx, ex, diff, required, backToDraft ? status : null);
  audit(ctx, 'registration.updated', ex.id, {
    row: r.row,
    changes: [...diff.changes, ...diff.requirementChanges],
    ...(diff.requirementChanges.includes('examCategory') ? { examCategory: { from: ex.examCategoryCode, to: r.examCategoryCode } } : {}),
    ...(diff.requirementChanges.includes('situations') ? { situations: { from: diff.oldSituations, to: diff.situations } } : {}),
    ...(backToDraft ? { status: { from: status, to: 'draft' } } : {}),
  });
  ctx.result.updated++;
}

type RowDiff = ReturnType<typeof compareWithStored>;
interface RequiredSets { before: string[]; after: string[]; changed: boolean }

async function requiredSetsBeforeAndAfter(ctx: ChunkContext, r: PreparedRow, ex: ExistingRow, diff: RowDiff): Promise<RequiredSets> {
  if (diff.requirementChanges.length === 0) return { before: [], after: [], changed: false };
  const before = await ctx.requirements.requiredSet({ regionCode: ex.regionCode, siteCode: ex.siteCode, examCategoryCode: ex.examCategoryCode, situations: diff.oldSituations }, ctx.tx);
  const after = await ctx.requirements.requiredSet({ regionCode: r.regionCode, siteCode: r.siteCode, examCategoryCode: r.examCategoryCode, situations: diff.situations }, ctx.tx);
  return { before, after, changed: requiredSetChanged(before, after) };
}

/**
 * After an update that touched exam category, situations, region or site: release categories no
 * longer required, refresh the queue summary, tell the candidate when the required set changed,
 * and withdraw a final 审核通过 the registration system was told of.
 */
async function applyRequirementChange(ctx: ChunkContext, ex: ExistingRow, diff: RowDiff, required: RequiredSets, formerStatus: RegistrationStatus | null): Promise<void> {
  const { deps, tx, now } = ctx;
  if (required.changed) await tx.requirementChanges.releaseCategories(ex.id, required.before, required.after, now);
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
  // Registrations first: a candidate account points at its registration.
  await ctx.tx.imports.insertRegistrations(ctx.newRegistrations);
  await ctx.tx.accounts.insertMany(ctx.newAccounts);
  await ctx.tx.audit.appendMany(ctx.audits);
}

/** The in-app message (and SMS) telling a candidate that what to upload has changed. */
function changeNotice(
  situations: string[],
  changes: string[],
  formerStatus: RegistrationStatus | null,
  missingNames: string[],
) {
  return candidateNotice({ kind: 'registrationChanged', changed: changes, situations: situations.map((s) => SITUATIONS[s] ?? s), formerStatus, missing: missingNames });
}

/** The rejected rows with their values and reasons: the downloadable error report. */
function buildReport(dataRows: ParsedRow[], problems: RowProblem[], hasSituations: boolean): ImportErrorReport {
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
