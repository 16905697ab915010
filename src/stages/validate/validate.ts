/**
 * The validate stage: each row against its input's zod schema, then the pipeline's declared
 * checks. It returns issues and never throws on bad data. A row with an error-level issue
 * located on it is rejected; every other row goes on to transform.
 */
import type { Issue } from "../../pipeline/issue.js";
import type { IssueLog } from "../../pipeline/issue-log.js";
import type { PipelineDefinition, RawCells, ValidRow } from "../../pipeline/types.js";
import type { CheckRun } from "./checks/check.js";
import { zodIssues } from "./zod-issues.js";

export class Validator {
  private readonly runs: CheckRun[];
  /** file → lines rejected in it, with the codes of their errors. */
  private readonly rejected = new Map<string, Map<number, Issue[]>>();

  constructor(
    private readonly pipeline: PipelineDefinition,
    private readonly log: IssueLog,
  ) {
    this.runs = pipeline.checks.map((c) => c.start({ pipeline }));
  }

  /** Reports an issue; an error located on a row rejects that row. */
  report(issue: Issue): void {
    const added = this.log.add(issue);
    if (added.severity === "error" && added.file !== null && added.line !== null) {
      let lines = this.rejected.get(added.file);
      if (!lines) this.rejected.set(added.file, (lines = new Map()));
      const list = lines.get(added.line);
      if (list) list.push(added);
      else lines.set(added.line, [added]);
    }
  }

  /** Validates one row; returns it typed and located, or null when it is rejected. */
  row(input: string, file: string, line: number, cells: RawCells, raw: string): ValidRow | null {
    const schema = this.pipeline.inputs[input]!.schema;
    const parsed = schema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error, { pipeline: this.pipeline.id, file, line, cells, raw })) this.report(issue);
      return null;
    }
    const row: ValidRow = { input, file, line, cells, raw };
    for (const run of this.runs) {
      const issues = run.row?.(row);
      if (issues) for (const i of issues) this.report(i);
    }
    return this.isRejected(file, line) ? null : row;
  }

  /** An input has been read to its end (checks that look across inputs may use this). */
  inputDone(input: string): void {
    for (const run of this.runs) {
      const issues = run.inputDone?.(input);
      if (issues) for (const i of issues) this.report(i);
    }
  }

  /** After every input: table-level checks. */
  end(): void {
    for (const run of this.runs) {
      const issues = run.end?.();
      if (issues) for (const i of issues) this.report(i);
    }
  }

  isRejected(file: string, line: number): boolean {
    return this.rejected.get(file)?.has(line) ?? false;
  }

  rejectedCount(file: string): number {
    return this.rejected.get(file)?.size ?? 0;
  }

  /** Issues that rejected a row. */
  rejectionsOf(file: string, line: number): readonly Issue[] {
    return this.rejected.get(file)?.get(line) ?? [];
  }
}
