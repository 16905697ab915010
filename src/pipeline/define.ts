/**
 * `definePipeline()` checks a definition when its module loads and throws one DefinitionError
 * that lists every problem at once, so a broken definition never starts a run.
 */
import { ENTITY_KINDS } from "../figures/entities.js";
import { unitsOf, unitsProblems } from "../figures/unit-registry.js";
import { scheduleProblems } from "./cron.js";
import { FormulaError, formulaInputs } from "../figures/formula.js";
import { CHANGES_FILE, CURRENT_LINK, INDEX_FILE, LEDGER_FILE, PAGE_FILE, REJECTS_FILE, RELEASES_DIR, RELEASE_RECORD, RUN_FILE, UNPUBLISHED_DIR, VALIDATION_FILE } from "../contracts/layout.js";
import { isExampleLimit } from "./issue-log.js";
import { parseTolerance } from "./tolerance.js";
import { checkAggregates } from "./define-aggregates.js";
import { checkEntities, checkInputs, columnsSeen, SAFE_FILE } from "./define-inputs.js";
import { PIPELINE_ID, type Pipeline, type PipelineDefinition } from "../contracts/definition.js";

export class DefinitionError extends Error {
  constructor(
    readonly pipeline: string,
    readonly problems: readonly string[],
  ) {
    super(`pipeline ${JSON.stringify(pipeline)} has ${problems.length} definition problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DefinitionError";
  }
}

const INDICATOR_CODE = /^[a-z][a-z0-9_]*$/;
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Files the engine writes beside the targets' outputs. */
const RESERVED_OUTPUTS = new Set([
  RUN_FILE,
  REJECTS_FILE,
  VALIDATION_FILE,
  CHANGES_FILE,
  RELEASE_RECORD,
  INDEX_FILE,
  LEDGER_FILE,
  CURRENT_LINK,
  RELEASES_DIR,
  UNPUBLISHED_DIR,
  // The dataset's page sits beside the stable paths (src/site/); a file of that name would clash with it.
  PAGE_FILE,
]);

function nonEmpty(value: unknown): boolean {
  return typeof value === "string" && value.trim().length > 0;
}

function checkBasics(d: PipelineDefinition, problems: string[]): void {
  if (typeof d.id !== "string" || !PIPELINE_ID.test(d.id)) {
    problems.push(`id: expected kebab-case letters and digits such as "china-kenya-digital-economy", got ${JSON.stringify(d.id)}`);
  }
  if (!nonEmpty(d.title)) problems.push("title: required");
  if (!nonEmpty(d.description)) problems.push("description: required");
  for (const key of ["name", "title", "path"] as const) {
    if (!nonEmpty(d.license?.[key])) problems.push(`license.${key}: required`);
  }
  for (const [key, what, example] of [
    ["maxRejected", "rows", "5%"],
    ["maxRemoved", "observations", "50%"],
  ] as const) {
    const tol: unknown = d[key];
    if (tol === undefined) continue;
    // A share is written as text ("5%"); a count is a number, never text.
    const ok = typeof tol === "number" ? Number.isInteger(tol) && tol >= 0 : typeof tol === "string" && typeof parseTolerance(tol) === "string";
    if (!ok) problems.push(`${key}: expected a whole number of ${what} or a share such as "${example}", got ${JSON.stringify(tol)}`);
  }
  if (d.reportExamples !== undefined && !isExampleLimit(d.reportExamples)) {
    problems.push(`reportExamples: expected a whole number of issues per code, 0 or more, got ${JSON.stringify(d.reportExamples)}`);
  }
  if (d.keepReleases !== undefined && !(Number.isInteger(d.keepReleases) && d.keepReleases >= 1)) {
    problems.push(`keepReleases: expected a whole number of releases, at least 1, got ${JSON.stringify(d.keepReleases)}`);
  }
  if (d.schedule !== undefined) problems.push(...scheduleProblems(d.schedule));
}

function checkIndicators(d: PipelineDefinition, problems: string[]): void {
  const entries = Object.entries(d.indicators ?? {});
  if (entries.length === 0) problems.push("indicators: at least one indicator is required");
  for (const [code, ind] of entries) {
    if (!INDICATOR_CODE.test(code)) problems.push(`indicators: code ${JSON.stringify(code)} must be snake_case`);
    if (!nonEmpty(ind.name)) problems.push(`indicators.${code}.name: required`);
    if (!nonEmpty(ind.description)) problems.push(`indicators.${code}.description: required (say what is counted and how)`);
    const unit = typeof ind.unit === "string" ? unitsOf(d).get(ind.unit) : undefined;
    if (!unit) problems.push(`indicators.${code}.unit: expected one of ${unitsOf(d).codes().join(", ")}, got ${JSON.stringify(ind.unit)}`);
    else if (unit.power !== 0)
      problems.push(
        `indicators.${code}.unit: ${JSON.stringify(ind.unit)} is a scaled unit; declare the indicator in its base unit ${JSON.stringify(unit.base)} (figures printed in ${JSON.stringify(ind.unit)} are published in it)`,
      );
    if (ind.min !== undefined && ind.max !== undefined && ind.min > ind.max) problems.push(`indicators.${code}: min ${ind.min} is above max ${ind.max}`);
  }
}

function checkChecks(d: PipelineDefinition, problems: string[]): void {
  d.checks.forEach((check, i) => {
    const at = `checks[${i}] (${check.type})`;
    if (!KEBAB.test(check.type)) problems.push(`${at}: type must be kebab-case`);
    for (const input of check.refs.inputs ?? []) {
      if (!d.inputs[input]) problems.push(`${at}: unknown input ${JSON.stringify(input)}`);
    }
    for (const [input, field] of check.refs.fields ?? []) {
      const reader = d.inputs[input]?.reader;
      if (!reader) problems.push(`${at}: unknown input ${JSON.stringify(input)}`);
      else if (!columnsSeen(reader).includes(field)) problems.push(`${at}: input ${JSON.stringify(input)} has no column ${JSON.stringify(field)}`);
    }
    for (const code of check.refs.indicators ?? []) {
      if (!d.indicators[code]) problems.push(`${at}: unknown indicator ${JSON.stringify(code)}`);
    }
    const refsOk = problems.every((p) => !p.startsWith(at));
    if (refsOk) for (const p of check.problems?.(d) ?? []) problems.push(`${at}: ${p}`);
  });
}

function checkDerivations(d: PipelineDefinition, problems: string[]): void {
  const uses = new Map<string, string[]>();
  d.derivations.forEach((der, i) => {
    const at = `derivations[${i}] (${der.indicator})`;
    if (!d.indicators[der.indicator]) problems.push(`${at}: derives undeclared indicator ${JSON.stringify(der.indicator)}`);
    let refs: string[] | null = null;
    try {
      refs = formulaInputs(der.formula);
    } catch (err) {
      if (!(err instanceof FormulaError)) throw err;
      problems.push(`${at}: formula ${JSON.stringify(der.formula)}: ${err.message}`);
    }
    for (const ref of refs ?? []) {
      if (!d.indicators[ref]) problems.push(`${at}: formula uses ${JSON.stringify(ref)}, which no input or derivation produces`);
    }
    if (refs?.length === 0) problems.push(`${at}: formula uses no indicator`);
    if (der.decimals !== undefined && !(Number.isInteger(der.decimals) && der.decimals >= 0 && der.decimals <= 12)) {
      problems.push(`${at}: decimals must be a whole number from 0 to 12`);
    }
    if (der.match !== undefined && der.match !== "period" && der.match !== "year") problems.push(`${at}: match must be "period" or "year"`);
    if (der.from !== undefined && der.from !== "reported" && der.from !== "any") problems.push(`${at}: from must be "reported" or "any"`);
    if (der.kinds !== undefined) {
      if (!Array.isArray(der.kinds) || der.kinds.length === 0) problems.push(`${at}: kinds: at least one entity kind (or leave it out: every kind)`);
      else for (const k of der.kinds) if (!(ENTITY_KINDS as readonly string[]).includes(k)) problems.push(`${at}: kinds: expected entity kinds (${ENTITY_KINDS.join(", ")}), got ${JSON.stringify(k)}`);
    }
    if (uses.has(der.indicator)) problems.push(`${at}: a second derivation of ${JSON.stringify(der.indicator)}; each indicator has at most one`);
    uses.set(der.indicator, [...(uses.get(der.indicator) ?? []), ...(refs ?? [])]);
  });
  const cycle = findCycle(uses);
  if (cycle) problems.push(`derivations: circular: ${cycle.join(" → ")}`);
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

function checkOutputs(d: PipelineDefinition, problems: string[]): void {
  if (d.outputs.length === 0) problems.push("outputs: at least one publish target is required");
  const files = new Set<string>();
  for (const out of d.outputs) {
    if (!SAFE_FILE.test(out.file)) problems.push(`outputs (${out.type}): file ${JSON.stringify(out.file)} must be a plain file name inside the output folder`);
    if (RESERVED_OUTPUTS.has(out.file)) problems.push(`outputs (${out.type}): ${JSON.stringify(out.file)} is written by the engine itself`);
    if (files.has(out.file)) problems.push(`outputs: two targets write ${JSON.stringify(out.file)}`);
    files.add(out.file);
  }
}

function definitionProblems(d: PipelineDefinition): string[] {
  const problems: string[] = [];
  checkBasics(d, problems);
  problems.push(...unitsProblems(d.units));
  checkInputs(d, problems);
  checkEntities(d, problems);
  checkIndicators(d, problems);
  checkChecks(d, problems);
  checkDerivations(d, problems);
  checkAggregates(d, problems);
  checkOutputs(d, problems);
  return [...new Set(problems)];
}

export function definePipeline(definition: PipelineDefinition): Pipeline {
  const problems = definitionProblems(definition);
  if (problems.length > 0) throw new DefinitionError(String(definition.id), problems);
  return Object.freeze({ ...definition, defined: true as const });
}
