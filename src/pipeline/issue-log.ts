/**
 * Where a run's issues go. Stages add issues here instead of throwing; the runner reads the
 * counts to decide the outcome. Memory and disk stay bounded however many issues a run has:
 *
 * - counts by code are exact;
 * - the first `examples` issues of each code, in report order (file, line, field, code,
 *   message), are what validation.json lists (`listed()`); the first hundred of those (or fewer,
 *   with a smaller limit) are also kept in memory for the terminal, run.json and the PDF;
 * - every error goes to a sorter that spills to the run's workspace, because rejects.csv gives
 *   every rejected row its reasons (`everyError()`); a warning goes there only while it can still be
 *   among the first `examples` of its code (first-keys.ts), so a million warnings of one kind
 *   cost a count, not a gigabyte (issue 11).
 */
import type { IssueCode, Severity, Stage } from "../contracts/codes.js";
import { FirstKeys } from "./first-keys.js";
import type { Issue, IssueSink } from "../contracts/issue.js";
import { ExternalSorter } from "../stream/external-sort.js";
import { SEP, decodeRecord, detach, encodeRecord, escapeField } from "../stream/record-codec.js";

/** Issues of one code listed in validation.json unless a pipeline or run says otherwise: the
 *  default of Frictionless's `limit_errors`. A listed issue takes about 0.5–1.5 KB, so a report
 *  stays within a few megabytes however many issues the run has. */
export const DEFAULT_REPORT_EXAMPLES = 1000;
/** A number of issues of one code to list in validation.json (0: counts only). */
export function isExampleLimit(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** Issues of one code kept in memory for the terminal, run.json and the PDF (at most the limit). */
const IN_MEMORY = 100;

interface CodeState {
  severity: Severity;
  count: number;
  /** The first issues of the code in report order, with their sort keys; at most `inMemory`. */
  kept: { key: string; issue: Issue }[];
  /** Which warnings may still be among the first `limit` (errors are always spilled). */
  first: FirstKeys;
}

export class IssueLog implements IssueSink {
  private readonly byCode = new Map<IssueCode, CodeState>();
  private readonly byStage = new Map<Stage, { errors: number; warnings: number }>();
  private readonly all: ExternalSorter;
  private readonly inMemory: number;
  /** Issues listed per code in validation.json. */
  readonly limit: number;
  errors = 0;
  warnings = 0;
  /** Issues written to the sorter (every error, and the warnings that may be listed). */
  spilled = 0;

  /** With `strict`, every warning is recorded as an error (`--strict`). Without `spillDir`,
   *  the sorter holds its issues in memory (for small runs and tests). `examples`: the issues
   *  of each code listed in validation.json (default DEFAULT_REPORT_EXAMPLES). */
  constructor(private readonly options: { strict?: boolean; spillDir?: string; examples?: number } = {}) {
    this.all = new ExternalSorter({ dir: options.spillDir ?? "", name: "issues", runChars: options.spillDir ? 1 << 22 : Infinity });
    this.limit = options.examples ?? DEFAULT_REPORT_EXAMPLES;
    this.inMemory = Math.min(this.limit, IN_MEMORY);
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
    let state = this.byCode.get(issue.code);
    if (!state) this.byCode.set(issue.code, (state = { severity: issue.severity, count: 0, kept: [], first: new FirstKeys(this.limit) }));
    state.count++;
    // Report order is the order of the spilled records: place (file, line, field), code, message.
    const place = encodeRecord([issue.file ?? "", String(issue.line ?? 0).padStart(10, "0"), issue.field ?? ""]);
    const key = `${place}${SEP}${escapeField(issue.code)}${SEP}${escapeField(issue.message)}`;
    this.keep(state, key, issue);
    let stage = this.byStage.get(issue.stage);
    if (!stage) this.byStage.set(issue.stage, (stage = { errors: 0, warnings: 0 }));
    if (issue.severity === "error") {
      this.errors++;
      stage.errors++;
    } else {
      this.warnings++;
      stage.warnings++;
    }
    if (issue.severity === "error" || state.first.offer(place)) {
      this.all.add(`${key}${SEP}${escapeField(JSON.stringify(issue))}`);
      this.spilled++;
    }
    return issue;
  }

  /** Keeps the issue in memory if it is among the first of its code so far. */
  private keep(state: CodeState, key: string, issue: Issue): void {
    const kept = state.kept;
    if (this.inMemory === 0) return;
    if (kept.length >= this.inMemory && !(key < kept[kept.length - 1]!.key)) return;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.key <= key) lo = mid + 1;
      else hi = mid;
    }
    // Kept for the report until the run ends: detached from the file chunks they were cut from.
    kept.splice(lo, 0, { key, issue: { ...issue, value: issue.value === null ? null : detach(issue.value), row: issue.row === null ? null : detach(issue.row) } });
    if (kept.length > this.inMemory) kept.pop();
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

  /** The issues kept in memory (the first hundred of each code, or the limit if smaller), in
   *  report order: the beginning of what validation.json lists. */
  list(): Issue[] {
    const kept = [...this.byCode.values()].flatMap((s) => s.kept);
    return kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((k) => k.issue);
  }

  /** The first `limit` issues of each code, in report order, streamed (validation.json). */
  async *listed(): AsyncGenerator<Issue> {
    const shown = new Map<string, number>();
    for await (const batch of this.all.sorted()) {
      for (const line of batch) {
        const fields = decodeRecord(line);
        const n = shown.get(fields[3]!) ?? 0;
        if (n >= this.limit) continue;
        shown.set(fields[3]!, n + 1);
        yield JSON.parse(fields[5]!) as Issue;
      }
    }
  }

  /** Every error, in report order, streamed (rejects.csv gives each rejected row its reasons). */
  async *everyError(): AsyncGenerator<Issue> {
    for await (const batch of this.all.sorted()) {
      for (const line of batch) {
        const issue = JSON.parse(decodeRecord(line)[5]!) as Issue;
        if (issue.severity === "error") yield issue;
      }
    }
  }

  counts(): { code: IssueCode; severity: Severity; count: number }[] {
    return [...this.byCode.entries()].map(([code, c]) => ({ code, severity: c.severity, count: c.count })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async dispose(): Promise<void> {
    await this.all.dispose();
  }
}
