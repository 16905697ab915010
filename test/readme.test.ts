/** The README's console examples are run: each `$ openfigures …` block must print what it shows. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bin, ROOT } from "./helpers/cli.js";
import { tempDir } from "./helpers/fixtures.js";
import { README as readme } from "./helpers/readme.js";
const examples = [...readme.matchAll(/```console\n\$ openfigures ([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ args: m[1]!, expected: m[2]! }));

describe("README examples", () => {
  it("has console examples", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)("openfigures $args", ({ args, expected }) => {
    const r = bin(args.split(" "));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected);
  });
});

describe("README pipeline example", () => {
  it("defines a valid pipeline", async () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme.replace(/^ {3}/gm, ""))?.[1];
    expect(block).toBeDefined();
    const file = join(tempDir("openfigures-readme-"), "pipeline.ts");
    writeFileSync(file, block!.replace("../../src/index.js", join(ROOT, "src", "index.js")));
    const mod = (await import(file)) as { default: { id: string; defined: boolean } };
    expect(mod.default).toMatchObject({ id: "kenya-mobile-money", defined: true });
  });
});
