/**
 * Recovery of a damaged output folder: a lost or unusable releases.json, a broken `current`
 * link, files missing from the current release. A run never deletes a published release or
 * anything it did not write; it repairs what it safely can, says what it found, and otherwise
 * fails with one line saying what to fix.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../../src/index.js";
import { verifyRelease } from "../../../src/publish/release/verify.js";
import { cli } from "../../helpers/cli.js";
import { rawFolder } from "../../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../../helpers/pipeline.js";

const ROWS = ["KEN,population,2017,50 million,persons,src-b,a", "KEN,population,2018,51392570,persons,src-b,b", "KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,c"];

function setup(pipeline = testPipeline({ derivations: [] })) {
  const { raw, out } = rawFolder("test-figures", { "figures.csv": figuresCsv(ROWS), "sources.csv": SOURCES_CSV });
  const dir = join(out, "test-figures");
  const run = (opts: { force?: boolean; sde?: string } = {}) => runPipeline(pipeline, { rawDir: raw, outDir: out, force: opts.force ?? false, env: { SOURCE_DATE_EPOCH: opts.sde ?? "1572000000" } });
  /** The CLI, as a user runs it (lock, history, printed result). */
  const runCli = (...flags: string[]) => cli(["run", "test-figures", "--raw", raw, "--out", out, ...flags], [pipeline]);
  const setRows = (r: string[]) => writeFileSync(join(raw, "test-figures", "figures.csv"), figuresCsv(r));
  const index = () => JSON.parse(readFileSync(join(dir, "releases.json"), "utf8")) as { current: string | null; releases: { id: string }[] };
  const releases = () => readdirSync(join(dir, "releases")).sort();
  /** Publishes `n` releases, one a day, each with one more row; returns their ids, oldest first. */
  const publishSeveral = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      setRows([...ROWS, `KEN,population,${2020 + i},${i + 1} million,persons,src-b,x`]);
      const r = await run({ sde: String(1572000000 + i * 86400) });
      expect(r.status, JSON.stringify(r.error)).toBe("succeeded");
      ids.push(r.releaseId!);
    }
    return ids;
  };
  return { raw, out, dir, run, runCli, setRows, index, releases, publishSeveral, pipeline };
}

/** The stable paths serve one intact release (verify passes) and it is the one named. */
async function servesIntact(s: ReturnType<typeof setup>, release: string) {
  const v = await verifyRelease(s.pipeline, s.out);
  expect(v.problems).toEqual([]);
  expect(v.release).toBe(release);
}

describe("a lost or unusable releases.json", () => {
  it.each([
    ["deleted", null],
    ["holding []", "[]\n"],
    ["holding {}", "{}\n"],
    ["truncated", '{"pipeline": "test-figures", "current": '],
    ["not UTF-8 text", Buffer.from([0xff, 0xfe, 0x00, 0x81])],
    ["naming a release outside releases/", JSON.stringify({ pipeline: "test-figures", current: "../../x", releases: [{ id: "../../x" }] })],
  ])("%s: the next run rebuilds the catalogue from the release folders and deletes no release", async (_what, content) => {
    const s = setup();
    const ids = await s.publishSeveral(3);
    if (content === null) rmSync(join(s.dir, "releases.json"));
    else writeFileSync(join(s.dir, "releases.json"), content);

    // Same inputs as the current release: the rebuilt catalogue finds it current and up to date.
    const again = await s.run({ sde: String(1572000000 + 2 * 86400) });
    expect(again.status, JSON.stringify(again.error)).toBe("up-to-date");
    expect(again.releaseId).toBe(ids[2]);
    expect(again.recovered).toEqual([expect.stringMatching(new RegExp(`^releases\\.json was (missing|unusable \\(.+\\)): rebuilt it from the release folders: ${ids.join(", ")}$`))]);
    expect(s.releases()).toEqual(ids);
    expect(s.index()).toMatchObject({ current: ids[2], releases: ids.map((id) => ({ id })) });
    // Each record as the release folder holds it.
    for (const [i, id] of ids.entries()) expect(s.index().releases[i]).toEqual(JSON.parse(readFileSync(join(s.dir, "releases", id, "release.json"), "utf8")));

    // A new release goes on top of them.
    s.setRows(ROWS);
    const next = await s.run({ sde: String(1572000000 + 3 * 86400) });
    expect(next.status).toBe("succeeded");
    expect(s.releases()).toEqual([...ids, next.releaseId].sort());
    expect(s.index().releases.map((r) => r.id)).toEqual([...ids, next.releaseId]);
    await servesIntact(s, next.releaseId!);
  });

  it("a release folder whose record went missing from releases.json is adopted, not deleted", async () => {
    const s = setup();
    const ids = await s.publishSeveral(2);
    const index = s.index();
    writeFileSync(join(s.dir, "releases.json"), JSON.stringify({ ...index, releases: index.releases.filter((r) => r.id !== ids[0]) }));
    const r = await s.run({ sde: String(1572000000 + 86400) });
    expect(r.status).toBe("up-to-date");
    expect(r.recovered).toEqual([`added release ${ids[0]} to releases.json: its files match its release.json, but releases.json did not list it`]);
    expect(s.index().releases.map((x) => x.id)).toEqual(ids);
    expect(s.releases()).toEqual(ids);
  });

  it("stray entries under releases/ are reported with what to do, never removed", async () => {
    const s = setup();
    const ids = await s.publishSeveral(2);
    rmSync(join(s.dir, "releases.json"));
    mkdirSync(join(s.dir, "releases", "my-notes"));
    writeFileSync(join(s.dir, "releases", "my-notes", "todo.txt"), "keep me\n");
    writeFileSync(join(s.dir, "releases", "README.txt"), "mine\n");
    // A copy of a release under another name: its release.json names another folder.
    cpSync(join(s.dir, "releases", ids[0]!), join(s.dir, "releases", "backup"), { recursive: true });
    // A release whose files no longer match its release.json.
    cpSync(join(s.dir, "releases", ids[0]!), join(s.dir, "releases", "20191020T000000Z-0000beef"), { recursive: true });
    const damaged = join(s.dir, "releases", "20191020T000000Z-0000beef");
    writeFileSync(join(damaged, "release.json"), readFileSync(join(damaged, "release.json"), "utf8").replaceAll(ids[0]!, "20191020T000000Z-0000beef"));
    rmSync(join(damaged, "indicators.json"));

    const r = await s.run({ sde: String(1572000000 + 86400) });
    expect(r.status).toBe("up-to-date");
    expect(r.recovered).toEqual([
      `releases.json was missing: rebuilt it from the release folders: ${ids.join(", ")}`,
      "left releases/20191020T000000Z-0000beef in place: its files do not match its release.json (indicators.json missing); check it with `openfigures verify test-figures --release 20191020T000000Z-0000beef`, then restore or delete it",
      "left releases/README.txt in place: a file, not a release folder; move it out of releases/ (openfigures removes nothing it did not write)",
      `left releases/backup in place: its release.json is for release ${ids[0]}, not backup; move it out of releases/ (openfigures removes nothing it did not write)`,
      "left releases/my-notes in place: a folder without a release.json, not a release; move it out of releases/ (openfigures removes nothing it did not write)",
    ]);
    expect(readFileSync(join(s.dir, "releases", "my-notes", "todo.txt"), "utf8")).toBe("keep me\n");
    expect(existsSync(join(s.dir, "releases", "README.txt"))).toBe(true);
    expect(existsSync(join(s.dir, "releases", "backup", "indicators.csv"))).toBe(true);
    expect(existsSync(join(damaged, "indicators.csv"))).toBe(true);
    expect(s.index().releases.map((x) => x.id)).toEqual(ids);

    // A publishing run leaves them too, and the CLI prints the same lines.
    s.setRows(ROWS);
    const cliRun = await s.runCli();
    expect(cliRun.code).toBe(0);
    expect(cliRun.out).toContain("  recovered: left releases/my-notes in place: a folder without a release.json");
    expect(s.releases()).toEqual(expect.arrayContaining(["README.txt", "backup", "my-notes", "20191020T000000Z-0000beef", ...ids]));
  });

  it("keepReleases still prunes the catalogued releases, and only them", async () => {
    const s = setup(testPipeline({ derivations: [], keepReleases: 2 }));
    const ids = await s.publishSeveral(2);
    rmSync(join(s.dir, "releases.json"));
    mkdirSync(join(s.dir, "releases", "my-notes"));
    s.setRows(ROWS);
    const r = await s.run({ sde: String(1572000000 + 5 * 86400) });
    expect(r.status).toBe("succeeded");
    expect(s.releases()).toEqual([ids[1], r.releaseId, "my-notes"].sort());
    expect(s.index().releases.map((x) => x.id)).toEqual([ids[1], r.releaseId]);
  });

  it("a pruning run killed mid-delete leaves only an engine-named folder, removed by the next run", async () => {
    const s = setup(testPipeline({ derivations: [], keepReleases: 1 }));
    const ids = await s.publishSeveral(2);
    expect(s.releases()).toEqual([ids[1]]);
    // Pruning first renames the release out of the way, then deletes it: a kill in between leaves this.
    mkdirSync(join(s.dir, "releases", `.pruned-${ids[0]}`));
    writeFileSync(join(s.dir, "releases", `.pruned-${ids[0]}`, "indicators.csv"), "half deleted\n");
    const r = await s.run({ sde: String(1572000000 + 86400) });
    expect(r.recovered).toEqual([`removed releases/.pruned-${ids[0]}, a release an interrupted run was deleting (keepReleases)`]);
    expect(s.releases()).toEqual([ids[1]]);
  });
});

describe("a broken current link", () => {
  const breakers: [string, (s: ReturnType<typeof setup>, ids: string[]) => void, RegExp][] = [
    [
      "dangling",
      (s) => swapCurrent(s, "releases/20190101T000000Z-deadbeef"),
      /^current led to releases\/20190101T000000Z-deadbeef, which is not a release folder: pointed it at release (\S+), the current release in releases\.json$/,
    ],
    ["pointing at /etc", (s) => swapCurrent(s, "/etc"), /^current led to \/etc, outside releases\/: pointed it at release (\S+), the current release in releases\.json$/],
    ["a link loop", (s) => swapCurrent(s, "current"), /^current led to current, outside releases\/: pointed it at release (\S+), the current release in releases\.json$/],
    ["missing", (s) => unlinkSync(join(s.dir, "current")), /^current was missing: pointed it at release (\S+), the current release in releases\.json$/],
  ];

  it.each(breakers)("%s: every run repoints it, says so, and goes on (with and without --force)", async (_what, breakIt, said) => {
    for (const force of [false, true]) {
      const s = setup();
      const ids = await s.publishSeveral(2);
      breakIt(s, ids);
      const r = await s.runCli(...(force ? ["--force"] : []));
      expect(r.code, r.out).toBe(0);
      const line =
        r.out
          .split("\n")
          .find((l) => l.startsWith("  recovered: "))
          ?.slice("  recovered: ".length) ?? "";
      expect(line).toMatch(said);
      expect(line.match(said)![1]).toBe(ids[1]);
      expect(r.out).not.toMatch(/ENOENT|scandir|\n\s+at /);
      if (force) expect(r.out).toContain("✔ published release");
      else expect(r.out).toContain(`✔ up to date: nothing changed since release ${ids[1]}`);
      await servesIntact(s, force ? readlinkSync(join(s.dir, "current")).slice("releases/".length) : ids[1]!);
      expect(s.releases()).toEqual(expect.arrayContaining(ids));
    }
  });

  it("a deleted current release folder: the newest complete release becomes current, the run rebuilds", async () => {
    const s = setup();
    const ids = await s.publishSeveral(2);
    rmSync(join(s.dir, "releases", ids[1]!), { recursive: true });
    const r = await s.runCli();
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`  recovered: dropped release ${ids[1]} from releases.json: its folder releases/${ids[1]} is gone\n`);
    expect(r.out).toContain(`  recovered: current led to releases/${ids[1]}, which is not a release folder: pointed it at release ${ids[0]}, the newest complete release\n`);
    expect(r.out).toContain("  why: figures.csv changed\n");
    expect(r.out).toMatch(/✔ published release \S+/);
    const id = readlinkSync(join(s.dir, "current")).slice("releases/".length);
    await servesIntact(s, id);
    expect(s.index().releases.map((x) => x.id)).toEqual([ids[0], id]);
  });

  it("with no complete release left, it removes the broken links and builds a first release", async () => {
    const s = setup();
    const [id] = await s.publishSeveral(1);
    rmSync(join(s.dir, "releases", id!), { recursive: true });
    const r = await s.run();
    expect(r.recovered).toEqual([
      `dropped release ${id} from releases.json: its folder releases/${id} is gone`,
      `current led to releases/${id}, which is not a release folder: removed it and the stable links through it; no complete release to point it at`,
    ]);
    expect(r.status).toBe("succeeded");
    expect(r.reasons).toEqual(["no release yet"]);
    await servesIntact(s, r.releaseId!);
  });

  it("releases.json holding [] and current dangling: both repaired in one run", async () => {
    const s = setup();
    const ids = await s.publishSeveral(2);
    writeFileSync(join(s.dir, "releases.json"), "[]");
    swapCurrent(s, "/nonexistent");
    const r = await s.run({ sde: String(1572000000 + 86400) });
    expect(r.error).toBeNull();
    expect(r.status).toBe("up-to-date");
    expect(r.recovered).toEqual([
      `releases.json was unusable (not a catalogue: expected an object, got an array): rebuilt it from the release folders: ${ids.join(", ")}`,
      `current led to /nonexistent, outside releases/: pointed it at release ${ids[1]}, the newest complete release`,
    ]);
  });

  it("verify says where a broken current leads, and how to repair it", async () => {
    const s = setup();
    await s.publishSeveral(1);
    swapCurrent(s, "/etc");
    const v = await verifyRelease(s.pipeline, s.out);
    expect(v).toMatchObject({ ok: false, release: null, files: [], problems: ["current leads to /etc, not to a release in releases/: `openfigures run test-figures` repairs it"] });
  });

  it("validate does not trip over releases.json holding []", async () => {
    const s = setup();
    await s.publishSeveral(1);
    writeFileSync(join(s.dir, "releases.json"), "[]");
    const r = await cli(["validate", "test-figures", "--raw", s.raw, "--out", s.out], [s.pipeline]);
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(join(s.dir, "releases.json"), "utf8")).toBe("[]");
  });
});

describe("what a run must not touch", () => {
  it.each([
    ["releases is a file", (dir: string) => writeFileSync(join(dir, "releases"), "mine\n"), "releases"],
    ["current is a folder", (dir: string) => mkdirSync(join(dir, "current")), "current"],
    ["releases.json is a folder", (dir: string) => mkdirSync(join(dir, "releases.json")), "releases.json"],
  ])("%s: every run refuses with one line naming the path and the fix", async (_what, make, name) => {
    const s = setup();
    mkdirSync(s.dir, { recursive: true });
    make(s.dir);
    const kind = name === "releases" ? "a file" : "a folder";
    const want = name === "releases" ? "the folder of releases" : name === "current" ? "the link to the current release" : "the catalogue file";
    for (const force of [false, true]) {
      const r = await s.runCli(...(force ? ["--force"] : []));
      expect(r.code).toBe(1);
      expect(r.out).toContain(`  ✘ failed in `);
      const error = r.out
        .split("\n")
        .find((l) => l.startsWith("  ✘ failed in"))!
        .replace(/^ {2}✘ failed in [^:]+: /, "");
      expect(error).toBe(`${join(s.dir, name)} is ${kind}, where openfigures keeps ${want}: move it out of ${s.dir} (openfigures removes nothing it did not write), then run again`);
      expect(r.out).not.toMatch(/ENOENT|ENOTDIR|EISDIR|scandir|\n\s+at /);
    }
    // Left exactly as it was.
    expect(existsSync(join(s.dir, name))).toBe(true);
    if (name === "releases") expect(readFileSync(join(s.dir, "releases"), "utf8")).toBe("mine\n");
  });
});

describe("damage in the current release", () => {
  it.each([
    ["a missing file", (f: string) => rmSync(join(f, "indicators.csv")), "current release damaged: indicators.csv missing"],
    ["a truncated file", (f: string) => truncateSync(join(f, "indicators.json"), 10), /^current release damaged: indicators\.json is 10 bytes, release\.json says \d+$/],
    ["a missing release.json", (f: string) => rmSync(join(f, "release.json")), "current release damaged: release.json missing"],
    ["a missing run.json", (f: string) => rmSync(join(f, "run.json")), "current release damaged: run.json missing"],
  ])("%s: an up-to-date check notices it and rebuilds, saying why", async (_what, damage, why) => {
    const s = setup();
    const first = await s.run();
    damage(join(s.dir, "releases", first.releaseId!));
    const r = await s.runCli();
    expect(r.code, r.out).toBe(0);
    const whyLine = r.out
      .split("\n")
      .find((l) => l.startsWith("  why: "))
      ?.slice("  why: ".length);
    if (typeof why === "string") expect(whyLine).toBe(why);
    else expect(whyLine).toMatch(why);
    const rebuilt = /✔ published release (\S+)/.exec(r.out)![1]!;
    await servesIntact(s, rebuilt);
    // The damaged release stays, for whoever wants to look at it.
    expect(s.releases()).toEqual([first.releaseId, rebuilt].sort());
    expect((await s.run()).status).toBe("up-to-date");
  });

  it("checks sizes, not hashes: a same-size change is left to verify (keeps an unchanged re-run cheap)", async () => {
    const s = setup();
    const first = await s.run();
    const f = join(s.dir, "releases", first.releaseId!, "indicators.csv");
    writeFileSync(f, readFileSync(f, "utf8").replace("KEN", "KEM"));
    expect((await s.run()).status).toBe("up-to-date");
    expect((await verifyRelease(s.pipeline, s.out)).problems).toEqual([expect.stringMatching(/^indicators\.csv: expected \d+ bytes with sha256/)]);
  });

  it("a broken stable link is relinked, and the run is up to date", async () => {
    const s = setup();
    const first = await s.run();
    unlinkSync(join(s.dir, "indicators.csv"));
    unlinkSync(join(s.dir, "indicators.json"));
    symlinkSync("/etc/passwd", join(s.dir, "indicators.json"));
    const r = await s.run();
    expect(r.status).toBe("up-to-date");
    expect(r.recovered.sort()).toEqual(["linked indicators.csv to the current release", "linked indicators.json to the current release"]);
    await servesIntact(s, first.releaseId!);
  });
});

/** Replaces `current` with a link to `target`, as a user or a broken tool might. */
function swapCurrent(s: ReturnType<typeof setup>, target: string) {
  unlinkSync(join(s.dir, "current"));
  symlinkSync(target, join(s.dir, "current"));
}
