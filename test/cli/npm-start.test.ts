/**
 * What the README promises a newcomer: `npm start` runs every pipeline on data/raw and writes
 * data/out. Run for real, as a subprocess, in a copy of the project (node_modules linked).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pipelines } from "../../pipelines/index.js";
import { ROOT } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

function projectCopy(): string {
  const dir = tempDir("openfigures-copy-");
  for (const entry of ["package.json", "tsconfig.json", "src", "pipelines", "bin", "data/raw"]) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

describe("npm start", () => {
  it("runs every registered pipeline on data/raw and writes data/out", () => {
    const dir = projectCopy();
    const r = spawnSync("npm", ["start"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    for (const p of pipelines) {
      expect(r.stdout).toContain(`${p.id}: ${p.title}`);
      for (const out of [...p.outputs.map((o) => o.file), "run.json"]) {
        expect(existsSync(join(dir, "data", "out", p.id, out)), `${p.id}/${out}`).toBe(true);
      }
      const run = JSON.parse(readFileSync(join(dir, "data", "out", p.id, "run.json"), "utf8"));
      expect(run).toMatchObject({ pipeline: p.id, status: "succeeded", exitCode: 0 });
    }
    const csv = readFileSync(join(dir, "data", "out", "china-kenya-digital-economy", "indicators.csv"), "utf8");
    expect(csv.trimEnd().split("\n")).toHaveLength(1 + 15);
    // It ends with the catalogue site written: every dataset's page, the catalogue, catalog.json, the feed.
    for (const file of ["index.html", "catalog.json", "feed.xml", ...pipelines.map((p) => `${p.id}/index.html`)]) {
      expect(existsSync(join(dir, "data", "out", file)), file).toBe(true);
    }
    const catalog = JSON.parse(readFileSync(join(dir, "data", "out", "catalog.json"), "utf8")) as { datasets: { id: string }[] };
    expect(catalog.datasets.map((d) => d.id)).toEqual(pipelines.map((p) => p.id).sort());
  });
});
