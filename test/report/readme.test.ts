/** The options shown in the README's "The PDF summary" section are valid and fit the seed pipeline. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import seed from "../../pipelines/china-kenya-digital-economy/pipeline.js";
import { pdf, type PdfOptions } from "../../src/publish/pdf.js";
import { buildSummary } from "../../src/report/summary.js";
import { readmeSection } from "../helpers/readme.js";
import { seedContext, summaryInput } from "./fixtures.js";

const section = readmeSection("The PDF summary");

describe("README: The PDF summary", () => {
  it("shows target options that the pdf target accepts and the seed release can fill", async () => {
    const block = /```ts\ntargets\.pdf\(([\s\S]*?)\)\n```/.exec(section)?.[1];
    expect(block).toBeDefined();
    // The block is a plain object literal: evaluate it as one.
    const options = new Function(`return (${block});`)() as PdfOptions;
    expect(() => pdf(options)).not.toThrow();
    for (const h of options.headlines ?? []) expect(Object.keys(seed.indicators)).toContain(h.indicator);
    const model = buildSummary(summaryInput(await seedContext()), options);
    expect(model.quality.notes).toEqual([]);
    expect(model.headlines.map((h) => h.figure.number)).toEqual(["829 million", "871 million", "45.7 million"]);
    expect(model.charts.filter((c) => c.kind === "composition").map((c) => c.title)).toEqual(["Kenya: Active data/internet subscriptions, Dec 2018"]);
  });

  it("names the package and version the fonts come from, as package.json pins them", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
    expect(section).toContain(`\`dejavu-fonts-ttf\` (${pkg.dependencies["dejavu-fonts-ttf"]}`);
  });
});
