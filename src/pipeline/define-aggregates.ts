/**
 * definePipeline()'s checks of a definition's aggregates (src/stages/transform/aggregate.ts):
 * the indicator and its weight declared and of kinds that can be summed or weighed, the coverage
 * rule readable, the groups groups, and no derivation producing the same indicator for the same
 * entities (two rows under one primary key: the derivation must be limited with `kinds`).
 *
 * Groups named by code are checked against entities.list; with an entities input (`from`) they
 * are known only when its file is read, and a code that then names no group is reported by the
 * run.
 */
import { ENTITY_CODE, EntityRegistry, type EntityKind } from "../figures/entities.js";
import { unitsOf } from "../figures/unit-registry.js";
import { GROUP_KINDS } from "../stages/transform/aggregate.js";
import type { AggregateDefinition } from "../contracts/aggregates.js";
import type { PipelineDefinition } from "../contracts/definition.js";

const SHARE = /^(\d+(?:\.\d+)?)%$/;

function coverageProblems(d: PipelineDefinition, a: AggregateDefinition, at: string, kindOf: (indicator: string) => string | undefined): string[] {
  const out: string[] = [];
  const cov = a.coverage;
  if (cov === undefined) return out;
  const min = typeof cov.min === "string" ? SHARE.exec(cov.min) : null;
  if (!min || !(Number(min[1]) > 0 && Number(min[1]) <= 100)) out.push(`${at}: coverage.min: expected a share such as "90%", more than 0% and at most 100%, got ${JSON.stringify(cov.min)}`);
  if (cov.by === undefined) return out;
  if (!d.indicators[cov.by]) out.push(`${at}: coverage.by: indicator ${JSON.stringify(cov.by)} is not declared`);
  else if (kindOf(cov.by) === "percent") out.push(`${at}: coverage.by: ${JSON.stringify(cov.by)} is in percent; coverage is measured by a count or an amount, such as population`);
  else if (a.method === "sum" && cov.by === a.indicator)
    out.push(`${at}: coverage.by: ${JSON.stringify(cov.by)} is the indicator summed, so the members with data always hold all of it; leave "by" out to count members instead`);
  return out;
}

/** The kinds of the groups an aggregate may compute: its kinds, the kinds of the codes it names
 *  when they are declared, every group kind otherwise. */
function kindsOf(a: AggregateDefinition, registry: EntityRegistry | null): EntityKind[] {
  if (a.groups === undefined) return [...GROUP_KINDS];
  const kinds = new Set<EntityKind>();
  for (const g of a.groups) {
    if ((GROUP_KINDS as readonly string[]).includes(g)) kinds.add(g as EntityKind);
    else {
      const kind = registry?.get(g)?.kind;
      for (const k of kind === undefined ? GROUP_KINDS : [kind]) kinds.add(k);
    }
  }
  return GROUP_KINDS.filter((k) => kinds.has(k));
}

function groupProblems(a: AggregateDefinition, at: string, registry: EntityRegistry | null): string[] {
  const out: string[] = [];
  if (a.groups !== undefined && (!Array.isArray(a.groups) || a.groups.length === 0)) return [`${at}: groups: at least one group kind or code (or leave it out: every group with members)`];
  for (const g of a.groups ?? []) {
    if ((GROUP_KINDS as readonly string[]).includes(g)) continue;
    if (g === "country") out.push(`${at}: groups: "country" is not a group; name group kinds (${GROUP_KINDS.join(", ")}) or group codes`);
    else if (typeof g !== "string" || !ENTITY_CODE.test(g)) out.push(`${at}: groups: expected a group kind or an entity code such as "WLD", got ${JSON.stringify(g)}`);
    else if (registry !== null && !registry.get(g)?.members?.length) out.push(`${at}: groups: ${JSON.stringify(g)} is not a group of this pipeline (one in entities.list with members)`);
  }
  if (out.length === 0 && registry !== null) {
    const wanted = a.groups;
    const chosen = registry.groups().filter((g) => wanted === undefined || wanted.includes(g.kind) || wanted.includes(g.code));
    if (chosen.length === 0) out.push(`${at}: no group has members to aggregate (declare groups with members in entities.list, or read them with entities.from)`);
  }
  return out;
}

export function checkAggregates(d: PipelineDefinition, problems: string[]): void {
  const list = d.aggregates ?? [];
  if (!Array.isArray(list)) {
    problems.push("aggregates: expected a list of aggregates");
    return;
  }
  const units = unitsOf(d);
  const kindOf = (indicator: string) => {
    const unit = d.indicators[indicator]?.unit;
    return unit === undefined ? undefined : units.get(unit)?.kind;
  };
  // Entities from a file are known when it is read: codes are checked then.
  const registry = d.entities?.from === undefined ? new EntityRegistry(d.entities?.list ?? [], d.entities?.iso === undefined ? {} : { iso: d.entities.iso }) : null;
  const seen = new Set<string>();
  list.forEach((a, i) => {
    const at = `aggregates[${i}] (${a.indicator})`;
    const declared = Boolean(d.indicators[a.indicator]);
    if (!declared) problems.push(`${at}: indicator ${JSON.stringify(a.indicator)} is not declared`);
    if (seen.has(a.indicator)) problems.push(`${at}: a second aggregate of ${JSON.stringify(a.indicator)}; each indicator has at most one`);
    seen.add(a.indicator);
    if (a.method !== "sum" && a.method !== "weighted-mean") problems.push(`${at}: method: expected "sum" or "weighted-mean", got ${JSON.stringify(a.method)}`);
    if (a.method === "sum" && declared && kindOf(a.indicator) === "percent") problems.push(`${at}: a sum of percentages means nothing; use method "weighted-mean" with a weight such as population`);
    if (a.method === "weighted-mean") {
      if (a.weight === undefined) problems.push(`${at}: weight: required for a weighted mean (the indicator that weighs each member, such as population)`);
      else if (!d.indicators[a.weight]) problems.push(`${at}: weight: indicator ${JSON.stringify(a.weight)} is not declared`);
      else if (kindOf(a.weight) === "percent") problems.push(`${at}: weight: ${JSON.stringify(a.weight)} is in percent; a weight is a count or an amount, such as population`);
    } else if (a.weight !== undefined) problems.push(`${at}: weight: only a weighted mean has one`);
    problems.push(...coverageProblems(d, a, at, kindOf));
    problems.push(...groupProblems(a, at, registry));
    if (a.from !== undefined && a.from !== "reported" && a.from !== "any") problems.push(`${at}: from must be "reported" or "any"`);
    if (a.decimals !== undefined && !(Number.isInteger(a.decimals) && a.decimals >= 0 && a.decimals <= 12)) problems.push(`${at}: decimals must be a whole number from 0 to 12`);
    // A derivation of the same indicator for a group would publish a second derived row under
    // the key of the aggregate's.
    const kinds = kindsOf(a, registry);
    (d.derivations ?? []).forEach((der, j) => {
      if (der.indicator !== a.indicator) return;
      const both = kinds.filter((k) => der.kinds === undefined || der.kinds.includes(k));
      if (both.length > 0)
        problems.push(`${at}: derivations[${j}] also produces ${JSON.stringify(a.indicator)} for groups (${both.join(", ")}); limit the derivation to other kinds, such as kinds: ["country"]`);
    });
  });
}
