import { ISSUE_CODES, type IssueCode, type Severity, type Stage } from "./codes.js";

/** One located problem. Every field is always present (null where it does not apply), so
 * reports and tests can rely on the shape. */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  stage: Stage;
  pipeline: string;
  file: string | null;
  line: number | null;
  field: string | null;
  value: string | null;
  message: string;
  /** The row as written in the file, when the issue is about one row. */
  row: string | null;
}

/** Where a stage hands the issues it finds: the run's IssueLog (pipeline/issue-log.ts), which
 *  returns each as recorded (a warning becomes an error under `--strict`). */
export interface IssueSink {
  add(issue: Issue): Issue;
}

export interface IssueInput {
  code: IssueCode;
  pipeline: string;
  file?: string | null | undefined;
  line?: number | null | undefined;
  field?: string | null | undefined;
  /** The value received, exactly as read. Omit when there is none to show. */
  value?: string | null | undefined;
  /** The rule, in words: `expected a number as printed, such as "45.7 million"`. */
  rule: string;
  severity?: Severity | undefined;
  stage?: Stage | undefined;
  /** The row as written, for reports that show issues with their rows. */
  row?: string | null | undefined;
  /** The rule already quotes the value (plausibility checks): don't append ", got …". */
  valueInRule?: boolean | undefined;
}

/** `figures.csv:14 field "value"`, `figures.csv:14`, `figures.csv` or the pipeline id. */
export function formatLocation(p: { pipeline: string; file?: string | null; line?: number | null; field?: string | null }): string {
  let loc = p.file ?? p.pipeline;
  if (p.file != null && p.line != null) loc += `:${p.line}`;
  if (p.field != null) loc += ` field "${p.field}"`;
  return loc;
}

/**
 * A figure's place within a run: `figures.csv:14` for a row of a row layout, the row being the
 * figure; `API_SP.POP.TOTL.csv:9:2018` for a table cell (file names hold no colon, so what
 * follows the second one is the column). What an issue and the figure it rejects have in
 * common: a check's error rejects the figures of the same place (issuePlaces).
 */
export function placeId(file: string | null, line: number | null, column: string | null): string {
  return column === null ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** The places an error located on a line rejects: the row there (a row layout's), and the cell
 *  its field names (a table's; an issue about a table cell names its column as the field). */
export function issuePlaces(issue: Pick<Issue, "file" | "line" | "field">): string[] {
  const row = placeId(issue.file, issue.line, null);
  return issue.field === null ? [row] : [row, placeId(issue.file, issue.line, issue.field)];
}

const MAX_SHOWN_VALUE = 80;

/** Quote a received value for a message, cut to a readable length. */
export function showValue(value: string): string {
  const cut = value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
  return JSON.stringify(cut);
}

export function makeIssue(input: IssueInput): Issue {
  const info = ISSUE_CODES[input.code];
  const file = input.file ?? null;
  const line = input.line ?? null;
  const field = input.field ?? null;
  const value = input.value ?? null;
  const loc = formatLocation({ pipeline: input.pipeline, file, line, field });
  const got = value === null || input.valueInRule ? "" : `, got ${showValue(value)}`;
  return {
    code: input.code,
    severity: input.severity ?? info.severity,
    stage: input.stage ?? info.stage,
    pipeline: input.pipeline,
    file,
    line,
    field,
    value,
    message: `${loc}: ${input.rule}${got}`,
    row: input.row ?? null,
  };
}
