/**
 * Figures read in worker threads give exactly what the main thread gives: the same published
 * bytes, the same issues, the same rejects, in the same order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { checks, runPipeline } from "../../src/index.js";
import { rawFolder } from "../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

function rows(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = ["KEN", "CHN", "NGA", "ZAF", "EGY"][i % 5];
    const year = 1900 + Math.floor(i / 5);
    if (i % 97 === 0) out.push(`${c},population,${year},lots,persons,src-b,bad ${i}`);
    else if (i % 101 === 0) out.push(`${c},population,${year},1 million,persons,src-b,"never closed`);
    else if (i % 103 === 0) out.push(`${c},population,${year},2 million,persons,src-x,unknown source`);
    else if (i % 107 === 0) out.push(`${c},population,${year},3 million,persons`);
    else out.push(`${c},population,${year},${(i % 900) + 1} thousand,persons,src-b,"Row ${i}, quoted"`);
    if (i % 89 === 0) out.push(`${c},population,${year},${(i % 900) + 7} thousand,persons,src-a,another source`);
  }
  return out;
}

describe("worker threads", () => {
  it("publish the same bytes, issues and rejects as the main thread", async () => {
    // 16 KiB batches: a few dozen, so both workers get some and replies come back out of order.
    const sent = vi.spyOn(Worker.prototype, "postMessage");
    const { raw } = rawFolder("test-figures", { "figures.csv": figuresCsv(rows(6000)), "sources.csv": SOURCES_CSV });
    const pipeline = testPipeline({ derivations: [] });
    const results = [];
    const outs: string[] = [];
    for (const workers of ["0", "2"]) {
      const out = join(raw, "..", `out-${workers}`);
      outs.push(join(out, "test-figures"));
      results.push(
        await runPipeline(pipeline, {
          rawDir: raw,
          outDir: out,
          maxRejected: "100%",
          env: { SOURCE_DATE_EPOCH: "1572000000", OPENFIGURES_WORKERS: workers, OPENFIGURES_BATCH_CHARS: String(16 << 10) },
        }),
      );
    }
    const batches = sent.mock.calls.flatMap(([msg], i) => ((msg as { type?: string }).type === "batch" ? [sent.mock.contexts[i]] : []));
    sent.mockRestore();
    expect(batches.length).toBeGreaterThan(10);
    expect(new Set(batches).size).toBe(2);
    const [inline, parallel] = results;
    expect(inline!.status).toBe("succeeded");
    expect(parallel!.status).toBe("succeeded");
    expect(parallel!.inputs).toEqual(inline!.inputs);
    expect(parallel!.summary).toEqual(inline!.summary);
    expect(parallel!.issues).toEqual(inline!.issues);
    expect(inline!.summary.byCode.map((c) => c.code)).toEqual(["CHECK_REFERENCE", "CHECK_SOURCES_DISAGREE", "INGEST_QUOTE_NOT_CLOSED", "INGEST_TOO_FEW_CELLS", "VALIDATE_INVALID_TYPE"]);
    for (const f of ["indicators.csv", "indicators.json", "validation.json", "rejects.csv", "changes.json", "datapackage.json"]) {
      expect(readFileSync(join(outs[1]!, f)).equals(readFileSync(join(outs[0]!, f))), f).toBe(true);
    }
  });
});

describe("two figures inputs in worker threads", () => {
  it("publish the rows of both (each worker's sorted runs have their own file names)", async () => {
    const a = figuresCsv(["KEN,population,2018,51 million,persons,src-b,a1", "KEN,population,2019,52 million,persons,src-b,a2", "CHN,population,2018,1.4 billion,persons,src-b,a3"]);
    const b = figuresCsv(["NGA,population,2018,190 million,persons,src-b,b1", "NGA,population,2019,195 million,persons,src-b,b2"]);
    const { raw, out } = rawFolder("test-figures", { "a.csv": a, "b.csv": b, "sources.csv": SOURCES_CSV });
    const base = testPipeline({ derivations: [] });
    const pipeline = testPipeline({
      derivations: [],
      checks: [...checks.standard({ figures: "a", sources: "sources" }), ...checks.standard({ figures: "b", sources: "sources" }).slice(2)],
      inputs: { a: { ...base.inputs.figures!, file: "a.csv" }, b: { ...base.inputs.figures!, file: "b.csv" }, sources: base.inputs.sources! },
    });
    const r = await runPipeline(pipeline, { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000", OPENFIGURES_WORKERS: "2" } });
    expect(r.error).toBeNull();
    expect(r.status).toBe("succeeded");
    expect(r.inputs.map((i) => [i.file, i.rowsIn, i.rowsPublished])).toEqual([
      ["sources.csv", 2, 2],
      ["a.csv", 3, 3],
      ["b.csv", 2, 2],
    ]);
    const csv = readFileSync(join(out, "test-figures", "indicators.csv"), "utf8")
      .trim()
      .split("\n");
    expect(
      csv
        .map((l) => l.split(",")[0])
        .slice(1)
        .sort(),
    ).toEqual(["CHN", "KEN", "KEN", "NGA", "NGA"]);
  });
});
