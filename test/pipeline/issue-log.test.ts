/**
 * The issue log: exact counts, the first N issues of each code in report order (validation.json),
 * every error (rejects.csv), and a spill that holds a warning only while it can still be listed.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_REPORT_EXAMPLES, IssueLog } from "../../src/pipeline/issue-log.js";
import { makeIssue, type Issue } from "../../src/contracts/issue.js";
import type { IssueCode } from "../../src/contracts/codes.js";
import { tempDir } from "../helpers/fixtures.js";

const issue = (code: IssueCode, line: number) => makeIssue({ code, pipeline: "p", file: "figures.csv", line, field: "value", value: String(line), rule: `case ${line}` });

async function collect(it: AsyncIterable<Issue>): Promise<Issue[]> {
  const out: Issue[] = [];
  for await (const i of it) out.push(i);
  return out;
}

describe("IssueLog", () => {
  it("lists the first N of each code in file and line order, whatever order they arrive in", async () => {
    const log = new IssueLog({ examples: 3, spillDir: tempDir() });
    for (const line of [50, 9, 31, 7, 12, 40, 8, 3]) log.add(issue("CHECK_SHARE_MISMATCH", line));
    for (const line of [20, 2]) log.add(issue("CHECK_CONCEPT_GAP", line));
    const listed = await collect(log.listed());
    expect(listed.map((i) => [i.code, i.line])).toEqual([
      ["CHECK_CONCEPT_GAP", 2],
      ["CHECK_SHARE_MISMATCH", 3],
      ["CHECK_SHARE_MISMATCH", 7],
      ["CHECK_SHARE_MISMATCH", 8],
      ["CHECK_CONCEPT_GAP", 20],
    ]);
    expect(log.counts()).toEqual([
      { code: "CHECK_CONCEPT_GAP", severity: "warning", count: 2 },
      { code: "CHECK_SHARE_MISMATCH", severity: "warning", count: 8 },
    ]);
    // What the terminal, run.json and the PDF show is the beginning of the same list.
    expect(log.list()).toEqual(listed);
    await log.dispose();
  });

  it("spills a warning only while it can still be listed, and every error", async () => {
    const log = new IssueLog({ examples: 10, spillDir: tempDir() });
    // In file order, as most checks report: after the first ten, none can be listed.
    for (let line = 2; line < 100_002; line++) log.add(issue("CHECK_SHARE_MISMATCH", line));
    expect(log.spilled).toBe(10);
    for (let line = 2; line < 502; line++) log.add(issue("VALIDATE_INVALID_TYPE", line));
    expect(log.spilled).toBe(510);
    expect(log.warnings).toBe(100_000);
    expect((await collect(log.everyError())).map((i) => i.line)).toEqual(Array.from({ length: 500 }, (_, i) => i + 2));
    expect((await collect(log.listed())).map((i) => [i.code, i.line])).toEqual([
      ...Array.from({ length: 10 }, (_, i) => [
        ["CHECK_SHARE_MISMATCH", i + 2],
        ["VALIDATE_INVALID_TYPE", i + 2],
      ]).flat(),
    ]);
    await log.dispose();
  });

  it("keeps in memory at most a hundred of a code, and no more than the limit", () => {
    const big = new IssueLog();
    const small = new IssueLog({ examples: 4 });
    const none = new IssueLog({ examples: 0 });
    for (let line = 2; line < 302; line++) for (const log of [big, small, none]) log.add(issue("CHECK_CONCEPT_GAP", line));
    expect(big.list()).toHaveLength(100);
    expect(small.list().map((i) => i.line)).toEqual([2, 3, 4, 5]);
    expect(none.list()).toEqual([]);
    expect(none.spilled).toBe(0);
    expect(none.counts()[0]!.count).toBe(300);
  });

  it("lists a thousand of each code by default, as Frictionless's limit_errors", async () => {
    expect(DEFAULT_REPORT_EXAMPLES).toBe(1000);
    const log = new IssueLog();
    for (let line = 1500; line > 0; line--) log.add(issue("CHECK_PART_EXCEEDS_WHOLE", line));
    const listed = await collect(log.listed());
    expect(listed).toHaveLength(1000);
    expect(listed[999]!.line).toBe(1000);
  });
});
