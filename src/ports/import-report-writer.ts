/** An import's rejected rows in the import's own columns, each with its line and reasons. */
export interface ImportErrorReport {
  columns: string[];
  rows: Array<{ line: number; cells: string[]; messages: string[] }>;
}

/** Writes the downloadable error report of an import (CSV for Excel, or xlsx). */
export interface ImportReportWriter {
  csv(report: ImportErrorReport): Buffer;
  xlsx(report: ImportErrorReport): Promise<Buffer>;
}
