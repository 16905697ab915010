/**
 * The checks every pipeline in the figures format wants, as one list to spread into `checks`:
 * no repeated rows in either input, unique source ids, every figure citing a known source, and
 * one value per country, indicator, period and source (disagreeing sources flagged). They are
 * plain checks: a pipeline may list them one by one instead.
 */
import type { Check } from "./check.js";
import { duplicateRows } from "./duplicate-rows.js";
import { figureConflicts } from "./figure-conflicts.js";
import { references } from "./references.js";
import { unique } from "./unique.js";

export function standard(inputs: { readonly figures: string; readonly sources: string } = { figures: "figures", sources: "sources" }): Check[] {
  return [
    duplicateRows({ input: inputs.sources }),
    unique({ input: inputs.sources, fields: ["source_id"] }),
    duplicateRows({ input: inputs.figures }),
    references({ input: inputs.figures, field: "source_id", to: inputs.sources, key: "source_id" }),
    figureConflicts({ input: inputs.figures }),
  ];
}
