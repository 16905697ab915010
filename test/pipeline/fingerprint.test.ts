/** The fingerprint sees the definition as data, options of targets and checks included. */
import { describe, expect, it } from "vitest";
import { checks, figureRowSchema, readers, runPipeline, targets } from "../../src/index.js";
import { fingerprintParts } from "../../src/pipeline/fingerprint.js";
import { rawFolder } from "../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

const FIGURES = figuresCsv([
  "KEN,population,2017,50 million,persons,src-b,a",
  "KEN,population,2018,51392570,persons,src-b,b",
  "KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,c",
  "KEN,broadband_share,2018-12,47.9 percent,percent,src-a,d",
]);
const HEADLINES = [
  { country: "KEN", indicator: "population" },
  { country: "KEN", indicator: "data_subscriptions" },
  { country: "KEN", indicator: "broadband_share" },
];

describe("fingerprint", () => {
  it("takes the sha256 of a file whose snapshots.json record was just matched from the record: the file is not read a second time", async () => {
    const { raw } = rawFolder("test-figures", { "figures.csv": FIGURES, "sources.csv": SOURCES_CSV });
    // checkRawSnapshots() returns only records whose sha256 and size are the file's; a record
    // with another sha256 shows which of the two the fingerprint took.
    const recorded = "a".repeat(64);
    const entry = { url: "https://example.org/figures.csv", sha256: recorded, bytes: FIGURES.length, retrieved: "2026-12-05T10:00:00Z" };
    const parts = await fingerprintParts(testPipeline({ derivations: [] }), raw, { strict: false, maxRejected: "0", reportExamples: 1000 }, { "figures.csv": entry });
    expect(parts.inputs["figures.csv"]).toBe(recorded);
    // A file without a record is hashed.
    expect(parts.inputs["sources.csv"]).toMatch(/^[0-9a-f]{64}$/);
    expect(parts.inputs["sources.csv"]).not.toBe(recorded);
  });

  it("rebuilds when a target's options change (a headline removed from the PDF)", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": FIGURES, "sources.csv": SOURCES_CSV });
    const run = (headlines: typeof HEADLINES) =>
      runPipeline(testPipeline({ derivations: [], outputs: [targets.csv(), targets.pdf({ headlines })] }), { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
    expect((await run(HEADLINES)).status).toBe("succeeded");
    expect((await run(HEADLINES)).status).toBe("up-to-date");
    const changed = await run([...HEADLINES.slice(0, 2), { country: "KEN", indicator: "internet_users" }]);
    expect(changed.status).toBe("succeeded");
    expect(changed.reasons).toEqual(["pipeline definition changed"]);
  });

  it("rebuilds when a check's options change", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": FIGURES, "sources.csv": SOURCES_CSV });
    const run = (tolerance: number) =>
      runPipeline(testPipeline({ derivations: [], checks: [...checks.standard(), checks.conceptGap({ concept: "internet-use-share", tolerance })] }), {
        rawDir: raw,
        outDir: out,
        env: { SOURCE_DATE_EPOCH: "1572000000" },
      });
    expect((await run(0.25)).status).toBe("succeeded");
    expect((await run(0.5)).reasons).toEqual(["pipeline definition changed"]);
  });
});

const EAC = { code: "EAC", name: "East African Community", kind: "region" as const, members: ["KEN", "TZA", "UGA"] };

describe("fingerprint: readers, dialects, entities, units and aggregates", () => {
  it("rebuilds when an input's reader options, its dialect, the entities, the units, an aggregate or a derivation's kinds change; not when nothing did", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": FIGURES, "sources.csv": SOURCES_CSV });
    const base = testPipeline({ derivations: [] });
    const run = (over: Parameters<typeof testPipeline>[0]) => runPipeline(testPipeline({ derivations: [], ...over }), { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
    expect((await run({})).status).toBe("succeeded");
    expect((await run({})).status).toBe("up-to-date");
    // The dialect as merged: declaring the default changes nothing; another one does.
    expect((await run({ inputs: { ...base.inputs, figures: { ...base.inputs.figures!, dialect: { delimiter: "," } } } })).status).toBe("up-to-date");
    const cases = [
      { inputs: { ...base.inputs, figures: { ...base.inputs.figures!, dialect: { bom: "expected" as const } } } },
      { inputs: { ...base.inputs, figures: { ...base.inputs.figures!, reader: readers.figures({ schema: figureRowSchema(base.indicators) }) } } },
      { entities: { names: { UK: "GBR" } } },
      { units: { tonnes: { label: "tonnes", kind: "count" as const, description: "Metric tonnes." } } },
      // An aggregate's options (here its coverage), and a derivation's kinds.
      { entities: { list: [EAC] }, aggregates: [{ indicator: "population", method: "sum" as const }] },
      { entities: { list: [EAC] }, aggregates: [{ indicator: "population", method: "sum" as const, coverage: { min: "90%" as const } }] },
      { derivations: [{ indicator: "broadband_subscriptions", formula: "data_subscriptions * broadband_share / 100", kinds: ["country" as const] }] },
    ];
    for (const over of cases) {
      const r = await run(over);
      expect([r.status, r.reasons]).toEqual(["succeeded", ["pipeline definition changed"]]);
    }
  });
});
