/**
 * `openfigures serve`: serves the output folder over HTTP (src/server/) until stopped. Prints
 * where it listens, then one access-log line per request (JSON lines unless on a terminal). On
 * SIGINT/SIGTERM it stops taking connections, lets requests in flight finish and exits 0; a
 * second signal cuts them off.
 */
import { EXIT } from "../../contracts/result.js";
import { ServeError, startServer, type RunningServer } from "../../server/server.js";
import { COMMON, DEFAULT_HOST, DEFAULT_OUT, DEFAULT_PORT, UsageError, parse } from "../args.js";
import { formatServeEvent, type ServeEvent } from "../format-serve.js";
import type { CommandContext } from "../context.js";

export const OPTIONS = {
  ...COMMON,
  out: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
} as const;

function portOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n > 65_535) throw new UsageError(`Invalid option --port: expected a port from 0 to 65535 (0 picks a free one), got ${JSON.stringify(value)}`, "serve");
  return n;
}

export async function serve(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse("serve", args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`serve serves the whole output folder and takes no pipeline ids, got ${positionals.join(" ")}`, "serve");
  const port = portOption(values.port);
  const host = values.host ?? DEFAULT_HOST;
  if (host === "") throw new UsageError("Invalid option --host: expected an address such as 127.0.0.1, got an empty string", "serve");
  if (!ctx.onSignal) throw new Error("serve needs a process that delivers SIGINT/SIGTERM (ctx.onSignal)");
  const json = values.json === true || ctx.isTTY !== true;
  const print = (e: ServeEvent) => ctx.out(json ? JSON.stringify(e) : formatServeEvent(e));
  const now = () => new Date().toISOString();

  let server: RunningServer;
  try {
    server = await startServer({
      out: values.out ?? DEFAULT_OUT,
      host,
      port,
      onRequest: print,
      onError: (err) => ctx.err(`openfigures serve: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    });
  } catch (err) {
    if (!(err instanceof ServeError)) throw err;
    ctx.err(`openfigures serve: ${err.message}`);
    return err.kind === "out" ? EXIT.USAGE : EXIT.DATA_FAILED;
  }
  print({ event: "listening", at: now(), url: server.url, out: server.root });
  let signals = 0;
  const unsubscribe = ctx.onSignal((signal) => {
    if (++signals > 1) return server.stopNow();
    print({ event: "stopping", at: now(), signal });
    void server.stop();
  });
  try {
    await server.closed;
  } finally {
    unsubscribe();
  }
  print({ event: "stopped", at: now() });
  return EXIT.OK;
}
