/** `npm run bench` refuses bad options the way the CLI does: what was wrong, the usage, exit 2. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

function bench(args: string[]) {
  const dir = join(tempDir("openfigures-bench-run-"), "bench");
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", ...args, "--dir", dir], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { ...r, dir };
}

describe("npm run bench usage errors", () => {
  it.each([
    [["--bogus"], "npm run bench: Unknown option '--bogus'"],
    [["--rows", "0"], 'npm run bench: --rows: expected a whole number ≥ 1, got "0"'],
    [["--workload", "tall"], 'npm run bench: --workload: expected one of figures, wide, warnings, all, got "tall"'],
  ])("%j: prints the message and the usage, no stack trace, exit 2, and does no work", (args, message) => {
    const r = bench(args);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toContain(message);
    expect(r.stderr).toContain("usage: npm run bench -- [options]");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe("");
    expect(existsSync(r.dir)).toBe(false);
  });
});
