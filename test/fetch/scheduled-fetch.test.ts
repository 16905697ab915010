/**
 * A schedule that says `fetch: true`: scheduled runs (`run --scheduled`, `openfigures schedule`)
 * fetch the remote inputs first. A fetch that failed on a timeout, a dropped connection or a 5xx
 * is transient and retried as schedule.retries says; a 4xx or a body the reader refuses fails
 * the run at once. Each attempt is its own history record, saying what its fetch did.
 */
import { join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import type { SchedulerEvent } from "../../src/scheduler/events.js";
import { readLedger } from "../../src/scheduler/ledger.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { definePipeline, type ScheduleDefinition } from "../../src/index.js";
import { DefinitionError } from "../../src/pipeline/define.js";
import { main } from "../../src/cli/main.js";
import { captureContext, cli } from "../helpers/cli.js";
import { waitFor } from "../helpers/cli-process.js";
import { rawFolder } from "../helpers/fixtures.js";
import { answer, startServer, type Route, withoutProxyEnv } from "../helpers/http.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, remotePipeline } from "../helpers/remote.js";

const V1 = figures(4, "v1");
const YEARLY: ScheduleDefinition = { cron: "0 0 1 1 *", timezone: "UTC", fetch: true, retries: { attempts: 4, backoffSeconds: 0.01 } };

withoutProxyEnv();

/** Plays `answers` in turn, one per request; the last one for every request after. */
function inTurn(...answers: Route[]): Route {
  return (req: IncomingMessage, res: ServerResponse, hit: number) => answers[Math.min(hit, answers.length) - 1]!(req, res, hit);
}
const dropped: Route = (req) => req.socket.destroy();

async function setup(route: Route, schedule: ScheduleDefinition = YEARLY) {
  const s = await startServer({ "/figures.csv": route });
  const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
  const registry = [remotePipeline(s.url("/figures.csv"), undefined, schedule)];
  const dir = join(out, REMOTE_ID);
  return { s, raw, out, registry, dirs: ["--raw", raw, "--out", out], history: async () => (await readLedger(dir)).records };
}

describe("run --scheduled with a schedule that says fetch: true", () => {
  it("a timeout, a dropped connection and a 5xx are transient: retried, each attempt recorded with its fetch; then it publishes", async () => {
    const t = await setup(inTurn(answer.hang(), dropped, answer.status(503), answer.body(V1)));
    // --retries 0: the download itself does not retry, so every failure reaches the scheduler's retry.
    const r = await cli(["run", REMOTE_ID, "--scheduled", ...t.dirs, "--retries", "0", "--timeout", "0.5"], t.registry);
    expect(r.code, r.err).toBe(0);
    expect(t.s.hits("/figures.csv")).toBe(4);
    const records = await t.history();
    expect(records.map((x) => [x.trigger, x.attempt, x.outcome, x.failure])).toEqual([
      ["scheduled", 1, "failed", "transient"],
      ["scheduled", 2, "failed", "transient"],
      ["scheduled", 3, "failed", "transient"],
      ["scheduled", 4, "succeeded", null],
    ]);
    expect(records.map((x) => x.fetch!.files.map((f) => (f.status === "failed" ? [f.fault, f.httpStatus] : [f.status])))).toEqual([
      [["timeout", null]],
      [["connection", null]],
      [["server-error", 503]],
      [["updated"]],
    ]);
    expect(records[2]!.error).toBe(`fetch failed: figures.csv: ${t.s.url("/figures.csv")}, status 503: server error: answered 503; the run did not start, and the current release stays as it was`);
    expect(r.err.split("\n")).toEqual([
      expect.stringMatching(
        /^openfigures run: test-figures: fetch failed: figures\.csv: .*, status none: no complete answer within the total timeout of 500 ms; .*; transient failure; attempt 2 of 4 in 0\.01 s$/,
      ),
      expect.stringMatching(/^openfigures run: test-figures: fetch failed: figures\.csv: .*, status none: .*; transient failure; attempt 3 of 4 in 0\.02 s$/),
      expect.stringMatching(/^openfigures run: test-figures: fetch failed: figures\.csv: .*, status 503: server error: answered 503; .*; transient failure; attempt 4 of 4 in 0\.04 s$/),
    ]);
    expect(r.out).toContain("✔ figures.csv updated");
    expect(r.out).toContain("✔ published release");
  });

  it("a 404 is not retried: one attempt, failure data, the server asked once", async () => {
    const t = await setup(answer.status(404));
    const r = await cli(["run", REMOTE_ID, "--scheduled", ...t.dirs], t.registry);
    expect(r.code).toBe(1);
    expect(t.s.hits("/figures.csv")).toBe(1);
    expect((await t.history()).map((x) => [x.attempt, x.outcome, x.failure])).toEqual([[1, "failed", "data"]]);
    expect(r.err).toBe(
      `openfigures run: ${REMOTE_ID}: fetch failed: figures.csv: ${t.s.url("/figures.csv")}, status 404: answered 404; not retried; the run did not start, and the current release stays as it was`,
    );
  });

  it("a body the input's reader refuses is not retried", async () => {
    const t = await setup(answer.body("year,amount\n2020,1\n"));
    const r = await cli(["run", REMOTE_ID, "--scheduled", ...t.dirs], t.registry);
    expect(r.code).toBe(1);
    expect(t.s.hits("/figures.csv")).toBe(1);
    const records = await t.history();
    expect(records).toMatchObject([{ attempt: 1, outcome: "failed", failure: "data", fetch: { files: [{ status: "failed", fault: "rejected", httpStatus: 200 }] } }]);
  });

  it("without fetch: true, a scheduled run does not fetch; --fetch fetches whatever the schedule says", async () => {
    const t = await setup(answer.body(V1), { ...YEARLY, fetch: false });
    const r = await cli(["run", REMOTE_ID, "--scheduled", ...t.dirs], t.registry);
    expect(r.code).toBe(1); // figures.csv was never fetched: missing
    expect(t.s.requests).toEqual([]);
    expect((await cli(["run", REMOTE_ID, "--scheduled", "--fetch", ...t.dirs], t.registry)).code).toBe(0);
    expect(t.s.hits("/figures.csv")).toBe(1);
  });

  it("schedule.fetch is checked when the definition loads", () => {
    const p = remotePipeline(undefined);
    expect(() => definePipeline({ ...p, schedule: { cron: "0 0 1 1 *", timezone: "UTC", fetch: "yes" as unknown as boolean } })).toThrow(DefinitionError);
    expect(() => definePipeline({ ...p, schedule: { cron: "0 0 1 1 *", timezone: "UTC", fetch: "yes" as unknown as boolean } })).toThrow(
      'schedule.fetch: expected true (scheduled runs fetch the remote inputs first) or false, got "yes"',
    );
  });
});

describe("openfigures schedule with fetch: true", () => {
  it("each run fetches first; a 5xx is retried; the run-finished events carry what the fetch did", { timeout: 60_000 }, async () => {
    const t = await setup(inTurn(answer.status(500), answer.body(V1)), { cron: "* * * * * *", timezone: "UTC", fetch: true, retries: { attempts: 2, backoffSeconds: 0.01 } });
    const events: SchedulerEvent[] = [];
    const scheduler = new Scheduler({ pipelines: t.registry, rawDir: t.raw, outDir: t.out, onEvent: (e) => events.push(e), fetch: { env: {}, limits: { retries: 0 } } });
    scheduler.start(5);
    await waitFor("a run to succeed", () => events.some((e) => e.event === "run-finished" && e.outcome === "succeeded"));
    await scheduler.stop("test over", 5_000);
    const finished = events.filter((e): e is Extract<SchedulerEvent, { event: "run-finished" }> => e.event === "run-finished");
    expect(finished.slice(0, 2)).toMatchObject([
      { outcome: "failed", failure: "transient", attempt: 1, fetch: { files: [{ status: "failed", httpStatus: 500, fault: "server-error" }] } },
      { outcome: "succeeded", attempt: 2, fetch: { files: [{ status: "updated" }] } },
    ]);
    expect(events.find((e) => e.event === "retry")).toMatchObject({ pipeline: REMOTE_ID, attempt: 2, attempts: 2 });
  });

  it("the fetch options go with a schedule that fetches", async () => {
    const t = await setup(answer.body(V1), { ...YEARLY, fetch: false });
    const { ctx, err } = captureContext(t.registry, { onSignal: () => () => undefined });
    expect(await main(["schedule", "--timeout", "5", ...t.dirs], ctx)).toBe(2);
    expect(err.join("\n")).toContain("openfigures schedule: the fetch options (--connect-timeout, --timeout, --max-size, --retries) go with a schedule that says fetch: true");
  });
});
