import { describe, expect, it } from "vitest";
import { parsePeriod, periodYear } from "../../src/figures/period.js";
import { countryName, isCountryCode } from "../../src/figures/countries.js";

describe("parsePeriod", () => {
  it.each([
    ["2018", "year", {}],
    ["2018-12", "month", { month: 12 }],
    ["2018-12-31", "day", { month: 12, day: 31 }],
    ["2020-02-29", "day", { month: 2, day: 29 }],
  ])("reads %s as a %s", (text, precision, parts) => {
    expect(parsePeriod(text)).toEqual({ text, year: Number(text.slice(0, 4)), precision, ...parts });
  });

  it.each(["18", "2018-13", "2018-00", "2019-02-29", "2018-1", "2018/12", "Dec 2018", " 2018"])("refuses %j", (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it("gives the year of any period", () => {
    expect(periodYear("2018-12-31")).toBe("2018");
  });
});

describe("countries (i18n-iso-countries)", () => {
  it("knows alpha-3 codes and refuses others", () => {
    expect([isCountryCode("KEN"), isCountryCode("CHN"), isCountryCode("XXX"), isCountryCode("ken"), isCountryCode("KE")]).toEqual([true, true, false, false, false]);
  });

  it("names countries, with a pipeline's overrides first", () => {
    expect(countryName("KEN")).toBe("Kenya");
    expect(countryName("CIV")).toBe("Cote d'Ivoire");
    expect(countryName("CHN", { CHN: "China" })).toBe("China");
  });
});
