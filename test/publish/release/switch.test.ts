/** Releases, the stable paths, releases.json, retention, up-to-date runs, changes and verify. */
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../../src/index.js";
import { csvCellsOf, csvLine } from "../../../src/format/csv.js";
import { V2_FIELDS } from "../../../src/publish/release/diff.js";
import { changeReasons } from "../../../src/pipeline/fingerprint.js";
import type { PublishTarget } from "../../../src/contracts/target.js";
import { unescapeField } from "../../../src/stream/record-codec.js";
import { verifyRelease } from "../../../src/publish/release/verify.js";
import { cli } from "../../helpers/cli.js";
import { rawFolder } from "../../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../../helpers/pipeline.js";

const ROWS = ["KEN,population,2017,50 million,persons,src-b,a", "KEN,population,2018,51392570,persons,src-b,b", "KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,c"];

function setup(rows = ROWS, pipeline = testPipeline({ derivations: [] })) {
  const { raw, out } = rawFolder("test-figures", { "figures.csv": figuresCsv(rows), "sources.csv": SOURCES_CSV });
  const dir = join(out, "test-figures");
  const run = (opts: { force?: boolean; strict?: boolean; sde?: string } = {}) =>
    runPipeline(pipeline, { rawDir: raw, outDir: out, force: opts.force ?? false, strict: opts.strict ?? false, env: { SOURCE_DATE_EPOCH: opts.sde ?? "1572000000" } });
  const setRows = (r: string[]) => writeFileSync(join(raw, "test-figures", "figures.csv"), figuresCsv(r));
  const index = () => JSON.parse(readFileSync(join(dir, "releases.json"), "utf8"));
  return { raw, out, dir, run, setRows, index, pipeline };
}

describe("releases", () => {
  it("writes each release to releases/<id>/ and links the stable paths through current", async () => {
    const s = setup();
    const r = await s.run();
    expect(r.releaseId).toMatch(/^20191025T104000Z-[0-9a-f]{8}$/);
    expect(readlinkSync(join(s.dir, "current"))).toBe(`releases/${r.releaseId}`);
    for (const f of ["indicators.csv", "indicators.json", "datapackage.json", "validation.json", "rejects.csv", "changes.json", "run.json", "release.json"]) {
      expect(lstatSync(join(s.dir, f)).isSymbolicLink(), f).toBe(true);
      expect(readlinkSync(join(s.dir, f))).toBe(`current/${f}`);
      expect(readFileSync(join(s.dir, f))).toEqual(readFileSync(join(s.dir, "releases", r.releaseId!, f)));
    }
    expect(s.index()).toMatchObject({ pipeline: "test-figures", current: r.releaseId, releases: [{ id: r.releaseId, runId: r.runId, fingerprint: r.fingerprint, observations: 3 }] });
  });

  it("keeps old releases, lists them in releases.json, and switches current to the new one", async () => {
    const s = setup();
    const first = await s.run({ sde: "1572000000" });
    s.setRows([...ROWS, "KEN,population,2019,52.6 million,persons,src-b,d"]);
    const second = await s.run({ sde: "1572086400" });
    expect(second.releaseId! > first.releaseId!).toBe(true);
    expect(readdirSync(join(s.dir, "releases")).sort()).toEqual([first.releaseId, second.releaseId]);
    expect(s.index().releases.map((r: { id: string }) => r.id)).toEqual([first.releaseId, second.releaseId]);
    expect(s.index().current).toBe(second.releaseId);
    expect(readFileSync(join(s.dir, "indicators.csv"), "utf8")).toContain("52600000");
    expect(readFileSync(join(s.dir, "releases", first.releaseId!, "indicators.csv"), "utf8")).not.toContain("52600000");
  });

  it("keeps only keepReleases releases, never dropping the current one", async () => {
    const s = setup(ROWS, testPipeline({ derivations: [], keepReleases: 2 }));
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      s.setRows([...ROWS, `KEN,population,${2020 + i},${i + 1} million,persons,src-b,x`]);
      ids.push((await s.run({ sde: String(1572000000 + i * 86400) })).releaseId!);
    }
    expect(readdirSync(join(s.dir, "releases")).sort()).toEqual(ids.slice(2));
    expect(s.index().releases.map((r: { id: string }) => r.id)).toEqual(ids.slice(2));
  });

  it("a forced rebuild in the same second gets its own release id", async () => {
    const s = setup();
    const a = await s.run();
    const b = await s.run({ force: true });
    expect(b.releaseId).toBe(`${a.releaseId}.2`);
    expect(readFileSync(join(s.dir, "releases", a.releaseId!, "indicators.csv"))).toEqual(readFileSync(join(s.dir, "releases", b.releaseId!, "indicators.csv")));
  });

  it("replaces the stable files of the old flat layout with links", async () => {
    const s = setup();
    mkdirSync(s.dir, { recursive: true });
    writeFileSync(join(s.dir, "indicators.csv"), "old flat file\n");
    await s.run();
    expect(lstatSync(join(s.dir, "indicators.csv")).isSymbolicLink()).toBe(true);
  });
});

describe("a publish that fails", () => {
  it("leaves no file of the run open (a scheduler runs for months)", async () => {
    const s = setup();
    await s.run();
    const failing: PublishTarget = {
      type: "failing",
      spec: { factory: "failing", options: {} },
      file: "failing.txt",
      mediaType: "text/plain",
      phase: "data",
      open: () => ({
        rows: () => Promise.reject(new Error("disk full")),
        close: async () => ({ rows: null }),
      }),
    };
    s.setRows([...ROWS, "KEN,population,2019,52.6 million,persons,src-b,d"]);
    const r = await runPipeline(testPipeline({ derivations: [], outputs: [...s.pipeline.outputs, failing] }), {
      rawDir: s.raw,
      outDir: s.out,
      force: false,
      strict: false,
      env: { SOURCE_DATE_EPOCH: "1572086400" },
    });
    expect(r.error).toContain("disk full");
    // The descriptors of this process that lead into the run's folder (the listing's own is gone by then).
    const open = readdirSync("/proc/self/fd")
      .map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return "";
        }
      })
      .filter((path) => path.startsWith(s.out));
    expect(open).toEqual([]);
  });
});

describe("incremental runs", () => {
  it("reports up to date and writes nothing when nothing changed; --force rebuilds", async () => {
    const s = setup();
    const first = await s.run();
    expect(first.reasons).toEqual(["no release yet"]);
    const before = readFileSync(join(s.dir, "releases.json"), "utf8");
    const again = await s.run();
    expect(again).toMatchObject({ status: "up-to-date", exitCode: 0, releaseId: first.releaseId, reasons: [`nothing changed since release ${first.releaseId}`], stages: [] });
    expect(readFileSync(join(s.dir, "releases.json"), "utf8")).toBe(before);
    expect(readdirSync(join(s.dir, "releases"))).toHaveLength(1);
    const forced = await s.run({ force: true });
    expect(forced.status).toBe("succeeded");
    expect(forced.reasons).toEqual(["--force"]);
  });

  it("an up-to-date run removes the reports of an earlier run that published nothing", async () => {
    const s = setup();
    await s.run();
    s.setRows([...ROWS, "KEN,population,2019,forty,persons,src-b,bad"]);
    expect((await s.run()).status).toBe("failed");
    expect(existsSync(join(s.dir, "unpublished", "validation.json"))).toBe(true);
    s.setRows(ROWS);
    expect((await s.run()).status).toBe("up-to-date");
    expect(existsSync(join(s.dir, "unpublished"))).toBe(false);
  });

  it.each([
    ["a changed input", (s: ReturnType<typeof setup>) => s.setRows([...ROWS, "KEN,population,2019,52 million,persons,src-b,d"]), ["figures.csv changed"]],
    [
      "a missing input",
      (s: ReturnType<typeof setup>) => {
        const { rmSync } = require("node:fs") as typeof import("node:fs");
        rmSync(join(s.raw, "test-figures", "figures.csv"));
      },
      ["figures.csv missing"],
    ],
  ])("says why a run is needed: %s", async (_what, change, reasons) => {
    const s = setup();
    await s.run();
    change(s);
    expect((await s.run()).reasons).toEqual(reasons);
  });

  it("says why when the definition, the run options or the tool version changed", async () => {
    const s = setup();
    const first = await s.run();
    const changedDefinition = await runPipeline(testPipeline({ derivations: [], title: "Renamed" }), { rawDir: s.raw, outDir: s.out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
    expect(changedDefinition.reasons).toEqual(["pipeline definition changed"]);
    const changeReasonsOf = (now: object, before: object) => changeReasons({ ...s.index().releases[0].parts, options: now }, { ...s.index().releases[0].parts, options: before });
    expect((await s.run({ strict: true })).reasons).toEqual(["pipeline definition changed", "run options changed (strict false → true)"]);
    expect(changeReasonsOf({ strict: false, maxRejected: "5%" }, { strict: false, maxRejected: "0" })).toEqual(["run options changed (max rejected 0 → 5%)"]);
    const parts = s.index().releases[0].parts;
    expect(first.status).toBe("succeeded");
    expect(changeReasons({ ...parts, version: "9.9.9", epoch: parts.epoch + 1 }, parts)).toEqual([
      `tool version changed (${parts.version} → 9.9.9)`,
      `fingerprint epoch changed (${parts.epoch} → ${parts.epoch + 1})`,
    ]);
  });
});

describe("changes.json", () => {
  it("lists observations added, removed and changed since the previous release, with old → new and the relative change", async () => {
    const s = setup();
    const first = await s.run();
    s.setRows(["KEN,population,2018,52 million,persons,src-b,b", "KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,c", "KEN,population,2019,52.6 million,persons,src-b,d"]);
    const second = await s.run({ sde: "1572086400" });
    const changes = JSON.parse(readFileSync(join(s.dir, "changes.json"), "utf8"));
    expect(changes).toMatchObject({ release: second.releaseId, previous: first.releaseId, summary: { added: 1, removed: 1, changed: 1, unchanged: 1 }, truncated: false });
    expect(changes.added).toEqual([{ country: "KEN", indicator: "population", period: "2019", method: "reported", source_ids: "src-b", value: 52600000 }]);
    expect(changes.removed).toEqual([{ country: "KEN", indicator: "population", period: "2017", method: "reported", source_ids: "src-b", value: 50000000 }]);
    expect(changes.changed).toEqual([
      {
        country: "KEN",
        indicator: "population",
        period: "2018",
        method: "reported",
        source_ids: "src-b",
        old: 51392570,
        new: 52000000,
        relativeChange: (52000000 - 51392570) / 51392570,
        fields: ["value", "value_as_printed"],
      },
    ]);
    expect(second.changes?.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
  });

  it("the first release has every observation added", async () => {
    const s = setup();
    await s.run();
    expect(JSON.parse(readFileSync(join(s.dir, "changes.json"), "utf8")).summary).toEqual({ added: 3, removed: 0, changed: 0, unchanged: 0 });
  });

  it("the first release after the source_* columns came says so, and changes no row for them alone", async () => {
    const s = setup();
    const first = await s.run();
    // Make the first release one of before issue 12: 13 columns, a .rows-v2 index without them.
    const folder = join(s.dir, "releases", first.releaseId!);
    const [, ...indexLines] = readFileSync(join(folder, ".rows-v3"), "utf8").trimEnd().split("\n");
    const cut = (line: string) => csvLine(csvCellsOf(line).slice(0, V2_FIELDS.length));
    writeFileSync(join(folder, ".rows-v2"), indexLines.map((l) => `${l.slice(0, l.lastIndexOf("\u0001"))}\u0001${cut(unescapeField(l.slice(l.lastIndexOf("\u0001") + 1)))}\n`).join(""));
    rmSync(join(folder, ".rows-v3"));
    const r = await cli(["run", "test-figures", "--raw", s.raw, "--out", s.out, "--force"], [s.pipeline]);
    expect(r.out).toContain(`  changes since ${first.releaseId}: 0 added, 0 removed, 0 changed, 3 unchanged\n    columns added: source_file, source_line, source_column\n`);
    const changes = JSON.parse(readFileSync(join(s.dir, "changes.json"), "utf8"));
    expect(changes).toMatchObject({ previous: first.releaseId, fields: { added: ["source_file", "source_line", "source_column"], removed: [] }, summary: { changed: 0, unchanged: 3 } });
  });

  it("the run summary shows what moved", async () => {
    const s = setup();
    await cli(["run", "test-figures", "--raw", s.raw, "--out", s.out], [s.pipeline]);
    s.setRows(["KEN,population,2018,52 million,persons,src-b,b", "KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,c"]);
    const r = await cli(["run", "test-figures", "--raw", s.raw, "--out", s.out], [s.pipeline]);
    expect(r.out).toMatch(
      / {2}changes since \S+: 0 added, 1 removed, 1 changed, 1 unchanged\n {4}changed KEN population 2018 \(reported, src-b\): 51392570 → 52000000 \(\+1\.18%\) \[value, value_as_printed\]\n {4}removed KEN population 2017 \(reported, src-b\): 50000000\n/,
    );
  });
});

describe("verify", () => {
  it("passes on an intact release and catches a flipped byte, exit 1", async () => {
    const s = setup();
    await s.run();
    const ok = await cli(["verify", "test-figures", "--out", s.out], [s.pipeline]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("✔ 6 files match release.json");
    const target = join(s.dir, "releases", readlinkSync(join(s.dir, "current")).split("/")[1]!, "indicators.json");
    const bytes = readFileSync(target);
    bytes[20] = bytes[20]! ^ 0x01;
    writeFileSync(target, bytes);
    const bad = await cli(["verify", "test-figures", "--out", s.out], [s.pipeline]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("MISMATCH indicators.json");
    expect(bad.out).toMatch(/✘ indicators.json: expected \d+ bytes with sha256 [0-9a-f]{64}, found \d+ bytes with sha256 [0-9a-f]{64}/);
  });

  it("reports a missing file and a stable path that does not lead to the current release", async () => {
    const s = setup();
    const r = await s.run();
    rmSync(join(s.dir, "releases", r.releaseId!, "rejects.csv"));
    unlinkSync(join(s.dir, "indicators.csv"));
    writeFileSync(join(s.dir, "indicators.csv"), "someone's copy\n");
    const v = await verifyRelease(s.pipeline, s.out);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([`rejects.csv: missing from release ${r.releaseId}`, "indicators.csv: the stable path does not lead to the current release"]);
  });

  it("needs pipeline ids or --all, as run does (exit 2); --json gives an array for --all", async () => {
    const s = setup();
    await s.run();
    expect(await cli(["verify", "--out", s.out], [s.pipeline])).toMatchObject({ code: 2, out: "" });
    expect((await cli(["verify", "--out", s.out], [s.pipeline])).err).toContain("openfigures verify: name at least one pipeline id, or --all");
    expect((await cli(["verify", "test-figures", "--all", "--out", s.out], [s.pipeline])).code).toBe(2);
    const all = await cli(["verify", "--all", "--json", "--out", s.out], [s.pipeline]);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out)).toMatchObject([{ pipeline: "test-figures", ok: true }]);
    expect(JSON.parse((await cli(["verify", "test-figures", "--json", "--out", s.out], [s.pipeline])).out)).toMatchObject({ pipeline: "test-figures", ok: true });
  });

  it("checks datapackage.json itself against release.json", async () => {
    const s = setup();
    const r = await s.run();
    const dp = join(s.dir, "releases", r.releaseId!, "datapackage.json");
    writeFileSync(dp, readFileSync(dp, "utf8").replace('"title"', '"titl"'));
    const v = await verifyRelease(s.pipeline, s.out);
    expect(v.ok).toBe(false);
    expect(v.files.find((f) => f.file === "datapackage.json")).toMatchObject({ ok: false });
    expect(v.problems).toEqual([expect.stringMatching(/^datapackage\.json: expected \d+ bytes with sha256/)]);
  });

  it("checks every stable path the run linked, release.json and run.json too", async () => {
    const s = setup();
    await s.run();
    for (const f of ["release.json", "run.json"]) {
      unlinkSync(join(s.dir, f));
      writeFileSync(join(s.dir, f), "{}\n");
    }
    expect((await verifyRelease(s.pipeline, s.out)).problems).toEqual([
      "release.json: the stable path does not lead to the current release",
      "run.json: the stable path does not lead to the current release",
    ]);
  });

  it("--release takes only a release id from releases/, never a path out of it", async () => {
    const s = setup();
    const r = await s.run();
    expect((await verifyRelease(s.pipeline, s.out, r.releaseId!)).ok).toBe(true);
    // A release folder outside releases/ that would pass if it were read.
    cpSync(join(s.dir, "releases", r.releaseId!), join(s.out, "elsewhere"), { recursive: true });
    const outside = "../../elsewhere";
    expect(await verifyRelease(s.pipeline, s.out, outside)).toMatchObject({ ok: false, files: [], problems: [`no release "${outside}" in ${join(s.dir, "releases")}`] });
    expect((await cli(["verify", "test-figures", "--out", s.out, "--release", outside], [s.pipeline])).code).toBe(1);
  });

  it("says when there is no release", async () => {
    const s = setup();
    expect(await verifyRelease(s.pipeline, s.out)).toMatchObject({ ok: false, problems: [`no current release in ${s.dir}`] });
    expect(existsSync(s.dir)).toBe(false);
  });
});
