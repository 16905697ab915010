/**
 * The aggregates of a run, computed beside the sorted pass: each entity's figures that stay and
 * the rows derived for it feed the Aggregator (stages/transform/aggregate.ts), which folds the
 * members of each group; the reported figures of the groups themselves (WLD's) are held for the
 * aggregate checks. When the last entity has gone by, `finish` gives the aggregate rows, encoded
 * and sorted, the places of reported figures an aggregate check rejected (an error: only with
 * --strict, its issues being warnings), and the summary of coverage.
 *
 * A group's code sorts among the countries' (SSF between SSD and STP), and its aggregate is
 * known only after the last country: the pass spools its rows, and `mergeAggregates` then
 * interleaves the aggregate rows in published order. Pipelines without aggregates never spool.
 */
import type { EntityRegistry } from "../figures/entities.js";
import { GROUP_KINDS, Aggregator } from "../stages/transform/aggregate.js";
import type { AggregateResult, AggregateSummary } from "../contracts/aggregates.js";
import { summariseAggregates } from "../stages/transform/aggregate-summary.js";
import { decodeObs, encodeObs, fromObservation, recordCountry, recordPlace, type Names } from "../format/record.js";
import type { Check, CheckContext } from "../contracts/check.js";
import { SOURCE_ID_SEPARATOR } from "../format/fields.js";
import { sourceId } from "../contracts/reader.js";
import type { IssueLog } from "./issue-log.js";
import { issuePlaces, makeIssue, placeId } from "../contracts/issue.js";
import type { Observation, ValidRow } from "../contracts/rows.js";
import type { Pipeline } from "../contracts/definition.js";

export interface AggregateOutcome {
  /** The aggregate rows, encoded (format/record.ts) and in published order. */
  readonly lines: string[];
  /** Places (placeId) of reported figures an aggregate check rejected. */
  readonly rejected: ReadonlySet<string>;
  readonly summary: AggregateSummary[];
}

export class AggregatePass {
  private readonly aggregator: Aggregator;
  private readonly checks: Check[];
  /** Indicators whose reported figures of groups the checks compare. */
  private readonly checked: Set<string>;
  private readonly groupCodes: Set<string>;
  private readonly held: ValidRow[] = [];
  /** The source of the groups' membership (the entities input's, when it cites one). */
  private readonly membership: string | null;

  constructor(
    private readonly pipeline: Pipeline,
    entities: EntityRegistry,
    private readonly names: Names,
    private readonly log: IssueLog,
    private readonly ctx: CheckContext,
  ) {
    this.aggregator = new Aggregator(pipeline.aggregates ?? [], entities);
    this.checks = pipeline.checks.filter((c) => c.scope === "aggregate");
    this.checked = new Set(this.checks.flatMap((c) => c.refs.indicators ?? []));
    this.groupCodes = new Set(entities.groups().map((g) => g.code));
    const from = pipeline.entities?.from;
    const cites = from === undefined ? null : (pipeline.inputs[from]?.reader.cites ?? null);
    this.membership = cites === null || cites === "rows" ? null : sourceId(cites);
    this.reportUnknownGroups(entities);
  }

  /** A group named by code that the entities read do not make a group computes nothing: said once. */
  private reportUnknownGroups(entities: EntityRegistry): void {
    (this.pipeline.aggregates ?? []).forEach((def, i) => {
      for (const g of def.groups ?? []) {
        if ((GROUP_KINDS as readonly string[]).includes(g) || entities.get(g)?.members?.length) continue;
        const what = entities.get(g) ? "has no known members" : "is not an entity of this pipeline";
        this.log.add(
          makeIssue({
            code: "DERIVE_MISSING_INPUT",
            pipeline: this.pipeline.id,
            value: g,
            rule: `aggregates[${i}] (${def.indicator}): group ${JSON.stringify(g)} ${what}, so nothing is computed for it`,
          }),
        );
      }
    });
  }

  /** The indicators of an entity the pass must decode for the aggregates and their checks. */
  watched(): Set<string> {
    return new Set([...this.aggregator.watched(), ...this.checked]);
  }

  /** One entity's observations that stay (reported and derived), and its reported rows. */
  add(country: string, pool: readonly Observation[], rows: readonly ValidRow[]): void {
    this.aggregator.addCountry(country, pool);
    if (this.checks.length === 0 || !this.groupCodes.has(country)) return;
    for (const r of rows) if (this.checked.has(r.cells.indicator ?? "")) this.held.push(r);
  }

  finish(): AggregateOutcome {
    const { results, gaps } = this.aggregator.finish();
    const rejected = new Set<string>();
    for (const check of this.checks) {
      const mine = check.input === "" ? this.held : this.held.filter((r) => r.input === check.input);
      for (const issue of check.checkAggregates?.(mine, results, this.ctx) ?? []) {
        const added = this.log.add(issue);
        if (added.severity === "error" && added.line !== null) for (const p of issuePlaces(added)) rejected.add(p);
      }
    }
    const planned = this.aggregator.planned();
    planned.forEach(({ def }, i) => {
      if (results.some((r) => r.indicator === def.indicator) || gaps.some((g) => g.indicator === def.indicator)) return;
      this.log.add(
        makeIssue({
          code: "DERIVE_MISSING_INPUT",
          pipeline: this.pipeline.id,
          rule: `aggregates[${i}] (${def.indicator}) computed nothing: no member of its groups has ${def.indicator}${def.weight ? ` with ${def.weight}` : ""}`,
        }),
      );
    });
    const lines = results.map((r) => encodeObs(fromObservation(this.observation(r)))).sort();
    return { lines, rejected, summary: summariseAggregates(planned, results, gaps) };
  }

  private observation(r: AggregateResult): Observation {
    const indicator = this.pipeline.indicators[r.indicator]!;
    return {
      country: r.group,
      countryName: this.names.country(r.group),
      indicator: r.indicator,
      indicatorName: indicator.name,
      period: r.period,
      value: r.value,
      unit: indicator.unit,
      method: "derived",
      valueAsPrinted: "",
      // Which countries make the group is an input too: its source is cited.
      sourceIds: this.membership === null ? r.sourceIds : [...new Set([...r.sourceIds, this.membership])].sort(),
      formula: r.formula,
      derivedFrom: r.derivedFrom,
      quote: "",
      file: null,
      line: null,
      column: null,
    };
  }
}

/** What becomes of a spooled row an aggregate check rejected, or of a row derived from one. */
export type Dropped = { readonly line: string; readonly reported: boolean };

/**
 * The spooled rows (in published order) and the aggregate rows (sorted), merged in published
 * order, in batches. A reported row whose place is in `rejected` is dropped, and so is every row
 * derived for the same entity from it, directly or through other derived rows; `drop` is told
 * of each. Only then is an entity's run of rows held (with --strict, when a check rejected).
 */
export async function* mergeAggregates(spooled: AsyncIterable<string[]>, aggregates: readonly string[], rejected: ReadonlySet<string>, drop: (d: Dropped) => void): AsyncGenerator<string[]> {
  let j = 0;
  let out: string[] = [];
  const emit = (line: string) => {
    while (j < aggregates.length && aggregates[j]! <= line) out.push(aggregates[j++]!);
    out.push(line);
  };
  let country: string | null = null;
  let entity: string[] = [];
  const endEntity = () => {
    for (const line of rejected.size === 0 ? entity : survivors(entity, rejected, drop)) emit(line);
    entity = [];
  };
  for await (const batch of spooled) {
    for (const line of batch) {
      if (rejected.size === 0) {
        emit(line);
        continue;
      }
      const c = recordCountry(line);
      if (c !== country) {
        endEntity();
        country = c;
      }
      entity.push(line);
    }
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  endEntity();
  while (j < aggregates.length) out.push(aggregates[j++]!);
  if (out.length > 0) yield out;
}

/** One entity's rows without those rejected and those derived from them. */
function survivors(lines: readonly string[], rejected: ReadonlySet<string>, drop: (d: Dropped) => void): string[] {
  const gone = new Set<string>();
  const keep = new Array<boolean>(lines.length).fill(true);
  lines.forEach((line, i) => {
    const at = recordPlace(line);
    if (at.line === 0 || !rejected.has(placeId(at.file, at.line, at.column))) return;
    const r = decodeObs(line);
    gone.add(`${r.indicator} ${r.country} ${r.period}`);
    keep[i] = false;
    drop({ line, reported: true });
  });
  if (gone.size === 0) return [...lines];
  // Derived rows of this entity that used a row now gone, until none is left to drop.
  for (let changed = true; changed; ) {
    changed = false;
    lines.forEach((line, i) => {
      if (!keep[i] || recordPlace(line).line !== 0) return;
      const r = decodeObs(line);
      if (!r.derivedFrom.split(SOURCE_ID_SEPARATOR).some((k) => gone.has(k))) return;
      gone.add(`${r.indicator} ${r.country} ${r.period}`);
      keep[i] = false;
      changed = true;
      drop({ line, reported: false });
    });
  }
  return lines.filter((_, i) => keep[i]);
}
