import { expect } from "vitest";
import type { Issue } from "../../src/contracts/issue.js";
import type { IssueCode } from "../../src/contracts/codes.js";

/** [code, file, line, field] — the located core of an issue, as the style guide asks tests to assert. */
export type IssueTuple = [IssueCode, string | null, number | null, string | null];

function flatten(issues: readonly Issue[]): IssueTuple[] {
  return issues.map((i) => [i.code, i.file, i.line, i.field]);
}

/** Asserts the issues, in report order, are exactly these. */
export function expectIssues(source: { issues: readonly Issue[] } | readonly Issue[], expected: IssueTuple[]): void {
  const issues = "issues" in source ? source.issues : source;
  expect(flatten(issues)).toEqual(expected);
}
