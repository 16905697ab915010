#!/usr/bin/env node
/**
 * The process adapter: real stdout/stderr, signals, the registry (pipelines/index.ts, or the
 * module named by OPENFIGURES_REGISTRY), the exit code.
 */
import { loadRegistry } from "../pipeline/registry.js";
import { main } from "./main.js";
import type { CommandContext } from "./context.js";
import { boundHeapGrowth } from "./heap.js";

boundHeapGrowth();

// `openfigures list | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

const context: CommandContext = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  registry: () => loadRegistry(process.env.OPENFIGURES_REGISTRY),
  isTTY: process.stdout.isTTY === true,
  stderr: process.stderr,
  onSignal(handler) {
    for (const s of SIGNALS) process.on(s, handler);
    return () => {
      for (const s of SIGNALS) process.off(s, handler);
    };
  },
};

try {
  process.exitCode = await main(process.argv.slice(2), context);
} catch (err) {
  process.stderr.write(`openfigures: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
// The command has returned: nothing it left behind may keep the process alive. (A run that
// `schedule` cut off and gave up, at the end of its grace period or at a second signal, is
// abandoned here: it was aborted, its outputs were never renamed into place, and the next run
// removes what it leaves.) Exit as soon as what was printed has been handed to the OS, rather
// than after a fixed delay: "a second signal cuts off at once" includes the exit.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((res) => stream.write("", () => res()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();
