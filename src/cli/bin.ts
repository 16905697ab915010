#!/usr/bin/env node
/** The process adapter: real stdout/stderr, the real registry, the exit code. */
import { loadRegistry } from "../pipeline/registry.js";
import { main, type CommandContext } from "./main.js";

// `openfigures list | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const context: CommandContext = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  registry: loadRegistry,
};

try {
  process.exitCode = await main(process.argv.slice(2), context);
} catch (err) {
  process.stderr.write(`openfigures: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
