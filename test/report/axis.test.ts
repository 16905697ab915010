import { describe, expect, it } from "vitest";
import { niceScale } from "../../src/report/pdf/charts/axis.js";

describe("niceScale", () => {
  it("covers the data with round ticks", () => {
    expect(niceScale(0, 47.9, 5)).toEqual({ min: 0, max: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(niceScale(-2.1, 12.9, 5).ticks).toEqual([-5, 0, 5, 10, 15]);
  });

  it("stays finite and covers the data up to the largest double (the next round tick would be Infinity)", () => {
    for (const hi of [Number.MAX_VALUE, 1.5e308, 1e308]) {
      const s = niceScale(0, hi, 5);
      expect(s.ticks.length).toBeLessThanOrEqual(7);
      expect(s.ticks.every(Number.isFinite)).toBe(true);
      expect(s.max).toBeGreaterThanOrEqual(hi);
      expect(s.min).toBe(0);
    }
    const low = niceScale(-Number.MAX_VALUE, 0, 5);
    expect(low.ticks.every(Number.isFinite)).toBe(true);
    expect(low.min).toBeLessThanOrEqual(-Number.MAX_VALUE);
  });
});
