/**
 * Every value-taking flag of every command, with its value missing, negative or empty (issue
 * 11, item 13): a one-line error naming the flag (then the usual pointer to --help), exit 2,
 * and nothing run. Node's parseArgs said "argument is ambiguous" over three lines for
 * `--limit -1`, and `--raw ''` ran the pipeline on the current folder (exit 1).
 */
import { describe, expect, it } from "vitest";
import type { Options } from "../../src/cli/args.js";
import { OPTIONS as FETCH } from "../../src/cli/commands/fetch.js";
import { OPTIONS as HISTORY } from "../../src/cli/commands/history.js";
import { OPTIONS as RUN } from "../../src/cli/commands/run.js";
import { OPTIONS as SCHEDULE } from "../../src/cli/commands/schedule.js";
import { OPTIONS as SERVE } from "../../src/cli/commands/serve.js";
import { OPTIONS as SITE } from "../../src/cli/commands/site.js";
import { OPTIONS as STATUS } from "../../src/cli/commands/status.js";
import { OPTIONS as VERIFY } from "../../src/cli/commands/verify.js";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import { testPipeline } from "../helpers/pipeline.js";

const registry = [testPipeline()];

/** Each command, the arguments it needs besides the flag under test, and its options. */
const COMMANDS: [string, string[], Options][] = [
  ["run", ["test-figures"], RUN],
  ["validate", ["test-figures"], RUN],
  ["verify", ["test-figures"], VERIFY],
  ["fetch", ["test-figures"], FETCH],
  ["schedule", [], SCHEDULE],
  ["serve", [], SERVE],
  ["site", [], SITE],
  ["history", [], HISTORY],
  ["status", [], STATUS],
];

const valueFlags = COMMANDS.flatMap(([command, ids, options]) =>
  Object.entries(options)
    .filter(([, o]) => o.type === "string")
    .map(([flag]) => [command, flag, ids] as [string, string, string[]]),
);

/** Safe folders for the other folder flags, so that nothing could write into the checkout. */
function dirs(command: string, flag: string): string[] {
  const out: string[] = [];
  const options = COMMANDS.find(([c]) => c === command)![2];
  for (const other of ["raw", "out"]) if (other !== flag && other in options) out.push(`--${other}`, tempDir());
  return out;
}

describe("flags whose value is missing, negative or empty", () => {
  it("the table covers every value-taking flag of every command", () => {
    expect(valueFlags.map(([c, f]) => `${c} --${f}`).sort()).toEqual(
      [
        "fetch --connect-timeout",
        "fetch --max-size",
        "fetch --out",
        "fetch --raw",
        "fetch --retries",
        "fetch --timeout",
        "history --limit",
        "history --out",
        "run --connect-timeout",
        "run --max-rejected",
        "run --max-size",
        "run --out",
        "run --progress",
        "run --progress-every",
        "run --raw",
        "run --report-examples",
        "run --retries",
        "run --timeout",
        "schedule --connect-timeout",
        "schedule --grace",
        "schedule --max-size",
        "schedule --only",
        "schedule --out",
        "schedule --progress",
        "schedule --progress-every",
        "schedule --raw",
        "schedule --retries",
        "schedule --timeout",
        "serve --host",
        "serve --out",
        "serve --port",
        "site --base-url",
        "site --out",
        "status --out",
        "validate --connect-timeout",
        "validate --max-rejected",
        "validate --max-size",
        "validate --out",
        "validate --progress",
        "validate --progress-every",
        "validate --raw",
        "validate --report-examples",
        "validate --retries",
        "validate --timeout",
        "verify --out",
        "verify --release",
      ].sort(),
    );
  });

  const cases: [string, (flag: string) => string[], (flag: string) => string][] = [
    ["at the end", (f) => [`--${f}`], (f) => `Invalid option --${f}: expected a value after it, got nothing`],
    ["followed by another option", (f) => [`--${f}`, "--json"], (f) => `Invalid option --${f}: expected a value after it, got the option "--json"`],
    ["given a negative number", (f) => [`--${f}`, "-1"], (f) => `--${f}`],
    ["given an empty value", (f) => [`--${f}`, ""], (f) => `Invalid option --${f}: expected a value, got ""`],
    ["given an empty value with =", (f) => [`--${f}=`], (f) => `Invalid option --${f}: expected a value, got ""`],
  ];

  for (const [what, args, message] of cases) {
    it.each(valueFlags)(`%s --%s ${what}: one line naming the flag, exit 2`, async (command, flag, ids) => {
      const r = await cli([command, ...ids, ...dirs(command, flag), ...args(flag)], registry);
      const lines = r.err.split("\n");
      expect({ code: r.code, out: r.out, lines: lines.length, hint: lines[1] }).toEqual({ code: 2, out: "", lines: 2, hint: `Run "openfigures ${command} --help" for usage.` });
      expect(lines[0]).toMatch(new RegExp(`^openfigures ${command}: Invalid option --${flag}: `));
      expect(lines[0]).toContain(message(flag));
      expect(lines[0]).not.toContain("ambiguous");
    });
  }

  it("numbers keep their own rules: --limit -1, --max-rejected -5, --grace=-1, --report-examples -1, --timeout -1, --port -1, --progress-every -1 say what they expect", async () => {
    expect((await cli(["history", "--limit", "-1"], registry)).err.split("\n")[0]).toBe('openfigures history: Invalid option --limit: expected a number of runs such as 50, or "all", got "-1"');
    expect((await cli(["run", "test-figures", "--out", tempDir(), "--max-rejected", "-5"], registry)).err.split("\n")[0]).toBe(
      'openfigures run: Invalid option --max-rejected: expected a number of rows such as 12 or a share such as 5%, got "-5"',
    );
    expect((await cli(["schedule", "--grace=-1"], registry)).err.split("\n")[0]).toBe('openfigures schedule: Invalid option --grace: expected seconds from 0 to 86400, got "-1"');
    expect((await cli(["validate", "test-figures", "--out", tempDir(), "--report-examples", "-1"], registry)).err.split("\n")[0]).toMatch(
      /^openfigures validate: Invalid option --report-examples: expected a whole number of issues per code such as 100, got "-1"/,
    );
    expect((await cli(["fetch", "test-figures", "--raw", tempDir(), "--timeout", "-1"], registry)).err.split("\n")[0]).toBe(
      'openfigures fetch: Invalid option --timeout: expected a number of seconds above 0 such as 30, got "-1"',
    );
    expect((await cli(["serve", "--port", "-1"], registry)).err.split("\n")[0]).toBe('openfigures serve: Invalid option --port: expected a port from 0 to 65535 (0 picks a free one), got "-1"');
    expect((await cli(["run", "test-figures", "--out", tempDir(), "--progress-every", "-1"], registry)).err.split("\n")[0]).toBe(
      'openfigures run: Invalid option --progress-every: expected seconds above 0, up to 86400, such as 5 or 0.5, got "-1"',
    );
  });

  it("a value that starts with a dash is taken when written with =", async () => {
    const r = await cli(["run", "test-figures", "--out", tempDir(), "--raw", "-data"], registry);
    expect(r.err.split("\n")[0]).toBe('openfigures run: Invalid option --raw: expected a value after it, got "-data", which reads as an option; write --raw=-data for a value that starts with "-"');
    expect((await cli(["history", "--out=-nowhere", "--json"], registry)).out).toBe("[]");
  });
});
