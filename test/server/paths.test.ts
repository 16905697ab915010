/** `serve`: nothing outside <out>, nor the engine's own files, is reachable; every attempt is 404. */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PIPELINE, published, serve, type Published } from "../helpers/serve.js";

const SECRET = "secret-outside-the-served-folder";
let p: Published & { releaseId: string };

beforeAll(async () => {
  p = await published();
  // Beside <out>, so `..` from <out> would reach it.
  const root = dirname(p.out);
  writeFileSync(join(root, "secret.csv"), `${SECRET}\n`);
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "outside", "data.csv"), `${SECRET}\n`);
  // Symlinks that lead out of <out>, or into the engine's own files.
  symlinkSync(join(root, "secret.csv"), join(p.dir, "escape.csv"));
  symlinkSync("../../secret.csv", join(p.dir, "relative-escape.csv"));
  symlinkSync(join(root, "outside"), join(p.out, "outside-dir"));
  symlinkSync(`releases/${p.releaseId}/.rows-v3`, join(p.dir, "rows.csv"));
  symlinkSync("history.jsonl", join(p.dir, "history.csv"));
  // One that stays inside and leads to a published file: allowed.
  symlinkSync("indicators.csv", join(p.dir, "latest.csv"));
  // The engine's own files, present (a run in progress, a run that published nothing).
  writeFileSync(join(p.dir, ".lock"), '{"pid":1}\n');
  // runPipeline() alone keeps no history (the CLI's locked run does): write what one would.
  writeFileSync(join(p.dir, "history.jsonl"), '{"runId":"r1","outcome":"succeeded"}\n');
  mkdirSync(join(p.dir, ".staging-run1"));
  writeFileSync(join(p.dir, ".staging-run1", "indicators.csv"), "half written\n");
  mkdirSync(join(p.dir, ".work-run1"));
  writeFileSync(join(p.dir, ".work-run1", "spill.csv"), "spill\n");
  mkdirSync(join(p.dir, "unpublished"));
  writeFileSync(join(p.dir, "unpublished", "validation.json"), "{}\n");
  writeFileSync(join(p.dir, ".indicators.csv.tmp-1-abc"), "temporary\n");
  execFileSync("mkfifo", [join(p.dir, "pipe.csv")]);
});

describe("serve: path traversal", () => {
  // [what, the request target as sent]; a function where the target needs the release id.
  const ATTEMPTS: [string, () => string][] = [
    ["dot-dot", () => "/../secret.csv"],
    ["dot-dot after a folder", () => `/${PIPELINE}/../../secret.csv`],
    ["dot-dot that stays inside", () => `/${PIPELINE}/../${PIPELINE}/indicators.csv`],
    ["dot segment", () => `/${PIPELINE}/./indicators.csv`],
    ["encoded dot-dot", () => "/%2e%2e/secret.csv"],
    ["encoded dot-dot, upper case", () => "/%2E%2E/secret.csv"],
    ["half-encoded dot-dot", () => "/.%2e/secret.csv"],
    ["encoded slash", () => "/..%2fsecret.csv"],
    ["encoded slash inside a name that exists decoded", () => `/${PIPELINE}%2findicators.csv`],
    ["encoded dot-dot and slashes", () => `/${PIPELINE}/%2e%2e%2f%2e%2e%2fsecret.csv`],
    ["NUL", () => `/${PIPELINE}/indicators.csv%00`],
    ["NUL before an extension", () => `/${PIPELINE}/indicators.csv%00.html`],
    ["backslash", () => "/..\\secret.csv"],
    ["backslash as separator", () => `/${PIPELINE}\\indicators.csv`],
    ["encoded backslash", () => "/%5c..%5csecret.csv"],
    ["double-encoded dot-dot", () => "/%252e%252e/secret.csv"],
    ["overlong UTF-8 dots", () => "/%c0%ae%c0%ae/secret.csv"],
    ["bad percent-encoding", () => `/${PIPELINE}/%zz.csv`],
    ["empty segment", () => `//${PIPELINE}/indicators.csv`],
    ["a file as a folder", () => `/${PIPELINE}/indicators.csv/`],
    ["dot-dot under a file", () => `/${PIPELINE}/indicators.csv/..`],
    ["absolute-form target", () => `http://127.0.0.1/${PIPELINE}/indicators.csv`],
    ["symlink to a file outside", () => `/${PIPELINE}/escape.csv`],
    ["relative symlink to a file outside", () => `/${PIPELINE}/relative-escape.csv`],
    ["through a symlinked folder outside", () => "/outside-dir/data.csv"],
    ["symlink to the hidden rows index", () => `/${PIPELINE}/rows.csv`],
    ["symlink to the history", () => `/${PIPELINE}/history.csv`],
    ["the lock", () => `/${PIPELINE}/.lock`],
    ["the rows index", () => `/${PIPELINE}/releases/${p.releaseId}/.rows-v3`],
    ["a staging folder", () => `/${PIPELINE}/.staging-run1/indicators.csv`],
    ["a work folder", () => `/${PIPELINE}/.work-run1/spill.csv`],
    ["a temporary file", () => `/${PIPELINE}/.indicators.csv.tmp-1-abc`],
    ["the run history", () => `/${PIPELINE}/history.jsonl`],
    ["unpublished reports", () => `/${PIPELINE}/unpublished/validation.json`],
    ["a FIFO (must not hang the server)", () => `/${PIPELINE}/pipe.csv`],
  ];

  it.each(ATTEMPTS)("%s is 404", async (_name, pathOf) => {
    const s = await serve(p.out);
    const path = pathOf();
    for (const method of ["GET", "HEAD"]) {
      const r = await s.get(path, { method });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.toString()).not.toContain(SECRET);
    }
  });

  it("serves what is published, and a symlink that stays inside <out> (the tests above are not 404 by accident)", async () => {
    const s = await serve(p.out);
    for (const path of [`/${PIPELINE}/indicators.csv`, `/${PIPELINE}/latest.csv`, `/${PIPELINE}/current/indicators.csv`, `/${PIPELINE}/releases/${p.releaseId}/indicators.csv`]) {
      expect((await s.get(path)).status, path).toBe(200);
    }
    // The engine's files the table asks for are there: they are refused, not missing.
    expect(readdirSync(join(p.dir, "releases", p.releaseId))).toContain(".rows-v3");
    expect(readdirSync(p.dir)).toEqual(expect.arrayContaining([".lock", ".staging-run1", ".work-run1", "history.jsonl", "unpublished", "pipe.csv"]));
  });
});
