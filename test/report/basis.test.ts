/**
 * The summary's basis (which codes are groups, the pdf target's options) travels in summary.pdf's
 * XMP metadata to the site: written by the renderer, found by scanning the bytes, checked when
 * read back.
 */
import { describe, expect, it } from "vitest";
import { pdf } from "../../src/publish/targets/pdf.js";
import { basisLookup, parseBasis } from "../../src/report/basis.js";
import { readBasis } from "../../src/report/pdf/basis.js";
import { buildSummary } from "../../src/report/summary.js";
import { render } from "../helpers/publish.js";
import { summaryInput } from "./fixtures.js";
import { worldContext } from "./world.js";

describe("the summary's basis in summary.pdf", () => {
  it("is read back from the PDF's bytes as the model recorded it: groups with members, the options given", async () => {
    const world = worldContext({ countries: 40 });
    const options = { groups: ["WLD", "EAS", "SSF"], coverage: "70%" as const, compositions: [{ whole: "population", parts: ["internet_users"], otherLabel: '<not> & "online"' }] };
    const { bytes } = await render(pdf({ ...options, file: "report.pdf" }), world, 512);
    const text = readBasis(bytes);
    expect(text).not.toBeNull();
    const read = parseBasis(text!);
    expect("basis" in read).toBe(true);
    const model = buildSummary({ ...summaryInput(world), entities: world.entities! }, options);
    if (!("basis" in read)) return;
    expect(read.basis).toEqual(model.basis);
    // The target's own option (its file name) is not the model's.
    expect(read.basis.options).toEqual(options);
    expect(read.basis.entities.find((e) => e.code === "WLD")).toMatchObject({ kind: "aggregate" });
    expect(read.basis.entities.find((e) => e.code === "SSF")).toMatchObject({ kind: "region" });
    // Countries are not listed: the lookup takes a code it does not list for a country.
    expect(read.basis.entities.some((e) => e.code === "KEN")).toBe(false);
    expect(basisLookup(read.basis).get("KEN")).toBeUndefined();
    expect(basisLookup(read.basis).get("SSF")).toMatchObject({ kind: "region", members: model.basis.entities.find((e) => e.code === "SSF")!.members });
    // The same model, rebuilt from the basis alone.
    const again = buildSummary({ ...summaryInput(world), entities: basisLookup(read.basis) }, read.basis.options);
    expect(again.headlines).toEqual(model.headlines);
    expect(again.charts).toEqual(model.charts);
  });

  it("is absent from a PDF that does not carry it, and refused when it is not what the model records", () => {
    expect(readBasis(Buffer.from("%PDF-1.7\n%%EOF\n"))).toBeNull();
    expect(parseBasis("{")).toMatchObject({ problem: expect.stringContaining("not JSON") });
    expect(parseBasis(JSON.stringify({ entities: [{ code: "WLD", kind: "planet" }], options: {} }))).toMatchObject({ problem: expect.stringContaining("kind") });
    expect(parseBasis(JSON.stringify({ entities: [], options: { topBottom: 9 } }))).toEqual({ problem: "topBottom: expected a whole number from 1 to 7 (twice that many bars in a chart), got 9" });
  });
});
