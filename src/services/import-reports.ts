import type { Actor, Deps } from './deps.js';
import type { ImportReportSummary } from '../ports/repositories/imports.js';
import type { ImportErrorReport } from '../ports/import-report-writer.js';
import { adminRegion, outOfScope } from './admin-scope.js';

/**
 * Past imports and their error reports. A regional administrator sees the imports made for
 * its region; a national one sees all. The rejected rows are decrypted only for download.
 */
function reportView(r: ImportReportSummary) {
  return {
    id: r.id,
    fileName: r.fileName,
    format: r.fileFormat,
    importedBy: r.actorUsername,
    regionScope: r.regionScope,
    totalRows: r.totalRows,
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    rejectedRows: r.rejected,
    createdAt: r.createdAt.toISOString(),
    reportUrl: r.rejected > 0 ? `/api/v1/admin/registrations/imports/${r.id}/errors.csv` : null,
  };
}

export async function listImportReports(deps: Deps, actor: Actor) {
  const scope = adminRegion(actor);
  const rows = await deps.store.imports.listReports(scope, 50);
  return { items: rows.map(reportView) };
}

export async function getImportReport(deps: Deps, actor: Actor, reportId: string): Promise<ImportErrorReport & { fileName: string }> {
  const scope = adminRegion(actor);
  const row = await deps.store.imports.findReport(reportId, scope);
  if (!row) return outOfScope(deps, actor, { reportId, what: 'import_report' });
  return { fileName: row.fileName, ...(JSON.parse(deps.cipher.decrypt(row.reportCipher)) as ImportErrorReport) };
}

/** The error report as a file to download: `<uploaded name>-导入错误.csv` or `.xlsx`. */
export async function importReportFile(deps: Deps, actor: Actor, reportId: string, format: 'csv' | 'xlsx') {
  const report = await getImportReport(deps, actor, reportId);
  const base = `${report.fileName.replace(/\.(csv|xlsx|txt)$/i, '')}-导入错误`;
  return format === 'xlsx'
    ? { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await deps.importReports.xlsx(report) }
    : { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', bytes: deps.importReports.csv(report) };
}
