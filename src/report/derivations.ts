/**
 * How each derived indicator was computed, in words: the formula with indicator names instead
 * of codes and × ÷ − instead of * / -, parenthesised only where the order of operations needs it.
 */
import type { Pipeline } from "../contracts/definition.js";
import { parseFormula, type Formula } from "../figures/formula.js";
import type { FigureBook } from "./figures.js";

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 } as const;
const SYMBOL = { "+": "+", "-": "\u2212", "*": "\u00d7", "/": "\u00f7" } as const;

function formulaInWords(formula: Formula, name: (code: string) => string): string {
  const show = (f: Formula, parent: number, right: boolean): string => {
    switch (f.kind) {
      case "number":
        return String(f.value);
      case "ref":
        return name(f.name);
      case "neg":
        return `\u2212${show(f.arg, 3, false)}`;
      case "binary": {
        const p = PRECEDENCE[f.op];
        const text = `${show(f.left, p, false)} ${SYMBOL[f.op]} ${show(f.right, p, true)}`;
        // a − (b − c) and a ÷ (b × c) need their brackets; a × b ÷ c does not.
        return p < parent || (right && p === parent) ? `(${text})` : text;
      }
    }
  };
  return show(formula, 0, false);
}

export function describeDerivations(pipeline: Pipeline, book: FigureBook): { name: string; formula: string }[] {
  const name = (code: string) => pipeline.indicators[code]?.name ?? code;
  return pipeline.derivations
    .filter((d) => book.observations.some((o) => o.indicator === d.indicator && o.method === "derived"))
    .map((d) => ({ name: name(d.indicator), formula: formulaInWords(parseFormula(d.formula), name) }));
}
