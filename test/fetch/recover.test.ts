/** What an interrupted fetch leaves: found, said, put right; and the check a run can make. */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST_NEXT, serializeManifest } from "../../src/fetch/manifest.js";
import { checkSnapshots, recoverSnapshots } from "../../src/fetch/recover.js";
import { tempDir } from "../helpers/fixtures.js";

const sha = (b: string) => createHash("sha256").update(b).digest("hex");
const entry = (content: string) => ({ url: "https://example.org/f.csv", sha256: sha(content), bytes: Buffer.byteLength(content), retrieved: "2026-12-05T10:00:00Z" });

/** A pid that is not running: the highest a Linux pid can be, plus one. */
const DEAD_PID = 4194305;

describe("recoverSnapshots", () => {
  it("removes temporary files of processes that are gone, keeps this process's and anything else", async () => {
    const dir = tempDir();
    const dead = `.figures.csv.fetch-${DEAD_PID}-0a1b2c3d`;
    const live = `.figures.csv.fetch-${process.pid}-0a1b2c3d`;
    for (const name of [dead, live, ".hidden-by-someone", "figures.csv"]) writeFileSync(join(dir, name), "x");
    expect(await recoverSnapshots(dir)).toEqual([`removed ${dead}, left by an interrupted fetch`]);
    expect(readdirSync(dir).sort()).toEqual([live, ".hidden-by-someone", "figures.csv"].sort());
  });

  it("a prepared manifest that describes the file on disk is moved into place", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "figures.csv"), "new");
    writeFileSync(join(dir, "snapshots.json"), serializeManifest({ files: { "figures.csv": entry("old") } }));
    const next = serializeManifest({ files: { "figures.csv": entry("new") } });
    writeFileSync(join(dir, MANIFEST_NEXT), next);
    expect(await recoverSnapshots(dir)).toEqual(["completed snapshots.json for figures.csv: a fetch was interrupted after replacing the file, before recording it"]);
    expect(readFileSync(join(dir, "snapshots.json"), "utf8")).toBe(next);
    expect(existsSync(join(dir, MANIFEST_NEXT))).toBe(false);
  });

  it("a prepared manifest for a file that was never replaced is removed", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "figures.csv"), "old");
    const current = serializeManifest({ files: { "figures.csv": entry("old") } });
    writeFileSync(join(dir, "snapshots.json"), current);
    writeFileSync(join(dir, MANIFEST_NEXT), serializeManifest({ files: { "figures.csv": entry("new") } }));
    expect(await recoverSnapshots(dir)).toEqual([`removed ${MANIFEST_NEXT}: a fetch was interrupted before replacing figures.csv`]);
    expect(readFileSync(join(dir, "snapshots.json"), "utf8")).toBe(current);
    expect(existsSync(join(dir, MANIFEST_NEXT))).toBe(false);
  });

  it("an unreadable prepared manifest is removed; a broken snapshots.json is left for a person", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, MANIFEST_NEXT), '{"files": {');
    expect(await recoverSnapshots(dir)).toEqual([`removed ${MANIFEST_NEXT}, left unreadable by an interrupted fetch`]);
    writeFileSync(join(dir, "snapshots.json"), "{ broken");
    writeFileSync(join(dir, MANIFEST_NEXT), serializeManifest({ files: {} }));
    expect(await recoverSnapshots(dir)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NEXT, "snapshots.json"]);
  });
});

describe("checkSnapshots", () => {
  it("tells each file's state: ok, unrecorded, missing, or not the bytes recorded", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.csv"), "a");
    writeFileSync(join(dir, "b.csv"), "b");
    writeFileSync(join(dir, "c.csv"), "edited");
    writeFileSync(join(dir, "snapshots.json"), serializeManifest({ files: { "a.csv": entry("a"), "c.csv": entry("c"), "gone.csv": entry("g") } }));
    expect(await checkSnapshots(dir, ["a.csv", "b.csv", "c.csv", "gone.csv"])).toEqual({
      ok: true,
      files: [
        { file: "a.csv", state: "ok", entry: entry("a") },
        { file: "b.csv", state: "unrecorded" },
        {
          file: "c.csv",
          state: "mismatch",
          entry: entry("c"),
          actual: { sha256: sha("edited"), bytes: 6 },
          message: `c.csv does not match snapshots.json: recorded sha256 ${sha("c").slice(0, 12)}… (1 bytes), the file has ${sha("edited").slice(0, 12)}… (6 bytes)`,
        },
        { file: "gone.csv", state: "missing", entry: entry("g"), message: "gone.csv is recorded in snapshots.json but missing" },
      ],
    });
  });

  it("a recorded file that is not a regular file (a FIFO) is named, never opened", async () => {
    const dir = tempDir();
    execFileSync("mkfifo", [join(dir, "a.csv")]);
    writeFileSync(join(dir, "snapshots.json"), serializeManifest({ files: { "a.csv": entry("a") } }));
    expect(await checkSnapshots(dir, ["a.csv"])).toEqual({
      ok: true,
      files: [{ file: "a.csv", state: "not-a-file", entry: entry("a"), message: `expected a regular file, got a FIFO (named pipe) at ${join(dir, "a.csv")}; it was not read` }],
    });
  });

  it("an unreadable snapshots.json is a problem, not an empty record", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "snapshots.json"), "[]");
    expect(await checkSnapshots(dir, ["a.csv"])).toEqual({ ok: false, reason: `${join(dir, "snapshots.json")}: (top level): Invalid input: expected object, received array, got []` });
  });
});
