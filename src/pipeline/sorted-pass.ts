/**
 * The sorted pass: the valid figures rows, sorted by country, indicator, period and source,
 * are read once. Neighbouring rows of one key go through the key checks (duplicates,
 * conflicting and disagreeing sources), the rows of one country through the country checks
 * (plausibility) and then the derivations (transform); the rows that stay and the derived ones
 * leave, merged in published order, as batches of observations for the publish stage. So a
 * large file is read from its sorted runs once, and no second copy of it is written.
 *
 * Memory holds one country: its rows that stayed, and as checkable rows only those of the
 * indicators its country checks and derivations look at.
 */
import { performance } from "node:perf_hooks";
import { derivationOrder, derive, nothingDerived } from "../stages/transform/derive.js";
import { formulaRefs, parseFormula } from "../stages/transform/formula.js";
import { decodeObs, fromObservation, recordRow, toObservation, type ObsRecord } from "../stages/transform/record.js";
import type { Check, CheckContext } from "../stages/validate/checks/check.js";
import { checkGroup, groupChecksOf } from "../stages/validate/group-checks.js";
import type { ExternalSorter } from "../stream/external-sort.js";
import type { IssueLog } from "./issue-log.js";
import type { RejectSink } from "./reject-sink.js";
import type { Observation, Pipeline, ValidRow } from "./types.js";

export interface PassStats {
  /** Reported rows kept, per input. */
  kept: Map<string, number>;
  reported: number;
  derived: number;
  validateMs: number;
  transformMs: number;
}

export const OBSERVATION_BATCH = 2000;

/** The indicators a country's checks and derivations look at; null: every row. */
function watched(pipeline: Pipeline, checks: readonly Check[], derive_: boolean): Set<string> | null {
  const out = new Set<string>();
  for (const c of checks) {
    const list = c.watches?.(pipeline) ?? (c.refs.indicators && c.refs.indicators.length > 0 ? c.refs.indicators : null);
    if (list === null) return null;
    for (const i of list) out.add(i);
  }
  if (derive_) for (const d of pipeline.derivations) for (const r of formulaRefs(parseFormula(d.formula))) out.add(r);
  return out;
}

/** Published order within one country: indicator, period, method, sources, then line. */
function compareRecords(a: ObsRecord, b: ObsRecord): number {
  if (a.indicator !== b.indicator) return a.indicator < b.indicator ? -1 : 1;
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  if (a.method !== b.method) return a.method < b.method ? -1 : 1;
  if (a.sourceIds !== b.sourceIds) return a.sourceIds < b.sourceIds ? -1 : 1;
  return a.line - b.line;
}

const rowId = (r: { file: string; line: number }) => `${r.file}:${r.line}`;

export class SortedPass {
  readonly stats: PassStats = { kept: new Map(), reported: 0, derived: 0, validateMs: 0, transformMs: 0 };

  constructor(
    private readonly pipeline: Pipeline,
    private readonly figures: ExternalSorter,
    private readonly ctx: CheckContext,
    private readonly log: IssueLog,
    private readonly rejects: RejectSink,
    /** false for `openfigures validate`, which checks but does not transform. */
    private readonly derive_: boolean,
  ) {}

  /** Runs the group checks of each input on its rows of a group; rejects the rows they reject. */
  private rejectedBy(rows: readonly ValidRow[], checks: ReadonlyMap<string, Check[]>): Set<string> {
    const rejected = new Set<string>();
    for (const [input, list] of checks) {
      if (list.length === 0) continue;
      const mine = rows.filter((r) => r.input === input);
      if (mine.length === 0) continue;
      const kept = new Set(checkGroup(list, mine, this.ctx, this.log));
      for (const r of mine) {
        if (kept.has(r)) continue;
        rejected.add(rowId(r));
        this.rejects.add(input, r.file, r.line, r.cells, r.raw);
      }
    }
    return rejected;
  }

  /** Every observation to publish, in primary-key order, in batches. Iterate once. */
  async *observations(): AsyncGenerator<Observation[]> {
    const { pipeline } = this;
    const inputOf = new Map(Object.entries(pipeline.inputs).map(([name, i]) => [i.file, name]));
    const inputs = Object.entries(pipeline.inputs).filter(([, i]) => i.role === "figures").map(([name]) => name);
    const keyChecks = new Map(inputs.map((n) => [n, groupChecksOf(pipeline, n, "key")]));
    const countryChecks = new Map(inputs.map((n) => [n, groupChecksOf(pipeline, n, "country")]));
    const minGroup = Math.min(...[...keyChecks.values()].flat().map((c) => c.minGroup ?? 1), Infinity);
    const watch = watched(pipeline, [...countryChecks.values()].flat(), this.derive_);
    const derivations = this.derive_ ? derivationOrder(pipeline.derivations) : [];
    const derivedCount = new Map(derivations.map((d) => [d, 0]));
    const names = new Map<string, string>();
    const inputOfRecord = (r: ObsRecord) => inputOf.get(r.file) ?? inputs[0]!;

    let out: Observation[] = [];
    let keyGroup: ObsRecord[] = [];
    let country: ObsRecord[] = [];
    let held: { row: ValidRow; record: ObsRecord }[] = [];

    const endKey = () => {
      if (keyGroup.length === 0) return;
      let rejected: Set<string> | null = null;
      if (keyGroup.length >= minGroup) rejected = this.rejectedBy(keyGroup.map((r) => recordRow(r, inputOfRecord(r))), keyChecks);
      for (const r of keyGroup) {
        if (rejected?.has(rowId(r))) continue;
        country.push(r);
        if (watch === null || watch.has(r.indicator)) held.push({ row: recordRow(r, inputOfRecord(r)), record: r });
      }
      keyGroup = [];
    };

    const endCountry = () => {
      endKey();
      if (country.length === 0) return;
      const t0 = performance.now();
      const rejected = this.rejectedBy(held.map((h) => h.row), countryChecks);
      this.stats.validateMs += performance.now() - t0;
      const kept = rejected.size === 0 ? country : country.filter((r) => !rejected.has(rowId(r)));
      for (const r of kept) this.stats.kept.set(inputOfRecord(r), (this.stats.kept.get(inputOfRecord(r)) ?? 0) + 1);
      this.stats.reported += kept.length;
      let derived: ObsRecord[] = [];
      if (derivations.length > 0) {
        const t1 = performance.now();
        const pool = held.filter((h) => !rejected.has(rowId(h.row))).map((h) => toObservation(h.record, pipeline, names));
        for (const der of derivations) {
          const rows = derive(pipeline, der, pool, []);
          derivedCount.set(der, derivedCount.get(der)! + rows.length);
          pool.push(...rows);
          for (const o of rows) derived.push(fromObservation(o));
        }
        derived = derived.sort(compareRecords);
        this.stats.derived += derived.length;
        this.stats.transformMs += performance.now() - t1;
      }
      // Both lists are in published order: merge them.
      let i = 0;
      let j = 0;
      while (i < kept.length || j < derived.length) {
        const next = j >= derived.length || (i < kept.length && compareRecords(kept[i]!, derived[j]!) <= 0) ? kept[i++]! : derived[j++]!;
        out.push(toObservation(next, pipeline, names));
      }
      country = [];
      held = [];
    };

    let current: string | null = null;
    let key: string | null = null;
    for await (const batch of this.figures.sorted()) {
      for (const line of batch) {
        const r = decodeObs(line);
        if (r.country !== current) {
          endCountry();
          current = r.country;
          key = null;
        }
        const k = `${r.indicator}\u0001${r.period}`;
        if (k !== key) {
          endKey();
          key = k;
        }
        keyGroup.push(r);
      }
      if (out.length >= OBSERVATION_BATCH) {
        yield out;
        out = [];
      }
    }
    endCountry();
    if (out.length > 0) yield out;
    for (const [der, n] of derivedCount) if (n === 0) this.log.add(nothingDerived(pipeline, der));
  }
}
