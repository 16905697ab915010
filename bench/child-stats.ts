/**
 * Loaded first by every process the benchmark measures (preloaded with --import into the CLI,
 * imported by bench/baseline.ts): when the process exits it writes its own resource usage to
 * the file named by BENCH_STATS_FILE. process.resourceUsage() needs no system package (GNU time
 * is not on every machine) and counts every thread of the process, so worker threads are
 * included. A process killed by a signal or aborted (heap exhausted) writes nothing; the harness
 * reports that as a failure with the end of its stderr.
 */
import { writeFileSync } from "node:fs";

export interface ChildStats {
  /** Peak resident set size, KiB (getrusage ru_maxrss). */
  maxRssKiB: number;
  userMs: number;
  systemMs: number;
  /** V8 heap limit, for telling a heap-limit crash from a slow run. */
  heapLimitMiB: number;
  exitCode: number;
}

const file = process.env.BENCH_STATS_FILE;
if (file) {
  const { getHeapStatistics } = await import("node:v8");
  process.on("exit", (code) => {
    const u = process.resourceUsage();
    const stats: ChildStats = {
      maxRssKiB: u.maxRSS,
      userMs: u.userCPUTime / 1000,
      systemMs: u.systemCPUTime / 1000,
      heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
      exitCode: code,
    };
    writeFileSync(file, `${JSON.stringify(stats)}\n`);
  });
}
