/**
 * Golden files: a pipeline's published files compared byte for byte with test/golden/<id>/.
 * `UPDATE_GOLDEN=1 npx vitest run test/pipelines` rewrites them after an intended change; review the diff.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

/** The files of a release that have golden copies. */
export const GOLDEN_FILES = ["indicators.csv", "indicators.json", "datapackage.json", "validation.json", "rejects.csv", "changes.json"];

const GOLDEN = new URL("../golden/", import.meta.url).pathname;

/** Expects `outDir/<id>/<file>` to be its golden copy, after rewriting the copy under UPDATE_GOLDEN. */
export function expectGolden(outDir: string, id: string, file: string): void {
  const bytes = readFileSync(join(outDir, id, file));
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(join(GOLDEN, id), { recursive: true });
    writeFileSync(join(GOLDEN, id, file), bytes);
  }
  expect(bytes.toString("utf8")).toBe(readFileSync(join(GOLDEN, id, file), "utf8"));
}
