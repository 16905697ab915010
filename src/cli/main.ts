/**
 * The CLI entry: parses the command, runs it, exits with its code. Commands live in
 * commands/, one thin file each; they print results and never decide anything themselves.
 */
import { RegistryError, UnknownPipelineError, isDefinitionError } from "../pipeline/registry.js";
import { EXIT } from "../contracts/result.js";
import { VERSION } from "../version.js";
import { UsageError } from "./args.js";
import type { CommandContext } from "./context.js";
import { HELP } from "./help.js";

type Command = (args: string[], ctx: CommandContext) => Promise<number>;

// Each command's module is imported when the command runs: `--version` and `help` then load
// none of them (nor node-cron, zod, csv-parse … behind them), and start in a fraction of the time.
const COMMANDS: Record<string, () => Promise<Command>> = {
  list: async () => (await import("./commands/list.js")).list,
  run: async () => {
    const { run } = await import("./commands/run.js");
    return (args, ctx) => run(args, ctx, "run");
  },
  validate: async () => {
    const { run } = await import("./commands/run.js");
    return (args, ctx) => run(args, ctx, "validate");
  },
  verify: async () => (await import("./commands/verify.js")).verify,
  fetch: async () => (await import("./commands/fetch.js")).fetch,
  schedule: async () => (await import("./commands/schedule.js")).schedule,
  history: async () => (await import("./commands/history.js")).history,
  status: async () => (await import("./commands/status.js")).status,
  serve: async () => (await import("./commands/serve.js")).serve,
  site: async () => (await import("./commands/site.js")).site,
};

const isHelpFlag = (arg: string): boolean => arg === "--help" || arg === "-h";

export async function main(argv: string[], ctx: CommandContext): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || isHelpFlag(command)) {
    ctx.out(HELP.main!);
    return command === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (command === "--version") {
    ctx.out(VERSION);
    return EXIT.OK;
  }
  const load = COMMANDS[command];
  if (!load && command !== "help") {
    ctx.err(`openfigures: unknown command ${JSON.stringify(command)}; commands: ${Object.keys(COMMANDS).join(", ")}, help`);
    return EXIT.USAGE;
  }
  // --help and --version mean the same after every command (help.ts lists them under "every
  // command"), so they are answered here, before a command parses its own options.
  const wantsHelp = rest.some(isHelpFlag);
  if (!wantsHelp && rest.includes("--version")) {
    ctx.out(VERSION);
    return EXIT.OK;
  }
  if (command === "help") {
    const topics = rest.filter((a) => !isHelpFlag(a));
    // "help --help" asks about help itself; "help run --help" about run.
    const topic = topics[0] ?? (wantsHelp ? "help" : "main");
    if (!HELP[topic]) {
      ctx.err(`openfigures: no help for ${JSON.stringify(topic)}; commands: ${Object.keys(COMMANDS).join(", ")}`);
      return EXIT.USAGE;
    }
    ctx.out(HELP[topic]!);
    return EXIT.OK;
  }
  if (wantsHelp) {
    ctx.out(HELP[command]!);
    return EXIT.OK;
  }
  try {
    const handler = await load!();
    return await handler(rest, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      ctx.err(`openfigures ${err.command ?? command}: ${err.message}\nRun "openfigures ${err.command ?? command} --help" for usage.`);
      return EXIT.USAGE;
    }
    if (isDefinitionError(err) || err instanceof UnknownPipelineError || err instanceof RegistryError) {
      ctx.err(`openfigures: ${err.message}`);
      return EXIT.USAGE;
    }
    throw err;
  }
}
