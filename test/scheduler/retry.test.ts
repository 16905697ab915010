import { describe, expect, it } from "vitest";
import { errorFailure, inputFailure } from "../../src/pipeline/failure.js";
import { makeIssue } from "../../src/contracts/issue.js";
import { MAX_BACKOFF_MS, backoffMs, retryDecision, retryPolicy } from "../../src/scheduler/retry.js";

const policy = { attempts: 4, backoffSeconds: 30 };

describe("retryDecision", () => {
  it("retries a transient failure with exponential backoff until the attempts are used", () => {
    expect(retryDecision(policy, 1, "transient")).toEqual({ retry: true, waitMs: 30_000, reason: "transient failure; attempt 2 of 4 in 30 s" });
    expect(retryDecision(policy, 2, "transient")).toMatchObject({ retry: true, waitMs: 60_000 });
    expect(retryDecision(policy, 3, "transient")).toMatchObject({ retry: true, waitMs: 120_000 });
    expect(retryDecision(policy, 4, "transient")).toEqual({ retry: false, reason: "attempt 4 of 4: no attempts left" });
  });

  it("never retries invalid data or an internal fault, nor a success", () => {
    expect(retryDecision(policy, 1, "data")).toEqual({ retry: false, reason: "the data failure is not retried" });
    expect(retryDecision(policy, 1, "internal")).toEqual({ retry: false, reason: "the internal failure is not retried" });
    expect(retryDecision(policy, 1, null)).toEqual({ retry: false, reason: "succeeded" });
  });

  it("does not retry without a declared policy, and caps the wait", () => {
    expect(retryDecision(retryPolicy({ cron: "* * * * *", timezone: "UTC" }), 1, "transient").retry).toBe(false);
    expect(backoffMs({ attempts: 10, backoffSeconds: 3600 }, 9)).toBe(MAX_BACKOFF_MS);
  });
});

describe("classifying a failed run", () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

  it("I/O and network conditions that can clear are transient", () => {
    for (const code of ["EIO", "EAGAIN", "EBUSY", "ETIMEDOUT", "ENOSPC", "ECONNRESET", "EAI_AGAIN", "ESTALE"]) expect(errorFailure(errno(code)), code).toBe("transient");
    expect(errorFailure(new Error("wrapped", { cause: errno("EIO") }))).toBe("transient");
  });

  it("permissions and program errors are internal", () => {
    expect(errorFailure(errno("EACCES"))).toBe("internal");
    expect(errorFailure(new TypeError("x is undefined"))).toBe("internal");
    expect(errorFailure("a string")).toBe("internal");
  });

  it("an aborted run (shutdown) is transient", () => {
    const controller = new AbortController();
    controller.abort();
    let thrown: unknown;
    try {
      controller.signal.throwIfAborted();
    } catch (err) {
      thrown = err;
    }
    expect(errorFailure(thrown)).toBe("transient");
  });

  it("inputs that are missing are transient (a source not delivered yet); unreadable ones are data", () => {
    const missing = makeIssue({ code: "INGEST_FILE_MISSING", pipeline: "p", file: "figures.csv", rule: "file not found" });
    const encoding = makeIssue({ code: "INGEST_ENCODING", pipeline: "p", file: "sources.csv", line: 3, rule: "not UTF-8" });
    expect(inputFailure([missing], ["figures.csv"])).toBe("transient");
    expect(inputFailure([missing, encoding], ["figures.csv", "sources.csv"])).toBe("data");
    expect(inputFailure([encoding], ["sources.csv"])).toBe("data");
  });
});
