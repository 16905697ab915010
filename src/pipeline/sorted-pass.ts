/**
 * The sorted pass: the valid figures (rows of the figures layout and table cells alike), sorted
 * by country, indicator, period and source, are read once. Neighbouring rows of one key go through the key checks (duplicates,
 * conflicting and disagreeing sources), the rows of one country through the country checks
 * (plausibility) and then the derivations (transform); the rows that stay and the derived ones
 * leave, merged in published order, as batches of published rows for the publish stage. So a
 * large file is read from its sorted runs once, and no second copy of it is written.
 *
 * This loop runs once per row in one thread, so it does little per row: it reads a record's key
 * without decoding the rest, and decodes a record only when a check or a derivation needs it
 * (a key group of two rows or more, an indicator a country check watches). The CSV and JSON
 * text of a reported row was made when it was read. Memory holds one country.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { derivationOrder, derive, nothingDerived } from "../stages/transform/derive.js";
import { formulaInputs } from "../figures/formula.js";
import {
  decodeObs,
  encodeObs,
  fromObservation,
  namesOf,
  recordCountry,
  recordGroup,
  recordIndicator,
  recordKey,
  recordPlace,
  recordRow,
  recordSources,
  recordText,
  toObservation,
  type Names,
  type ObsRecord,
} from "../format/record.js";
import type { Check, CheckContext } from "../contracts/check.js";
import { checkGroup, groupChecksOf } from "../stages/validate/group-checks.js";
import type { PublishedRow, ValidRow } from "../contracts/rows.js";
import type { ExternalSorter } from "../stream/external-sort.js";
import { LineWriter, readLineBatches } from "../stream/line-file.js";
import { escapeField } from "../stream/record-codec.js";
import type { AggregateSummary } from "../contracts/aggregates.js";
import { AggregatePass, mergeAggregates, type Dropped } from "./aggregate-pass.js";
import type { IssueLog } from "./issue-log.js";
import { placeId, type Issue } from "../contracts/issue.js";
import { Citations } from "./source-files.js";
import type { RejectSink } from "./reject-sink.js";
import type { EntityRegistry } from "../figures/entities.js";
import type { Pipeline } from "../contracts/definition.js";

export interface PassStats {
  /** Reported rows kept, per input. */
  kept: Map<string, number>;
  reported: number;
  derived: number;
  validateMs: number;
  transformMs: number;
}

/** Rows handed to the targets at a time: small, so little of the stream outlives a collection. */
const ROW_BATCH = 512;

/** The indicators a country's checks and derivations look at; null: every row. */
function watched(pipeline: Pipeline, checks: readonly Check[], derive_: boolean): Set<string> | null {
  const out = new Set<string>();
  for (const c of checks) {
    const list = c.watches?.(pipeline) ?? (c.refs.indicators && c.refs.indicators.length > 0 ? c.refs.indicators : null);
    if (list === null) return null;
    for (const i of list) out.add(i);
  }
  if (derive_) for (const d of pipeline.derivations) for (const r of formulaInputs(d.formula)) out.add(r);
  return out;
}

/** A figure of the current country: its encoded line, the file it was read from, its place, and
 *  when a check needs it, decoded. */
interface Entry {
  line: string;
  file: string;
  place: string;
  held: { row: ValidRow; record: ObsRecord } | null;
}

/** The published row of an encoded record: key and text cut out, the rest decoded on demand. */
function rowOf(line: string, names: Names): PublishedRow {
  let o: ReturnType<typeof toObservation> | null = null;
  return {
    key: recordKey(line),
    ...recordText(line),
    observation: () => (o ??= toObservation(decodeObs(line), names)),
  };
}

export interface PassOptions {
  /** false for `openfigures validate`, which checks but does not transform (no derivations, no
   *  aggregates). */
  readonly derive: boolean;
  /** The pipeline's entities: names of derived and aggregate rows, kinds, groups. */
  readonly entities: EntityRegistry;
  /** Where the rows are spooled while the aggregates are computed (the run's workspace). */
  readonly workDir: string;
}

export class SortedPass {
  readonly stats: PassStats = { kept: new Map(), reported: 0, derived: 0, validateMs: 0, transformMs: 0 };
  /** What the aggregates did (empty without aggregates); known once the rows have gone by. */
  readonly aggregates: AggregateSummary[] = [];
  /** Which files the published reported figures were read from, by source: the provenance of
   *  the sources (source-files.ts); known once the rows have gone by. */
  readonly citations = new Citations();
  private readonly derive_: boolean;
  private readonly entities: EntityRegistry;

  constructor(
    private readonly pipeline: Pipeline,
    private readonly figures: ExternalSorter,
    private readonly ctx: CheckContext,
    private readonly log: IssueLog,
    private readonly rejects: RejectSink,
    private readonly options: PassOptions,
  ) {
    this.derive_ = options.derive;
    this.entities = options.entities;
  }

  /** Whether the rows wait on disk for the aggregates (none declared: they stream straight on). */
  get spools(): boolean {
    return this.derive_ && (this.pipeline.aggregates?.length ?? 0) > 0;
  }

  /** Runs the group checks of each input on its rows of a group; rejects the rows they reject. */
  private rejectedBy(rows: readonly ValidRow[], checks: ReadonlyMap<string, Check[]>): Set<string> {
    const rejected = new Set<string>();
    for (const [input, list] of checks) {
      if (list.length === 0) continue;
      const mine = rows.filter((r) => r.input === input);
      if (mine.length === 0) continue;
      const theirs = checkGroup(list, mine, this.ctx, this.log);
      if (theirs.size === 0) continue;
      for (const r of mine) {
        const id = placeId(r.file, r.line, r.column);
        if (!theirs.has(id)) continue;
        rejected.add(id);
        this.rejects.add(input, r.file, r.line, r.column, 1, r.cells, r.raw);
      }
    }
    return rejected;
  }

  /** Every row to publish, in primary-key order, in batches. Iterate once. */
  async *rows(): AsyncGenerator<PublishedRow[]> {
    const names = namesOf(this.pipeline, this.entities);
    if (!this.spools) {
      for await (const lines of this.lines(names, null)) yield lines.map((l) => rowOf(l, names));
      return;
    }
    const aggregates = new AggregatePass(this.pipeline, this.entities, names, this.log, this.ctx);
    const spool = join(this.options.workDir, "aggregate-spool.lines");
    const writer = await LineWriter.create(spool);
    try {
      for await (const lines of this.lines(names, aggregates)) {
        for (const l of lines) {
          const wrote = writer.write(l);
          if (wrote) await wrote;
        }
      }
    } finally {
      await writer.close();
    }
    const t0 = performance.now();
    const done = aggregates.finish();
    this.aggregates.push(...done.summary);
    this.stats.derived += done.lines.length;
    this.stats.transformMs += performance.now() - t0;
    const inputOf = new Map(Object.entries(this.pipeline.inputs).map(([name, i]) => [i.file, name]));
    // With --strict, an aggregate check's error rejects the reported figure it is about.
    const drop = ({ line, reported }: Dropped) => {
      if (!reported) {
        this.stats.derived--;
        return;
      }
      const r = decodeObs(line);
      const input = inputOf.get(r.file)!;
      this.stats.kept.set(input, this.stats.kept.get(input)! - 1);
      this.stats.reported--;
      this.citations.add(r.file, escapeField(r.sourceIds), -1);
      this.rejects.add(input, r.file, r.line, r.column === "" ? null : r.column, 1, recordRow(r, input).cells, r.raw);
    };
    try {
      for await (const lines of mergeAggregates(readLineBatches(spool), done.lines, done.rejected, drop)) yield lines.map((l) => rowOf(l, names));
    } finally {
      await rm(spool, { force: true });
    }
  }

  /** The pass itself: encoded rows in published order, in batches (aggregates fed on the way). */
  private async *lines(names: Names, aggregates: AggregatePass | null): AsyncGenerator<string[]> {
    const { pipeline } = this;
    const inputOf = new Map(Object.entries(pipeline.inputs).map(([name, i]) => [i.file, name]));
    const inputs = Object.entries(pipeline.inputs)
      .filter(([, i]) => i.reader.role === "figures")
      .map(([name]) => name);
    const keyChecks = new Map(inputs.map((n) => [n, groupChecksOf(pipeline, n, "key")]));
    const countryChecks = new Map(inputs.map((n) => [n, groupChecksOf(pipeline, n, "country")]));
    const hasKeyChecks = [...keyChecks.values()].some((l) => l.length > 0);
    const minGroup = Math.min(...[...keyChecks.values()].flat().map((c) => c.minGroup ?? 1), Infinity);
    const watch = watched(pipeline, [...countryChecks.values()].flat(), this.derive_);
    if (watch && aggregates) for (const i of aggregates.watched()) watch.add(i);
    const derivations = this.derive_ ? derivationOrder(pipeline.derivations) : [];
    // Per derivation, how often its inputs met (rows derived, or results refused with an issue):
    // one that never met is reported once at the end.
    const met = new Map(derivations.map((d) => [d, 0]));

    const kindOf = (code: string) => this.entities.get(code)?.kind;

    let out: string[] = [];
    let keyGroup: string[] = [];
    let country: Entry[] = [];

    const hold = (line: string, record = decodeObs(line)) => ({ row: recordRow(record, inputOf.get(record.file) ?? inputs[0]!), record });

    const endKey = () => {
      if (keyGroup.length === 0) return;
      const decoded = hasKeyChecks && keyGroup.length >= minGroup ? keyGroup.map((l) => hold(l)) : null;
      const rejected = decoded
        ? this.rejectedBy(
            decoded.map((d) => d.row),
            keyChecks,
          )
        : null;
      keyGroup.forEach((line, i) => {
        const at = recordPlace(line);
        const place = placeId(at.file, at.line, at.column);
        if (rejected?.has(place)) return;
        const held = watch === null || watch.has(recordIndicator(line)) ? (decoded?.[i] ?? hold(line)) : null;
        country.push({ line, file: at.file, place, held });
      });
      keyGroup = [];
    };

    const endCountry = () => {
      endKey();
      if (country.length === 0) return;
      const t0 = performance.now();
      const held = country.flatMap((e) => (e.held ? [e.held] : []));
      const rejected =
        held.length > 0
          ? this.rejectedBy(
              held.map((h) => h.row),
              countryChecks,
            )
          : new Set<string>();
      this.stats.validateMs += performance.now() - t0;
      const kept = rejected.size === 0 ? country : country.filter((e) => !rejected.has(e.place));
      for (const e of kept) {
        const input = inputOf.get(e.file) ?? inputs[0]!;
        this.stats.kept.set(input, (this.stats.kept.get(input) ?? 0) + 1);
        this.citations.add(e.file, recordSources(e.line));
      }
      this.stats.reported += kept.length;
      let derived: string[] = [];
      if (derivations.length > 0 || aggregates) {
        const t1 = performance.now();
        const stay = held.filter((h) => !rejected.has(placeId(h.row.file, h.row.line, h.row.column)));
        const pool = stay.map((h) => toObservation(h.record, names));
        for (const der of derivations) {
          const issues: Issue[] = [];
          const rows = derive(pipeline, der, pool, issues, kindOf);
          this.log.addAll(issues);
          met.set(der, met.get(der)! + rows.length + issues.length);
          pool.push(...rows);
          for (const o of rows) derived.push(encodeObs(fromObservation(o)));
        }
        derived = derived.sort();
        if (aggregates && stay.length > 0)
          aggregates.add(
            stay[0]!.record.country,
            pool,
            stay.map((h) => h.row),
          );
        this.stats.derived += derived.length;
        this.stats.transformMs += performance.now() - t1;
      }
      // Reported and derived lines are each in published order: merge them.
      let i = 0;
      let j = 0;
      while (i < kept.length || j < derived.length) {
        const line = j >= derived.length || (i < kept.length && kept[i]!.line <= derived[j]!) ? kept[i++]!.line : derived[j++]!;
        out.push(line);
      }
      country = [];
    };

    let current: string | null = null;
    let key: string | null = null;
    for await (const batch of this.figures.sorted()) {
      for (const line of batch) {
        const c = recordCountry(line);
        if (c !== current) {
          endCountry();
          current = c;
          key = null;
        }
        const k = recordGroup(line);
        if (k !== key) {
          endKey();
          key = k;
        }
        keyGroup.push(line);
      }
      if (out.length >= ROW_BATCH) {
        yield out;
        out = [];
      }
    }
    endCountry();
    if (out.length > 0) yield out;
    for (const [der, n] of met) if (n === 0) this.log.add(nothingDerived(pipeline, der));
  }
}
