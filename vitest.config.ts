import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Subprocess tests (npm start, CLI) start Node with tsx: allow them time on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default is one file at a time per core but one: on a 2-core machine, one file at a
    // time. Much of the suite waits rather than computes (child processes starting under tsx,
    // one-second schedules and grace periods, polled locks), so two files run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker thread per test file instead of a child process: same isolation (a fresh module
    // graph, its own process.env copy), less start-up per file. Nothing in the tests needs a
    // process of its own in-process: signals, exits and kills go to the CLI's child processes.
    pool: "threads",
  },
});
