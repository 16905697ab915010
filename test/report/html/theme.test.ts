/**
 * Contrast of the pages' colours (WCAG 2.x relative luminance): every text colour on every
 * background the style sheet pairs it with reaches 4.5:1, and every chart colour 4.5:1 against
 * white too (the charts write labels in them; 3:1 is the minimum for graphics alone).
 */
import { describe, expect, it } from "vitest";
import { COLOURS, SERIES, STYLE, TEXT_PAIRS } from "../../../src/report/html/theme.js";

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("theme", () => {
  it("computes contrast as WCAG does (black on white 21:1, #767676 on white 4.54:1)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });

  it.each(TEXT_PAIRS.map(([fg, bg]) => [fg, bg, COLOURS[fg], COLOURS[bg]]))("%s on %s: at least 4.5:1", (_fg, _bg, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(SERIES.map((c) => [c]))("chart colour %s on white: at least 4.5:1", (c) => {
    expect(contrast(c, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("uses in the style sheet only the colours checked here", () => {
    const used = new Set(STYLE.text.match(/#[0-9a-f]{6}/gi) ?? []);
    const known = new Set<string>(Object.values(COLOURS));
    expect([...used].filter((c) => !known.has(c))).toEqual([]);
  });
});
