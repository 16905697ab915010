/**
 * The sort costs in proportion to the disorder (issue 16, "the decision"): valid figures that
 * arrive in key order are written by the worker threads as they come, not sorted; a file of a
 * few sorted stretches becomes a few runs; a shuffled file is sorted as before. Whatever the
 * order, the published files are byte for byte those of the full sort (OPENFIGURES_SORT=full).
 * The mechanism is shown by the counts the workers hand back with their runs, not by time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runPipeline } from "../../src/index.js";
import { ExternalSorter, type SortStats } from "../../src/stream/external-sort.js";
import { rawFolder } from "../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";
import { shuffled } from "../helpers/shuffle.js";

const COUNTRIES = ["CHN", "EGY", "KEN", "NGA", "ZAF"];

/** 12,000 figures, in key order (country, indicator, period, source), with a few rows that are
 *  rejected (they never reach the sorter) and a second source for some keys. */
function inKeyOrder(): string[] {
  const out: string[] = [];
  let i = 0;
  for (const c of COUNTRIES) {
    for (let year = 1000; year < 3400; year++, i++) {
      if (i % 211 === 0) out.push(`${c},population,${year},${(i % 900) + 7} thousand,persons,src-a,"another source, ${i}"`);
      if (i % 97 === 0) out.push(`${c},population,${year},lots,persons,src-b,bad ${i}`);
      else out.push(`${c},population,${year},${(i % 900) + 1} thousand,persons,src-b,"Row ${i}, quoted"`);
    }
  }
  return out;
}

/** Two sorted stretches: the even years, then the odd ones. */
function twoStretches(rows: readonly string[]): string[] {
  const odd = (r: string) => Number(r.split(",")[2]) % 2 === 1;
  return [...rows.filter((r) => !odd(r)), ...rows.filter(odd)];
}

const FILES = ["indicators.csv", "indicators.json", "validation.json", "rejects.csv", "changes.json", "datapackage.json"];

/** Runs the pipeline on `rows` in worker threads, with runs detected and with the full sort;
 *  returns the published bytes of each and the counts the workers handed back. */
async function bothWays(rows: string[]): Promise<{ stats: SortStats; valid: number; detected: Buffer[]; full: Buffer[] }> {
  const { raw } = rawFolder("test-figures", { "figures.csv": figuresCsv(rows), "sources.csv": SOURCES_CSV });
  const pipeline = testPipeline({ derivations: [] });
  const got: Record<string, Buffer[]> = {};
  let stats: SortStats | undefined;
  let valid = 0;
  for (const sort of ["detect", "full"]) {
    const spy = vi.spyOn(ExternalSorter.prototype, "addRuns");
    const out = join(raw, "..", `out-${sort}`);
    const r = await runPipeline(pipeline, {
      rawDir: raw,
      outDir: out,
      maxRejected: "100%",
      env: { SOURCE_DATE_EPOCH: "1572000000", OPENFIGURES_WORKERS: "2", OPENFIGURES_BATCH_CHARS: String(64 << 10), ...(sort === "full" ? { OPENFIGURES_SORT: "full" } : {}) },
    });
    expect(r.status).toBe("succeeded");
    if (sort === "detect") {
      expect(spy).toHaveBeenCalledTimes(1);
      stats = spy.mock.calls[0]![1];
      valid = r.inputs.find((i) => i.input === "figures")!.rowsPublished;
    } else expect(spy.mock.calls[0]![1]!.streamed).toBe(0);
    spy.mockRestore();
    got[sort] = FILES.map((f) => readFileSync(join(out, "test-figures", f)));
  }
  return { stats: stats!, valid, detected: got.detect!, full: got.full! };
}

function expectSameBytes(a: Buffer[], b: Buffer[]): void {
  for (const [i, f] of FILES.entries()) expect(a[i]!.equals(b[i]!), f).toBe(true);
}

describe("sorting the valid figures (worker threads)", () => {
  it("streams a file in key order through without sorting it, publishing the same bytes", async () => {
    const { stats, valid, detected, full } = await bothWays(inKeyOrder());
    expect(valid).toBeGreaterThan(11_000);
    expect(stats).toMatchObject({ streamed: valid, sorted: 0 });
    expect(stats.runs).toBeLessThanOrEqual(2); // one per worker
    expectSameBytes(detected, full);
  });

  it("writes a file of two sorted stretches as a few runs, sorting almost nothing", async () => {
    const { stats, valid, detected, full } = await bothWays(twoStretches(inKeyOrder()));
    expect(stats).toMatchObject({ streamed: valid, sorted: 0 });
    expect(stats.runs).toBeLessThanOrEqual(4); // two per worker
    expectSameBytes(detected, full);
  });

  it("sorts a shuffled file, publishing the same bytes", async () => {
    const { stats, valid, detected, full } = await bothWays(shuffled(inKeyOrder(), 11));
    expect(stats.streamed + stats.sorted).toBe(valid);
    expect(stats.sorted).toBeGreaterThan(valid * 0.9);
    expectSameBytes(detected, full);
  });
});
