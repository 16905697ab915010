/**
 * One record per line for spill files: fields joined by U+0001, which sorts below every other
 * character, so sorting encoded lines sorts by their fields left to right. Backslash, line
 * breaks and U+0001 inside a field are escaped (rare in practice: only then is the slow path
 * taken). Cheaper than JSON per record, which matters at millions of rows.
 */
export const SEP = "\u0001";
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0001 is the field separator, escaped in fields
const NEEDS_ESCAPE = /[\\\n\r\u0001]/;

export function escapeField(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0001 is the field separator, escaped in fields
  return s.replace(/[\\\n\r\u0001]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\1"));
}

export function unescapeField(s: string): string {
  if (!s.includes("\\")) return s;
  return s.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c === "1" ? SEP : c));
}

export function encodeRecord(fields: readonly string[]): string {
  // Most records need no escaping: one test over the joined line (a separator inside a field
  // is caught as well) instead of one per field, which was 5% of a worker's time.
  const line = fields.length === 0 ? "" : fields.join(SEP);
  if (!HAS_ESCAPED.test(line) && !hasExtraSeparator(line, fields.length)) return line;
  let out = escapeField(fields[0] ?? "");
  for (let i = 1; i < fields.length; i++) out += SEP + escapeField(fields[i]!);
  return out;
}

/** Backslashes and line breaks need escaping; a U+0001 inside a field is found by count. */
const HAS_ESCAPED = /[\\\n\r]/;

/** Whether `line`, joined from `n` fields, holds more separators than the joins: a field held one. */
function hasExtraSeparator(line: string, n: number): boolean {
  let count = 0;
  for (let at = line.indexOf(SEP); at !== -1; at = line.indexOf(SEP, at + 1)) if (++count >= n) return true;
  return false;
}

/** Where the `n`th separator after index `from` is (-1: from the start), or -1 when there are
 *  fewer: reading a record's leading fields without splitting the whole line. */
export function nthIndex(line: string, n: number, from = -1): number {
  let at = from;
  for (let i = 0; i < n && (i === 0 || at >= 0); i++) at = line.indexOf(SEP, at + 1);
  return at;
}

export function decodeRecord(line: string): string[] {
  const parts = line.split(SEP);
  for (let i = 0; i < parts.length; i++) parts[i] = unescapeField(parts[i]!);
  return parts;
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a substring as
 * a view of its parent, so one kept cell of a row can keep a whole megabyte chunk of the file
 * alive; whatever a run keeps for long (issues, rejected rows) is detached first. (Measured: at
 * a million rows, kept issues held 280 MB of file chunks this way.)
 */
export function detach(s: string): string {
  return s.length < 24 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
