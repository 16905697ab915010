/**
 * Pages read the data's shape from what is published, not from a list in the code: a release
 * whose table has more columns (issue 12's source_file, source_line, source_column) and entities
 * beyond ISO 3166 (the World Bank's WLD) shows them, and a figure read from a table cell
 * (source_column set) is not shown as a quote, while a prose figure is.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeSite } from "../../src/site/site.js";
import { tempDir } from "../helpers/fixtures.js";
import { PIPELINE, QUOTE_ROWS, jsonLdOf, siteFolder } from "../helpers/site.js";

const NEW_FIELDS = [
  { name: "source_file", type: "string", description: "The file the figure was read from." },
  { name: "source_line", type: "integer", description: "Its physical line." },
  { name: "source_column", type: "string", description: "The column header of a table cell; empty for a figure from a sentence." },
];

/** Appends cells to a CSV line this program wrote (it has no line breaks inside quotes here). */
function withCells(line: string, cells: string[]): string {
  return [line, ...cells].join(",");
}

describe("a release with columns and entities the code does not list", () => {
  it("shows the added fields, the entity WLD, and quotes only prose figures", async () => {
    const s = siteFolder();
    const r = await s.publish(QUOTE_ROWS);
    const out = join(tempDir(), "out");
    cpSync(s.out, out, { recursive: true, verbatimSymlinks: true });
    const folder = join(out, PIPELINE, "releases", r.releaseId!);
    const lines = readFileSync(join(folder, "indicators.csv"), "utf8").trimEnd().split("\n");
    const header = withCells(
      lines[0]!,
      NEW_FIELDS.map((f) => f.name),
    );
    const rows = lines.slice(1).map((l) => (l.includes("table 1 row") ? withCells(l, ["API_SP.POP.TOTL.csv", "12", "2018"]) : withCells(l, ["figures.csv", "3", ""])));
    // A table figure of the World (WLD), which ISO 3166 has no code for.
    rows.push("WLD,World,population,Population,2018,7592000000,persons,reported,7592000000,src-b,,,A sentence-like cell reference.,API_SP.POP.TOTL.csv,270,2018");
    writeFileSync(join(folder, "indicators.csv"), `${[header, ...rows].join("\n")}\n`);
    const pkg = JSON.parse(readFileSync(join(folder, "datapackage.json"), "utf8"));
    const csv = pkg.resources.find((x: { path: string }) => x.path === "indicators.csv");
    csv.schema.fields.push(...NEW_FIELDS);
    writeFileSync(join(folder, "datapackage.json"), JSON.stringify(pkg, null, 2));

    const result = await writeSite({ out, baseUrl: null, env: {} });
    expect(result.problems).toEqual([]);
    const page = readFileSync(join(out, PIPELINE, "index.html"), "utf8");
    // The schema table and the first rows have the new columns.
    expect(page).toContain('<th scope="row"><code>source_line</code></th><td>integer</td><td></td><td class="wrap">Its physical line.</td>');
    expect(page).toContain('<th scope="col" class="num">source_line</th>');
    expect(page).toContain("<caption>All 6 rows of indicators.csv</caption>");
    expect(page).toContain("<td>World</td>");
    // A cell reference, even one that reads like a sentence, is not a quote; prose still is.
    expect(page).not.toContain("<p>A sentence-like cell reference.</p>");
    expect(page).toContain("<p>Kenya had 10 million internet users.</p></blockquote>");
    // Rows per source count the World's row too.
    expect(page).toMatch(/<code id="source-src-b">src-b<\/code>.*<td class="num">3<\/td><td class="num">0<\/td>/);
    const ld = jsonLdOf(page);
    expect(ld.spatialCoverage).toContainEqual({ "@type": "Place", name: "World", identifier: "WLD" });
  });
});
