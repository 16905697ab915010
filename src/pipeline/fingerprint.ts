/**
 * A run's fingerprint: sha256 over the raw inputs' bytes, the definition as data, the tool
 * version and an epoch constant. Same fingerprint, same outputs. Bump FINGERPRINT_EPOCH to
 * force every pipeline to rebuild (e.g. after a change in output formatting).
 */
import { createHash } from "node:crypto";
import { VERSION } from "../version.js";
import type { PipelineDefinition } from "./types.js";

export const FINGERPRINT_EPOCH = 1;

/** The definition as plain data: what decides the outputs, without functions. */
export function describeDefinition(p: PipelineDefinition): unknown {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    license: p.license,
    inputs: Object.entries(p.inputs).map(([name, i]) => ({ name, file: i.file, role: i.role, columns: Object.keys(i.schema.shape) })),
    indicators: p.indicators,
    checks: p.checks.map((c) => ({ type: c.type, description: c.description, refs: c.refs })),
    derivations: p.derivations,
    outputs: p.outputs.map((o) => ({ type: o.type, file: o.file })),
    maxRejected: p.maxRejected ?? 0,
    countryNames: p.countryNames ?? {},
  };
}

export function definitionHash(p: PipelineDefinition): string {
  return createHash("sha256").update(JSON.stringify(describeDefinition(p))).digest("hex");
}

export function fingerprint(p: PipelineDefinition, inputs: readonly { file: string; sha256: string }[]): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ epoch: FINGERPRINT_EPOCH, version: VERSION, definition: definitionHash(p), inputs }));
  return h.digest("hex");
}
