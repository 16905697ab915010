/**
 * FigurePool: a failure while handing on a worker's reply fails the pool's caller, it does not
 * escape as an uncaught exception from the worker's message listener.
 */
import { describe, expect, it } from "vitest";
import { columnKey } from "../../../src/contracts/check.js";
import { FigurePool, portable } from "../../../src/stages/validate/parallel.js";
import { tempDir } from "../../helpers/fixtures.js";
import { mergeDialect } from "../../../src/stages/ingest/dialect.js";
import { FIGURES_HEADER, testPipeline } from "../../helpers/pipeline.js";

describe("FigurePool", () => {
  it("fails finish() when onBatch throws (a spill file that cannot be written)", async () => {
    const pipeline = testPipeline({ derivations: [] });
    const rowChecks = pipeline.checks.filter((c) => c.input === "figures" && c.scope === "row");
    const reader = pipeline.inputs.figures!.reader;
    const recipe = portable(reader, rowChecks)!;
    expect(recipe).not.toBeNull();
    const columns = reader.layout === "rows" ? reader.columns : [];
    const header = FIGURES_HEADER.split(",");
    const pool = new FigurePool(
      1,
      {
        pipeline: { id: pipeline.id, inputs: { figures: { file: "figures.csv" }, sources: { file: "sources.csv" } }, indicators: { ...pipeline.indicators }, units: {}, countryNames: {} },
        entities: { list: [], iso: true, names: {} },
        sources: ["src-b"],
        setup: { pipeline: pipeline.id, input: "figures", file: "figures.csv", dialect: mergeDialect(), strict: false, text: true },
        reader: reader.spec,
        plan: { header, columns, columnIndex: columns.map((c) => header.indexOf(c)) },
        rowChecks: recipe,
        columnValues: { [columnKey("sources", "source_id")]: ["src-b"] },
        sortDir: tempDir(),
        runChars: 1 << 20,
        detectRuns: true,
      },
      () => {
        throw new Error("ENOSPC: no space left on device");
      },
    );
    try {
      await pool.submit([2], ["KEN,population,2018,51 million,persons,src-b,x"]);
      await expect(pool.finish()).rejects.toThrow("ENOSPC");
    } finally {
      await pool.close();
    }
  });
});
