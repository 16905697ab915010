/** shrinkVerdict: the rule shared with the run's shrink guard (issue 11). */
import { describe, expect, it } from "vitest";
import { shrinkVerdict } from "../../src/fetch/shrink.js";

describe("shrinkVerdict", () => {
  it("accepts growth, equality, and losing at most the share (default 50%)", () => {
    expect(shrinkVerdict(100, 120)).toEqual({ ok: true });
    expect(shrinkVerdict(100, 100)).toEqual({ ok: true });
    expect(shrinkVerdict(100, 50)).toEqual({ ok: true });
    expect(shrinkVerdict(0, 0)).toEqual({ ok: true });
  });

  it("refuses losing more than the share, naming both counts and the share", () => {
    expect(shrinkVerdict(100, 49)).toEqual({ ok: false, reason: "the new file has 49 data rows, the current one 100: 51 fewer (51%), more than the 50% allowed" });
    expect(shrinkVerdict(300, 200, 0.25)).toEqual({ ok: false, reason: "the new file has 200 data rows, the current one 300: 100 fewer (33.3%), more than the 25% allowed" });
  });

  it("refuses a file with no rows in place of one with rows, whatever the share", () => {
    expect(shrinkVerdict(1, 0, 1)).toEqual({ ok: false, reason: "the new file has no data rows; the current one has 1" });
  });
});
