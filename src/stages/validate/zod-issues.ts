/**
 * Turns zod's issues for one row into located issues. A rule in the row schemas carries its own
 * code (`params.code`, see stages/ingest/readers/schemas.ts); zod's built-in issues map by kind.
 */
import type { z } from "zod";
import type { IssueCode } from "../../contracts/codes.js";
import { makeIssue, type Issue } from "../../contracts/issue.js";
import type { RawCells } from "../../contracts/rows.js";

function codeFor(issue: z.core.$ZodIssue, value: string | undefined): IssueCode {
  const declared = (issue as { params?: { code?: IssueCode } }).params?.code;
  if (declared) return declared;
  switch (issue.code) {
    case "invalid_type":
      return value === undefined ? "VALIDATE_REQUIRED" : "VALIDATE_INVALID_TYPE";
    case "invalid_value":
      return "VALIDATE_NOT_ALLOWED";
    case "too_small":
    case "too_big":
      return "VALIDATE_OUT_OF_RANGE";
    case "invalid_format":
      return "VALIDATE_INVALID_FORMAT";
    default:
      return "VALIDATE_INVALID_TYPE";
  }
}

export function zodIssues(error: z.ZodError, at: { pipeline: string; file: string; line: number; cells: RawCells; raw: string }): Issue[] {
  return error.issues.map((zi) => {
    const field = zi.path.length > 0 ? String(zi.path[0]) : null;
    const value = field === null ? undefined : at.cells[field];
    return makeIssue({
      code: codeFor(zi, value),
      pipeline: at.pipeline,
      file: at.file,
      line: at.line,
      field,
      value: value ?? null,
      rule: zi.message,
      row: at.raw,
    });
  });
}
