/** Looking pipelines up by id, and loading the registry (pipelines/index.ts) on demand. */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DefinitionError } from "./define.js";
import type { Pipeline } from "../contracts/definition.js";

/**
 * A DefinitionError, matched by name rather than instanceof: a registry written in TypeScript
 * and loaded as CommonJS gets its own copy of define.ts, and so of the class. (Matching by name
 * also spares the CLI importing define.ts, and zod behind it, just to recognise the error.)
 */
export function isDefinitionError(err: unknown): err is DefinitionError {
  return err instanceof Error && err.name === "DefinitionError";
}

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

/** A registry module that cannot be loaded or exports no pipeline list. */
export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegistryError";
  }
}

/**
 * Loads pipelines/index.ts, or `module` (a path to any module exporting `pipelines`, e.g. a
 * test's registry with a one-second schedule; the CLI takes it from OPENFIGURES_REGISTRY).
 * A broken definition throws its DefinitionError here.
 */
export async function loadRegistry(module?: string): Promise<readonly Pipeline[]> {
  if (module === undefined || module === "") {
    const mod = (await import("../../pipelines/index.js")) as { pipelines: readonly Pipeline[] };
    return mod.pipelines;
  }
  let mod: { pipelines?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(module)).href)) as { pipelines?: unknown };
  } catch (err) {
    if (isDefinitionError(err)) throw err;
    throw new RegistryError(`cannot load the pipeline registry ${module}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const list = mod.pipelines;
  if (!Array.isArray(list) || !list.every((p) => (p as Partial<Pipeline> | null)?.defined === true)) {
    throw new RegistryError(`the pipeline registry ${module} must export \`pipelines\`: an array of definePipeline() results`);
  }
  return list as readonly Pipeline[];
}
