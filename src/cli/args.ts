/**
 * Argument parsing on node:util parseArgs: strict (an unknown option is a usage error), with
 * the options every command shares. Values are checked here, before anything runs.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { findPipelines } from "../pipeline/registry.js";
import { parseTolerance } from "../pipeline/tolerance.js";
import { EXIT } from "../contracts/result.js";
import type { Pipeline, RejectTolerance } from "../contracts/definition.js";

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

/** Flags whose value is a number: a negative number after one of them is its value, for its own
 *  rule to judge ("expected seconds from 0 to 86400, got "-1""), not an option. */
const NUMBER_FLAGS = new Set(["limit", "max-rejected", "grace", "report-examples", "port", "connect-timeout", "timeout", "max-size", "retries", "progress-every"]);
const LOOKS_NEGATIVE = /^-\d/;

/**
 * Checks that every value-taking flag has a value before parseArgs sees the arguments: alone,
 * parseArgs takes `--raw --json` as "argument is ambiguous" over three lines, and `--limit -1`
 * too. A value that starts with "-" is taken when attached (`--raw=-x`), or when it is a
 * negative number after a number flag; an empty value is refused for every flag (`--raw ''`
 * would be the current folder).
 */
function checkValues(command: string, args: readonly string[], options: Options): string[] {
  const valueFlag = (arg: string): string | null => {
    const name = arg.startsWith("--") ? arg.slice(2) : Object.entries(options).find(([, o]) => o.short !== undefined && arg === `-${o.short}`)?.[0];
    return name !== undefined && options[name]?.type === "string" ? name : null;
  };
  const isOption = (arg: string): boolean => {
    const name = arg.startsWith("--") ? arg.slice(2).split("=")[0]! : null;
    return name !== null ? name in options : Object.values(options).some((o) => o.short !== undefined && arg === `-${o.short}`);
  };
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === "--") {
      out.push(...args.slice(k));
      break;
    }
    const name = valueFlag(arg);
    if (name === null) {
      out.push(arg);
      continue;
    }
    const value = args[k + 1];
    const invalid = (rule: string) => new UsageError(`Invalid option --${name}: ${rule}`, command);
    if (value === undefined) throw invalid("expected a value after it, got nothing");
    if (value.startsWith("-") && value !== "-" && !(NUMBER_FLAGS.has(name) && LOOKS_NEGATIVE.test(value))) {
      if (isOption(value)) throw invalid(`expected a value after it, got the option ${JSON.stringify(value)}`);
      throw invalid(`expected a value after it, got ${JSON.stringify(value)}, which reads as an option; write --${name}=${value} for a value that starts with "-"`);
    }
    out.push(`--${name}=${value}`);
    k++;
  }
  return out;
}

/** node:util's parseArgs, its errors turned into usage errors of `command`. */
function parseOrRefuse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args: checkValues(command, args, options), options, allowPositionals: true, strict: true });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const message = err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/s, "") : String(err);
    throw new UsageError(message, command);
  }
}

export function parse<O extends Options>(command: string, args: string[], options: O) {
  const parsed = parseOrRefuse(command, args, options);
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === "" || (Array.isArray(value) && value.includes(""))) throw new UsageError(`Invalid option --${name}: expected a value, got ""`, command);
  }
  return parsed;
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

/**
 * The exit code of several runs (or fetches). A failure outranks a locked pipeline, though LOCKED (3) is the
 * larger number: a systemd unit may count 3 as success (that slot is covered by the run holding
 * the lock), and a failure elsewhere must not be hidden by it.
 */
export function worstExit(codes: readonly number[]): number {
  if (codes.includes(EXIT.DATA_FAILED)) return EXIT.DATA_FAILED;
  return Math.max(EXIT.OK, ...codes);
}
