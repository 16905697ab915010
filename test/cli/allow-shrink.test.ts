/** `run --allow-shrink`: the shrink guard as the command line shows it (issue 11, item 2). */
import { readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/help.js";
import { cli } from "../helpers/cli.js";
import { rawFolder } from "../helpers/fixtures.js";
import { FIGURES_HEADER, SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

const registry = [testPipeline()];

describe("cli option --allow-shrink", () => {
  it("a header-only figures.csv fails the run (exit 1) and keeps the release; --allow-shrink publishes it", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": figuresCsv(["KEN,population,2018,51392570,persons,src-b,cell"]), "sources.csv": SOURCES_CSV });
    const args = ["run", "test-figures", "--raw", raw, "--out", out];
    const firstRun = await cli(args, registry);
    expect(firstRun.err).toBe("");
    expect(firstRun.code).toBe(0);
    const dir = join(out, "test-figures");
    const first = readlinkSync(join(dir, "current")).replace("releases/", "");
    writeFileSync(join(raw, "test-figures", "figures.csv"), `${FIGURES_HEADER}\n`);

    const refused = await cli(args, registry);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("  figures.csv: 0 rows in, 0 published, 0 rejected");
    expect(refused.out).toContain("  RUN_SHRINK_GUARD (error): Run would remove too many observations");
    expect(refused.out).toMatch(
      new RegExp(
        `✘ failed in [\\d.]+ s: figures\\.csv: no data rows \\(0 rows read\\), and publishing would remove 1 of the 1 observations of release ${first}; nothing was published \\(--allow-shrink publishes it\\)`,
      ),
    );
    expect(refused.out).toContain(`full report: ${dir}/unpublished/validation.json`);
    expect(readlinkSync(join(dir, "current"))).toBe(`releases/${first}`);

    const allowed = await cli([...args, "--allow-shrink"], registry);
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain(`changes since ${first}: 0 added, 1 removed, 0 changed, 0 unchanged`);
    expect(allowed.out).toContain("  RUN_SHRINK_GUARD (warning): Run would remove too many observations");
    expect(readlinkSync(join(dir, "current"))).not.toBe(`releases/${first}`);
  });

  it("goes with run only, and the help of run shows it", async () => {
    expect(await cli(["validate", "--all", "--allow-shrink"], registry)).toMatchObject({ code: 2, err: expect.stringContaining("openfigures validate: --allow-shrink goes with run") });
    expect(HELP.run).toContain("--allow-shrink");
    expect(HELP.run).toContain("maxRemoved");
  });
});
