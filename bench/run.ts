/**
 * `npm run bench`: the benchmark of issues 7 and 16. Generates (or reuses) the datasets of three
 * workloads, then runs the csv-parse → csv-stringify pass-through and `openfigures run` on each
 * alternately, each as its own process, and prints one table and, last, one JSON line.
 *
 *   npm run bench [-- --rows N] [--repeat K]   throughput, three workloads of N rows each:
 *                                              figures (the seed's raw format; also an unchanged
 *                                              re-run and npm start into an empty folder), wide
 *                                              (a World Bank bulk file of N observations) and
 *                                              warnings (a warning-heavy input against a clean
 *                                              one); each against the baseline over its own file
 *   npm run bench -- --workload figures|wide|warnings|all  one of them (default all)
 *   npm run bench -- --memory [--sizes a,b,c]  peak RSS of a full run at 250k, 1M and 8M rows
 *   npm run bench -- --profile [--rows N]      one run under --cpu-prof, summarised by stage
 *   add --built to any of them to run compiled JavaScript (tsc into .bench/dist) instead of
 *   TypeScript through tsx: startup drops by most of a second, as for a scheduled run from dist/
 *
 * Everything is written under .bench/ (ignored by git): datasets in data/, outputs in out/,
 * logs and profiles beside them. Timings are whole-process wall times, startup included, as in
 * the issue; on a shared machine, look at the CPU seconds and the load average too.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ensureDataset, type Dataset, type DatasetKind } from "./dataset.js";
import { measure, median, type Measurement } from "./measure.js";
import { formatSummary, summarise, type CpuProfile } from "./profile.js";
import { caseTable, machine, summariseCase, targetLines, type CaseSummary, type Target } from "./report.js";

const WORKLOADS = ["figures", "wide", "warnings"] as const;
type Workload = (typeof WORKLOADS)[number];

const HELP = `usage: npm run bench -- [options]
  --workload W    figures, wide, warnings or all (default all: the three reported beside each other)
                    figures   figures.csv in the seed's raw format, 0.5% broken rows; also times an
                              unchanged re-run and npm start (target: ≥ 1.0× the baseline's rows/s)
                    wide      a World Bank bulk file (preamble, BOM, a column per year 1960-2021,
                              many empty cells, aggregates) of N observations, read by the
                              worldBank reader
                    warnings  a figures file where every group of rows raises warnings (inexact
                              numbers, skewed values), against a clean file of the same generator
                              and size (target: at most 1.5× the clean input's time)
                  each workload's baseline is the csv-parse -> csv-stringify pass-through over its own file
  --rows N        rows of figures.csv, observations of the wide file (default 1000000)
  --repeat K      runs of each case, alternating baseline and openfigures (default 3)
  --seed S        dataset seed (default 20191025)
  --memory        memory scaling: one full run at each of --sizes, peak RSS each
  --sizes LIST    sizes for --memory (default 250000,1000000,8000000)
  --profile       one run of openfigures under node --cpu-prof, summarised
  --built         run compiled JavaScript (tsc into .bench/dist), not TypeScript through tsx
  --timeout S     kill a run after S seconds (default 1800)
  --dir PATH      working folder (default .bench)`;

/** A bad option stops the benchmark before any work, as the CLI does: the message, the usage, exit 2. */
function usage(message: string): never {
  process.stderr.write(`npm run bench: ${message}\n${HELP}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        workload: { type: "string", default: "all" },
        rows: { type: "string", default: "1000000" },
        repeat: { type: "string", default: "3" },
        seed: { type: "string", default: "20191025" },
        memory: { type: "boolean", default: false },
        sizes: { type: "string", default: "250000,1000000,8000000" },
        profile: { type: "boolean", default: false },
        built: { type: "boolean", default: false },
        timeout: { type: "string", default: "1800" },
        dir: { type: "string", default: ".bench" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
})();
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const positive = (name: string, text: string) => {
  const n = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 1) usage(`--${name}: expected a whole number ≥ 1, got ${JSON.stringify(text)}`);
  return n;
};

const ROOT = resolve(import.meta.dirname, "..");
const DIR = resolve(values.dir!);
const seed = positive("seed", values.seed!);
const repeat = positive("repeat", values.repeat!);
const timeoutS = positive("timeout", values.timeout!);
const rows = positive("rows", values.rows!);
const sizes = values.sizes!.split(",").map((s) => positive("sizes", s.trim()));
if (!["all", ...WORKLOADS].includes(values.workload!)) usage(`--workload: expected one of figures, wide, warnings, all, got ${JSON.stringify(values.workload)}`);
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
for (const sub of ["data", "out", "logs"]) mkdirSync(join(DIR, sub), { recursive: true });

/** How a measured script starts: through tsx, or compiled (package.json beside it, for the version). */
function compiled(): { flags: string[]; path: (script: string) => string } {
  if (!values.built) return { flags: ["--import", "tsx"], path: (script) => join(ROOT, script) };
  const out = join(DIR, "dist");
  const t0 = Date.now();
  rmSync(out, { recursive: true, force: true });
  const tsc = spawnSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.json", "--noEmit", "false", "--rootDir", ".", "--outDir", out, "--sourceMap", "false"], { cwd: ROOT, encoding: "utf8" });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  copyFileSync(join(ROOT, "package.json"), join(out, "package.json"));
  log(`compiled to ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { flags: [], path: (script) => join(out, script.replace(/\.ts$/, ".js")) };
}
const build = compiled();
const script = (file: string) => [...build.flags, build.path(file)];

function dataset(rows: number, kind: DatasetKind = "figures"): Dataset {
  log(`dataset (${kind}): ${rows.toLocaleString("en-US")} rows, seed ${seed}…`);
  const ds = ensureDataset(DIR, rows, seed, kind);
  const how = ds.generatedS === null ? "cached" : `generated in ${ds.generatedS.toFixed(1)} s`;
  log(`dataset (${kind}): ${ds.file} (${(ds.bytes / 2 ** 20).toFixed(1)} MiB, ${ds.brokenRows} broken rows; ${how})`);
  return ds;
}

function baseline(ds: Dataset, i: number): Promise<Measurement> {
  return measure({
    label: `baseline ${ds.kind}`,
    command: process.execPath,
    args: [...script("bench/baseline.ts"), ds.file, join(DIR, "out", "baseline.csv"), String(ds.fromLine)],
    cwd: ROOT,
    log: join(DIR, "logs", `baseline-${ds.kind}-${i}.log`),
    statsFile: join(DIR, "logs", "stats.json"),
    timeoutS,
  });
}

/** A full run into `out`: a fresh folder unless `keep` (the unchanged re-run). */
function openfigures(ds: Dataset, label: string, out: string, keep: boolean, nodeFlags: string[] = []): Promise<Measurement> {
  if (!keep) rmSync(out, { recursive: true, force: true });
  return measure({
    label,
    command: process.execPath,
    // The real CLI with the bench's registry in place of pipelines/index.ts; child-stats is
    // preloaded so that the run reports its own resource usage, as baseline.ts does.
    args: [...nodeFlags, ...build.flags, "--import", pathToFileURL(build.path("bench/child-stats.ts")).href, build.path("src/cli/bin.ts"), "run", ds.pipelineId, "--raw", ds.rawDir, "--out", out],
    cwd: ROOT,
    env: { SOURCE_DATE_EPOCH: "1767225600", OPENFIGURES_REGISTRY: build.path(ds.registry) },
    log: join(DIR, "logs", `${label.replaceAll(" ", "-")}.log`),
    statsFile: join(DIR, "logs", "stats.json"),
    timeoutS,
  });
}

interface RunJson {
  status: string;
  stages: { stage: string; durationMs: number }[];
  inputs: { file: string; rowsIn: number; rowsRejected: number; values?: { in: number; rejected: number } }[];
  summary?: { warnings: number };
}

/** The run's own record: stage times, and a check that it read and rejected what was written. */
function runRecord(out: string, ds: Dataset): RunJson | null {
  const path = join(out, ds.pipelineId, "run.json");
  if (!existsSync(path)) return null;
  const run = JSON.parse(readFileSync(path, "utf8")) as RunJson;
  const input = run.inputs.find((i) => ds.file.endsWith(`/${i.file}`));
  // A row layout counts rows; the World Bank file counts values (non-empty year cells).
  const valuesIn = input?.values?.in ?? input?.rowsIn;
  const rejected = input?.values?.rejected ?? input?.rowsRejected;
  if (run.status !== "succeeded" || valuesIn !== ds.rows || rejected !== ds.brokenRows) {
    log(`warning: run.json says ${run.status}, ${valuesIn} values in, ${rejected} rejected; the dataset has ${ds.rows} rows, ${ds.brokenRows} broken`);
  }
  return run;
}

function show(m: Measurement): string {
  const rss = m.rssMiB === null ? "" : `, ${Math.round(m.rssMiB)} MiB peak RSS, ${m.cpuS?.toFixed(1)} s CPU`;
  return m.ok ? `${m.wallS.toFixed(2)} s${rss}` : `FAILED: ${m.failure}`;
}

function emit(table: string, json: unknown): void {
  process.stdout.write(`${table}\n${JSON.stringify(json)}\n`);
}

/** Stage times of the runs, by stage (from each run's run.json). */
class Stages {
  private readonly ms = new Map<string, number[]>();
  add(run: RunJson | null): void {
    for (const s of run?.stages ?? []) this.ms.set(s.stage, [...(this.ms.get(s.stage) ?? []), s.durationMs]);
  }
  medians(): Record<string, number> {
    return Object.fromEntries([...this.ms].map(([s, ms]) => [s, Math.round(median(ms)) / 1000]));
  }
}

/** One openfigures run of a dataset, measured and checked against its run record. */
async function fullRun(ds: Dataset, label: string, stages: Stages, warnings?: number[]): Promise<Measurement> {
  const out = join(DIR, "out", `run-${ds.kind}`);
  const m = await openfigures(ds, label, out, false);
  log(`${label}: ${show(m)}`);
  if (m.ok) {
    const record = runRecord(out, ds);
    stages.add(record);
    if (record?.summary) warnings?.push(record.summary.warnings);
  }
  return m;
}

/**
 * The runs of one workload, alternating so that a change in the machine's load falls on both
 * sides: per round, the baseline over `base`'s file, then each of `runs` in order.
 */
async function alternate<const R extends readonly WorkloadRun[]>(name: string, base: Dataset, runs: R): Promise<{ bases: Measurement[]; runs: { [K in keyof R]: Measurement[] } }> {
  const bases: Measurement[] = [];
  const measured = runs.map((): Measurement[] => []);
  for (let i = 1; i <= repeat; i++) {
    bases.push(await baseline(base, i));
    log(`baseline ${name} ${i}/${repeat}: ${show(bases.at(-1)!)}`);
    for (const [k, r] of runs.entries()) measured[k]!.push(await fullRun(r.ds, `openfigures ${r.label} ${i}`, r.stages, r.warnings));
  }
  return { bases, runs: measured as { [K in keyof R]: Measurement[] } };
}

interface WorkloadRun {
  ds: Dataset;
  label: string;
  stages: Stages;
  warnings?: number[];
}

interface WorkloadResult {
  name: Workload;
  dataset: { kind: DatasetKind; rows: number; seed: number; bytes: number; brokenRows: number }[];
  cases: (CaseSummary & { baselineRowsPerS: number | null })[];
  stagesS: Record<string, Record<string, number>>;
  targets: Target[];
  ratio: number | null;
  extra?: Record<string, unknown>;
}

const ratioOf = (run: CaseSummary, base: CaseSummary) => (run.rowsPerS !== null && base.rowsPerS ? run.rowsPerS / base.rowsPerS : null);
const datasetInfo = (ds: Dataset) => ({ kind: ds.kind, rows: ds.rows, seed, bytes: ds.bytes, brokenRows: ds.brokenRows });
const memoryTarget = (label: string, c: CaseSummary): Target => ({
  name: `peak memory (${label})`,
  goal: "≤ 256 MiB",
  measured: c.maxRssMiB === null ? "-" : `${Math.round(c.maxRssMiB)} MiB at ${rows.toLocaleString("en-US")} rows`,
  met: c.maxRssMiB === null ? null : c.maxRssMiB <= 256,
});
const throughputTarget = (name: string, ratio: number | null, goal: number | null): Target => ({
  name,
  goal: goal === null ? "reported beside the first (no target of its own)" : `≥ ${goal.toFixed(1)}× the baseline's rows/s over the same file`,
  measured: ratio === null ? "-" : `${ratio.toFixed(2)}×`,
  met: goal === null || ratio === null ? null : ratio >= goal,
});

/** Workload 1: the seed's raw format; also the unchanged re-run and npm start. */
async function figuresWorkload(): Promise<WorkloadResult> {
  const ds = dataset(rows, "figures");
  const stages = new Stages();
  const {
    bases,
    runs: [runs],
  } = await alternate("figures", ds, [{ ds, label: "figures", stages }]);
  const out = join(DIR, "out", "run-figures");
  const reruns: Measurement[] = [];
  for (let i = 1; i <= repeat && runs.some((r) => r.ok); i++) {
    const r = await openfigures(ds, `rerun ${i}`, out, true);
    log(`unchanged re-run ${i}/${repeat}: ${show(r)}`);
    reruns.push(r);
  }
  const starts: Measurement[] = [];
  for (let i = 1; i <= repeat; i++) {
    // A first run, as a newcomer's: into an empty folder (the checkout's data/out would be up to
    // date after the first time, and its history would grow with every benchmark).
    const startOut = join(DIR, "out", "npm-start");
    rmSync(startOut, { recursive: true, force: true });
    const m = await measure({ label: "npm start", command: "npm", args: ["start", "--", "--out", startOut], cwd: ROOT, log: join(DIR, "logs", `npm-start-${i}.log`), timeoutS });
    log(`npm start ${i}/${repeat}: ${show(m)}`);
    starts.push(m);
  }
  const base = summariseCase("figures: baseline (csv-parse → csv-stringify)", bases, rows);
  const run = summariseCase("figures: openfigures run (full)", runs, rows);
  // rows/s means nothing for a run that reads no rows: the re-run only hashes the inputs.
  const rerun = summariseCase("figures: openfigures re-run (unchanged)", reruns, null);
  const start = summariseCase("npm start (every bundled pipeline, seed data)", starts, null);
  const ratio = ratioOf(run, base);
  return {
    name: "figures",
    dataset: [datasetInfo(ds)],
    cases: [base, run, rerun, start].map((c) => ({ ...c, baselineRowsPerS: c === run || c === base ? base.rowsPerS : null })),
    stagesS: { run: stages.medians() },
    ratio,
    targets: [
      throughputTarget("throughput (figures)", ratio, 1.0),
      memoryTarget("figures", run),
      { name: "unchanged re-run", goal: "< 1 s", measured: `${rerun.medianS.toFixed(2)} s`, met: Number.isNaN(rerun.medianS) ? null : rerun.medianS < 1 },
      { name: "npm start", goal: "< 10 s", measured: `${start.medianS.toFixed(2)} s`, met: Number.isNaN(start.medianS) ? null : start.medianS < 10 },
    ],
  };
}

/** Workload 2: a World Bank bulk file of as many observations. */
async function wideWorkload(): Promise<WorkloadResult> {
  const ds = dataset(rows, "wide");
  const stages = new Stages();
  const {
    bases,
    runs: [runs],
  } = await alternate("wide", ds, [{ ds, label: "wide", stages }]);
  // The baseline passes records (one per entity and indicator), openfigures publishes
  // observations: both are given rows/s over the observations, the unit of the comparison.
  const base = summariseCase("wide: baseline (csv-parse → csv-stringify)", bases, rows);
  const run = summariseCase("wide: openfigures run (full)", runs, rows);
  const ratio = ratioOf(run, base);
  return {
    name: "wide",
    dataset: [datasetInfo(ds)],
    cases: [base, run].map((c) => ({ ...c, baselineRowsPerS: base.rowsPerS })),
    stagesS: { run: stages.medians() },
    ratio,
    targets: [throughputTarget("throughput (wide)", ratio, null), memoryTarget("wide", run)],
    extra: { records: ds.stats.records },
  };
}

/** Workload 3: a warning-heavy input against a clean one of the same generator and size. */
async function warningsWorkload(): Promise<WorkloadResult> {
  const clean = dataset(rows, "clean");
  const heavy = dataset(rows, "warnings");
  const cleanStages = new Stages();
  const heavyStages = new Stages();
  const warnings: number[] = [];
  const {
    bases,
    runs: [cleanRuns, heavyRuns],
  } = await alternate("warnings", heavy, [
    { ds: clean, label: "clean", stages: cleanStages },
    { ds: heavy, label: "warnings", stages: heavyStages, warnings },
  ]);
  const base = summariseCase("warnings: baseline (csv-parse → csv-stringify)", bases, rows);
  const c = summariseCase("warnings: openfigures run, clean input", cleanRuns, rows);
  const h = summariseCase("warnings: openfigures run, warning-heavy input", heavyRuns, rows);
  const slowdown = Number.isNaN(h.medianS) || Number.isNaN(c.medianS) ? null : h.medianS / c.medianS;
  const cpuRatio = h.medianCpuS !== null && c.medianCpuS ? h.medianCpuS / c.medianCpuS : null;
  return {
    name: "warnings",
    dataset: [datasetInfo(clean), datasetInfo(heavy)],
    cases: [base, c, h].map((x) => ({ ...x, baselineRowsPerS: base.rowsPerS })),
    stagesS: { clean: cleanStages.medians(), warnings: heavyStages.medians() },
    ratio: ratioOf(h, base),
    targets: [
      {
        name: "warning-heavy input",
        goal: "≤ 1.5× the time of the clean input",
        measured:
          slowdown === null
            ? "-"
            : // CPU seconds beside: on a shared machine the wall times of two runs can differ by
              // more than the work they did.
              `${slowdown.toFixed(2)}× (${h.medianS.toFixed(2)} s against ${c.medianS.toFixed(2)} s; CPU ${cpuRatio === null ? "-" : `${cpuRatio.toFixed(2)}×`}; ${warnings.length ? median(warnings).toLocaleString("en-US") : "?"} warnings)`,
        met: slowdown === null ? null : slowdown <= 1.5,
      },
      memoryTarget("warnings", h),
    ],
    extra: { slowdown, cpuRatio, warnings: warnings.length ? median(warnings) : null },
  };
}

async function throughput(): Promise<void> {
  const startMachine = machine();
  const chosen: Workload[] = values.workload === "all" ? [...WORKLOADS] : [values.workload as Workload];
  const results: WorkloadResult[] = [];
  for (const w of chosen) results.push(await (w === "figures" ? figuresWorkload() : w === "wide" ? wideWorkload() : warningsWorkload()));
  rmSync(join(DIR, "out", "baseline.csv"), { force: true });
  const cases = results.flatMap((r) => r.cases);
  const targets = results.flatMap((r) => r.targets);
  const lines = [
    "",
    `openfigures benchmark: ${chosen.join(", ")} at ${rows.toLocaleString("en-US")} rows (observations), seed ${seed}, ${repeat} runs each, alternating, ${values.built ? "compiled JavaScript" : "TypeScript through tsx"}`,
    ...results.flatMap((r) => r.dataset.map((d) => `  ${d.kind}: ${(d.bytes / 2 ** 20).toFixed(1)} MiB, ${d.brokenRows} broken rows`)),
    `machine: ${startMachine.cpus} × ${startMachine.cpuModel}, ${startMachine.memGiB} GiB, Node ${startMachine.node}; load average ${startMachine.loadavg.join(" ")} at start, ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} at end`,
    "",
    caseTable(cases, (c) => (c as (typeof cases)[number]).baselineRowsPerS),
    "(× baseline: rows/s against the baseline over the same workload's file)",
    "",
    ...results.flatMap((r) =>
      Object.entries(r.stagesS).map(
        ([which, st]) =>
          `stages, ${r.name}${which === "run" ? "" : ` (${which})`} (median s, from run.json): ${Object.entries(st)
            .map(([s, v]) => `${s} ${v.toFixed(2)}`)
            .join(", ")}`,
      ),
    ),
    "targets (issue 16):",
    targetLines(targets),
    ...cases.flatMap((c) => c.failures.map((f) => `failure in ${c.label}: ${f}`)),
    "",
  ];
  const figures = results.find((r) => r.name === "figures");
  emit(lines.join("\n"), {
    benchmark: "openfigures",
    mode: "throughput",
    built: values.built,
    date: new Date().toISOString(),
    machine: { ...startMachine, loadavgEnd: loadavg() },
    rows,
    seed,
    workloads: Object.fromEntries(results.map((r) => [r.name, { dataset: r.dataset, cases: r.cases, stagesS: r.stagesS, ratio: r.ratio, targets: r.targets, ...r.extra }])),
    // The figures workload's numbers where they were before there were three workloads.
    ...(figures ? { ratio: figures.ratio, baseline: figures.cases[0], openfigures: { ...figures.cases[1], stagesS: figures.stagesS.run } } : {}),
    targets,
  });
}

async function memory(): Promise<void> {
  const startMachine = machine();
  const results: (CaseSummary & { gibPerMillion?: number })[] = [];
  for (const rows of sizes) {
    const ds = dataset(rows);
    const out = join(DIR, "out", `memory-${rows}`);
    const m = await openfigures(ds, `memory ${rows}`, out, false);
    log(`openfigures run, ${rows.toLocaleString("en-US")} rows: ${show(m)}`);
    if (m.ok) runRecord(out, ds);
    // The outputs of a 4M-row run are gigabytes: keep the disk for the next size.
    rmSync(out, { recursive: true, force: true });
    results.push(summariseCase(`openfigures run, ${rows.toLocaleString("en-US")} rows`, [m], rows));
  }
  const ok = results.filter((r) => r.maxRssMiB !== null && r.failed === 0);
  const growth = ok.length >= 2 ? ok.at(-1)!.maxRssMiB! / ok[0]!.maxRssMiB! : null;
  const targets: Target[] = [
    {
      name: "peak memory",
      goal: "≤ 256 MiB at every size (issue 16: a 512 Mi job is never killed)",
      measured: `${results.map((r) => (r.maxRssMiB === null ? "failed" : `${Math.round(r.maxRssMiB)}`)).join(" / ")} MiB`,
      met: results.every((r) => r.maxRssMiB !== null && r.failed === 0 && r.maxRssMiB <= 256),
    },
    {
      name: "flat",
      goal: `largest size within 1.3× of the smallest`,
      measured: growth === null ? "-" : `${growth.toFixed(2)}× (${ok[0]?.rows} → ${ok.at(-1)?.rows} rows)`,
      met: growth === null || ok.length < results.length ? false : growth <= 1.3,
    },
  ];
  const lines = [
    "",
    `openfigures memory scaling: one full run per size, seed ${seed}`,
    `machine: ${startMachine.cpus} × ${startMachine.cpuModel}, ${startMachine.memGiB} GiB, Node ${startMachine.node}; load average ${startMachine.loadavg.join(" ")} at start, ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} at end`,
    "",
    caseTable(results, null),
    "targets (issue 16; flatness from issue 7):",
    targetLines(targets),
    ...results.flatMap((c) => c.failures.map((f) => `failure in ${c.label}: ${f}`)),
    "",
  ];
  emit(lines.join("\n"), {
    benchmark: "openfigures",
    mode: "memory",
    built: values.built,
    date: new Date().toISOString(),
    machine: { ...startMachine, loadavgEnd: loadavg() },
    sizes: results,
    targets,
  });
}

async function profile(): Promise<void> {
  const ds = dataset(rows);
  const dir = join(DIR, "profiles", `r${rows}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const m = await openfigures(ds, "profile", join(DIR, "out", "profile"), false, ["--cpu-prof", "--cpu-prof-dir", dir]);
  log(`openfigures run under --cpu-prof: ${show(m)}`);
  // One profile per thread; the main thread's is the largest (the other is tsx's loader).
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f));
  const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!main) throw new Error(`no profile written to ${dir}`);
  const summary = summarise(JSON.parse(readFileSync(main, "utf8")) as CpuProfile);
  emit(`\n${formatSummary(summary)}\nprofile: ${main}\n`, { benchmark: "openfigures", mode: "profile", rows, wallS: m.wallS, rssMiB: m.rssMiB, profile: main, ...summary });
}

await (values.memory ? memory() : values.profile ? profile() : throughput());
