/**
 * The pages' colours and style sheet, inline in every page (no CDN, no second request). Colours
 * are named here once, with the pairs they are used in, so a test can check every text colour
 * against its background for WCAG's 4.5:1 (AA for body text) and every chart colour against
 * white for 3:1 (non-text contrast).
 */
import { trusted, type Html } from "./escape.js";

export const COLOURS = {
  text: "#1b1e21",
  muted: "#4a5259",
  background: "#ffffff",
  link: "#0b4f9c",
  linkVisited: "#5b2a86",
  rule: "#c9d0d6",
  headerBackground: "#eef2f5",
  codeBackground: "#f3f5f7",
  warningText: "#7a3e00",
  warningBackground: "#fff4e0",
  errorText: "#9b1c1c",
  okText: "#1d5e20",
  focus: "#0b4f9c",
} as const;

/** Text colour on background colour, as the style sheet pairs them. */
export const TEXT_PAIRS: readonly (readonly [keyof typeof COLOURS, keyof typeof COLOURS])[] = [
  ["text", "background"],
  ["muted", "background"],
  ["link", "background"],
  ["linkVisited", "background"],
  ["text", "headerBackground"],
  ["link", "headerBackground"],
  ["muted", "headerBackground"],
  ["text", "codeBackground"],
  ["warningText", "warningBackground"],
  ["warningText", "background"],
  ["errorText", "background"],
  ["okText", "background"],
];

/** Series colours of the charts (countries in turn), each at least 3:1 against white. */
export const SERIES = ["#1f5fa8", "#b34700", "#2e7d32", "#7b1fa2", "#c62828", "#00796b", "#6d4c41", "#455a64"] as const;

export function seriesColour(index: number): string {
  return SERIES[((index % SERIES.length) + SERIES.length) % SERIES.length]!;
}

const c = COLOURS;

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: ${c.text}; background: ${c.background}; }
a { color: ${c.link}; }
a:visited { color: ${c.linkVisited}; }
a:focus-visible, [tabindex]:focus-visible, summary:focus-visible { outline: 3px solid ${c.focus}; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: ${c.background}; padding: .5rem; z-index: 1; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
.crumbs { font-size: .9rem; color: ${c.muted}; margin: 0 0 .5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .2rem 0 .6rem; }
h2 { font-size: 1.4rem; margin: 2.2rem 0 .6rem; padding-top: .4rem; border-top: 1px solid ${c.rule}; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
p, ul, ol, dl { margin: .4rem 0 .8rem; }
.lead { font-size: 1.1rem; max-width: 48rem; }
.muted, .note { color: ${c.muted}; }
.note { font-size: .92rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
nav.toc ul { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; list-style: none; padding: 0; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
code { background: ${c.codeBackground}; padding: 0 .2em; border-radius: 3px; }
/* A long file name in running text ("Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv")
   breaks rather than widening the page on a phone; tables scroll in their own region instead. */
p code, li code, dd code { overflow-wrap: anywhere; }
.hash { word-break: break-all; font-size: .8rem; }
.scroll { overflow-x: auto; max-width: 100%; margin: .4rem 0 1rem; }
table { border-collapse: collapse; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; caption-side: top; }
th, td { border: 1px solid ${c.rule}; padding: .3rem .5rem; vertical-align: top; text-align: left; }
thead th, th[scope="row"] { background: ${c.headerBackground}; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.wrap, th.wrap { min-width: 22rem; max-width: 40rem; }
.nowrap { white-space: nowrap; }
.badge { display: inline-block; padding: 0 .4em; border-radius: 3px; font-size: .85rem; border: 1px solid currentColor; }
.warn { color: ${c.warningText}; }
.warn-box { color: ${c.warningText}; background: ${c.warningBackground}; padding: .5rem .8rem; border-left: 4px solid ${c.warningText}; }
.err { color: ${c.errorText}; }
.ok { color: ${c.okText}; }
ul.headlines { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .8rem; }
ul.headlines li { border: 1px solid ${c.rule}; border-radius: 6px; padding: .6rem .8rem; }
.figure-number { display: block; font-size: 1.5rem; font-weight: 700; line-height: 1.2; }
.figure-label { display: block; font-weight: 600; }
.figure-context { display: block; margin-top: .3rem; }
figure.chart { margin: 1rem 0 1.6rem; }
figure.chart svg { display: block; width: 100%; max-width: 46rem; height: auto; }
figure.chart figcaption { font-weight: 600; margin-bottom: .3rem; }
details { margin: .3rem 0 .8rem; }
summary { cursor: pointer; color: ${c.link}; }
blockquote { margin: .4rem 0 .6rem; padding: .2rem .8rem; border-left: 4px solid ${c.rule}; }
blockquote p { margin: .2rem 0; }
ul.datasets { list-style: none; padding: 0; }
.datasets li { margin-bottom: 1.2rem; }
footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid ${c.rule}; font-size: .9rem; color: ${c.muted}; }
`;

export const STYLE: Html = trusted(CSS.trim());
