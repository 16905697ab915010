/**
 * Raw inputs must be regular files inside the pipeline's raw folder (issue 11, item 12). A FIFO
 * or a link to /dev/zero hung the run (the fingerprint read it before anything else); a link to
 * a file elsewhere was followed and its first line copied into validation.json. Now each is
 * refused, before a byte is read, with one located INGEST_NOT_A_FILE error; links that stay
 * inside the raw folder are followed.
 */
import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPipeline } from "../../../src/index.js";
import { fingerprintParts } from "../../../src/pipeline/fingerprint.js";
import { rawFolder, tempDir } from "../../helpers/fixtures.js";
import { expectIssues } from "../../helpers/issues.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../../helpers/pipeline.js";

const GOOD = figuresCsv(["KEN,population,2018,51 million,persons,src-b,a"]);
const SECRET = "TOP SECRET first line,not for publishing\n";

const fifos: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  // Should a reader be stuck opening a FIFO, a writer opening it lets it go.
  for (const path of fifos.splice(0)) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting: nothing to release
    }
  }
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A raw folder with sources.csv, and figures.csv made by `make` (given the raw folder of the pipeline and the temporary root). */
function setUp(make: (folder: string, root: string) => void | Promise<void>) {
  const { raw, out } = rawFolder("test-figures", { "sources.csv": SOURCES_CSV });
  const folder = join(raw, "test-figures");
  return { raw, out, folder, root: join(raw, ".."), ready: Promise.resolve(make(folder, join(raw, ".."))) };
}

async function run(raw: string, out: string) {
  return runPipeline(testPipeline({ derivations: [] }), { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
}

const cases: [string, (folder: string, root: string) => void | Promise<void>, RegExp][] = [
  [
    "a FIFO",
    (folder) => {
      const path = join(folder, "figures.csv");
      execFileSync("mkfifo", [path]);
      fifos.push(path);
    },
    /^figures\.csv: expected a regular file, got a FIFO \(named pipe\) at .*\/raw\/test-figures\/figures\.csv; it was not read$/,
  ],
  [
    "a link to /dev/zero",
    (folder) => symlinkSync("/dev/zero", join(folder, "figures.csv")),
    /^figures\.csv: a symbolic link to \/dev\/zero, outside the raw folder .*\/raw\/test-figures; inputs are read only inside it, and this one was not read$/,
  ],
  [
    "a link to a file outside the raw folder",
    (folder, root) => {
      writeFileSync(join(root, "secret.csv"), SECRET);
      symlinkSync("../../secret.csv", join(folder, "figures.csv"));
    },
    /^figures\.csv: a symbolic link to .*\/secret\.csv, outside the raw folder .*\/raw\/test-figures; inputs are read only inside it, and this one was not read$/,
  ],
  [
    "a link to another pipeline's raw folder",
    (folder, root) => {
      mkdirSync(join(root, "raw", "other"));
      writeFileSync(join(root, "raw", "other", "figures.csv"), GOOD);
      symlinkSync(join(root, "raw", "other", "figures.csv"), join(folder, "figures.csv"));
    },
    /^figures\.csv: a symbolic link to .*\/raw\/other\/figures\.csv, outside the raw folder .*\/raw\/test-figures;/,
  ],
  ["a directory", (folder) => mkdirSync(join(folder, "figures.csv")), /^figures\.csv: expected a regular file, got a directory at .*\/figures\.csv; it was not read$/],
  [
    "a symbolic link loop",
    (folder) => {
      symlinkSync("loop.csv", join(folder, "figures.csv"));
      symlinkSync("figures.csv", join(folder, "loop.csv"));
    },
    /^figures\.csv: a symbolic link that loops \(.*\/figures\.csv\); it was not read$/,
  ],
  [
    "a socket",
    (folder) =>
      new Promise<void>((resolve) => {
        const server = createServer();
        servers.push(server);
        server.listen(join(folder, "figures.csv"), resolve);
      }),
    /^figures\.csv: expected a regular file, got a socket at .*; it was not read$/,
  ],
];

describe("a raw input that is not a regular file inside the raw folder", () => {
  it.each(cases)("%s: one located INGEST_NOT_A_FILE, the run fails without reading it", async (_, make, message) => {
    const { raw, out, ready } = setUp(make);
    await ready;
    const result = await run(raw, out);
    expect(result).toMatchObject({ status: "failed", exitCode: 1, failure: "data" });
    expectIssues(result, [["INGEST_NOT_A_FILE", "figures.csv", null, null]]);
    expect(result.issues[0]!.message).toMatch(message);
    expect(result.error).toBe("cannot read figures.csv: see the issues above; nothing was published");
    const report = readFileSync(join(out, "test-figures", "unpublished", "validation.json"), "utf8");
    expect(report).toContain("INGEST_NOT_A_FILE");
    expect(report).not.toContain("TOP SECRET");
    // The fingerprint did not read it either.
    const parts = await fingerprintParts(testPipeline({ derivations: [] }), raw, { strict: false, maxRejected: "0", reportExamples: 1000 });
    expect(parts.inputs["figures.csv"]).toBeNull();
  });
});

describe("symbolic links that stay inside the raw folder", () => {
  it("are followed: a link to a snapshot in a subfolder, and a raw folder that is itself a link", async () => {
    const { raw, out } = setUp((f) => {
      mkdirSync(join(f, "snapshots", "2024"), { recursive: true });
      writeFileSync(join(f, "snapshots", "2024", "figures.csv"), GOOD);
      symlinkSync("snapshots/2024/figures.csv", join(f, "figures.csv"));
    });
    const result = await run(raw, out);
    expect(result.error).toBeNull();
    expect(result.inputs.find((i) => i.file === "figures.csv")).toMatchObject({ rowsIn: 1, rowsPublished: 1 });

    // The pipeline's raw folder as a link to a folder elsewhere: that folder is the raw folder.
    const elsewhere = tempDir();
    const raw2 = join(tempDir(), "raw");
    mkdirSync(raw2);
    writeFileSync(join(elsewhere, "figures.csv"), GOOD);
    writeFileSync(join(elsewhere, "sources.csv"), SOURCES_CSV);
    symlinkSync(elsewhere, join(raw2, "test-figures"));
    const linked = await run(raw2, join(raw2, "..", "out"));
    expect(linked.error).toBeNull();
    expect(linked.inputs.map((i) => i.rowsPublished)).toEqual([2, 1]);
  });

  it("a link to nothing is a missing file, saying where it points", async () => {
    const { raw, out } = setUp((f) => symlinkSync("gone.csv", join(f, "figures.csv")));
    const result = await run(raw, out);
    expectIssues(result, [["INGEST_FILE_MISSING", "figures.csv", null, null]]);
    expect(result.issues[0]!.message).toMatch(/^figures\.csv: file not found at .*\/figures\.csv \(a symbolic link to gone\.csv, which does not exist\)$/);
    expect(result.failure).toBe("transient");
  });
});
