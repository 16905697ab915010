/** Checks a file's header row against the columns its input declares. */
import type { IssueCode } from "../../contracts/codes.js";

export interface HeaderProblem {
  code: Extract<IssueCode, `INGEST_HEADER_${string}`>;
  column: string;
  rule: string;
}

export function checkHeader(header: readonly string[], expected: readonly string[]): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  if (!header.some((h) => expected.includes(h.trim().toLowerCase()))) {
    return [{ code: "INGEST_HEADER_MISSING", column: "", rule: `the first row must be the header ${expected.join(",")}, got ${header.join(",")}` }];
  }
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) problems.push({ code: "INGEST_HEADER_DUPLICATE", column: name, rule: `column ${JSON.stringify(name)} appears more than once in the header` });
    seen.add(name);
  }
  for (const name of expected) {
    if (!seen.has(name)) {
      const near = header.find((h) => h.trim().toLowerCase() === name);
      const hint = near === undefined ? "" : ` (found ${JSON.stringify(near)}: check spaces and case)`;
      problems.push({ code: "INGEST_HEADER_MISSING", column: name, rule: `the header must have a column ${JSON.stringify(name)}${hint}; expected ${expected.join(",")}` });
    }
  }
  for (const name of new Set(header)) {
    if (!expected.includes(name)) {
      problems.push({ code: "INGEST_HEADER_UNKNOWN", column: name, rule: `column ${JSON.stringify(name)} is not part of this input (${expected.join(",")}); remove it or declare it` });
    }
  }
  return problems;
}
