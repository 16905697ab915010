/**
 * Benchmark: rendering summary.pdf (model + drawing), outside the test suite, on purpose.
 *
 * Budget: for the seed release, the first render in a fresh process (fonts parsed, code not yet
 * warm: what a one-off `openfigures run` pays) under 1000 ms, and the median of later renders
 * (a scheduler's steady state) under 300 ms. A large synthetic release (7 countries, 24
 * indicators, 3 years) is timed for information. Prints one line per case; exits 1 over budget.
 *
 *   npm run bench:pdf                 # or: node --import tsx bench/pdf.ts --out /tmp/pdfs
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import seed from "../pipelines/china-kenya-digital-economy/pipeline.js";
import type { PublishTarget } from "../src/publish/target.js";
import { render, type Fixture } from "../test/helpers/publish.js";
import { pdf } from "../src/publish/pdf.js";
import { plausibilityWarnings, seedContext, syntheticContext } from "../test/report/fixtures.js";

const BUDGET = { firstMs: 1000, medianMs: 300 };
const RUNS = 15;

const { values } = parseArgs({ options: { out: { type: "string" } } });

async function renderOnce(target: PublishTarget, ctx: Fixture): Promise<{ ms: number; bytes: Buffer }> {
  const t0 = performance.now();
  const { bytes } = await render(target, ctx, 2000);
  return { ms: performance.now() - t0, bytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const cases: { name: string; target: PublishTarget; ctx: Fixture; budget: boolean }[] = [
  { name: "seed", target: seed.outputs.find((t) => t.type === "pdf") ?? pdf(), ctx: await seedContext(), budget: true },
  {
    name: "synthetic-large",
    target: pdf(),
    ctx: syntheticContext({ countries: ["KEN", "CHN", "CIV", "NGA", "ZAF", "EGY", "ETH"], indicators: 24, years: [2016, 2017, 2018], longNames: true, issues: plausibilityWarnings() }),
    budget: false,
  },
];

let over = false;
for (const c of cases) {
  const first = await renderOnce(c.target, c.ctx);
  const later: number[] = [];
  for (let i = 0; i < RUNS; i++) later.push((await renderOnce(c.target, c.ctx)).ms);
  const med = median(later);
  const verdict = !c.budget ? "" : first.ms <= BUDGET.firstMs && med <= BUDGET.medianMs ? "  ok" : "  OVER BUDGET";
  if (verdict.includes("OVER")) over = true;
  console.log(`${c.name}: first ${first.ms.toFixed(0)} ms, then median ${med.toFixed(0)} ms (min ${Math.min(...later).toFixed(0)}, max ${Math.max(...later).toFixed(0)}, ${RUNS} runs), ${(first.bytes.length / 1024).toFixed(1)} KB${verdict}`);
  if (values.out) {
    mkdirSync(values.out, { recursive: true });
    writeFileSync(join(values.out, `${c.name}.pdf`), first.bytes);
  }
}
if (over) {
  console.log(`budget: first render ≤ ${BUDGET.firstMs} ms, median ≤ ${BUDGET.medianMs} ms`);
  process.exit(1);
}
