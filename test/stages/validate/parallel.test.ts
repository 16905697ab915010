/**
 * FigurePool: a failure while handing on a worker's reply fails the pool's caller, it does not
 * escape as an uncaught exception from the worker's message listener.
 */
import { describe, expect, it } from "vitest";
import { columnKey } from "../../../src/stages/validate/checks/check.js";
import { FigurePool, portable } from "../../../src/stages/validate/parallel.js";
import { tempDir } from "../../helpers/fixtures.js";
import { FIGURES_HEADER, testPipeline } from "../../helpers/pipeline.js";

describe("FigurePool", () => {
  it("fails finish() when onBatch throws (a spill file that cannot be written)", async () => {
    const pipeline = testPipeline({ derivations: [] });
    const rowChecks = pipeline.checks.filter((c) => c.input === "figures" && c.scope === "row");
    const recipe = portable(pipeline, "figures", rowChecks)!;
    expect(recipe).not.toBeNull();
    const columns = Object.keys(pipeline.inputs.figures!.schema.shape);
    const header = FIGURES_HEADER.split(",");
    const pool = new FigurePool(
      1,
      {
        pipeline: { id: pipeline.id, inputs: { figures: { file: "figures.csv" }, sources: { file: "sources.csv" } }, indicators: { population: { name: "Population" } }, countryNames: {} },
        setup: { pipeline: pipeline.id, input: "figures", file: "figures.csv", columns, columnIndex: columns.map((c) => header.indexOf(c)), header, strict: false, text: true },
        schema: recipe.schema,
        rowChecks: recipe.rowChecks,
        columnValues: { [columnKey("sources", "source_id")]: ["src-b"] },
        sortDir: tempDir(),
        runChars: 1 << 20,
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
