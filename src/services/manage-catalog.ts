import crypto from 'node:crypto';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { SITUATIONS } from '../domain/catalog.js';
import { ID_TYPES, IMPORT_COLUMNS, SITUATION_COLUMN } from '../domain/registration-import.js';
import type { StoredMaterialCategory } from '../ports/repositories/catalog.js';
import type { Catalog, MaterialInput, MaterialItem, MaterialPatch } from '../contracts/catalog.js';
import { adminAudit, adminRegion, isNationalAdmin, outOfScope } from './admin-scope.js';
import { refreshMaterialsCompleteness } from './refresh-materials-completeness.js';

/**
 * 材料目录: material categories (code, name, requirement text, min and max count, example
 * image) and exam categories. National; regional administrators read it and shape it for
 * their region through requirement rules.
 */
const EXAMPLE_PREFIX = 'examples/';
export const isUploadedExample = (exampleImage: string | null): exampleImage is string => !!exampleImage?.startsWith(EXAMPLE_PREFIX);

const exampleUrl = (code: string, exampleImage: string | null) =>
  exampleImage ? `/api/v1/catalog/examples/${code}.png?v=${crypto.createHash('sha256').update(exampleImage).digest('hex').slice(0, 10)}` : null;

const materialView = (m: StoredMaterialCategory, imageCount: number): MaterialItem => ({
  code: m.code,
  name: m.name,
  requirements: m.requirements,
  nameEn: m.nameEn,
  requirementsEn: m.requirementsEn,
  minCount: m.minCount,
  maxCount: m.maxCount,
  sortOrder: m.sortOrder,
  exampleImageUrl: exampleUrl(m.code, m.exampleImage),
  customExample: isUploadedExample(m.exampleImage),
  imageCount,
});

export async function getCatalog(deps: Deps, actor: Actor): Promise<Catalog> {
  adminRegion(actor);
  const [materials, exams, used] = await Promise.all([deps.store.catalog.listMaterials(), deps.store.catalog.listExamCategories(), deps.store.catalog.liveImageCounts()]);
  return {
    editable: isNationalAdmin(actor),
    materials: materials.map((m) => materialView(m, used.get(m.code) ?? 0)),
    examCategories: exams,
    situations: Object.entries(SITUATIONS).map(([code, name]) => ({ code, name })),
    idTypes: Object.keys(ID_TYPES),
    importColumns: [...IMPORT_COLUMNS, SITUATION_COLUMN],
  };
}

/** One category as the catalog page shows it (after a change). */
async function materialItem(deps: Deps, code: string): Promise<MaterialItem> {
  const [m, used] = await Promise.all([deps.store.catalog.findMaterial(code), deps.store.catalog.liveImageCounts()]);
  if (!m) throw new AppError('NOT_FOUND');
  return materialView(m, used.get(code) ?? 0);
}

/** English text as stored: trimmed, and an empty one is none (the page falls back to the Chinese). */
const englishOrNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

async function requireNational(deps: Deps, actor: Actor, target: Record<string, unknown>) {
  if (!isNationalAdmin(actor)) await outOfScope(deps, actor, target);
}

function checkMaterial(v: { name?: string | undefined; requirements?: string | undefined; minCount?: number | undefined; maxCount?: number | undefined }) {
  if (v.name !== undefined && (v.name.trim().length < 1 || v.name.trim().length > 60)) throw new AppError('VALIDATION_FAILED', { reason: '材料名称须为 1–60 个字' });
  if (v.requirements !== undefined && (v.requirements.trim().length < 1 || v.requirements.length > 2000)) {
    throw new AppError('VALIDATION_FAILED', { reason: '上传要求须为 1–2000 个字' });
  }
  if (v.minCount !== undefined && (!Number.isInteger(v.minCount) || v.minCount < 0 || v.minCount > 20)) {
    throw new AppError('VALIDATION_FAILED', { reason: '最少张数须为 0–20 的整数' });
  }
  if (v.maxCount !== undefined && (!Number.isInteger(v.maxCount) || v.maxCount < 1 || v.maxCount > 20)) {
    throw new AppError('VALIDATION_FAILED', { reason: '最多张数须为 1–20 的整数' });
  }
}

export async function createMaterialCategory(deps: Deps, actor: Actor, input: MaterialInput) {
  await requireNational(deps, actor, { materialCode: input.code, what: 'create_material' });
  const code = input.code.trim();
  if (!/^[a-z][a-z_]{1,39}$/.test(code)) throw new AppError('VALIDATION_FAILED', { reason: '材料代码须为 2–40 位小写英文字母或下划线，以字母开头（如 name_change_proof）' });
  checkMaterial(input);
  if (input.maxCount < input.minCount) throw new AppError('VALIDATION_FAILED', { reason: '最多张数不能少于最少张数' });
  await deps.store.transaction(async (tx) => {
    if (await tx.catalog.findMaterial(code)) throw new AppError('CODE_TAKEN', { code });
    await tx.catalog.addMaterial({
      code,
      name: input.name.trim(),
      requirements: input.requirements.trim(),
      nameEn: englishOrNull(input.nameEn),
      requirementsEn: englishOrNull(input.requirementsEn),
      minCount: input.minCount,
      maxCount: input.maxCount,
    });
    await tx.audit.append(adminAudit(deps, actor, 'admin.material_created', { code, name: input.name, minCount: input.minCount, maxCount: input.maxCount }));
  });
  return materialItem(deps, code);
}

export async function updateMaterialCategory(deps: Deps, actor: Actor, code: string, patch: MaterialPatch) {
  await requireNational(deps, actor, { materialCode: code, what: 'update_material' });
  checkMaterial(patch);
  const found = await deps.store.transaction(async (tx) => {
    const before = await tx.catalog.findMaterial(code);
    if (!before) return false;
    const minCount = patch.minCount ?? before.minCount;
    const maxCount = patch.maxCount ?? before.maxCount;
    if (maxCount < minCount) throw new AppError('VALIDATION_FAILED', { reason: '最多张数不能少于最少张数' });
    await tx.catalog.changeMaterial(code, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.requirements !== undefined ? { requirements: patch.requirements.trim() } : {}),
      ...(patch.nameEn !== undefined ? { nameEn: englishOrNull(patch.nameEn) } : {}),
      ...(patch.requirementsEn !== undefined ? { requirementsEn: englishOrNull(patch.requirementsEn) } : {}),
      minCount,
      maxCount,
      ...(patch.sortOrder !== undefined ? { sortOrder: Math.trunc(patch.sortOrder) } : {}),
    });
    await tx.audit.append(
      adminAudit(deps, actor, 'admin.material_changed', {
        code,
        before: { name: before.name, requirements: before.requirements, nameEn: before.nameEn, requirementsEn: before.requirementsEn, minCount: before.minCount, maxCount: before.maxCount, sortOrder: before.sortOrder },
        after: patch,
      }),
    );
    return true;
  });
  if (!found) return outOfScope(deps, actor, { materialCode: code, what: 'update_material' });
  if (patch.minCount !== undefined || patch.maxCount !== undefined) await refreshMaterialsCompleteness(deps.store, null);
  return materialItem(deps, code);
}

/** Only a category no one ever uploaded to; otherwise hide it with a rule. */
export async function deleteMaterialCategory(deps: Deps, actor: Actor, code: string): Promise<void> {
  await requireNational(deps, actor, { materialCode: code, what: 'delete_material' });
  const removed = await deps.store.transaction(async (tx) => {
    const category = await tx.catalog.findMaterial(code);
    if (!category) return null;
    if (await tx.catalog.materialEverUsed(code)) throw new AppError('CATEGORY_IN_USE', { name: category.name });
    await tx.catalog.removeMaterial(code);
    await tx.audit.append(adminAudit(deps, actor, 'admin.material_deleted', { code, name: category.name }));
    return category;
  });
  if (!removed) return outOfScope(deps, actor, { materialCode: code, what: 'delete_material' });
  if (isUploadedExample(removed.exampleImage)) await deps.blobs.delete(removed.exampleImage).catch(() => undefined);
  await refreshMaterialsCompleteness(deps.store, null);
}

/**
 * A new example image (示例) for a category: checked and re-encoded like an upload (no
 * watermark), stored in the blob store under examples/, and served instead of the built-in
 * drawing from then on.
 */
export async function setExampleImage(deps: Deps, actor: Actor, code: string, bytes: Buffer) {
  await requireNational(deps, actor, { materialCode: code, what: 'set_example' });
  if (!(await deps.store.catalog.findMaterial(code))) return outOfScope(deps, actor, { materialCode: code, what: 'set_example' });
  const prepared = await deps.examplePipeline.prepare(bytes);
  const key = `${EXAMPLE_PREFIX}${code.replace(/_/g, '-')}-${crypto.randomUUID()}.jpg`;
  // Held as pending until the category points at it, so a failure in between leaves nothing behind for good.
  await deps.store.catalog.holdPendingBlob(key, deps.clock.now());
  await deps.blobs.put(key, prepared.image);
  let previous: string | null = null;
  try {
    await deps.store.transaction(async (tx) => {
      const before = await tx.catalog.findMaterial(code);
      if (!before) throw new AppError('NOT_FOUND');
      previous = before.exampleImage;
      await tx.catalog.setExampleImage(code, key);
      await tx.catalog.releasePendingBlob(key);
      await tx.audit.append(adminAudit(deps, actor, 'admin.example_image_set', { code, key, width: prepared.width, height: prepared.height, bytes: prepared.image.length }));
    });
  } catch (e) {
    await deps.blobs.delete(key).catch(() => undefined);
    await deps.store.catalog.releasePendingBlob(key).catch(() => undefined);
    throw e;
  }
  if (isUploadedExample(previous)) await deps.blobs.delete(previous).catch(() => undefined);
  return materialItem(deps, code);
}

/** Back to the built-in drawing (assets/examples/<code>.png), where there is one. */
export async function resetExampleImage(deps: Deps, actor: Actor, code: string) {
  await requireNational(deps, actor, { materialCode: code, what: 'reset_example' });
  const previous = await deps.store.transaction(async (tx) => {
    const before = await tx.catalog.findMaterial(code);
    if (!before) return undefined;
    await tx.catalog.setExampleImage(code, `${code}.png`);
    await tx.audit.append(adminAudit(deps, actor, 'admin.example_image_reset', { code }));
    return before.exampleImage;
  });
  if (previous === undefined) return outOfScope(deps, actor, { materialCode: code, what: 'reset_example' });
  if (isUploadedExample(previous)) await deps.blobs.delete(previous).catch(() => undefined);
  return materialItem(deps, code);
}

/**
 * The example image of a category for GET /api/v1/catalog/examples/{code}.png: an uploaded
 * one from the blob store, else the name of the built-in file; null when there is none.
 */
export async function readExampleImage(deps: Deps, code: string): Promise<{ bytes: Buffer; contentType: string; etag: string } | { builtIn: string } | null> {
  const row = await deps.store.catalog.findMaterial(code);
  if (row && isUploadedExample(row.exampleImage)) {
    const bytes = await deps.blobs.get(row.exampleImage);
    if (bytes) return { bytes, contentType: 'image/jpeg', etag: `"${crypto.createHash('sha256').update(row.exampleImage).digest('hex').slice(0, 16)}"` };
  }
  if (row && row.exampleImage === null) return null;
  return { builtIn: `${code}.png` };
}

export async function createExamCategory(deps: Deps, actor: Actor, input: { code: string; name: string; nameEn?: string | null | undefined }) {
  await requireNational(deps, actor, { examCategoryCode: input.code, what: 'create_exam_category' });
  const code = input.code.trim();
  const name = input.name.trim();
  const nameEn = englishOrNull(input.nameEn);
  if (!/^\d{3}$/.test(code)) throw new AppError('VALIDATION_FAILED', { reason: '报考类别代码须为 3 位数字（如 110 临床执业医师）' });
  if (name.length < 2 || name.length > 30) throw new AppError('VALIDATION_FAILED', { reason: '报考类别名称须为 2–30 个字' });
  await deps.store.transaction(async (tx) => {
    const taken = await tx.catalog.findExamCategoryClash({ code, name });
    if (taken) throw new AppError('CODE_TAKEN', { code: taken.code === code ? code : name });
    await tx.catalog.addExamCategory(code, name, nameEn);
    await tx.audit.append(adminAudit(deps, actor, 'admin.exam_category_created', { code, name, nameEn }));
  });
  return { code, name, nameEn };
}

/** A new Chinese name, and the English beside it (absent: kept; empty: cleared). */
export async function renameExamCategory(deps: Deps, actor: Actor, code: string, input: { name: string; nameEn?: string | null | undefined }) {
  await requireNational(deps, actor, { examCategoryCode: code, what: 'rename_exam_category' });
  const name = input.name.trim();
  if (name.length < 2 || name.length > 30) throw new AppError('VALIDATION_FAILED', { reason: '报考类别名称须为 2–30 个字' });
  const found = await deps.store.transaction(async (tx) => {
    if (await tx.catalog.findExamCategoryClash({ name, exceptCode: code })) throw new AppError('CODE_TAKEN', { code: name });
    const english = input.nameEn === undefined ? undefined : englishOrNull(input.nameEn);
    if (!(await tx.catalog.renameExamCategory(code, name, english))) return false;
    await tx.audit.append(adminAudit(deps, actor, 'admin.exam_category_renamed', { code, name, ...(english === undefined ? {} : { nameEn: english }) }));
    return (await tx.catalog.findExamCategory(code))!;
  });
  if (!found) return outOfScope(deps, actor, { examCategoryCode: code, what: 'rename_exam_category' });
  return { code, name, nameEn: found.nameEn };
}
