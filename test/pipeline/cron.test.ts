import { describe, expect, it } from "vitest";
import { pipelines } from "../../pipelines/index.js";
import { DefinitionError, definePipeline } from "../../src/pipeline/define.js";
import type { PipelineDefinition, ScheduleDefinition } from "../../src/contracts/definition.js";
import { scheduleProblems } from "../../src/pipeline/cron.js";

const base = pipelines.find((p) => p.id === "china-kenya-digital-economy")!;

function defineWith(schedule: unknown): () => unknown {
  const { defined: _, ...definition } = base;
  return () => definePipeline({ ...definition, schedule } as PipelineDefinition);
}

function problemsOf(schedule: unknown): string[] {
  try {
    defineWith(schedule)();
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(DefinitionError);
    return [...(err as DefinitionError).problems];
  }
}

describe("schedule in a pipeline definition", () => {
  it("china-kenya-digital-economy runs weekly, Monday 06:00 Africa/Nairobi", () => {
    expect(base.schedule).toMatchObject({ cron: "0 6 * * 1", timezone: "Africa/Nairobi" });
  });

  it("accepts five- and six-field expressions, names and catch-up/retry settings", () => {
    for (const cron of ["0 6 * * 1", "*/5 * * * * *", "0 6 * * MON", "@weekly", "0 0 L * *"]) expect(scheduleProblems({ cron, timezone: "UTC" })).toEqual([]);
    expect(problemsOf({ cron: "0 6 * * 1", timezone: "Europe/Berlin", catchUp: false, retries: { attempts: 3, backoffSeconds: 60 } })).toEqual([]);
  });

  it("a bad cron expression is a DefinitionError naming the field, the rule and the value", () => {
    expect(problemsOf({ cron: "0 25 * * *", timezone: "UTC" })).toEqual(['schedule.cron: expected a cron expression such as "0 6 * * 1", got "0 25 * * *" (25 is a invalid expression for hour)']);
    expect(problemsOf({ cron: "every monday", timezone: "UTC" })[0]).toMatch(/^schedule\.cron: expected a cron expression .* got "every monday"/);
    expect(problemsOf({ cron: "0 0 30 2 *", timezone: "UTC" })[0]).toMatch(/impossible day of month/);
  });

  it("an unknown time zone is a DefinitionError", () => {
    expect(problemsOf({ cron: "0 6 * * 1", timezone: "Africa/Atlantis" })).toEqual(['schedule.timezone: expected an IANA time zone such as "Africa/Nairobi", got "Africa/Atlantis"']);
    expect(problemsOf({ cron: "0 6 * * 1", timezone: "" })).toHaveLength(1);
  });

  it("bad catchUp and retries settings are reported together, with the bad cron", () => {
    const problems = problemsOf({ cron: "61 * * * *", timezone: "Mars/Olympus", catchUp: "yes", retries: { attempts: 0, backoffSeconds: -1 } } as unknown as ScheduleDefinition);
    expect(problems.map((p) => p.split(":")[0])).toEqual(["schedule.cron", "schedule.timezone", "schedule.catchUp", "schedule.retries.attempts", "schedule.retries.backoffSeconds"]);
    expect(problems[3]).toBe("schedule.retries.attempts: expected a whole number of attempts from 1 to 10 (1 means no retry), got 0");
  });

  it("every registered pipeline's schedule is valid", () => {
    for (const p of pipelines) if (p.schedule) expect(scheduleProblems(p.schedule), p.id).toEqual([]);
  });
});
