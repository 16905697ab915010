/**
 * A run's fingerprint: sha256 over the raw inputs' bytes, the definition as data, the tool
 * version and an epoch constant. Same fingerprint, same outputs: a run whose fingerprint equals
 * the current release's is "up to date" and writes nothing. Bump FINGERPRINT_EPOCH to force
 * every pipeline to rebuild (e.g. after a change in output formatting).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { hashFile } from "../fetch/hash.js";
import type { SnapshotEntry } from "../fetch/manifest.js";
import { mergeDialect } from "../stages/ingest/dialect.js";
import { VERSION } from "../version.js";
import { DEFAULT_REPORT_EXAMPLES } from "./issue-log.js";
import type { PipelineDefinition } from "../contracts/definition.js";
import type { FingerprintParts } from "../publish/release/release-index.js";
import { snapshotProvenance } from "./source-files.js";

// 3: reported values are published with the exact digits printed (a release made before may
// hold a value cut to a double's digits).
// 4: indicators.csv/.json gained source_file, source_line and source_column (issue 12), and
// rejects.csv a column "column".
// 5: the Table Schema describes the formula and derived_from of a group's aggregate.
// 6: datapackage.json's sources, and the sources of the PDF, name the raw files behind each
// source with their snapshots (url, retrieval time, sha256).
export const FINGERPRINT_EPOCH = 6;

/** The definition as plain data: what decides the outputs, without functions. An input is its
 *  file, its reader (its spec: the layout and its options) and the dialect it is read with
 *  (merged over the reader's defaults, so a default that changes rebuilds). */
function describeDefinition(p: PipelineDefinition): unknown {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    license: p.license,
    inputs: Object.entries(p.inputs).map(([name, i]) => ({ name, file: i.file, reader: i.reader.type, spec: i.reader.spec, dialect: mergeDialect(i.reader.dialect, i.dialect) })),
    indicators: p.indicators,
    checks: p.checks.map((c) => ({ type: c.type, description: c.description, refs: c.refs, spec: c.spec })),
    derivations: p.derivations,
    outputs: p.outputs.map((o) => ({ type: o.type, file: o.file, spec: o.spec })),
    maxRejected: p.maxRejected ?? 0,
    reportExamples: p.reportExamples ?? DEFAULT_REPORT_EXAMPLES,
    countryNames: p.countryNames ?? {},
    units: p.units ?? {},
    entities: p.entities ?? {},
    // Only when declared: a pipeline without aggregates keeps the fingerprint of its release.
    ...(p.aggregates !== undefined && p.aggregates.length > 0 ? { aggregates: p.aggregates } : {}),
  };
}

function definitionHash(p: PipelineDefinition): string {
  return createHash("sha256")
    .update(JSON.stringify(describeDefinition(p)))
    .digest("hex");
}

/**
 * `records`: the inputs' records in snapshots.json that checkRawSnapshots() has just matched
 * with their files (raw-snapshots.ts), which the outputs publish. Such a file's sha256 is its
 * record's: it was hashed a moment ago, and ingest checks the bytes it reads against it
 * (read-and-check.ts), so it is not read a second time here. Any other input is hashed, or
 * null when it is missing or not a regular file inside the raw folder: such a file is not read
 * here (a FIFO would hang the run, /dev/zero never end), and the ingest stage reports why.
 */
export async function fingerprintParts(p: PipelineDefinition, rawDir: string, options: FingerprintParts["options"], records: Readonly<Record<string, SnapshotEntry>> = {}): Promise<FingerprintParts> {
  const inputs: Record<string, string | null> = {};
  for (const input of Object.values(p.inputs)) inputs[input.file] = records[input.file]?.sha256 ?? (await hashFile(join(rawDir, p.id), input.file))?.sha256 ?? null;
  const snapshots: Record<string, string> = {};
  for (const file of Object.keys(records).sort()) {
    if (file in inputs)
      snapshots[file] = createHash("sha256")
        .update(JSON.stringify(snapshotProvenance(records[file])))
        .digest("hex");
  }
  return { epoch: FINGERPRINT_EPOCH, version: VERSION, definition: definitionHash(p), options, inputs, ...(Object.keys(snapshots).length > 0 ? { snapshots } : {}) };
}

export function fingerprintOf(parts: FingerprintParts): string {
  const inputs = Object.keys(parts.inputs)
    .sort()
    .map((f) => [f, parts.inputs[f]]);
  return createHash("sha256")
    .update(JSON.stringify({ ...parts, inputs }))
    .digest("hex");
}

/** Why a run is needed, in words, comparing with the parts of the current release. */
export function changeReasons(now: FingerprintParts, before: FingerprintParts | null): string[] {
  if (before === null) return ["no release yet"];
  const reasons: string[] = [];
  for (const file of Object.keys(now.inputs)) {
    if (!(file in before.inputs)) reasons.push(`${file} added`);
    else if (now.inputs[file] !== before.inputs[file]) reasons.push(now.inputs[file] === null ? `${file} missing` : `${file} changed`);
  }
  for (const file of Object.keys(before.inputs)) if (!(file in now.inputs)) reasons.push(`${file} no longer an input`);
  // A record that changed with its file is said by the file's change.
  const was = before.snapshots ?? {};
  const is = now.snapshots ?? {};
  for (const file of Object.keys(now.inputs)) {
    if (was[file] === is[file] || (file in before.inputs && now.inputs[file] !== before.inputs[file])) continue;
    reasons.push(
      is[file] === undefined ? `${file} no longer recorded in snapshots.json` : was[file] === undefined ? `${file} recorded in snapshots.json` : `${file}'s record in snapshots.json changed`,
    );
  }
  if (now.definition !== before.definition) reasons.push("pipeline definition changed");
  const options: string[] = [];
  if (now.options.strict !== before.options.strict) options.push(`strict ${before.options.strict} → ${now.options.strict}`);
  if (now.options.maxRejected !== before.options.maxRejected) options.push(`max rejected ${before.options.maxRejected} → ${now.options.maxRejected}`);
  // Releases made before the option existed have no value for it: they listed every issue.
  if (now.options.reportExamples !== before.options.reportExamples) options.push(`report examples ${before.options.reportExamples ?? "all"} → ${now.options.reportExamples}`);
  if (options.length > 0) reasons.push(`run options changed (${options.join(", ")})`);
  if (now.version !== before.version) reasons.push(`tool version changed (${before.version} → ${now.version})`);
  if (now.epoch !== before.epoch) reasons.push(`fingerprint epoch changed (${before.epoch} → ${now.epoch})`);
  return reasons;
}
