/**
 * Spreadsheet safety for published CSV (CSV/formula injection, as OWASP describes it). A text
 * cell that starts with = + - @, a tab or a carriage return is run as a formula by Excel,
 * LibreOffice and Google Sheets when the file is opened. Such a cell is written with a leading
 * apostrophe ("=HYPERLINK(…)" → "'=HYPERLINK(…)"), which spreadsheets show as text. Cells that
 * are plain numbers ("-2.1", "-2.1%", "+3") are left as they are, and so is every number column.
 */
const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?%?$/;

export function neutralise(text: string): string {
  if (text.length === 0 || !TRIGGERS.has(text[0]!)) return text;
  return PLAIN_NUMBER.test(text) ? text : `'${text}`;
}
