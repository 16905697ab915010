/**
 * Where a run's issues go. Stages add issues here instead of throwing; the runner reads the
 * counts to decide the outcome and the list to write the reports.
 */
import type { IssueCode, Severity, Stage } from "./codes.js";
import type { Issue } from "./issue.js";

export class IssueLog {
  private readonly items: Issue[] = [];
  private readonly byCode = new Map<IssueCode, number>();
  private readonly byStage = new Map<Stage, { errors: number; warnings: number }>();
  errors = 0;
  warnings = 0;

  /** With `strict`, every warning is recorded as an error (`--strict`). */
  constructor(private readonly options: { strict?: boolean } = {}) {}

  /** Records an issue and returns it as recorded (a warning becomes an error when strict). */
  add(original: Issue): Issue {
    const issue: Issue = this.options.strict && original.severity === "warning" ? { ...original, severity: "error" } : original;
    this.items.push(issue);
    this.byCode.set(issue.code, (this.byCode.get(issue.code) ?? 0) + 1);
    let stage = this.byStage.get(issue.stage);
    if (!stage) this.byStage.set(issue.stage, (stage = { errors: 0, warnings: 0 }));
    if (issue.severity === "error") {
      this.errors++;
      stage.errors++;
    } else {
      this.warnings++;
      stage.warnings++;
    }
    return issue;
  }

  addAll(issues: Iterable<Issue> | undefined): void {
    if (issues) for (const i of issues) this.add(i);
  }

  stageCounts(stage: Stage): { errors: number; warnings: number } {
    return { ...(this.byStage.get(stage) ?? { errors: 0, warnings: 0 }) };
  }

  /** Every issue, ordered by file, line, field and code so reports read top to bottom. */
  list(): Issue[] {
    return [...this.items].sort(compareIssues);
  }

  counts(): { code: IssueCode; severity: Severity; count: number }[] {
    const seen = new Map<IssueCode, Severity>();
    for (const i of this.items) if (!seen.has(i.code)) seen.set(i.code, i.severity);
    return [...this.byCode.entries()]
      .map(([code, count]) => ({ code, severity: seen.get(code) ?? "error", count }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
}

export function compareIssues(a: Issue, b: Issue): number {
  return (
    cmp(a.file ?? "", b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    cmp(a.field ?? "", b.field ?? "") ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
