import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextSlot, nextSlots, previousSlot, slotsBetween, type Slot } from "../../src/scheduler/next-runs.js";

const at = (slots: Slot[]) => slots.map((s) => s.at.toISOString());
const local = (slots: Slot[]) => slots.map((s) => `${s.local}${s.dst ? ` ${s.dst}` : ""}`);

describe("nextSlots", () => {
  it("gives the china-kenya-digital-economy schedule: Mondays 06:00 in Nairobi (UTC+3, no DST)", () => {
    const slots = nextSlots({ cron: "0 6 * * 1", timezone: "Africa/Nairobi" }, new Date("2024-06-05T12:00:00Z"), 3);
    expect(at(slots)).toEqual(["2024-06-10T03:00:00.000Z", "2024-06-17T03:00:00.000Z", "2024-06-24T03:00:00.000Z"]);
    expect(local(slots)).toEqual(["2024-06-10T06:00:00+03:00", "2024-06-17T06:00:00+03:00", "2024-06-24T06:00:00+03:00"]);
  });

  it("is strictly after the given time: a slot exactly at it is not next", () => {
    const s = nextSlot({ cron: "0 6 * * 1", timezone: "Africa/Nairobi" }, new Date("2024-06-10T03:00:00Z"));
    expect(s?.at.toISOString()).toBe("2024-06-17T03:00:00.000Z");
  });

  it("runs a six-field expression every second", () => {
    const slots = nextSlots({ cron: "* * * * * *", timezone: "UTC" }, new Date("2024-01-01T00:00:00.400Z"), 3);
    expect(at(slots)).toEqual(["2024-01-01T00:00:01.000Z", "2024-01-01T00:00:02.000Z", "2024-01-01T00:00:03.000Z"]);
  });

  it("finds a rare date years ahead", () => {
    // node-cron accepts 29 February; on a Saturday it next falls in 2048.
    expect(nextSlot({ cron: "0 0 29 2 6", timezone: "UTC" }, new Date("2024-03-01T00:00:00Z"))?.at.toISOString()).toBe("2048-02-29T00:00:00.000Z");
  });
});

describe("DST: spring forward (the named time does not exist)", () => {
  it("Europe/Berlin 31 March 2024: a daily 02:30 run moves to 03:00 CEST, once", () => {
    const slots = nextSlots({ cron: "30 2 * * *", timezone: "Europe/Berlin" }, new Date("2024-03-29T12:00:00Z"), 4);
    expect(local(slots)).toEqual(["2024-03-30T02:30:00+01:00", "2024-03-31T03:00:00+02:00 gap", "2024-04-01T02:30:00+02:00", "2024-04-02T02:30:00+02:00"]);
    expect(slots[1]!.at.toISOString()).toBe("2024-03-31T01:00:00.000Z");
    expect(slots[1]!.wall).toBe("2024-03-31T02:30:00");
  });

  it("America/New_York 10 March 2024: times inside the gap and at its end make one run at 03:00 EDT", () => {
    const slots = nextSlots({ cron: "*/20 * * * *", timezone: "America/New_York" }, new Date("2024-03-10T06:30:00Z"), 4);
    expect(local(slots)).toEqual(["2024-03-10T01:40:00-05:00", "2024-03-10T03:00:00-04:00 gap", "2024-03-10T03:20:00-04:00", "2024-03-10T03:40:00-04:00"]);
  });

  it("a daily run at 02:00 exactly (the first missing minute) also runs at the jump", () => {
    const s = nextSlot({ cron: "0 2 * * *", timezone: "America/New_York" }, new Date("2024-03-09T12:00:00Z"));
    expect(s?.local).toBe("2024-03-10T03:00:00-04:00");
  });
});

describe("DST: fall back (the named time occurs twice)", () => {
  it("Europe/Berlin 27 October 2024: a daily 02:30 run runs once, on the first (summer-time) pass", () => {
    const slots = nextSlots({ cron: "30 2 * * *", timezone: "Europe/Berlin" }, new Date("2024-10-25T12:00:00Z"), 3);
    expect(local(slots)).toEqual(["2024-10-26T02:30:00+02:00", "2024-10-27T02:30:00+02:00 repeat", "2024-10-28T02:30:00+01:00"]);
    expect(slots[1]!.at.toISOString()).toBe("2024-10-27T00:30:00.000Z");
  });

  it("from inside the second pass, the repeated time is not run again", () => {
    // 01:10 UTC is 02:10 CET, the second pass; 02:30 already ran at 00:30 UTC.
    const s = nextSlot({ cron: "30 2 * * *", timezone: "Europe/Berlin" }, new Date("2024-10-27T01:10:00Z"));
    expect(s?.local).toBe("2024-10-28T02:30:00+01:00");
  });

  it("an every-30-minutes schedule skips the repeated hour: a 90-minute pause that night", () => {
    const slots = slotsBetween({ cron: "*/30 * * * *", timezone: "Europe/Berlin" }, new Date("2024-10-26T23:15:00Z"), new Date("2024-10-27T02:45:00Z"));
    expect(local(slots)).toEqual(["2024-10-27T01:30:00+02:00", "2024-10-27T02:00:00+02:00 repeat", "2024-10-27T02:30:00+02:00 repeat", "2024-10-27T03:00:00+01:00", "2024-10-27T03:30:00+01:00"]);
  });
});

describe("previousSlot", () => {
  it("finds the latest slot at or before a time", () => {
    const s = previousSlot({ cron: "0 6 * * 1", timezone: "Africa/Nairobi" }, new Date("2024-06-12T00:00:00Z"));
    expect(s?.at.toISOString()).toBe("2024-06-10T03:00:00.000Z");
  });

  it("respects its lower bound (exclusive)", () => {
    const schedule = { cron: "0 6 * * 1", timezone: "Africa/Nairobi" };
    expect(previousSlot(schedule, new Date("2024-06-12T00:00:00Z"), new Date("2024-06-10T03:00:00Z"))).toBeNull();
    expect(previousSlot(schedule, new Date("2024-06-12T00:00:00Z"), new Date("2024-06-10T02:59:59Z"))?.at.toISOString()).toBe("2024-06-10T03:00:00.000Z");
  });

  it("walks a per-second schedule without enumerating years", () => {
    const s = previousSlot({ cron: "* * * * * *", timezone: "UTC" }, new Date("2024-06-12T00:00:00.500Z"), new Date("2000-01-01T00:00:00Z"));
    expect(s?.at.toISOString()).toBe("2024-06-12T00:00:00.000Z");
  });
});

describe("nextSlot agrees with a walk from a day earlier (the shortcut in next-runs.ts)", () => {
  const cases = [
    { cron: "30 2 * * *", timezone: "Europe/Berlin" },
    { cron: "*/20 * * * *", timezone: "America/New_York" },
    { cron: "0 * * * *", timezone: "Europe/Berlin" },
    { cron: "15 1 * * *", timezone: "Australia/Lord_Howe" },
  ];
  // Instants around the 2024 transitions of these zones.
  const around = ["2024-03-10T07:00:00Z", "2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z", "2024-11-03T06:00:00Z", "2024-04-06T15:00:00Z", "2024-10-05T15:30:00Z"].map(Date.parse);

  it("for random instants near DST transitions", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.constantFrom(...around), fc.integer({ min: -4 * 3600_000, max: 4 * 3600_000 }), (schedule, base, delta) => {
        const after = new Date(base + delta);
        const expected = slotsBetween(schedule, new Date(after.getTime() - 86_400_000), new Date(after.getTime() + 3 * 86_400_000)).find((s) => s.at > after);
        expect(nextSlot(schedule, after)?.at.toISOString()).toBe(expected?.at.toISOString());
      }),
      { numRuns: 100 },
    );
  });
});
