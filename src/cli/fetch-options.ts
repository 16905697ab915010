/**
 * The options that set a download's limits: `fetch` takes them, and so do `run` and `schedule`
 * for the fetch they make first (`run --fetch`, a schedule with `fetch: true`). Checked here,
 * before anything runs.
 */
import type { FetchLimits } from "../fetch/limits.js";
import { UsageError, type Options } from "./args.js";

export const FETCH_LIMIT_OPTIONS = {
  "connect-timeout": { type: "string" },
  timeout: { type: "string" },
  "max-size": { type: "string" },
  retries: { type: "string" },
} as const satisfies Options;

type LimitValues = { [K in keyof typeof FETCH_LIMIT_OPTIONS]?: string | undefined };

function secondsOption(name: string, value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(?:\.\d+)?$/.test(value) || Number(value) <= 0) throw new UsageError(`Invalid option --${name}: expected a number of seconds above 0 such as 30, got ${JSON.stringify(value)}`, command);
  return Math.round(Number(value) * 1000);
}

const SIZE_UNITS: Record<string, number> = { "": 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 };

function sizeOption(value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)([kmg]?)$/i.exec(value);
  if (!m || Number(m[1]) === 0) throw new UsageError(`Invalid option --max-size: expected a size in bytes such as 500M, 2G or 1048576, got ${JSON.stringify(value)}`, command);
  return Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!;
}

function retriesOption(value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 10) throw new UsageError(`Invalid option --retries: expected a whole number from 0 to 10, got ${JSON.stringify(value)}`, command);
  return Number(value);
}

/** The limits given on the command line (the others keep their defaults). */
export function fetchLimits(values: LimitValues, command: string): Partial<FetchLimits> {
  const limits: Partial<FetchLimits> = {};
  const connect = secondsOption("connect-timeout", values["connect-timeout"], command);
  const total = secondsOption("timeout", values.timeout, command);
  const maxBytes = sizeOption(values["max-size"], command);
  const retries = retriesOption(values.retries, command);
  if (connect !== undefined) limits.connectTimeoutMs = connect;
  if (total !== undefined) limits.totalTimeoutMs = total;
  if (maxBytes !== undefined) limits.maxBytes = maxBytes;
  if (retries !== undefined) limits.retries = retries;
  return limits;
}

/** Whether any limit was given (they only mean something where a fetch happens). */
export function anyFetchLimit(values: LimitValues): boolean {
  return Object.keys(FETCH_LIMIT_OPTIONS).some((k) => values[k as keyof LimitValues] !== undefined);
}
