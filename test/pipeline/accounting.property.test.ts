/**
 * Property: for any mix of good and broken rows, every input row is either published or listed
 * in rejects.csv — never both, never neither — and rows in = published + rejected.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIGURES_HEADER } from "../helpers/pipeline.js";
import { runFigures } from "../helpers/run-fixture.js";

type Kind = "good" | "badValue" | "badCountry" | "tooFew" | "tooMany" | "unclosed" | "stray" | "unknownSource" | "blank" | "duplicate" | "conflict" | "multiline";

const KINDS: Kind[] = ["good", "badValue", "badCountry", "tooFew", "tooMany", "unclosed", "stray", "unknownSource", "blank", "duplicate", "conflict", "multiline"];

interface Built {
  text: string;
  /** line → expected fate; each data row has a unique year so published rows map back to lines. */
  rows: Map<number, { year: string; publish: boolean }>;
}

function build(kinds: Kind[], crlf: boolean): Built {
  const lines: string[] = [FIGURES_HEADER];
  const rows = new Map<number, { year: string; publish: boolean }>();
  let line = 2;
  let lastGood: { text: string; line: number } | null = null;
  const push = (text: string, publish: boolean, year: string, physical = 1) => {
    rows.set(line, { year, publish });
    lines.push(text);
    line += physical;
  };
  for (const [i, kind] of kinds.entries()) {
    const year = String(1000 + i);
    const good = `KEN,population,${year},${i + 1} million,persons,src-b,Row ${i}`;
    switch (kind) {
      case "good":
        lastGood = { text: good, line };
        push(good, true, year);
        continue;
      case "badValue":
        push(`KEN,population,${year},lots,persons,src-b,Row ${i}`, false, year);
        continue;
      case "badCountry":
        push(`ZZZ,population,${year},1 million,persons,src-b,Row ${i}`, false, year);
        continue;
      case "tooFew":
        push(`KEN,population,${year},1 million,persons,src-b`, false, year);
        continue;
      case "tooMany":
        push(`${good},extra`, false, year);
        continue;
      case "unclosed":
        push(`KEN,population,${year},1 million,persons,src-b,"Row ${i}`, false, year);
        continue;
      case "stray":
        push(`KEN,population,${year},1 million,persons,src-b,Row "${i}"`, false, year);
        continue;
      case "unknownSource":
        push(`KEN,population,${year},1 million,persons,src-x,Row ${i}`, false, year);
        continue;
      case "multiline":
        push(`KEN,population,${year},1 million,persons,src-b,"Row ${i}\nsecond line"`, true, year, 2);
        continue;
      case "blank":
        lines.push("");
        line++;
        continue;
      case "duplicate":
        if (!lastGood) {
          push(good, true, year);
          continue;
        }
        rows.set(line, { year: "", publish: false });
        lines.push(lastGood.text);
        line++;
        continue;
      case "conflict": {
        // Same country, indicator, period and source as the row before it, another value: both rejected.
        push(good, false, year);
        push(`KEN,population,${year},${i + 1}.5 million,persons,src-b,Row ${i} again`, false, year);
        continue;
      }
    }
  }
  return { text: lines.join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n"), rows };
}

describe("row accounting (property)", () => {
  it("every input row is published or rejected, never both, never neither", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 25 }), fc.boolean(), async (kinds, crlf) => {
        const { text, rows } = build(kinds, crlf);
        const { result, csv } = await runFigures(text);
        expect(result.status).toBe("succeeded");
        const publishedYears = new Set(
          csv("indicators.csv")
            .filter((r) => r.method === "reported")
            .map((r) => r.period),
        );
        const rejectedLines = new Set(csv("rejects.csv").map((r) => Number(r.line)));
        for (const [line, expected] of rows) {
          const published = expected.year !== "" && publishedYears.has(expected.year);
          const rejected = rejectedLines.has(line);
          expect(published !== rejected, `line ${line}: published ${published}, rejected ${rejected}`).toBe(true);
          expect(rejected, `line ${line}`).toBe(!expected.publish);
        }
        const figures = result.inputs.find((i) => i.input === "figures")!;
        expect(figures.rowsIn).toBe(rows.size);
        expect(figures.rowsPublished + figures.rowsRejected).toBe(figures.rowsIn);
        expect(figures.rowsRejected).toBe(rejectedLines.size);
        expect(figures.rowsPublished).toBe(publishedYears.size);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  });
});
