/**
 * Where a run's issues go. Stages add issues here instead of throwing; the runner reads the
 * counts to decide the outcome. Memory stays bounded however many issues a file has: counts by
 * code are exact, the first EXAMPLES_PER_CODE of each code are kept for the terminal and the
 * RunResult, and every issue goes to a sorter that spills to the run's workspace, from which
 * validation.json and rejects.csv are written in file and line order.
 */
import type { IssueCode, Severity, Stage } from "./codes.js";
import type { Issue } from "./issue.js";
import { ExternalSorter } from "../stream/external-sort.js";
import { decodeRecord, detach, encodeRecord } from "../stream/record-codec.js";

const EXAMPLES_PER_CODE = 100;

export class IssueLog {
  private readonly examples = new Map<IssueCode, Issue[]>();
  private readonly byCode = new Map<IssueCode, { severity: Severity; count: number }>();
  private readonly byStage = new Map<Stage, { errors: number; warnings: number }>();
  private readonly all: ExternalSorter;
  errors = 0;
  warnings = 0;

  /** With `strict`, every warning is recorded as an error (`--strict`). Without `spillDir`,
   *  every issue is held in memory (for small runs and tests). */
  constructor(private readonly options: { strict?: boolean; spillDir?: string } = {}) {
    this.all = new ExternalSorter({ dir: options.spillDir ?? "", name: "issues", runChars: options.spillDir ? 1 << 22 : Infinity });
  }

  /** Records an issue and returns it as recorded (a warning becomes an error when strict). */
  add(original: Issue): Issue {
    const issue: Issue = {
      ...original,
      severity: this.options.strict && original.severity === "warning" ? "error" : original.severity,
      // The message goes into the spilled record as it is (the value and row only inside the
      // record's fresh JSON text): detached, so that record holds no file chunk.
      message: detach(original.message),
    };
    const code = this.byCode.get(issue.code);
    if (code) code.count++;
    else this.byCode.set(issue.code, { severity: issue.severity, count: 1 });
    let list = this.examples.get(issue.code);
    if (!list) this.examples.set(issue.code, (list = []));
    if (list.length < EXAMPLES_PER_CODE) {
      // Kept for the report until the run ends: detached from the file chunks they were cut from.
      list.push({ ...issue, value: issue.value === null ? null : detach(issue.value), row: issue.row === null ? null : detach(issue.row) });
    }
    let stage = this.byStage.get(issue.stage);
    if (!stage) this.byStage.set(issue.stage, (stage = { errors: 0, warnings: 0 }));
    if (issue.severity === "error") {
      this.errors++;
      stage.errors++;
    } else {
      this.warnings++;
      stage.warnings++;
    }
    this.all.add(encodeRecord([issue.file ?? "", String(issue.line ?? 0).padStart(10, "0"), issue.field ?? "", issue.code, issue.message, JSON.stringify(issue)]));
    return issue;
  }

  addAll(issues: Iterable<Issue> | undefined): void {
    if (issues) for (const i of issues) this.add(i);
  }

  get total(): number {
    return this.errors + this.warnings;
  }

  stageCounts(stage: Stage): { errors: number; warnings: number } {
    return { ...(this.byStage.get(stage) ?? { errors: 0, warnings: 0 }) };
  }

  /** The kept examples (every issue when there are at most EXAMPLES_PER_CODE of each code),
   *  ordered by file, line, field and code so reports read top to bottom. */
  list(): Issue[] {
    return [...this.examples.values()].flat().sort(compareIssues);
  }

  /** Every issue, in the same order, streamed. */
  async *sorted(): AsyncGenerator<Issue> {
    for await (const batch of this.all.sorted()) for (const line of batch) yield JSON.parse(decodeRecord(line)[5]!) as Issue;
  }

  counts(): { code: IssueCode; severity: Severity; count: number }[] {
    return [...this.byCode.entries()]
      .map(([code, c]) => ({ code, severity: c.severity, count: c.count }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async dispose(): Promise<void> {
    await this.all.dispose();
  }
}

function compareIssues(a: Issue, b: Issue): number {
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
