/** The options shown in docs/pdf.md are valid and fit their pipelines. */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import seed from "../../pipelines/china-kenya-digital-economy/pipeline.js";
import worldPipeline from "../../pipelines/world-internet-use/pipeline.js";
import { pdf, type PdfOptions } from "../../src/publish/targets/pdf.js";
import { SUMMARY_OPTIONS } from "../../src/report/options.js";
import { buildSummary } from "../../src/report/summary.js";
import { docPage } from "../helpers/docs.js";
import type { DistributionChart } from "../../src/report/model.js";
import { render, type Fixture } from "../helpers/publish.js";
import { seedContext, summaryInput } from "./fixtures.js";
import { readPdf } from "./pdf-text.js";

const section = docPage("docs/pdf.md");

/** Every `targets.pdf({...})` block of the section, evaluated: they are plain object literals. */
const blocks = [...section.matchAll(/```ts\ntargets\.pdf\(([\s\S]*?)\)\n```/g)].map((m) => new Function(`return (${m[1]});`)() as PdfOptions);

describe("docs/pdf.md", () => {
  it("shows target options that the pdf target accepts and the seed release can fill", async () => {
    const options = blocks[0]!;
    expect(() => pdf(options)).not.toThrow();
    for (const h of options.headlines ?? []) expect(Object.keys(seed.indicators)).toContain(h.indicator);
    const model = buildSummary(summaryInput(await seedContext()), options);
    expect(model.quality.notes).toEqual([]);
    expect(model.headlines.map((h) => h.figure.number)).toEqual(["829 million", "871 million", "45.7 million"]);
    expect(model.charts.filter((c) => c.kind === "composition").map((c) => c.title)).toEqual(["Kenya: Active data/internet subscriptions, Dec 2018"]);
  });

  describe("world-internet-use, on its real release", () => {
    let world: Fixture;
    beforeAll(async () => {
      world = await seedContext(worldPipeline);
    }, 60_000);
    const model = (options: PdfOptions) => buildSummary({ ...summaryInput(world), ...(world.entities ? { entities: world.entities } : {}) }, options);

    it("sets no option, and its defaults are the options written out", () => {
      expect(worldPipeline.outputs.find((t) => t.type === "pdf")!.spec.options).toEqual({});
      expect(section).toContain("`world-internet-use` sets no option (`targets.pdf()`)");
      const written = blocks[1]!;
      expect(() => pdf(written)).not.toThrow();
      const defaults = model({});
      // The same model but for its record of the options it was given.
      expect({ ...model(written), basis: null }).toEqual({ ...defaults, basis: null });
      expect(defaults.quality.notes).toEqual([]);
      expect(defaults.selection.mode).toBe("groups");
      expect(defaults.selection.entities.map((e) => e.code)).toEqual(written.groups);
    });

    it("says of which years, and how many it ranks, as the model has them", () => {
      const m = model({});
      const periods = Object.fromEntries(m.selection.periods.map((p) => [p.indicator, [p.period, p.reason]]));
      expect(periods.internet_users_share).toEqual(["2017", "205 of 213 countries have a figure; 2020 has 151, 2019 has 157, \u2026"]);
      expect(periods.population![0]).toBe("2020");
      expect(periods.internet_users![0]).toBe("2017");
      const ranked = m.charts.filter((c): c is DistributionChart => c.kind === "distribution").map((c) => c.entries.length);
      expect(ranked).toEqual([213, 217, 213]);
      expect(section).toContain("(2017 for the share and internet users: 205 of 213 economies have a share;\n2020 for population), and ranks every economy on a page per indicator (213, 217 and 213)");
      const aggregates = new Set(world.observations.map((o) => o.country).filter((c) => world.entities!.get(c)?.kind === "aggregate" && c !== "WLD"));
      expect(section).toContain(`${aggregates.size} other World Bank aggregates`);
      expect(section).toContain(`when ${/2020 has (\d+)/.exec(periods.internet_users_share![1]!)![1]} economies have a share`);
    });

    it("makes the other choices the section names", () => {
      const income = model({ groups: ["WLD", "HIC", "UMC", "LMC", "LIC"] });
      expect(income.selection.entities.map((e) => e.name)).toEqual(["World", "High income", "Upper middle income", "Lower middle income", "Low income"]);
      const featured = model({ featured: ["KEN", "CHN"] });
      expect(featured.countries.map((c) => c.name)).toEqual(["Kenya", "China"]);
      expect(featured.headlines.map((h) => h.countryName)).toContain("Kenya");
      expect(featured.charts.filter((c): c is DistributionChart => c.kind === "distribution").every((c) => c.entries.filter((e) => e.featured).length === 2)).toBe(true);
      expect(model({ period: "2020" }).selection.periods.every((p) => p.period === "2020")).toBe(true);
      expect(model({ appendix: true }).appendix.length).toBe(3);
    });

    it("has the page counts the section gives, with and without the appendix", async () => {
      expect(section).toContain("(`world-internet-use`: 8 pages, 12 with the appendix)");
      expect(section).toContain("every\neconomy's latest figure and its year (12 pages)");
      for (const [options, pages] of [
        [{}, 8],
        [{ appendix: true }, 12],
      ] as const) {
        const { bytes } = await render(pdf(options), world, 512);
        expect((await readPdf(bytes)).pages.length).toBe(pages);
      }
    });
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
