/**
 * The console examples of README.md and docs/ are run: each `$ openfigures …` block must print
 * what it shows. And docs/adding-a-pipeline.md's walkthrough defines the pipeline it describes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bin, ROOT } from "./helpers/cli.js";
import { tempDir } from "./helpers/fixtures.js";
import { docPage, docPaths } from "./helpers/docs.js";
import { pipelines } from "../pipelines/index.js";
import type { Pipeline } from "../src/index.js";
const examples = docPaths().flatMap((path) => [...docPage(path).matchAll(/```console\n\$ openfigures ([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ path, args: m[1]!, expected: m[2]! })));

describe("console examples of the docs", () => {
  it("has the console example of docs/cli.md", () => {
    expect(examples.map((e) => [e.path, e.args])).toContainEqual(["docs/cli.md", "list"]);
  });

  it.each(examples)("$path: openfigures $args", ({ args, expected }) => {
    const r = bin(args.split(" "));
    expect(r.status).toBe(0);
    // `list` prints one block per registered pipeline: the docs show some of them, each
    // exactly as printed and in the printed order, so that registering a pipeline never makes
    // the docs untrue nor breaks this test.
    if (args === "list") expect(inOrder(blocks(expected), blocks(r.stdout))).toBe(true);
    else expect(r.stdout).toBe(expected);
  });
});

/** `list` output cut into its pipelines' blocks: a line at the margin (the id) and the indented lines after it. */
function blocks(text: string): string[] {
  return text.split(/\n(?=\S)/).map((b) => b.trimEnd());
}

/** Whether every one of `shown` is one of `all`, in the same order. */
function inOrder(shown: readonly string[], all: readonly string[]): boolean {
  let at = 0;
  for (const b of shown) {
    at = all.indexOf(b, at);
    if (at === -1) {
      expect(all, "a list block of the docs printed differently").toContain(b);
      return false;
    }
    at++;
  }
  return shown.length > 0;
}

describe("list example: blocks", () => {
  it("a block the docs show must be printed as shown; pipelines it does not show are allowed", () => {
    const printed = "a\n  A\n  inputs: x\nb\n  B\nc\n  C\n";
    expect(inOrder(blocks("a\n  A\n  inputs: x\nc\n  C\n"), blocks(printed))).toBe(true);
    expect(inOrder(blocks("c\n  C\na\n  A\n  inputs: x\n"), blocks(printed))).toBe(false);
  });
});

describe("docs/adding-a-pipeline.md: the pipeline example", () => {
  it("defines a valid pipeline: world-internet-use as registered, but for its texts", async () => {
    const block = /```ts\n([\s\S]*?)```/.exec(docPage("docs/adding-a-pipeline.md").replace(/^ {3}/gm, ""))?.[1];
    expect(block).toBeDefined();
    const file = join(tempDir("openfigures-docs-"), "pipeline.ts");
    writeFileSync(file, block!.replace("../../src/index.js", join(ROOT, "src", "index.js")));
    const shown = ((await import(file)) as { default: Pipeline }).default;
    expect(shown).toMatchObject({ id: "world-internet-use", defined: true });
    // What the walkthrough teaches is what the pipeline does: its inputs (where they are
    // fetched from too) and readers, entities,
    // indicators' units, checks, derivations, aggregates and outputs.
    const real = pipelines.find((p) => p.id === shown.id)!;
    const essentials = (p: Pipeline) => ({
      inputs: Object.fromEntries(Object.entries(p.inputs).map(([n, i]) => [n, { file: i.file, reader: i.reader.spec, dialect: i.dialect ?? null, url: i.url ?? null, member: i.member ?? null }])),
      entities: p.entities,
      indicators: Object.fromEntries(Object.entries(p.indicators).map(([c, i]) => [c, i.unit])),
      checks: p.checks.map((c) => c.spec),
      derivations: p.derivations,
      aggregates: p.aggregates,
      outputs: p.outputs.map((o) => o.spec),
      license: p.license,
      title: p.title,
    });
    expect(essentials(shown)).toEqual(essentials(real));
  });
});
