/**
 * Figures → observations: the printed value becomes a number in base units ("829 million" →
 * 829000000; percent stays percent), codes get their names, and every observation keeps its
 * source, its printed value, its quote, and the file and line it came from.
 */
import { countryName } from "../../figures/countries.js";
import { parsePrintedValue } from "../../figures/value.js";
import type { Observation, PipelineDefinition, Source, ValidRow } from "../../pipeline/types.js";
import type { Unit } from "../../figures/units.js";

export function normaliseFigure(pipeline: PipelineDefinition, row: ValidRow): Observation {
  const c = row.cells;
  const indicator = pipeline.indicators[c.indicator ?? ""];
  const parsed = parsePrintedValue(c.value ?? "");
  // Validation guarantees both; a failure here is a bug, not bad data.
  if (!indicator || !parsed.ok) throw new Error(`normaliseFigure: ${row.file}:${row.line} was not validated`);
  return {
    country: c.country!,
    countryName: countryName(c.country!, pipeline.countryNames),
    indicator: c.indicator!,
    indicatorName: indicator.name,
    period: c.period!,
    value: parsed.value,
    unit: c.unit as Unit,
    method: "reported",
    valueAsPrinted: c.value!,
    sourceIds: [c.source_id!],
    formula: "",
    derivedFrom: [],
    quote: c.quote!,
    file: row.file,
    line: row.line,
  };
}

export function normaliseSource(row: ValidRow): Source {
  const c = row.cells;
  return {
    sourceId: c.source_id!,
    publisher: c.publisher!,
    title: c.title!,
    url: c.url!,
    published: c.published!,
    accessed: c.accessed!,
    license: c.license!,
  };
}
