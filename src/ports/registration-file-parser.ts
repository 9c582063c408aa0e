/** One row of an uploaded registration file: its line (CSV) or sheet row (xlsx), the header being 1. */
export interface ParsedRow {
  line: number;
  cells: string[];
}

export interface ParsedFile {
  format: 'csv' | 'xlsx';
  /** 'utf-8', 'gbk', 'utf-16le', 'utf-16be' for CSV; 'xlsx' otherwise. */
  encoding: string;
  rows: ParsedRow[];
}

/** Turns the bytes of a registration file (CSV in any Chinese spreadsheet encoding, or xlsx) into text rows. */
export interface RegistrationFileParser {
  parse(bytes: Buffer): Promise<ParsedFile>;
}
