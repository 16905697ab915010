/** --progress and --progress-every, for run, validate and schedule (docs/progress.md). */
import { UsageError, type Options } from "./args.js";

export const PROGRESS_OPTIONS = {
  progress: { type: "string" },
  "progress-every": { type: "string" },
} as const satisfies Options;

export const PROGRESS_MODES = ["auto", "line", "json", "off"] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** Seconds between progress events without --progress-every. */
export const DEFAULT_PROGRESS_EVERY_SECONDS = 5;

export interface ProgressChoice {
  mode: ProgressMode;
  /** Between JSON events (and the scheduler's), in ms. */
  everyMs: number;
}

/** The choice of --progress (`modes`: those the command takes) and --progress-every. */
export function progressChoice(values: { progress?: string | undefined; "progress-every"?: string | undefined }, command: string, modes: readonly ProgressMode[] = PROGRESS_MODES): ProgressChoice {
  const mode = values.progress ?? "auto";
  if (!(modes as readonly string[]).includes(mode)) throw new UsageError(`Invalid option --progress: expected ${modes.join(", ")}, got ${JSON.stringify(mode)}`, command);
  const every = values["progress-every"];
  const seconds = every === undefined ? DEFAULT_PROGRESS_EVERY_SECONDS : /^\d+(\.\d+)?$/.test(every) ? Number(every) : Number.NaN;
  if (!(seconds > 0 && seconds <= 86_400)) throw new UsageError(`Invalid option --progress-every: expected seconds above 0, up to 86400, such as 5 or 0.5, got ${JSON.stringify(every)}`, command);
  return { mode: mode as ProgressMode, everyMs: seconds * 1000 };
}
