/**
 * Derivations: a formula over indicator codes, evaluated per country for every period in which
 * all its inputs exist. With `match: "year"`, periods are matched by year (figures/year-match.ts):
 * each input takes its figure of the same period when there is one, else its figure of the year,
 * never one of another month, and the row is dated by that period (the finer of the two: a monthly
 * share over an annual population is that month's). The sorted pass calls it with one country's
 * observations at a time. When several sources give an input, each combination is derived and
 * published with its own sources, so a disagreement between sources stays visible in the
 * derived rows instead of being averaged away. A derived row cites the sources of all its
 * inputs, names its formula and lists the observations it used.
 */
import type { EntityKind } from "../../figures/entities.js";
import { groupBy } from "../../figures/group-by.js";
import { complete, matchByYear } from "../../figures/year-match.js";
import { makeIssue, type Issue } from "../../contracts/issue.js";
import type { DerivationDefinition, PipelineDefinition } from "../../contracts/definition.js";
import type { Observation } from "../../contracts/rows.js";
import { roundTo } from "../../format/number.js";
import { evaluateFormula, formulaInputs, formulaRefs, parseFormula } from "../../figures/formula.js";

/** More combinations than this for one country and period means the data needs a look, not a product. */
const MAX_COMBINATIONS = 64;

/** Where a derivation's inputs meet: one country, one period, each input's observations there. */
interface Meeting {
  country: string;
  period: string;
  lists: readonly (readonly Observation[])[];
}

/** `match: "period"`: inputs of the very same period. */
function samePeriod(refs: readonly string[], pool: readonly Observation[]): Meeting[] {
  const index = groupBy(pool, (o) => `${o.indicator}\u0000${o.country}\u0000${o.period}`);
  const out: Meeting[] = [];
  for (const [lead] of index.values()) {
    if (lead!.indicator !== refs[0]) continue;
    const lists = refs.map((r) => index.get(`${r}\u0000${lead!.country}\u0000${lead!.period}`) ?? []);
    if (lists.every((l) => l.length > 0)) out.push({ country: lead!.country, period: lead!.period, lists });
  }
  return out;
}

/** `match: "year"`: the rule of figures/year-match.ts, per country. */
function sameYear(refs: readonly string[], pool: readonly Observation[]): Meeting[] {
  const out: Meeting[] = [];
  for (const [country, list] of groupBy(pool, (o) => o.country)) {
    const byIndicator = groupBy(list, (o) => o.indicator);
    for (const match of matchByYear(
      refs.map((r) => byIndicator.get(r) ?? []),
      (o) => o.period,
    )) {
      if (complete(match)) out.push({ country, period: match.period, lists: match.roles });
    }
  }
  return out;
}

function combinations<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}

/** `kindOf`: the kind of an entity, for derivations limited to some kinds (`kinds`); an entity
 *  of no known kind is not derived for when they are. */
export function derive(
  pipeline: PipelineDefinition,
  der: DerivationDefinition,
  pool: readonly Observation[],
  issues: Issue[],
  kindOf: (code: string) => EntityKind | undefined = () => undefined,
): Observation[] {
  const formula = parseFormula(der.formula);
  const refs = formulaRefs(formula);
  const inputs = der.from === "reported" ? pool.filter((o) => o.method === "reported") : pool;
  const meetings = der.match === "year" ? sameYear(refs, inputs) : samePeriod(refs, inputs);
  const indicator = pipeline.indicators[der.indicator]!;
  const out: Observation[] = [];
  for (const { country, period, lists } of meetings) {
    if (der.countries && !der.countries.includes(country)) continue;
    if (der.kinds) {
      const kind = kindOf(country);
      if (kind === undefined || !der.kinds.includes(kind)) continue;
    }
    const combos = combinations(lists);
    if (combos.length > MAX_COMBINATIONS) {
      issues.push(
        makeIssue({
          code: "DERIVE_INVALID_RESULT",
          pipeline: pipeline.id,
          rule: `${der.indicator} for ${country} ${period}: ${combos.length} combinations of inputs; at most ${MAX_COMBINATIONS} are derived`,
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
            rule: `${der.indicator} for ${country} ${period} = ${der.formula} with ${shown} is not a finite number`,
          }),
        );
        continue;
      }
      out.push({
        country,
        // The entity's name as its inputs publish it (a source's own name, or the pipeline's).
        countryName: combo[0]!.countryName,
        indicator: der.indicator,
        indicatorName: indicator.name,
        period,
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
        column: null,
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
