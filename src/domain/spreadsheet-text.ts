/**
 * Text that a spreadsheet may take for the start of a formula (CSV/formula injection,
 * OWASP): `=` `+` `-` `@`, a leading tab or carriage return, the full-width and small forms
 * (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫, which Excel and WPS fold to ASCII) and the minus sign, also
 * after leading whitespace (including the ideographic space), which spreadsheets skip.
 */
const FORMULA_LEAD = /^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212])/;

export const looksLikeFormula = (text: string): boolean => FORMULA_LEAD.test(text);

/** User text made safe for a spreadsheet cell: a leading apostrophe keeps it text. */
export const neutraliseFormula = (text: string): string => (looksLikeFormula(text) ? `'${text}` : text);
