/**
 * `openfigures` as the benchmark runs it: the real CLI (src/cli/main.ts, the same dispatch,
 * runner and output as bin/openfigures.js) with a registry holding only the bench-figures
 * pipeline, so the production registry stays free of benchmark pipelines. Run as a child
 * process: `node --import tsx bench/cli.ts run bench-figures --raw <dir> --out <dir>`.
 */
import "./child-stats.js";
import { main, type CommandContext } from "../src/cli/main.js";
import benchFigures from "./pipeline.js";

const context: CommandContext = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  registry: async () => [benchFigures],
};

try {
  process.exitCode = await main(process.argv.slice(2), context);
} catch (err) {
  process.stderr.write(`openfigures: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
