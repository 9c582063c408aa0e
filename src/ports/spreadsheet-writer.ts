import type { Readable } from 'node:stream';

/** One column of a written sheet: its header and its width in characters. */
export interface SheetColumn {
  header: string;
  width: number;
}

/**
 * A spreadsheet file being written. Rows go out as they are added, so a sheet of hundreds
 * of thousands of rows never sits in memory whole.
 */
export interface SheetStream {
  /** The file's bytes, as they are written. */
  readonly output: Readable;
  /** Appends one row: one text per column, in column order. */
  addRow(cells: readonly string[]): void;
  /** Ends the sheet and the file; `output` ends once the rest is written. */
  finish(): Promise<void>;
  /** Gives the file up: `output` fails with `error`. */
  abort(error: Error): void;
}

/** Writes downloadable spreadsheets (the review export). */
export interface SpreadsheetWriter {
  /** Starts an xlsx file with one worksheet, `sheetName`, whose first row holds the column headers in bold. */
  start(sheetName: string, columns: readonly SheetColumn[]): SheetStream;
}
