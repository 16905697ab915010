import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { catchUp } from "../../src/scheduler/catch-up.js";

const weekly = { cron: "0 6 * * 1", timezone: "Africa/Nairobi" };

describe("catchUp on scheduler start (fake clock)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs once for the latest missed slot, however many were missed", () => {
    vi.setSystemTime(new Date("2024-06-26T12:00:00Z")); // a Wednesday
    const c = catchUp(weekly, new Date("2024-06-03T03:00:05Z"), new Date());
    expect(c.due).toBe(true);
    expect(c.missed).toBe(3); // 10, 17 and 24 June
    expect(c.slot?.local).toBe("2024-06-24T06:00:00+03:00");
    expect(c.reason).toBe("3 slots missed since the last run at 2024-06-03T03:00:05.000Z, latest 2024-06-24T06:00:00+03:00; running once now");
  });

  it("does nothing when the last run is after the latest slot (a manual run covers it)", () => {
    vi.setSystemTime(new Date("2024-06-26T12:00:00Z"));
    const c = catchUp(weekly, new Date("2024-06-25T09:00:00Z"), new Date());
    expect(c).toMatchObject({ due: false, slot: null, missed: 0 });
  });

  it("the slot exactly at the last run's start is not missed; one a second later is", () => {
    vi.setSystemTime(new Date("2024-06-17T03:00:00Z"));
    expect(catchUp(weekly, new Date("2024-06-10T03:00:00Z"), new Date()).missed).toBe(1);
    expect(catchUp(weekly, new Date("2024-06-17T03:00:00Z"), new Date()).due).toBe(false);
  });

  it("catchUp: false reports the missed slot but waits for the next one", () => {
    vi.setSystemTime(new Date("2024-06-26T12:00:00Z"));
    const c = catchUp({ ...weekly, catchUp: false }, new Date("2024-06-03T03:00:05Z"), new Date());
    expect(c.due).toBe(false);
    expect(c.slot?.local).toBe("2024-06-24T06:00:00+03:00");
    expect(c.reason).toMatch(/catchUp is false, waiting for the next slot$/);
  });

  it("a pipeline with no recorded run has missed nothing", () => {
    vi.setSystemTime(new Date("2024-06-26T12:00:00Z"));
    expect(catchUp(weekly, null, new Date())).toMatchObject({ due: false, slot: null, reason: "no recorded run; waiting for the next slot" });
  });

  it("counts at most 1000 missed slots of a fast schedule, and still runs once", () => {
    vi.setSystemTime(new Date("2024-06-26T12:00:00Z"));
    const c = catchUp({ cron: "* * * * * *", timezone: "UTC" }, new Date("2024-06-01T00:00:00Z"), new Date());
    expect(c.due).toBe(true);
    expect(c.missed).toBe(1000);
    expect(c.slot?.at.toISOString()).toBe("2024-06-26T12:00:00.000Z");
    expect(c.reason).toMatch(/^1000\+ slots missed/);
  });

  it("a daily run whose slot fell in a spring-forward gap is caught up at the moved time", () => {
    vi.setSystemTime(new Date("2024-03-31T05:00:00Z"));
    const c = catchUp({ cron: "30 2 * * *", timezone: "Europe/Berlin" }, new Date("2024-03-30T01:30:02Z"), new Date());
    expect(c.slot).toMatchObject({ local: "2024-03-31T03:00:00+02:00", dst: "gap" });
    expect(c.missed).toBe(1);
  });
});
