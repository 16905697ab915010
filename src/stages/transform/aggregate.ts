/**
 * Aggregates across entities: an indicator computed for a group (the World, a region, an income
 * group) from its member countries' observations: a sum of counts, or a mean of shares weighted
 * by another indicator (population).
 *
 * Decisions:
 * - Only groups whose members are known are computed (declared with members, or named by an
 *   entities file such as the World Bank country metadata). Other aggregates in a source are
 *   published as reported, never recomputed from guesses.
 * - A member contributes its observation of the same period. With several sources for one
 *   member and period, each source (set) is aggregated on its own, as derivations derive each
 *   combination: sources that disagree give separate aggregates instead of a blend.
 * - Coverage: a group is published for a period only when the members with data hold at least
 *   `coverage.min` of the group's total of `coverage.by` (population) in that period; members
 *   without a `by` figure for the period count in neither side. Without `by`, coverage is the
 *   share of members with data.
 * - A weighted mean takes each member's weight of the same period; with several, the one whose
 *   sources sort first, and it is cited.
 * - Every input is cited: source ids of values, weights and coverage figures; derived_from lists
 *   every member observation used.
 *
 * The sorted pass sees one country at a time; `addCountry` folds its observations into small
 * accumulators per group, period and source (memory grows with groups × periods, not rows), and
 * `finish` returns the aggregate observations and the coverage decisions.
 */
import type { AggregateDefinition, AggregateResult, CoverageGap } from "../../contracts/aggregates.js";
import type { EntityKind, EntityRegistry } from "../../figures/entities.js";
import { roundTo } from "../../format/number.js";

/** The kinds of entity a group can be (a country has no members). */
export const GROUP_KINDS = ["region", "income-group", "aggregate"] as const satisfies readonly EntityKind[];

/** What the aggregator needs of an observation. */
export interface MemberObservation {
  readonly country: string;
  readonly indicator: string;
  readonly period: string;
  readonly value: number;
  readonly method: "reported" | "derived";
  readonly sourceIds: readonly string[];
}

interface Acc {
  sum: number;
  weights: number;
  covered: number;
  withData: number;
  sources: Set<string>;
  used: string[];
}

const SEP = "\u0000";

export function parseShare(text: `${number}%`): number {
  return Number(text.slice(0, -1)) / 100;
}

/** The formula as published: "sum(internet_users)", "weighted_mean(internet_users_share, population)". */
export function aggregateFormula(def: AggregateDefinition): string {
  return def.method === "sum" ? `sum(${def.indicator})` : `weighted_mean(${def.indicator}, ${def.weight})`;
}

/** The indicators an aggregate reads from each member. */
export function aggregateInputs(def: AggregateDefinition): string[] {
  return [...new Set([def.indicator, ...(def.weight ? [def.weight] : []), ...(def.coverage?.by ? [def.coverage.by] : [])])];
}

function groupsOf(def: AggregateDefinition, registry: EntityRegistry): { code: string; name: string; members: readonly string[] }[] {
  const all = registry.groups();
  const wanted = def.groups;
  const chosen = wanted === undefined ? all : all.filter((g) => wanted.includes(g.kind) || wanted.includes(g.code));
  return chosen.map((g) => ({ code: g.code, name: g.name, members: g.members ?? [] }));
}

export class Aggregator {
  private readonly plans: { def: AggregateDefinition; groups: { code: string; name: string; members: readonly string[] }[] }[];
  /** country → indices into plans[i].groups it belongs to, per plan. */
  private readonly membership = new Map<string, number[][]>();
  /** Per plan: `group\0period\0sourceKey` → accumulator; and `group\0period` → total of `by`. */
  private readonly accs: Map<string, Acc>[];
  private readonly totals: Map<string, number>[];

  constructor(defs: readonly AggregateDefinition[], registry: EntityRegistry) {
    this.plans = defs.map((def) => ({ def, groups: groupsOf(def, registry) }));
    this.accs = this.plans.map(() => new Map());
    this.totals = this.plans.map(() => new Map());
    this.plans.forEach((plan, p) => {
      plan.groups.forEach((g, gi) => {
        for (const m of g.members) {
          let per = this.membership.get(m);
          if (!per) this.membership.set(m, (per = this.plans.map(() => [])));
          per[p]!.push(gi);
        }
      });
    });
  }

  /** Each aggregate and the codes of the groups it is computed for. */
  planned(): { def: AggregateDefinition; groups: string[] }[] {
    return this.plans.map((p) => ({ def: p.def, groups: p.groups.map((g) => g.code) }));
  }

  /** The indicators a country's observations must include for the aggregates. */
  watched(): Set<string> {
    return new Set(this.plans.flatMap((p) => aggregateInputs(p.def)));
  }

  /** Folds one country's observations (every period) into the accumulators. */
  addCountry(country: string, observations: readonly MemberObservation[]): void {
    const per = this.membership.get(country);
    if (!per) return;
    // Once per country for every aggregate: its observations by period, then by indicator.
    const byPeriod = new Map<string, Map<string, MemberObservation[]>>();
    for (const o of observations) {
      if (o.country !== country) continue;
      let byIndicator = byPeriod.get(o.period);
      if (!byIndicator) byPeriod.set(o.period, (byIndicator = new Map()));
      const list = byIndicator.get(o.indicator);
      if (list) list.push(o);
      else byIndicator.set(o.indicator, [o]);
    }
    const ref = (o: MemberObservation) => `${o.indicator} ${country} ${o.period}`;
    this.plans.forEach((plan, p) => {
      const groups = per[p]!;
      if (groups.length === 0) return;
      const { def } = plan;
      for (const [period, byIndicator] of byPeriod) {
        const pick = (indicator: string) => firstBySources(byIndicator.get(indicator) ?? []);
        const by = def.coverage?.by ? pick(def.coverage.by) : null;
        const weight = def.weight ? pick(def.weight) : null;
        const values = (byIndicator.get(def.indicator) ?? []).filter((o) => (def.from !== "reported" || o.method === "reported") && Number.isFinite(o.value));
        if (values.length === 0 && !by) continue;
        // What each value adds is the same for every group it feeds: made once.
        const weighed = def.method !== "weighted-mean" || (weight !== null && Number.isFinite(weight.value) && weight.value > 0);
        const adds = weighed ? values.map((v) => this.contribution(def, period, v, weight, by, ref)) : [];
        const total = by && Number.isFinite(by.value) ? by.value : null;
        for (const gi of groups) {
          const code = plan.groups[gi]!.code;
          if (total !== null) this.add(this.totals[p]!, `${code}${SEP}${period}`, total);
          for (const c of adds) {
            const key = `${code}${SEP}${c.key}`;
            let acc = this.accs[p]!.get(key);
            if (!acc) this.accs[p]!.set(key, (acc = { sum: 0, weights: 0, covered: 0, withData: 0, sources: new Set(), used: [] }));
            acc.sum += c.sum;
            acc.weights += c.weight;
            acc.covered += c.covered;
            acc.withData++;
            for (const s of c.sources) acc.sources.add(s);
            for (const u of c.used) acc.used.push(u);
          }
        }
      }
    });
  }

  /** What one member's value adds to each of its groups' accumulators. */
  private contribution(def: AggregateDefinition, period: string, v: MemberObservation, weight: MemberObservation | null, by: MemberObservation | null, ref: (o: MemberObservation) => string) {
    const weighted = def.method === "weighted-mean";
    const w = weighted ? weight!.value : 1;
    const sources = [...v.sourceIds];
    const used = [ref(v)];
    if (weight && weighted) {
      sources.push(...weight.sourceIds);
      used.push(ref(weight));
    }
    let covered = 0;
    if (def.coverage?.by === undefined) covered = 1;
    else if (by && Number.isFinite(by.value)) {
      covered = by.value;
      sources.push(...by.sourceIds);
      if (by.indicator !== weight?.indicator || !weighted) used.push(ref(by));
    }
    return { key: `${period}${SEP}${v.sourceIds.join(";")}`, sum: v.value * w, weight: w, covered, sources, used };
  }

  private add(map: Map<string, number>, key: string, v: number): void {
    map.set(key, (map.get(key) ?? 0) + v);
  }

  /** The aggregates that meet their coverage, and the group periods left out, in key order. */
  finish(): { results: AggregateResult[]; gaps: CoverageGap[] } {
    const results: AggregateResult[] = [];
    const gaps: CoverageGap[] = [];
    this.plans.forEach((plan, p) => {
      const { def } = plan;
      const min = def.coverage ? parseShare(def.coverage.min) : 0;
      const byCode = new Map(plan.groups.map((g) => [g.code, g]));
      for (const [key, acc] of [...this.accs[p]!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const [code = "", period = ""] = key.split(SEP);
        const group = byCode.get(code)!;
        // Without `by`, coverage is by member count: every member counts, with data or not.
        const total = def.coverage?.by === undefined ? group.members.length : (this.totals[p]!.get(`${code}${SEP}${period}`) ?? 0);
        const coverage = total > 0 ? Math.min(1, acc.covered / total) : 0;
        const members = { withData: acc.withData, total: group.members.length };
        if (coverage < min || acc.weights === 0) {
          gaps.push({ group: code, indicator: def.indicator, period, coverage, min, members });
          continue;
        }
        const raw = def.method === "sum" ? acc.sum : acc.sum / acc.weights;
        if (!Number.isFinite(raw)) continue;
        results.push({
          group: code,
          groupName: group.name,
          indicator: def.indicator,
          period,
          value: def.decimals === undefined ? raw : roundTo(raw, def.decimals),
          sourceIds: [...acc.sources].sort(),
          formula: aggregateFormula(def),
          derivedFrom: acc.used,
          members,
          coverage,
        });
      }
    });
    return { results, gaps };
  }
}

/** Of several observations of one indicator, the one whose sources sort first (deterministic). */
function firstBySources(list: readonly MemberObservation[]): MemberObservation | null {
  let best: MemberObservation | null = null;
  for (const o of list) {
    if (!Number.isFinite(o.value)) continue;
    if (best === null || o.sourceIds.join(";") < best.sourceIds.join(";")) best = o;
  }
  return best;
}
