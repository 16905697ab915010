/** The options shown in the README's "The PDF summary" section are valid and fit their pipelines. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import seed from "../../pipelines/china-kenya-digital-economy/pipeline.js";
import { pdf, type PdfOptions } from "../../src/publish/targets/pdf.js";
import { SUMMARY_OPTIONS } from "../../src/report/options.js";
import { buildSummary } from "../../src/report/summary.js";
import { readmeSection } from "../helpers/readme.js";
import { seedContext, summaryInput } from "./fixtures.js";
import { worldContext } from "./world.js";

const section = readmeSection("The PDF summary");

/** Every `targets.pdf({...})` block of the section, evaluated: they are plain object literals. */
const blocks = [...section.matchAll(/```ts\ntargets\.pdf\(([\s\S]*?)\)\n```/g)].map((m) => new Function(`return (${m[1]});`)() as PdfOptions);

describe("README: The PDF summary", () => {
  it("shows target options that the pdf target accepts and the seed release can fill", async () => {
    const options = blocks[0]!;
    expect(() => pdf(options)).not.toThrow();
    for (const h of options.headlines ?? []) expect(Object.keys(seed.indicators)).toContain(h.indicator);
    const model = buildSummary(summaryInput(await seedContext()), options);
    expect(model.quality.notes).toEqual([]);
    expect(model.headlines.map((h) => h.figure.number)).toEqual(["829 million", "871 million", "45.7 million"]);
    expect(model.charts.filter((c) => c.kind === "composition").map((c) => c.title)).toEqual(["Kenya: Active data/internet subscriptions, Dec 2018"]);
  });

  it("shows world-internet-use's options, which a release of its shape fills: the World and the regions, the appendix", () => {
    // Until the world-internet-use pipeline is on main, the synthetic release of its shape stands in.
    const options = blocks[1]!;
    expect(() => pdf(options)).not.toThrow();
    const world = worldContext();
    const model = buildSummary({ ...summaryInput(world), entities: world.entities }, options);
    expect(model.quality.notes).toEqual([]);
    expect(model.selection.mode).toBe("groups");
    expect(model.selection.entities.map((e) => e.code)).toEqual(options.groups);
    expect(model.appendix.length).toBeGreaterThan(0);
    expect(section).toContain("`world-internet-use` compares the World and the regions on every indicator, ranks all 215");
  });

  it("lists every option of the target in its table", () => {
    const rows = [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual([...SUMMARY_OPTIONS]);
  });

  it("names the package and version the fonts come from, as package.json pins them", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
    expect(section).toContain(`\`dejavu-fonts-ttf\` (${pkg.dependencies["dejavu-fonts-ttf"]}`);
  });
});
