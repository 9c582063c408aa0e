import type { Actor, Deps } from './deps.js';
import { fromDbTime } from '../adapters/db/time.js';
import type { ImportReportTable } from '../adapters/db/schema.js';
import type { ImportReport } from './import-registrations.js';
import { adminRegion, outOfScope } from './admin-scope.js';

/**
 * Past imports and their error reports. A regional administrator sees the imports made for
 * its region; a national one sees all. The rejected rows are decrypted only for download.
 */
function reportView(r: Omit<ImportReportTable, 'report_cipher'>) {
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.file_format,
    importedBy: r.actor_username,
    regionScope: r.region_scope,
    totalRows: r.total_rows,
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    rejectedRows: r.rejected,
    createdAt: fromDbTime(r.created_at).toISOString(),
    reportUrl: r.rejected > 0 ? `/api/v1/admin/registrations/imports/${r.id}/errors.csv` : null,
  };
}

export async function listImportReports(deps: Deps, actor: Actor) {
  const scope = adminRegion(actor);
  const rows = await deps.db
    .selectFrom('import_reports')
    .select(['id', 'account_id', 'actor_username', 'region_scope', 'file_name', 'file_format', 'total_rows', 'imported', 'updated', 'unchanged', 'rejected', 'created_at'])
    .$if(scope !== null, (q) => q.where('region_scope', '=', scope!))
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return { items: rows.map(reportView) };
}

export async function getImportReport(deps: Deps, actor: Actor, reportId: string): Promise<ImportReport & { fileName: string }> {
  const scope = adminRegion(actor);
  const row = await deps.db
    .selectFrom('import_reports')
    .select(['file_name', 'report_cipher'])
    .where('id', '=', reportId)
    .$if(scope !== null, (q) => q.where('region_scope', '=', scope!))
    .executeTakeFirst();
  if (!row) return outOfScope(deps, actor, { reportId, what: 'import_report' });
  return { fileName: row.file_name, ...(JSON.parse(deps.cipher.decrypt(row.report_cipher)) as ImportReport) };
}
