/** Looking pipelines up by id, and loading the registry (pipelines/index.ts) on demand. */
import type { Pipeline } from "./types.js";

export class UnknownPipelineError extends Error {
  constructor(
    readonly id: string,
    readonly known: readonly string[],
  ) {
    super(`no pipeline ${JSON.stringify(id)}; registered: ${known.join(", ") || "none"}`);
    this.name = "UnknownPipelineError";
  }
}

export function findPipelines(registry: readonly Pipeline[], ids: readonly string[]): Pipeline[] {
  const known = registry.map((p) => p.id);
  return ids.map((id) => {
    const p = registry.find((x) => x.id === id);
    if (!p) throw new UnknownPipelineError(id, known);
    return p;
  });
}

/** Loads pipelines/index.ts; a broken definition throws its DefinitionError here. */
export async function loadRegistry(): Promise<readonly Pipeline[]> {
  const mod = (await import("../../pipelines/index.js")) as { pipelines: readonly Pipeline[] };
  return mod.pipelines;
}
