/**
 * Argument parsing on node:util parseArgs: strict (an unknown option is a usage error), with
 * the options every command shares. Values are checked here, before anything runs.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { findPipelines } from "../pipeline/registry.js";
import { parseTolerance } from "../pipeline/tolerance.js";
import type { Pipeline, RejectTolerance } from "../pipeline/types.js";

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export const DEFAULT_RAW = "data/raw";
export const DEFAULT_OUT = "data/out";
/** `history`: the runs shown without --limit. */
export const DEFAULT_LIMIT = 20;
/** `schedule`: how long a run may go on after a stop signal, without --grace. */
export const DEFAULT_GRACE_SECONDS = 20;
/** `serve`: where it listens without --host and --port (this machine only). */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8080;

export type Options = NonNullable<ParseArgsConfig["options"]>;

export const COMMON = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
} as const satisfies Options;

export const DIRS = {
  raw: { type: "string" },
  out: { type: "string" },
} as const satisfies Options;

export function parse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/s, "") : String(err);
    throw new UsageError(message, command);
  }
}

export function toleranceOption(value: string | undefined, command: string): RejectTolerance | undefined {
  if (value === undefined) return undefined;
  const t = parseTolerance(value);
  if (t === null) throw new UsageError(`Invalid option --max-rejected: expected a number of rows such as 12 or a share such as 5%, got ${JSON.stringify(value)}`, command);
  return t;
}

export function examplesOption(value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`Invalid option --report-examples: expected a whole number of issues per code such as 100, got ${JSON.stringify(value)}`, command);
  return n;
}

/**
 * The pipelines a command names: the ids given, or every registered one with --all; one of the
 * two, never both or neither. (history and status pass `all` as "no ids given".)
 */
export function selectPipelines(registry: readonly Pipeline[], all: boolean | undefined, ids: readonly string[], command: string): Pipeline[] {
  if (all && ids.length > 0) throw new UsageError("give pipeline ids or --all, not both", command);
  if (!all && ids.length === 0) throw new UsageError("name at least one pipeline id, or --all", command);
  return all ? [...registry] : findPipelines(registry, ids);
}
