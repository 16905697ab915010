/** Structural tests of the registry: every pipeline folder is registered and sound. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pipelines } from "../../pipelines/index.js";
import { PIPELINE_ID } from "../../src/contracts/definition.js";
import { scheduleProblems } from "../../src/pipeline/cron.js";

const root = new URL("../../", import.meta.url).pathname;
const folders = readdirSync(join(root, "pipelines")).filter((n) => statSync(join(root, "pipelines", n)).isDirectory());

describe("pipelines registry", () => {
  it("registers every folder in pipelines/, and nothing else", () => {
    expect(pipelines.map((p) => p.id).sort()).toEqual(folders.sort());
  });

  it("has unique kebab-case ids", () => {
    const ids = pipelines.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(PIPELINE_ID);
  });

  it.each(pipelines.map((p) => [p.id, p] as const))("%s: declared inputs exist in data/raw, with a README and a valid schedule", (id, p) => {
    for (const input of Object.values(p.inputs)) expect(existsSync(join(root, "data", "raw", id, input.file)), input.file).toBe(true);
    expect(existsSync(join(root, "pipelines", id, "README.md"))).toBe(true);
    if (p.schedule) expect(scheduleProblems(p.schedule)).toEqual([]);
  });
});
