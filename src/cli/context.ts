/** What a command is given by the CLI entry (main.ts): where to print, the pipelines, the terminal. */
import type { Pipeline } from "../contracts/definition.js";

export interface CommandContext {
  out(text: string): void;
  err(text: string): void;
  registry(): Promise<readonly Pipeline[]>;
  /** stdout is a terminal: long-running output as human lines rather than JSON lines. */
  isTTY?: boolean;
  /** Calls `handler` on SIGINT/SIGTERM; returns the unsubscribe. Needed by `schedule` and `serve`. */
  onSignal?(handler: (signal: string) => void): () => void;
}
