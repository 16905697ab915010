/** What a command is given by the CLI entry (main.ts): where to print, the pipelines, the terminal. */
import type { Pipeline } from "../contracts/definition.js";

/** stderr as the progress line needs it: written to in place when it is a terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  /** stderr, for a run's progress (cli/progress.ts); without it, no progress is shown. */
  stderr?: ProgressStream;
  columns?: number;
  write(text: string): unknown;
}

export interface CommandContext {
  out(text: string): void;
  err(text: string): void;
  registry(): Promise<readonly Pipeline[]>;
  /** stdout is a terminal: long-running output as human lines rather than JSON lines. */
  isTTY?: boolean;
  /** stderr, for a run's progress (cli/progress.ts); without it, no progress is shown. */
  stderr?: ProgressStream;
  /** Calls `handler` on SIGINT/SIGTERM; returns the unsubscribe. Needed by `schedule` and `serve`. */
  onSignal?(handler: (signal: string) => void): () => void;
}
