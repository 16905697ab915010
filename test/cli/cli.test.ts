import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/help.js";
import { acquireLock } from "../../src/lock/lock.js";
import { VERSION } from "../../src/version.js";
import { rawFolder } from "../helpers/fixtures.js";
import { cli } from "../helpers/cli.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

const registry = [testPipeline()];
const GOOD = figuresCsv(["KEN,population,2018,51392570,persons,src-b,cell"]);

describe("cli", () => {
  it("prints help for the tool and for each command, exit 0", async () => {
    expect(await cli(["--help"], registry)).toEqual({ code: 0, out: HELP.main, err: "" });
    for (const command of ["list", "run", "validate"]) {
      expect(await cli([command, "--help"], registry)).toEqual({ code: 0, out: HELP[command], err: "" });
      expect(await cli(["help", command], registry)).toEqual({ code: 0, out: HELP[command], err: "" });
    }
  });

  it("prints help for help itself: help --help, and help <command> --help", async () => {
    expect(await cli(["help", "--help"], registry)).toEqual({ code: 0, out: HELP.help, err: "" });
    expect(await cli(["help", "-h"], registry)).toEqual({ code: 0, out: HELP.help, err: "" });
    expect(await cli(["help", "run", "--help"], registry)).toEqual({ code: 0, out: HELP.run, err: "" });
    expect(await cli(["help", "--help", "run"], registry)).toEqual({ code: 0, out: HELP.run, err: "" });
  });

  it("prints the version with --version after any command, as the help says", async () => {
    expect(HELP.main).toMatch(/Options for every command:[\s\S]*--version/);
    expect(await cli(["--version"], registry)).toEqual({ code: 0, out: VERSION, err: "" });
    for (const command of ["list", "run", "validate", "verify", "fetch", "schedule", "history", "status", "serve", "help"]) {
      expect(await cli([command, "--version"], registry)).toEqual({ code: 0, out: VERSION, err: "" });
    }
    expect(await cli(["run", "test-figures", "--version"], registry)).toEqual({ code: 0, out: VERSION, err: "" });
    // Help wins over the version, as it would with the options in either order.
    expect(await cli(["run", "--version", "--help"], registry)).toEqual({ code: 0, out: HELP.run, err: "" });
  });

  it("exits 2 on usage errors, saying what was wrong", async () => {
    expect(await cli([], registry)).toMatchObject({ code: 2, out: HELP.main });
    expect(await cli(["frobnicate"], registry)).toMatchObject({
      code: 2,
      err: 'openfigures: unknown command "frobnicate"; commands: list, run, validate, verify, fetch, schedule, history, status, serve, site, help',
    });
    expect((await cli(["run"], registry)).err).toContain("openfigures run: name at least one pipeline id, or --all");
    expect(await cli(["run", "--bogus"], registry)).toMatchObject({ code: 2, err: expect.stringContaining("openfigures run: Unknown option '--bogus'") });
    expect((await cli(["run", "--all", "x"], registry)).code).toBe(2);
    expect(await cli(["run", "nope"], registry)).toMatchObject({ code: 2, err: 'openfigures: no pipeline "nope"; registered: test-figures' });
    expect((await cli(["run", "--all", "--max-rejected", "lots"], registry)).err).toContain('Invalid option --max-rejected: expected a number of rows such as 12 or a share such as 5%, got "lots"');
  });

  it("exits 2 with every problem listed when a definition is broken", async () => {
    const broken = async () => {
      testPipeline({ id: "Bad Id", title: "" });
      return registry;
    };
    const { code, err } = await cli(["list"], broken);
    expect(code).toBe(2);
    expect(err).toBe(
      'openfigures: pipeline "Bad Id" has 2 definition problems:\n  - id: expected kebab-case letters and digits such as "china-kenya-digital-economy", got "Bad Id"\n  - title: required',
    );
  });

  it("exits 2 for a DefinitionError from another copy of the class (a registry loaded as CommonJS)", async () => {
    const copy = async () => {
      const err = new Error('pipeline "x" has 1 definition problem:\n  - title: required');
      err.name = "DefinitionError";
      throw err;
    };
    expect(await cli(["list"], copy)).toEqual({ code: 2, out: "", err: 'openfigures: pipeline "x" has 1 definition problem:\n  - title: required' });
  });

  it("lists pipelines with inputs and outputs, as text or JSON", async () => {
    const text = await cli(["list"], registry);
    expect(text.out).toBe("test-figures\n  Test figures\n  inputs:   figures.csv (figures), sources.csv (sources)\n  outputs:  indicators.csv, indicators.json, datapackage.json\n  schedule: none");
    const json = JSON.parse((await cli(["list", "--json"], registry)).out);
    expect(json[0]).toMatchObject({
      id: "test-figures",
      inputs: [
        { name: "figures", file: "figures.csv", reader: "figures" },
        { name: "sources", file: "sources.csv", reader: "sources" },
      ],
    });
  });

  it("run --raw --out prints a stage summary and exits 0; --json prints the RunResult", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": GOOD, "sources.csv": SOURCES_CSV });
    const human = await cli(["run", "test-figures", "--raw", raw, "--out", out], registry);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/^test-figures: Test figures\n {2}why: no release yet\n {2}stage +rows in +out +errors +warnings +time\n {2}ingest +3 +3 +0 +0 /);
    expect(human.out).toContain("  figures.csv: 1 rows in, 1 published, 0 rejected");
    expect(human.out).toMatch(/✔ published release \d{8}T\d{6}Z-[0-9a-f]{8} in /);
    const json = await cli(["run", "test-figures", "--raw", raw, "--out", out, "--json", "--force"], registry);
    const result = JSON.parse(json.out);
    expect(result).toMatchObject({ pipeline: "test-figures", status: "succeeded", exitCode: 0 });
    expect(JSON.parse(readFileSync(join(out, "test-figures", "run.json"), "utf8")).runId).toBe(result.runId);
  });

  it("exits 1 when the data fails, and validate shows the located issue", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": figuresCsv(["KEN,population,2018,forty,persons,src-b,cell"]), "sources.csv": SOURCES_CSV });
    const v = await cli(["validate", "test-figures", "--raw", raw, "--out", out], registry);
    expect(v.code).toBe(1);
    expect(v.out).toContain('figures.csv:2 field "value": expected a number as printed, such as "45.7 million" or "12.9%", got "forty"');
    expect(v.out).toContain("✘ failed in");
    expect((await cli(["run", "--all", "--raw", raw, "--out", out], registry)).code).toBe(1);
    expect((await cli(["run", "--all", "--raw", raw, "--out", out, "--max-rejected", "1"], registry)).code).toBe(0);
  });
});

describe("cli exit code of several runs", () => {
  it("a failed pipeline outranks a locked one: exit 1, not 3", async () => {
    const failing = testPipeline({ id: "failing" });
    const { raw, out } = rawFolder("test-figures", { "figures.csv": GOOD, "sources.csv": SOURCES_CSV });
    const held = await acquireLock(join(out, "test-figures"), { runId: "other", trigger: "manual", scheduledFor: null, attempt: 1, command: "test" });
    if (!held.ok) throw new Error("could not take the lock");
    try {
      const both = [testPipeline(), failing];
      expect((await cli(["run", "test-figures", "--raw", raw, "--out", out], both)).code).toBe(3);
      // "failing" has no raw folder: its input cannot be read (exit 1).
      expect((await cli(["run", "failing", "--raw", raw, "--out", out], both)).code).toBe(1);
      expect((await cli(["run", "--all", "--raw", raw, "--out", out], both)).code).toBe(1);
      expect((await cli(["run", "failing", "test-figures", "--raw", raw, "--out", out], both)).code).toBe(1);
    } finally {
      await held.lock.release();
    }
  });
});

describe("cli validation report", () => {
  const broken = figuresCsv([
    "KEN,population,2018,51392570,persons,src-b,cell",
    "KEN,population,2019,forty,persons,src-b,bad",
    "KEN,population,2020,fifty,persons,src-b,bad too",
    "KEN,population,2021,52 million,persons,src-x,unknown source",
  ]);

  it("prints a table by code, the first issues with their rows, and where the full report is", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": broken, "sources.csv": SOURCES_CSV });
    const r = await cli(["validate", "test-figures", "--raw", raw, "--out", out], registry);
    expect(r.code).toBe(1);
    const tail = r.out.slice(r.out.indexOf("  code")).trimEnd();
    expect(tail.replace(/failed in [\d.]+ s/, "failed in T")).toBe(
      [
        "  code                        severity    count",
        "  CHECK_REFERENCE             error           1",
        "  RUN_TOO_MANY_REJECTED       error           1",
        "  VALIDATE_INVALID_TYPE       error           2",
        "",
        "  CHECK_REFERENCE (error): Unknown reference",
        '    figures.csv:5 field "source_id": expected a source_id of a valid row of sources.csv, got "src-x"',
        "      row: KEN,population,2021,52 million,persons,src-x,unknown source",
        "",
        "  RUN_TOO_MANY_REJECTED (error): Too many rows rejected",
        '    test-figures: at most 0 rows may be rejected, got "3"',
        "",
        "  VALIDATE_INVALID_TYPE (error): Invalid value",
        '    figures.csv:3 field "value": expected a number as printed, such as "45.7 million" or "12.9%", got "forty"',
        "      row: KEN,population,2019,forty,persons,src-b,bad",
        '    figures.csv:4 field "value": expected a number as printed, such as "45.7 million" or "12.9%", got "fifty"',
        "      row: KEN,population,2020,fifty,persons,src-b,bad too",
        "",
        `  full report: ${out}/test-figures/unpublished/validation.json; rejected rows: ${out}/test-figures/unpublished/rejects.csv`,
        "",
        "  ✘ failed in T: 3 of 6 rows rejected, more than the 0 rows allowed; nothing was published",
      ].join("\n"),
    );
  });

  it("--max-rejected 60% lets the run publish the valid rows; --strict fails on warnings", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": broken, "sources.csv": SOURCES_CSV });
    const r = await cli(["run", "test-figures", "--raw", raw, "--out", out, "--max-rejected", "60%"], registry);
    expect(r.code).toBe(0);
    expect(r.out).toContain("  figures.csv: 4 rows in, 1 published, 3 rejected");
    const bom = rawFolder("test-figures", { "figures.csv": `\ufeff${figuresCsv(["KEN,population,2018,51392570,persons,src-b,cell"])}`, "sources.csv": SOURCES_CSV });
    expect((await cli(["run", "test-figures", "--raw", bom.raw, "--out", bom.out], registry)).code).toBe(0);
    expect((await cli(["run", "test-figures", "--raw", bom.raw, "--out", bom.out, "--strict"], registry)).code).toBe(1);
  });
});
