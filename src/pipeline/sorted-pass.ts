/**
 * The sorted pass: the valid figures rows, sorted by country, indicator, period and source,
 * are read once. Neighbouring rows of one key go through the key checks (duplicates,
 * conflicting and disagreeing sources), the rows of one country through the country checks
 * (plausibility) and then the derivations (transform). Rows that stay are written, still in
 * order, to one file; derived rows, sorted per country, to another.
 *
 * Memory holds one country: its rows as encoded lines, and as objects only the rows of the
 * indicators its country checks and derivations look at. (Holding every row of a country as
 * objects, and scanning lists inside loops, was what made the first version slow and large.)
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { derivationOrder, derive, nothingDerived } from "../stages/transform/derive.js";
import { formulaRefs, parseFormula } from "../stages/transform/formula.js";
import { decodeObs, encodeObs, fromObservation, recordKey, recordRow, toObservation, type ObsRecord } from "../stages/transform/record.js";
import type { Check, CheckContext } from "../stages/validate/checks/check.js";
import { checkGroup, groupChecksOf } from "../stages/validate/group-checks.js";
import type { ExternalSorter } from "../stream/external-sort.js";
import { LineWriter } from "../stream/line-file.js";
import type { IssueLog } from "./issue-log.js";
import type { RejectSink } from "./reject-sink.js";
import type { Pipeline, ValidRow } from "./types.js";

export interface SortedPass {
  /** Sorted files: the reported rows kept, and the derived rows. */
  cleanPath: string;
  derivedPath: string;
  /** Reported rows kept, per input. */
  kept: Map<string, number>;
  derived: number;
  validateMs: number;
  transformMs: number;
}

interface Held {
  line: string;
  record: ObsRecord;
  row: ValidRow;
}

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

/** `derive_`: false for `openfigures validate`, which checks but does not transform. */
export async function sortedPass(pipeline: Pipeline, figures: ExternalSorter, ctx: CheckContext, log: IssueLog, rejects: RejectSink, workDir: string, derive_ = true): Promise<SortedPass> {
  const inputOf = new Map(Object.entries(pipeline.inputs).map(([name, i]) => [i.file, name]));
  const inputs = Object.entries(pipeline.inputs).filter(([, i]) => i.role === "figures").map(([name]) => name);
  const keyChecks = new Map(inputs.map((n) => [n, groupChecksOf(pipeline, n, "key")]));
  const countryChecks = new Map(inputs.map((n) => [n, groupChecksOf(pipeline, n, "country")]));
  const watch = watched(pipeline, [...countryChecks.values()].flat(), derive_);
  const derivations = derive_ ? derivationOrder(pipeline.derivations) : [];
  const derivedCount = new Map(derivations.map((d) => [d, 0]));
  const names = new Map<string, string>();
  const result: SortedPass = { cleanPath: join(workDir, "clean.run"), derivedPath: join(workDir, "derived.run"), kept: new Map(), derived: 0, validateMs: 0, transformMs: 0 };
  const clean = await LineWriter.create(result.cleanPath);
  const derivedOut = await LineWriter.create(result.derivedPath);

  let key: string | null = null;
  let keyGroup: Held[] = [];
  let country: string | null = null;
  /** The country's surviving rows in order; the watched ones also in `held`. */
  let lines: { line: string; input: string; file: string; at: number }[] = [];
  let held: Held[] = [];

  /** Runs each input's checks on its rows of a group; returns the rows rejected (by file:line). */
  const rejectedBy = (group: Held[], checks: Map<string, Check[]>): Set<string> => {
    const rejected = new Set<string>();
    for (const input of inputs) {
      const list = checks.get(input) ?? [];
      if (list.length === 0) continue;
      const mine = group.filter((h) => h.row.input === input);
      if (mine.length === 0) continue;
      const kept = new Set(checkGroup(list, mine.map((h) => h.row), ctx, log));
      for (const h of mine) {
        if (kept.has(h.row)) continue;
        rejected.add(`${h.row.file}:${h.row.line}`);
        rejects.add(input, h.row.file, h.row.line, h.row.cells, h.row.raw);
      }
    }
    return rejected;
  };

  const endKey = () => {
    if (keyGroup.length === 0) return;
    const rejected = keyGroup.length > 1 || [...keyChecks.values()].some((l) => l.length > 0) ? rejectedBy(keyGroup, keyChecks) : new Set<string>();
    for (const h of keyGroup) {
      if (rejected.has(`${h.row.file}:${h.row.line}`)) continue;
      lines.push({ line: h.line, input: h.row.input, file: h.row.file, at: h.row.line });
      if (watch === null || watch.has(h.record.indicator)) held.push(h);
    }
    keyGroup = [];
  };

  const endCountry = async () => {
    endKey();
    if (lines.length === 0) return;
    const t0 = performance.now();
    const rejected = rejectedBy(held, countryChecks);
    result.validateMs += performance.now() - t0;
    for (const l of lines) {
      if (rejected.size > 0 && rejected.has(`${l.file}:${l.at}`)) continue;
      await clean.write(l.line);
      result.kept.set(l.input, (result.kept.get(l.input) ?? 0) + 1);
    }
    if (derivations.length > 0) {
      const t1 = performance.now();
      const pool = held.filter((h) => !rejected.has(`${h.row.file}:${h.row.line}`)).map((h) => toObservation(h.record, pipeline, names));
      const derivedLines: string[] = [];
      for (const der of derivations) {
        const rows = derive(pipeline, der, pool, []);
        derivedCount.set(der, derivedCount.get(der)! + rows.length);
        pool.push(...rows);
        for (const o of rows) derivedLines.push(encodeObs(fromObservation(o)));
      }
      derivedLines.sort();
      for (const line of derivedLines) await derivedOut.write(line);
      result.derived += derivedLines.length;
      result.transformMs += performance.now() - t1;
    }
    lines = [];
    held = [];
  };

  for await (const line of figures.sorted()) {
    const record = decodeObs(line);
    if (record.country !== country) {
      await endCountry();
      country = record.country;
    }
    const k = recordKey(record);
    if (k !== key) {
      endKey();
      key = k;
    }
    keyGroup.push({ line, record, row: recordRow(record, inputOf.get(record.file) ?? inputs[0]!) });
  }
  await endCountry();
  await clean.close();
  await derivedOut.close();
  for (const [der, n] of derivedCount) if (n === 0) log.add(nothingDerived(pipeline, der));
  return result;
}
