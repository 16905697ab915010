/**
 * definePipeline()'s checks of a definition's inputs (each file, reader, dialect, remote
 * origin; the sources they cite) and of its entities, in words naming the input or option.
 */
import { memberPatternProblem } from "../fetch/member.js";
import { EntityRegistry, entitiesProblems } from "../figures/entities.js";
import { FIGURE_COLUMNS } from "../contracts/rows.js";
import { unitsOf } from "../figures/unit-registry.js";
import { DIALECT_KEYS, dialectProblems, mergeDialect } from "../stages/ingest/dialect.js";
import { sourceFacts, type Reader } from "../contracts/reader.js";
import type { InputDefinition, PipelineDefinition } from "../contracts/definition.js";

/** A plain file name: no folders, no "..", nothing hidden. Outputs and inputs stay inside their folder. */
export const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;

/** Entity codes the definition names must be known: ISO, declared, or (with an entities input)
 *  left to the run, which reads the file. */
export function checkEntities(d: PipelineDefinition, problems: string[]): void {
  problems.push(...entitiesProblems(d.entities, new Set(Object.keys(d.inputs ?? {}))));
  const from = d.entities?.from;
  if (from !== undefined && d.inputs?.[from] && d.inputs[from]!.reader?.role !== "entities") {
    problems.push(`entities.from: input ${JSON.stringify(from)} does not hold entities (its reader is ${JSON.stringify(d.inputs[from]!.reader?.type)}; use readers.worldBankCountries())`);
  }
  if (from !== undefined) return;
  const registry = new EntityRegistry(d.entities?.list ?? [], d.entities?.iso === undefined ? {} : { iso: d.entities.iso });
  for (const code of Object.keys(d.countryNames ?? {})) {
    if (!registry.get(code)) problems.push(`countryNames: ${JSON.stringify(code)} is not an entity of this pipeline (an ISO 3166-1 alpha-3 code, or one in entities.list)`);
  }
  (d.derivations ?? []).forEach((der, i) => {
    for (const c of der.countries ?? [])
      if (!registry.get(c)) problems.push(`derivations[${i}] (${der.indicator}): ${JSON.stringify(c)} is not an entity of this pipeline (an ISO 3166-1 alpha-3 code, or one in entities.list)`);
  });
}

function isReader(r: unknown): r is Reader {
  return typeof r === "object" && r !== null && typeof (r as Reader).header === "function" && typeof (r as Reader).problems === "function" && typeof (r as Reader).type === "string";
}

/** One input: its file, its reader and the reader's options, its dialect, where it is fetched from. */
function inputProblems(d: PipelineDefinition, name: string, input: InputDefinition): string[] {
  const at = `inputs.${name}`;
  const problems: string[] = [];
  if (!SAFE_FILE.test(input.file ?? "")) problems.push(`${at}.file: expected a file name inside the pipeline's raw folder, got ${JSON.stringify(input.file)}`);
  // The layout used to be declared with a role and a zod schema: say what replaces them.
  for (const gone of ["role", "schema"]) {
    if (Object.hasOwn(input, gone)) problems.push(`${at}.${gone}: no longer an option; declare the layout with a reader, such as reader: readers.figures() or readers.sources()`);
  }
  problems.push(...remoteProblems(name, input));
  if (!isReader(input.reader)) {
    problems.push(`${at}.reader: expected a reader, such as readers.figures(), readers.sources() or readers.worldBank({...}), got ${JSON.stringify(input.reader)}`);
    return problems;
  }
  const reader = input.reader;
  const units = unitsOf(d);
  const ctx = { indicators: Object.keys(d.indicators ?? {}), units: units.codes() };
  for (const p of reader.problems(ctx)) problems.push(`${at}.${p}`);
  problems.push(...dialectProblems(input.dialect, mergeDialect(reader.dialect), `${at}.dialect`));
  const keys = reader.dialectKeys ?? DIALECT_KEYS;
  for (const key of Object.keys(input.dialect ?? {})) {
    if ((DIALECT_KEYS as string[]).includes(key) && !(keys as string[]).includes(key)) {
      problems.push(`${at}.dialect.${key}: the ${reader.type} layout does not read it (it reads ${keys.join(", ")})`);
    }
  }
  return problems;
}

export function checkInputs(d: PipelineDefinition, problems: string[]): void {
  const entries = Object.entries(d.inputs ?? {});
  const files = new Set<string>();
  for (const [name, input] of entries) {
    problems.push(...inputProblems(d, name, input));
    if (files.has(input.file)) problems.push(`inputs.${name}.file: ${JSON.stringify(input.file)} is used by two inputs`);
    files.add(input.file);
  }
  const read = entries.filter(([, i]) => isReader(i.reader));
  const role = (r: string) => read.filter(([, i]) => i.reader.role === r).map(([n]) => n);
  if (role("figures").length === 0) problems.push("inputs: at least one input holding figures is required (a reader such as readers.figures() or readers.worldBank({...}))");
  const sources = role("sources");
  if (sources.length > 1) problems.push(`inputs: at most one sources input, got ${sources.join(", ")}`);
  const citingById = read.filter(([, i]) => i.reader.cites === "rows" || typeof i.reader.cites === "string").map(([n]) => n);
  if (sources.length === 0 && citingById.length > 0) {
    problems.push(`inputs: ${citingById.join(", ")} cite${citingById.length === 1 ? "s" : ""} sources by id, so a sources input (readers.sources()) is required; or declare the source in the reader`);
  }
  const entities = role("entities");
  for (const n of entities)
    if (d.entities?.from !== n) problems.push(`inputs.${n}: an entities input is read only as entities.from, which names ${d.entities?.from === undefined ? "none" : JSON.stringify(d.entities.from)}`);
  // One source id, one source: the same id declared in two readers must be declared alike.
  const inline = new Map<string, { name: string; text: string }>();
  for (const [n, i] of read) {
    const cites = i.reader.cites;
    if (cites === null || typeof cites !== "object") continue;
    const text = JSON.stringify(sourceFacts(cites));
    const seen = inline.get(cites.id);
    if (seen && seen.text !== text) problems.push(`inputs.${n}.reader.source: ${JSON.stringify(cites.id)} is declared differently by input ${seen.name}; one source id is one source`);
    if (!seen) inline.set(cites.id, { name: n, text });
  }
}

/** `url` and `member`: where `openfigures fetch` gets the file. */
function remoteProblems(name: string, input: InputDefinition): string[] {
  const problems: string[] = [];
  if (input.url !== undefined && !isHttpUrl(input.url)) {
    problems.push(`inputs.${name}.url: expected an http:// or https:// URL, got ${JSON.stringify(input.url)}`);
  }
  if (input.member !== undefined) {
    if (input.url === undefined) problems.push(`inputs.${name}.member: a zip member needs the url of its archive`);
    const problem = memberPatternProblem(input.member);
    if (problem) problems.push(`inputs.${name}.member: ${problem}`);
  }
  return problems;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The columns a check sees of an input's rows: a row layout's own, or for a table the figure
 *  columns each cell is read into (country, indicator, period, value, unit, source_id, quote). */
export function columnsSeen(reader: Reader): readonly string[] {
  if (!isReader(reader)) return [];
  return reader.layout === "rows" ? reader.columns : reader.layout === "table" ? FIGURE_COLUMNS : [];
}
