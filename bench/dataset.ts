/**
 * The benchmark's datasets on disk, one folder per kind, size and seed under `.bench/data/`,
 * with a manifest. A dataset is generated once and reused while the generator version, the
 * options and the file size still match, so repeated benchmarks do not pay for (or wear the disk
 * with) a 600 MB write each time.
 *
 * The kinds (the workloads of issue 16 are made of them):
 * - figures: the seed's raw format, 0.5% broken rows, a few skewed values (generate.ts);
 * - wide: a World Bank bulk file of N observations (generate-wide.ts);
 * - clean: figures with nothing broken, skewed or inexact: the warnings workload's reference;
 * - warnings: the same generator with every group of rows raising warnings: a value printed with
 *   more digits than a double holds every WARNING_EVERY rows (VALIDATE_INEXACT_NUMBER) and 5% of
 *   the counts skewed 10–30% (the plausibility checks' CHECK_SHARE_MISMATCH and
 *   CHECK_PART_EXCEEDS_WHOLE where a related figure is there to compare with).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_PIPELINE_ID, GENERATOR_VERSION, writeDataset, type DatasetOptions } from "./generate.js";
import { WIDE_FILE, WIDE_GENERATOR_VERSION, WIDE_PIPELINE_ID, writeWideDataset } from "./generate-wide.js";

export const DATASET_KINDS = ["figures", "wide", "clean", "warnings"] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** Every this many rows of the warnings dataset, one value with more digits than a double holds. */
export const WARNING_EVERY = 10;
export const CLEAN_OPTIONS = { brokenShare: 0, skewShare: 0 } as const satisfies Partial<DatasetOptions>;
export const WARNINGS_OPTIONS = { brokenShare: 0, skewShare: 0.05, inexactEvery: WARNING_EVERY } as const satisfies Partial<DatasetOptions>;

export interface Dataset {
  kind: DatasetKind;
  dir: string;
  rawDir: string;
  /** The input the workload is about (figures.csv, or the World Bank file). */
  file: string;
  bytes: number;
  /** Rows of figures.csv, or observations (non-empty year cells) of the World Bank file. */
  rows: number;
  /** Rows the run must reject (the figures kind's broken rows). */
  brokenRows: number;
  /** The generator's own stats. */
  stats: Record<string, unknown>;
  /** The pipeline that reads it, and the module that registers that pipeline. */
  pipelineId: string;
  registry: string;
  /** The baseline's csv-parse `from_line`: the World Bank file's header is on line 5. */
  fromLine: number;
  /** Seconds spent generating; null when a cached copy was used. */
  generatedS: number | null;
}

interface Manifest {
  generator: number;
  stats: Record<string, unknown> & { rows: number; seed: number; brokenRows?: number };
  bytes: number;
}

/** Rough bytes a run needs per input row: the input plus indicators.csv and indicators.json. */
const DISK_BYTES_PER_ROW = 1200;

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Where each kind lives and how it is made. The figures kind keeps its folder name of before. */
function plan(kind: DatasetKind, root: string, rows: number, seed: number) {
  const dir = join(root, "data", kind === "figures" ? `r${rows}-s${seed}` : `${kind}-r${rows}-s${seed}`);
  const rawDir = join(dir, "raw");
  if (kind === "wide") {
    return {
      dir,
      rawDir,
      file: join(rawDir, WIDE_PIPELINE_ID, WIDE_FILE),
      generator: WIDE_GENERATOR_VERSION,
      pipelineId: WIDE_PIPELINE_ID,
      registry: "bench/pipeline-wide.ts",
      fromLine: 5,
      write: () => writeWideDataset(dir, { rows, seed }),
    };
  }
  const options: DatasetOptions = { rows, seed, ...(kind === "clean" ? CLEAN_OPTIONS : kind === "warnings" ? WARNINGS_OPTIONS : {}) };
  return {
    dir,
    rawDir,
    file: join(rawDir, BENCH_PIPELINE_ID, "figures.csv"),
    generator: GENERATOR_VERSION,
    pipelineId: BENCH_PIPELINE_ID,
    registry: "bench/pipeline.ts",
    fromLine: 1,
    write: () => writeDataset(dir, options),
  };
}

export function ensureDataset(root: string, rows: number, seed: number, kind: DatasetKind = "figures"): Dataset {
  const p = plan(kind, root, rows, seed);
  const manifestPath = join(p.dir, "manifest.json");
  const made = (m: Manifest, generatedS: number | null): Dataset => ({
    kind,
    dir: p.dir,
    rawDir: p.rawDir,
    file: p.file,
    bytes: m.bytes,
    rows,
    brokenRows: m.stats.brokenRows ?? 0,
    stats: m.stats,
    pipelineId: p.pipelineId,
    registry: p.registry,
    fromLine: p.fromLine,
    generatedS,
  });
  if (existsSync(manifestPath) && existsSync(p.file)) {
    const m = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    if (m.generator === p.generator && m.stats.rows === rows && m.stats.seed === seed && statSync(p.file).size === m.bytes) return made(m, null);
  }
  rmSync(p.dir, { recursive: true, force: true });
  mkdirSync(p.dir, { recursive: true });
  const need = rows * DISK_BYTES_PER_ROW;
  const free = freeBytes(root);
  if (free < need) throw new Error(`not enough disk for ${rows} rows: about ${(need / 2 ** 30).toFixed(1)} GiB needed, ${(free / 2 ** 30).toFixed(1)} GiB free under ${root}`);
  const t0 = performance.now();
  const { bytes, rawDir: _raw, ...stats } = p.write() as unknown as { bytes: number; rawDir: string; file?: string } & Manifest["stats"];
  const generatedS = (performance.now() - t0) / 1000;
  delete (stats as { file?: string }).file;
  const manifest: Manifest = { generator: p.generator, stats, bytes };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return made(manifest, generatedS);
}
