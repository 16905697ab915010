/**
 * The benchmark's report helpers: the CPU-profile summary charges built-ins to their caller and
 * groups self time by stage and file; a case summary takes medians over the runs that succeeded.
 */
import { describe, expect, it } from "vitest";
import { median, type Measurement } from "../../bench/measure.js";
import { categoryOf, summarise, type CpuProfile } from "../../bench/profile.js";
import { summariseCase } from "../../bench/report.js";

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

describe("profile summary", () => {
  it("names categories after the stage folder, the package or the node internal", () => {
    expect(categoryOf(frame("scan", "file:///w/src/stages/ingest/framer.ts"))).toBe("ingest: framer");
    expect(categoryOf(frame("row", "file:///w/src/stages/validate/checks/unique.ts"))).toBe("validate: checks/unique");
    expect(categoryOf(frame("write", "file:///w/src/publish/targets/json.ts"))).toBe("publish: targets/json");
    expect(categoryOf(frame("runPipeline", "file:///w/src/pipeline/runner.ts"))).toBe("engine: runner");
    expect(categoryOf(frame("parse", "file:///w/node_modules/csv-parse/lib/api/index.js"))).toBe("lib: csv-parse");
    expect(categoryOf(frame("Hash", "node:internal/crypto/hash"))).toBe("node: crypto");
    expect(categoryOf(frame("(garbage collector)", ""))).toBe("GC");
    expect(categoryOf(frame("exec", ""))).toBeNull();
  });

  it("charges a built-in's self time to its nearest caller with a file", () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2, 4] },
        { id: 2, callFrame: frame("write", "file:///w/src/publish/targets/json.ts"), children: [3] },
        { id: 3, callFrame: frame("stringify", ""), children: [] },
        { id: 4, callFrame: frame("(garbage collector)", ""), children: [] },
      ],
      samples: [2, 3, 3, 3, 4],
      timeDeltas: [1000, 1000, 1000, 1000, 1000],
      startTime: 0,
      endTime: 5000,
    };
    const s = summarise(profile);
    expect(s.totalS).toBeCloseTo(0.005);
    expect(s.categories.map((c) => [c.name, c.s])).toEqual([
      ["publish: targets/json", 0.004],
      ["GC", 0.001],
    ]);
    expect(s.stages[0]).toMatchObject({ name: "publish", share: 0.8 });
    expect(s.functions[0]).toMatchObject({ name: "stringify", where: "(built-in)", category: "publish: targets/json", s: 0.003 });
  });
});

describe("case summary", () => {
  const run = (wallS: number, ok = true): Measurement => ({
    label: "x",
    wallS,
    rssMiB: ok ? wallS * 10 : null,
    rssPolled: false,
    cpuS: wallS,
    exitCode: ok ? 0 : 1,
    signal: null,
    ok,
    failure: ok ? null : "exit code 1",
  });

  it("takes medians over the runs that succeeded and keeps the failures", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const c = summariseCase("x", [run(2), run(4), run(3), run(99, false)], 1000);
    expect(c).toMatchObject({ runs: 4, failed: 1, medianS: 3, minS: 2, maxS: 4, rowsPerS: 1000 / 3, maxRssMiB: 40, medianRssMiB: 30, failures: ["exit code 1"] });
  });
});
