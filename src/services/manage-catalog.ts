import crypto from 'node:crypto';
import { catalogChanged } from '../adapters/db/repositories/catalog-cache.js';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { SITUATIONS } from '../domain/catalog.js';
import { ID_TYPES, IMPORT_COLUMNS, SITUATION_COLUMN } from '../domain/registration-import.js';
import { toDbTime, toInt } from '../adapters/db/time.js';
import { adminRegion, auditAdmin, isNationalAdmin, outOfScope } from './admin-scope.js';
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

export async function getCatalog(deps: Deps, actor: Actor) {
  adminRegion(actor);
  const [materials, exams, usage] = await Promise.all([
    deps.db.selectFrom('material_categories').selectAll().orderBy('sort_order').orderBy('code').execute(),
    deps.db.selectFrom('exam_categories').selectAll().orderBy('sort_order').orderBy('code').execute(),
    deps.db
      .selectFrom('images')
      .select(['category_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deleted_at', 'is', null)
      .groupBy('category_code')
      .execute(),
  ]);
  const used = new Map(usage.map((u) => [u.category_code, toInt(u.n)]));
  return {
    editable: isNationalAdmin(actor),
    materials: materials.map((m) => ({
      code: m.code,
      name: m.name,
      requirements: m.requirements,
      nameEn: m.name_en,
      requirementsEn: m.requirements_en,
      minCount: m.min_count,
      maxCount: m.max_count,
      sortOrder: m.sort_order,
      exampleImageUrl: exampleUrl(m.code, m.example_image),
      customExample: isUploadedExample(m.example_image),
      imageCount: used.get(m.code) ?? 0,
    })),
    examCategories: exams.map((e) => ({ code: e.code, name: e.name, sortOrder: e.sort_order })),
    situations: Object.entries(SITUATIONS).map(([code, name]) => ({ code, name })),
    idTypes: Object.keys(ID_TYPES),
    importColumns: [...IMPORT_COLUMNS, SITUATION_COLUMN],
  };
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

export async function createMaterialCategory(
  deps: Deps,
  actor: Actor,
  input: { code: string; name: string; requirements: string; nameEn?: string | null | undefined; requirementsEn?: string | null | undefined; minCount: number; maxCount: number },
) {
  await requireNational(deps, actor, { materialCode: input.code, what: 'create_material' });
  const code = input.code.trim();
  if (!/^[a-z][a-z_]{1,39}$/.test(code)) throw new AppError('VALIDATION_FAILED', { reason: '材料代码须为 2–40 位小写英文字母或下划线，以字母开头（如 name_change_proof）' });
  checkMaterial(input);
  if (input.maxCount < input.minCount) throw new AppError('VALIDATION_FAILED', { reason: '最多张数不能少于最少张数' });
  await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('material_categories').select('code').where('code', '=', code).executeTakeFirst()) throw new AppError('CODE_TAKEN', { code });
    const last = await trx.selectFrom('material_categories').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
    await trx
      .insertInto('material_categories')
      .values({
        code,
        name: input.name.trim(),
        requirements: input.requirements.trim(),
        name_en: englishOrNull(input.nameEn),
        requirements_en: englishOrNull(input.requirementsEn),
        min_count: input.minCount,
        max_count: input.maxCount,
        sort_order: toInt(last?.m) + 1,
        example_image: null,
      })
      .execute();
    await auditAdmin(trx, deps, actor, 'admin.material_created', { code, name: input.name, minCount: input.minCount, maxCount: input.maxCount });
  });
  catalogChanged(deps.db);
  return (await getCatalog(deps, actor)).materials.find((m) => m.code === code)!;
}

export async function updateMaterialCategory(
  deps: Deps,
  actor: Actor,
  code: string,
  patch: { name?: string | undefined; requirements?: string | undefined; nameEn?: string | null | undefined; requirementsEn?: string | null | undefined; minCount?: number | undefined; maxCount?: number | undefined; sortOrder?: number | undefined },
) {
  await requireNational(deps, actor, { materialCode: code, what: 'update_material' });
  checkMaterial(patch);
  const found = await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('material_categories').selectAll().where('code', '=', code).executeTakeFirst();
    if (!before) return false;
    const minCount = patch.minCount ?? before.min_count;
    const maxCount = patch.maxCount ?? before.max_count;
    if (maxCount < minCount) throw new AppError('VALIDATION_FAILED', { reason: '最多张数不能少于最少张数' });
    const set = {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.requirements !== undefined ? { requirements: patch.requirements.trim() } : {}),
      ...(patch.nameEn !== undefined ? { name_en: englishOrNull(patch.nameEn) } : {}),
      ...(patch.requirementsEn !== undefined ? { requirements_en: englishOrNull(patch.requirementsEn) } : {}),
      min_count: minCount,
      max_count: maxCount,
      ...(patch.sortOrder !== undefined ? { sort_order: Math.trunc(patch.sortOrder) } : {}),
    };
    await trx.updateTable('material_categories').set(set).where('code', '=', code).execute();
    await auditAdmin(trx, deps, actor, 'admin.material_changed', {
      code,
      before: { name: before.name, requirements: before.requirements, nameEn: before.name_en, requirementsEn: before.requirements_en, minCount: before.min_count, maxCount: before.max_count, sortOrder: before.sort_order },
      after: patch,
    });
    return true;
  });
  catalogChanged(deps.db);
  if (!found) return outOfScope(deps, actor, { materialCode: code, what: 'update_material' });
  if (patch.minCount !== undefined || patch.maxCount !== undefined) await refreshMaterialsCompleteness(deps.store, null);
  return (await getCatalog(deps, actor)).materials.find((m) => m.code === code)!;
}

/** Only a category no one ever uploaded to; otherwise hide it with a rule. */
export async function deleteMaterialCategory(deps: Deps, actor: Actor, code: string): Promise<void> {
  await requireNational(deps, actor, { materialCode: code, what: 'delete_material' });
  const removed = await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('material_categories').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) return null;
    const used = await trx.selectFrom('images').select('id').where('category_code', '=', code).limit(1).executeTakeFirst();
    if (used) throw new AppError('CATEGORY_IN_USE', { name: row.name });
    await trx.deleteFrom('requirement_rules').where('material_code', '=', code).execute();
    await trx.deleteFrom('material_categories').where('code', '=', code).execute();
    await auditAdmin(trx, deps, actor, 'admin.material_deleted', { code, name: row.name });
    return row;
  });
  catalogChanged(deps.db);
  if (!removed) return outOfScope(deps, actor, { materialCode: code, what: 'delete_material' });
  if (isUploadedExample(removed.example_image)) await deps.blobs.delete(removed.example_image).catch(() => undefined);
  await refreshMaterialsCompleteness(deps.store, null);
}

/**
 * A new example image (示例) for a category: checked and re-encoded like an upload (no
 * watermark), stored in the blob store under examples/, and served instead of the built-in
 * drawing from then on.
 */
export async function setExampleImage(deps: Deps, actor: Actor, code: string, bytes: Buffer) {
  await requireNational(deps, actor, { materialCode: code, what: 'set_example' });
  const exists = await deps.db.selectFrom('material_categories').select('code').where('code', '=', code).executeTakeFirst();
  if (!exists) return outOfScope(deps, actor, { materialCode: code, what: 'set_example' });
  const prepared = await deps.examplePipeline.prepare(bytes);
  const now = deps.clock.now();
  const key = `${EXAMPLE_PREFIX}${code.replace(/_/g, '-')}-${crypto.randomUUID()}.jpg`;
  await deps.db.insertInto('pending_blobs').values({ key, created_at: toDbTime(now) }).execute();
  await deps.blobs.put(key, prepared.image);
  let previous: string | null = null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('material_categories').select('example_image').where('code', '=', code).executeTakeFirstOrThrow();
      previous = before.example_image;
      await trx.updateTable('material_categories').set({ example_image: key }).where('code', '=', code).execute();
      await trx.deleteFrom('pending_blobs').where('key', '=', key).execute();
      await auditAdmin(trx, deps, actor, 'admin.example_image_set', { code, key, width: prepared.width, height: prepared.height, bytes: prepared.image.length });
    });
    catalogChanged(deps.db);
  } catch (e) {
    await deps.blobs.delete(key).catch(() => undefined);
    await deps.db.deleteFrom('pending_blobs').where('key', '=', key).execute().catch(() => undefined);
    throw e;
  }
  if (isUploadedExample(previous)) await deps.blobs.delete(previous).catch(() => undefined);
  return (await getCatalog(deps, actor)).materials.find((m) => m.code === code)!;
}

/** Back to the built-in drawing (assets/examples/<code>.png), where there is one. */
export async function resetExampleImage(deps: Deps, actor: Actor, code: string) {
  await requireNational(deps, actor, { materialCode: code, what: 'reset_example' });
  const previous = await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('material_categories').select('example_image').where('code', '=', code).executeTakeFirst();
    if (!before) return undefined;
    await trx.updateTable('material_categories').set({ example_image: `${code}.png` }).where('code', '=', code).execute();
    await auditAdmin(trx, deps, actor, 'admin.example_image_reset', { code });
    return before.example_image;
  });
  catalogChanged(deps.db);
  if (previous === undefined) return outOfScope(deps, actor, { materialCode: code, what: 'reset_example' });
  if (isUploadedExample(previous)) await deps.blobs.delete(previous).catch(() => undefined);
  return (await getCatalog(deps, actor)).materials.find((m) => m.code === code)!;
}

/**
 * The example image of a category for GET /api/v1/catalog/examples/{code}.png: an uploaded
 * one from the blob store, else the name of the built-in file; null when there is none.
 */
export async function readExampleImage(deps: Deps, code: string): Promise<{ bytes: Buffer; contentType: string; etag: string } | { builtIn: string } | null> {
  const row = await deps.db.selectFrom('material_categories').select('example_image').where('code', '=', code).executeTakeFirst();
  if (row && isUploadedExample(row.example_image)) {
    const bytes = await deps.blobs.get(row.example_image);
    if (bytes) return { bytes, contentType: 'image/jpeg', etag: `"${crypto.createHash('sha256').update(row.example_image).digest('hex').slice(0, 16)}"` };
  }
  if (row && row.example_image === null) return null;
  return { builtIn: `${code}.png` };
}

export async function createExamCategory(deps: Deps, actor: Actor, input: { code: string; name: string }) {
  await requireNational(deps, actor, { examCategoryCode: input.code, what: 'create_exam_category' });
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^\d{3}$/.test(code)) throw new AppError('VALIDATION_FAILED', { reason: '报考类别代码须为 3 位数字（如 110 临床执业医师）' });
  if (name.length < 2 || name.length > 30) throw new AppError('VALIDATION_FAILED', { reason: '报考类别名称须为 2–30 个字' });
  await deps.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('exam_categories')
      .select(['code', 'name'])
      .where((eb) => eb.or([eb('code', '=', code), eb('name', '=', name)]))
      .executeTakeFirst();
    if (taken) throw new AppError('CODE_TAKEN', { code: taken.code === code ? code : name });
    const last = await trx.selectFrom('exam_categories').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
    await trx.insertInto('exam_categories').values({ code, name, sort_order: toInt(last?.m) + 1 }).execute();
    await auditAdmin(trx, deps, actor, 'admin.exam_category_created', { code, name });
  });
  catalogChanged(deps.db);
  return { code, name };
}

export async function renameExamCategory(deps: Deps, actor: Actor, code: string, input: { name: string }) {
  await requireNational(deps, actor, { examCategoryCode: code, what: 'rename_exam_category' });
  const name = input.name.trim();
  if (name.length < 2 || name.length > 30) throw new AppError('VALIDATION_FAILED', { reason: '报考类别名称须为 2–30 个字' });
  const found = await deps.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('exam_categories').select('code').where('name', '=', name).where('code', '<>', code).executeTakeFirst();
    if (clash) throw new AppError('CODE_TAKEN', { code: name });
    const res = await trx.updateTable('exam_categories').set({ name }).where('code', '=', code).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await auditAdmin(trx, deps, actor, 'admin.exam_category_renamed', { code, name });
    return true;
  });
  catalogChanged(deps.db);
  if (!found) return outOfScope(deps, actor, { examCategoryCode: code, what: 'rename_exam_category' });
  return { code, name };
}
