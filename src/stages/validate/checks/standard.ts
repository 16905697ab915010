/**
 * The checks every pipeline wants, as one list to spread into `checks`: no repeated rows (or
 * table cells) in any input, unique source ids, every figure citing a known source, and one
 * value per country, indicator, period and source (disagreeing sources flagged). They are plain
 * checks: a pipeline may list them one by one instead.
 *
 * `figures` names one figures input or several (a World Bank file per indicator); `sources`
 * the sources input, if the pipeline has one: without it, the sources are declared in the
 * readers, and the engine checks that every cell cites one of them.
 */
import type { Check } from "../../../contracts/check.js";
import { duplicateRows } from "./duplicate-rows.js";
import { figureConflicts } from "./figure-conflicts.js";
import { references } from "./references.js";
import { unique } from "./unique.js";

export function standard(inputs: { readonly figures: string | readonly string[]; readonly sources?: string } = { figures: "figures", sources: "sources" }): Check[] {
  const { sources } = inputs;
  const figures = typeof inputs.figures === "string" ? [inputs.figures] : inputs.figures;
  const out: Check[] = sources === undefined ? [] : [duplicateRows({ input: sources }), unique({ input: sources, fields: ["source_id"] })];
  for (const input of figures) {
    out.push(duplicateRows({ input }));
    if (sources !== undefined) out.push(references({ input, field: "source_id", to: sources, key: "source_id" }));
    out.push(figureConflicts({ input }));
  }
  return out;
}
