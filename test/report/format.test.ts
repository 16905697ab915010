import { describe, expect, it } from "vitest";
import { formatAmount, formatMarks, formatPeriod, formatPeriodRange, formatTick, formatTimestamp, groupThousands } from "../../src/report/format.js";

describe("formatAmount", () => {
  it.each([
    [829_000_000, "persons", "829 million persons"],
    [871_000_000, "persons", "871 million persons"],
    [4_400_000_000_000, "USD", "4.4 trillion USD"],
    [45_700_000, "subscriptions", "45.7 million subscriptions"],
    [47.9, "percent", "47.9%"],
    [83, "percent", "83.0%"],
    [12.9, "percent", "12.9%"],
    [-2.1, "percent", "\u22122.1%"],
    [0.25, "percent", "0.25%"],
    [5307.6, "USD per person", "5,307.60 USD per person"],
    [512, "persons", "512 persons"],
    [51_392_570, "persons", "51.4 million persons"],
    [21_890_300, "subscriptions", "21.9 million subscriptions"],
    [1_000_000, "persons", "1 million persons"],
    [999_999, "persons", "999,999 persons"],
    [1_000_000_000, "USD", "1 billion USD"],
    [4_400_000_000_000_000, "USD", "4,400 trillion USD"],
  ] as const)("%d %s → %j", (value, unit, text) => {
    expect(formatAmount(value, unit).text).toBe(text);
  });

  it("keeps the zeros that say a figure was rounded, drops those of a round figure", () => {
    expect(formatAmount(1_402_760_000, "persons").number).toBe("1.40 billion");
    expect(formatAmount(10_021_551, "persons").number).toBe("10.0 million");
    expect(formatAmount(830_433_920, "persons").number).toBe("830 million");
    expect(formatAmount(1_400_000_000, "persons").number).toBe("1.4 billion");
  });

  it("moves up a scale word when rounding reaches a thousand", () => {
    expect(formatAmount(999_600_000, "persons").number).toBe("1.00 billion");
    expect(formatAmount(999_400_000, "persons").number).toBe("999 million");
  });

  it("splits the number from its unit, and puts no space before %", () => {
    expect(formatAmount(4_400_000_000_000, "USD")).toEqual({ number: "4.4 trillion", unit: "USD", text: "4.4 trillion USD" });
    expect(formatAmount(47.9, "percent")).toEqual({ number: "47.9%", unit: "", text: "47.9%" });
  });

  it("prints no minus sign on a value that rounds to zero", () => {
    expect(formatAmount(-0.001, "percent").text).toBe("0.00%");
  });

  it("refuses what is not a number", () => {
    expect(() => formatAmount(Number.NaN, "persons")).toThrow(RangeError);
  });
});

describe("formatTick", () => {
  it.each([
    [0, "persons", "0"],
    [0, "percent", "0%"],
    [250_000_000, "persons", "250 million"],
    [1_500_000_000, "persons", "1.5 billion"],
    [40, "percent", "40%"],
    [2.5, "percent", "2.5%"],
    [12_500, "USD", "12,500"],
  ] as const)("%d %s → %j", (value, unit, text) => {
    expect(formatTick(value, unit)).toBe(text);
  });
});

describe("periods, times, marks", () => {
  it("formats periods as a reader says them", () => {
    expect(formatPeriod("2018")).toBe("2018");
    expect(formatPeriod("2018-12")).toBe("Dec 2018");
    expect(formatPeriod("2018-12-31")).toBe("31 Dec 2018");
    expect(formatPeriod("2018-Q4")).toBe("2018-Q4");
  });

  it("gives the years a set of periods covers", () => {
    expect(formatPeriodRange(["2018-12", "2018"])).toBe("2018");
    expect(formatPeriodRange(["2018", "2015-06", "2017"])).toBe("2015\u20132018");
    expect(formatPeriodRange([])).toBe("");
  });

  it("prints the generation time in UTC whatever the machine's zone", () => {
    expect(formatTimestamp("2019-10-25T10:40:00Z")).toBe("25 Oct 2019, 10:40 UTC");
  });

  it("prints reference marks in brackets", () => {
    expect(formatMarks([1])).toBe("[1]");
    expect(formatMarks([2, 3])).toBe("[2, 3]");
    expect(formatMarks([])).toBe("");
  });

  it("groups thousands without touching the decimals", () => {
    expect(groupThousands("1234567.125")).toBe("1,234,567.125");
    expect(groupThousands("999")).toBe("999");
  });
});
