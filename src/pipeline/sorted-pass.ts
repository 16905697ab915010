/**
 * The sorted pass: the valid figures rows, sorted by country, indicator, period and source,
 * are read once. Neighbouring rows of one key go through the key checks (duplicates,
 * conflicting and disagreeing sources), the rows of one country through the country checks
 * (plausibility) and then the derivations (transform). Rows that stay are written, still in
 * order, to one file; derived rows, sorted per country, to another. Memory holds one country.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { derivationOrder, derive, nothingDerived } from "../stages/transform/derive.js";
import { decodeObs, encodeObs, fromObservation, recordKey, recordRow, toObservation, type ObsRecord } from "../stages/transform/record.js";
import type { CheckContext } from "../stages/validate/checks/check.js";
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
  record: ObsRecord;
  row: ValidRow;
}

/** `derive`: false for `openfigures validate`, which checks but does not transform. */
export async function sortedPass(pipeline: Pipeline, figures: ExternalSorter, ctx: CheckContext, log: IssueLog, rejects: RejectSink, workDir: string, derive_ = true): Promise<SortedPass> {
  const inputOf = new Map(Object.entries(pipeline.inputs).map(([name, i]) => [i.file, name]));
  const inputs = Object.entries(pipeline.inputs).filter(([, i]) => i.role === "figures").map(([name]) => name);
  const keyChecks = new Map(inputs.map((n) => [n, groupChecksOf(pipeline, n, "key")]));
  const countryChecks = new Map(inputs.map((n) => [n, groupChecksOf(pipeline, n, "country")]));
  const derivations = derive_ ? derivationOrder(pipeline.derivations) : [];
  const derivedCount = new Map(derivations.map((d) => [d, 0]));
  const names = new Map<string, string>();
  const result: SortedPass = { cleanPath: join(workDir, "clean.run"), derivedPath: join(workDir, "derived.run"), kept: new Map(), derived: 0, validateMs: 0, transformMs: 0 };
  const clean = await LineWriter.create(result.cleanPath);
  const derivedOut = await LineWriter.create(result.derivedPath);

  let key: string | null = null;
  let keyGroup: Held[] = [];
  let country: string | null = null;
  let countryRows: Held[] = [];

  /** Runs each input's checks on its rows of a group; the rest are rejected. */
  const survive = (held: Held[], checks: Map<string, ReturnType<typeof groupChecksOf>>): Held[] => {
    const out: Held[] = [];
    for (const input of inputs) {
      const mine = held.filter((h) => h.row.input === input);
      if (mine.length === 0) continue;
      const kept = new Set(checkGroup(checks.get(input) ?? [], mine.map((h) => h.row), ctx, log));
      for (const h of mine) {
        if (kept.has(h.row)) out.push(h);
        else rejects.add(input, h.row.file, h.row.line, h.row.cells, h.row.raw);
      }
    }
    return out.length === held.length ? held : held.filter((h) => out.includes(h));
  };

  const endKey = () => {
    if (keyGroup.length > 0) countryRows.push(...survive(keyGroup, keyChecks));
    keyGroup = [];
  };

  const endCountry = async () => {
    endKey();
    if (countryRows.length === 0) return;
    const t0 = performance.now();
    const kept = survive(countryRows, countryChecks);
    result.validateMs += performance.now() - t0;
    for (const h of kept) {
      await clean.write(encodeObs(h.record));
      result.kept.set(h.row.input, (result.kept.get(h.row.input) ?? 0) + 1);
    }
    const t1 = performance.now();
    const pool = kept.map((h) => toObservation(h.record, pipeline, names));
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
    countryRows = [];
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
    keyGroup.push({ record, row: recordRow(record, inputOf.get(record.file) ?? inputs[0]!) });
  }
  await endCountry();
  await clean.close();
  await derivedOut.close();
  for (const [der, n] of derivedCount) if (n === 0) log.add(nothingDerived(pipeline, der));
  return result;
}
