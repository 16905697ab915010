/**
 * Runs the test pipeline in a child process, for the crash tests to kill:
 * `node --import tsx test/helpers/run-child.ts <raw> <out>`; prints the RunResult as JSON.
 */
import { runPipeline } from "../../src/index.js";
import { testPipeline } from "./pipeline.js";

const [raw, out] = process.argv.slice(2);
const result = await runPipeline(testPipeline({ derivations: [] }), { rawDir: raw!, outDir: out! });
process.stdout.write(`${JSON.stringify(result)}\n`);
