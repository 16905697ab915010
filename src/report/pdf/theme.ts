/**
 * Page geometry, type sizes and colours of the summary PDF, in one place so every drawing unit
 * agrees. Country colours are the Okabe–Ito palette (readable with the common colour-vision
 * deficiencies), without its yellow, which disappears on white paper.
 */
export const PAGE = {
  size: "A4",
  width: 595.28,
  height: 841.89,
  margin: { top: 58, bottom: 62, left: 50, right: 50 },
} as const;

export const CONTENT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
export const CONTENT_BOTTOM = PAGE.height - PAGE.margin.bottom;

export const SIZE = {
  title: 20,
  h1: 14,
  h2: 10.5,
  body: 9,
  small: 7.8,
  tiny: 7,
  headline: 22,
} as const;

export const LINE_GAP = 1.5;

export const COLOUR = {
  ink: "#1b1f24",
  muted: "#57606a",
  faint: "#8c959f",
  rule: "#d0d7de",
  grid: "#e3e8ee",
  panel: "#f4f6f8",
  stripe: "#f8f9fb",
  accent: "#0b5394",
  warning: "#9a6700",
  error: "#b42318",
  other: "#c3cad2",
} as const;

const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#999999"] as const;

export function countryColour(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/** The colour mixed with white: 0 keeps it, 1 is white. Opaque, so no transparency groups. */
export function tint(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix) as [number, number, number];
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
