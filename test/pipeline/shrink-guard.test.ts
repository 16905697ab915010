/**
 * The shrink guard (issue 11, item 2): a run that would remove more than a share of the current
 * release's observations, or any of them while an input has no data rows (a truncated
 * delivery), fails, publishes nothing and leaves the current release as it was; `allowShrink`
 * (`--allow-shrink`) lets it through.
 */
import { readFileSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline, type RunOptions } from "../../src/index.js";
import { DefinitionError } from "../../src/pipeline/define.js";
import type { PipelineDefinition } from "../../src/contracts/definition.js";
import { rawFolder } from "../helpers/fixtures.js";
import { expectIssues } from "../helpers/issues.js";
import { FIGURES_HEADER, SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

const row = (period: string, value: string) => `KEN,population,${period},${value},persons,src-b,Table cell`;
const FOUR = [row("2015", "47 million"), row("2016", "48 million"), row("2017", "49 million"), row("2018", "50 million")];

/** A folder with a first release of `first` figures rows; then `next` runs on `second`. */
async function twoRuns(first: string[], second: string, options: Partial<RunOptions> = {}, over: Partial<PipelineDefinition> = {}) {
  const { raw, out } = rawFolder("test-figures", { "figures.csv": figuresCsv(first), "sources.csv": SOURCES_CSV });
  const pipeline = testPipeline({ derivations: [], ...over });
  const one = await runPipeline(pipeline, { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
  expect(one.status).toBe("succeeded");
  const dir = join(out, "test-figures");
  const before = { current: readlinkSync(join(dir, "current")), csv: readFileSync(join(dir, "indicators.csv")), releases: readFileSync(join(dir, "releases.json"), "utf8") };
  writeFileSync(join(raw, "test-figures", "figures.csv"), second);
  const two = await runPipeline(pipeline, { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH: "1572000100" }, ...options });
  return { one, two, dir, before };
}

function expectUntouched(t: Awaited<ReturnType<typeof twoRuns>>) {
  expect(readlinkSync(join(t.dir, "current"))).toBe(t.before.current);
  expect(readFileSync(join(t.dir, "indicators.csv")).equals(t.before.csv)).toBe(true);
  expect(readFileSync(join(t.dir, "releases.json"), "utf8")).toBe(t.before.releases);
  expect(readdirSync(join(t.dir, "releases"))).toEqual([t.one.releaseId]);
}

describe("shrink guard", () => {
  it("fails a run whose figures file holds only its header, and leaves the current release in place", async () => {
    const t = await twoRuns(FOUR, `${FIGURES_HEADER}\n`);
    expect(t.two.status).toBe("failed");
    expect(t.two.exitCode).toBe(1);
    expect(t.two.failure).toBe("data");
    expect(t.two.releaseId).toBeNull();
    expect(t.two.error).toBe(
      `figures.csv: no data rows (0 rows read), and publishing would remove 4 of the 4 observations of release ${t.one.releaseId}; nothing was published (--allow-shrink publishes it)`,
    );
    expectIssues(t.two, [["RUN_SHRINK_GUARD", "figures.csv", null, null]]);
    expect(t.two.issues[0]!.severity).toBe("error");
    expect(t.two.issues[0]!.value).toBe("4");
    expectUntouched(t);
    // Its reports go to unpublished/, as any failed run's.
    expect(t.two.reports).toBe(join(t.dir, "unpublished"));
    expect(readdirSync(join(t.dir, "unpublished")).sort()).toEqual(["rejects.csv", "run.json", "validation.json"]);
    const report = JSON.parse(readFileSync(join(t.dir, "unpublished", "validation.json"), "utf8"));
    expect(report.valid).toBe(false);
    expect(report.summary.byCode).toEqual([{ code: "RUN_SHRINK_GUARD", severity: "error", count: 1, listed: 1, omitted: 0, title: "Run would remove too many observations", type: "general-error" }]);
    expect(report.issues[0]).toMatchObject({ code: "RUN_SHRINK_GUARD", severity: "error", file: "figures.csv", line: null, field: null, value: "4", message: t.two.error });
  });

  it("fails on any removal at all while an input has no rows, whatever share is allowed", async () => {
    const t = await twoRuns(FOUR, `${FIGURES_HEADER}\n`, {}, { maxRemoved: "100%" });
    expect(t.two.status).toBe("failed");
    expectIssues(t.two, [["RUN_SHRINK_GUARD", "figures.csv", null, null]]);
    expectUntouched(t);
  });

  it("fails a run that would remove more than half of the current observations (the default)", async () => {
    const t = await twoRuns(FOUR, figuresCsv([row("2018", "50 million")]));
    expect(t.two.status).toBe("failed");
    expect(t.two.error).toBe(
      `publishing would remove 3 of the 4 observations of release ${t.one.releaseId}, more than the 50% of 4 observations (2) allowed (maxRemoved); rows read: sources.csv 2, figures.csv 1; nothing was published (--allow-shrink publishes it)`,
    );
    expectIssues(t.two, [["RUN_SHRINK_GUARD", null, null, null]]);
    expect(t.two.issues[0]!.message).toBe(`test-figures: ${t.two.error}`);
    expectUntouched(t);
  });

  it("publishes a run that removes no more than the share allowed", async () => {
    const half = await twoRuns(FOUR, figuresCsv([row("2017", "49 million"), row("2018", "50.1 million"), row("2019", "51 million")]));
    expect(half.two.status).toBe("succeeded");
    expect(half.two.changes?.counts).toEqual({ added: 1, removed: 2, changed: 1, unchanged: 1 });
    expectIssues(half.two, []);
  });

  it("takes the share or count a pipeline sets with maxRemoved", async () => {
    const more = await twoRuns(FOUR, figuresCsv([row("2018", "50 million")]), {}, { maxRemoved: "75%" });
    expect(more.two.status).toBe("succeeded");
    const none = await twoRuns(FOUR, figuresCsv(FOUR.slice(1)), {}, { maxRemoved: 0 });
    expect(none.two.status).toBe("failed");
    expect(none.two.error).toContain("would remove 1 of the 4 observations");
    expect(none.two.error).toContain("more than the 0 observations allowed (maxRemoved)");
  });

  it("does not apply to a first release, which removes nothing", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": `${FIGURES_HEADER}\n`, "sources.csv": SOURCES_CSV });
    const r = await runPipeline(testPipeline({ derivations: [] }), { rawDir: raw, outDir: out });
    expect(r.status).toBe("succeeded");
    expect(r.observations.total).toBe(0);
  });

  it("lets the run through with allowShrink (--allow-shrink), and says so in its validation report", async () => {
    const t = await twoRuns(FOUR, `${FIGURES_HEADER}\n`, { allowShrink: true });
    expect(t.two.status).toBe("succeeded");
    expect(t.two.exitCode).toBe(0);
    expect(t.two.changes?.counts).toEqual({ added: 0, removed: 4, changed: 0, unchanged: 0 });
    expectIssues(t.two, [["RUN_SHRINK_GUARD", "figures.csv", null, null]]);
    expect(t.two.issues[0]!.severity).toBe("warning");
    expect(t.two.issues[0]!.message).toBe(`figures.csv: no data rows (0 rows read), and publishing removes 4 of the 4 observations of release ${t.one.releaseId}; allowed by --allow-shrink`);
    expect(readlinkSync(join(t.dir, "current"))).toBe(`releases/${t.two.releaseId}`);
    const report = JSON.parse(readFileSync(join(t.dir, "validation.json"), "utf8"));
    expect(report.issues.map((i: { code: string; severity: string }) => [i.code, i.severity])).toEqual([["RUN_SHRINK_GUARD", "warning"]]);
  });

  it("is checked when the definition loads: maxRemoved is a count or a share", () => {
    for (const bad of [-1, 1.5, "150%", "half", "5"] as const) {
      expect(() => testPipeline({ maxRemoved: bad as never })).toThrow(DefinitionError);
    }
    try {
      testPipeline({ maxRemoved: "150%" as never });
    } catch (err) {
      expect((err as DefinitionError).problems).toContain('maxRemoved: expected a whole number of observations or a share such as "50%", got "150%"');
    }
  });
});
