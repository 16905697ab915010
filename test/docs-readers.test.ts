/**
 * docs/readers.md's TypeScript examples compile against the API and run: each reader they
 * define has no definition problems, each dialect none either, each input neither.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { dialectProblems, mergeDialect } from "../src/stages/ingest/dialect.js";
import { ROOT } from "./helpers/cli.js";

const doc = readFileSync(join(ROOT, "docs", "readers.md"), "utf8");
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
// A folder beside docs/, so the examples' "../src/index.js" resolves as it does from docs/.
const dir = mkdtempSync(join(ROOT, ".docs-check-"));
const files = blocks.map((b, i) => {
  const file = join(dir, `example-${i}.ts`);
  writeFileSync(file, b);
  return file;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INDICATORS = ["population", "internet_users_share", "mobile_subscriptions"];

describe("docs/readers.md examples", () => {
  it("has examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it("type-check against the API", () => {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", include: ["*.ts", "../src/**/*.d.ts"] }));
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.each(files.map((f, i) => [i, f]))("example %i runs, and what it defines has no problems", async (_i, file) => {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const defined = Object.entries(mod);
    expect(defined.length).toBeGreaterThan(0);
    type Checkable = { problems: (ctx: { indicators: string[] }) => string[]; dialect: object };
    for (const [name, value] of defined) {
      const v = value as Record<string, unknown>;
      const problems =
        typeof value === "object" && value !== null && "problems" in value
          ? (value as Checkable).problems({ indicators: INDICATORS })
          : typeof value === "object" && value !== null && "reader" in value
            ? [...(v.reader as Checkable).problems({ indicators: INDICATORS }), ...dialectProblems(v.dialect, mergeDialect((v.reader as Checkable).dialect))]
            : dialectProblems(value);
      expect([name, problems]).toEqual([name, []]);
    }
  });
});
