/**
 * Derivations: a formula over indicator codes, evaluated per country for every period (or year)
 * in which all its inputs exist. The sorted pass calls it with one country's observations at a
 * time. When several sources give an input, each combination is
 * derived and published with its own sources, so a disagreement between sources stays visible
 * in the derived rows instead of being averaged away. A derived row cites the sources of all
 * its inputs, names its formula and lists the observations it used.
 */
import { countryName } from "../../figures/countries.js";
import { groupBy } from "../../figures/group-by.js";
import { periodYear } from "../../figures/period.js";
import { makeIssue, type Issue } from "../../pipeline/issue.js";
import type { DerivationDefinition, Observation, PipelineDefinition } from "../../pipeline/types.js";
import { roundTo } from "../../publish/number.js";
import { evaluateFormula, formulaInputs, formulaRefs, parseFormula } from "./formula.js";

/** More combinations than this for one country and period means the data needs a look, not a product. */
const MAX_COMBINATIONS = 64;

function cell(indicator: string, country: string, periodKey: string): string {
  return `${indicator}\u0000${country}\u0000${periodKey}`;
}

/** Within a year, keep each source's latest period (a 2018-12 figure over a 2018-06 one). */
function latestPerSource(list: Observation[]): Observation[] {
  const best = new Map<string, Observation>();
  for (const o of list) {
    const key = `${o.method}\u0000${o.sourceIds.join(";")}`;
    const seen = best.get(key);
    if (!seen || o.period > seen.period) best.set(key, o);
  }
  return [...best.values()];
}

function combinations<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}

export function derive(pipeline: PipelineDefinition, der: DerivationDefinition, pool: readonly Observation[], issues: Issue[]): Observation[] {
  const formula = parseFormula(der.formula);
  const refs = formulaRefs(formula);
  const byYear = der.match === "year";
  const periodKeyOf = (o: Observation) => (byYear ? periodYear(o.period) : o.period);
  // Observations by indicator, country and period (or year); the first input's cells lead.
  const index = groupBy(der.from === "reported" ? pool.filter((o) => o.method === "reported") : pool, (o) => cell(o.indicator, o.country, periodKeyOf(o)));
  const indicator = pipeline.indicators[der.indicator]!;
  const out: Observation[] = [];
  for (const [lead] of index.values()) {
    if (lead!.indicator !== refs[0]) continue;
    const country = lead!.country;
    const periodKey = periodKeyOf(lead!);
    if (der.countries && !der.countries.includes(country)) continue;
    const lists = refs.map((r) => index.get(cell(r, country, periodKey)) ?? []);
    if (lists.some((l) => l.length === 0)) continue;
    const combos = combinations(byYear ? lists.map(latestPerSource) : lists);
    if (combos.length > MAX_COMBINATIONS) {
      issues.push(
        makeIssue({
          code: "DERIVE_INVALID_RESULT",
          pipeline: pipeline.id,
          rule: `${der.indicator} for ${country} ${periodKey}: ${combos.length} combinations of inputs; at most ${MAX_COMBINATIONS} are derived`,
        }),
      );
      continue;
    }
    for (const combo of combos) {
      const values = Object.fromEntries(refs.map((r, i) => [r, combo[i]!.value]));
      const raw = evaluateFormula(formula, values);
      if (!Number.isFinite(raw)) {
        const shown = refs.map((r) => `${r}=${values[r]}`).join(", ");
        issues.push(
          makeIssue({
            code: "DERIVE_INVALID_RESULT",
            pipeline: pipeline.id,
            value: String(raw),
            rule: `${der.indicator} for ${country} ${periodKey} = ${der.formula} with ${shown} is not a finite number`,
          }),
        );
        continue;
      }
      out.push({
        country,
        countryName: countryName(country, pipeline.countryNames),
        indicator: der.indicator,
        indicatorName: indicator.name,
        period: byYear ? periodKey : combo[0]!.period,
        value: der.decimals === undefined ? raw : roundTo(raw, der.decimals),
        unit: indicator.unit,
        method: "derived",
        valueAsPrinted: "",
        sourceIds: [...new Set(combo.flatMap((o) => o.sourceIds))].sort(),
        formula: der.formula,
        derivedFrom: combo.map((o) => `${o.indicator} ${o.country} ${o.period}`),
        quote: "",
        file: null,
        line: null,
      });
    }
  }
  return out;
}

/** A derivation that produced nothing in the whole run: its inputs never met. */
export function nothingDerived(pipeline: PipelineDefinition, der: DerivationDefinition): Issue {
  const refs = formulaInputs(der.formula);
  return makeIssue({
    code: "DERIVE_MISSING_INPUT",
    pipeline: pipeline.id,
    rule: `${der.indicator} = ${der.formula} derived nothing: no country has ${refs.join(" and ")} for the same ${der.match === "year" ? "year" : "period"}`,
  });
}

/** Derivations in an order where every input is derived before it is used. */
export function derivationOrder(derivations: readonly DerivationDefinition[]): DerivationDefinition[] {
  const produces = new Map(derivations.map((d) => [d.indicator, d]));
  const done = new Set<DerivationDefinition>();
  const order: DerivationDefinition[] = [];
  const visit = (d: DerivationDefinition) => {
    if (done.has(d)) return;
    done.add(d);
    for (const ref of formulaInputs(d.formula)) {
      const dep = produces.get(ref);
      if (dep && dep !== d) visit(dep);
    }
    order.push(d);
  };
  derivations.forEach(visit);
  return order;
}
