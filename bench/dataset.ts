/**
 * The benchmark's datasets on disk: `.bench/data/r<rows>-s<seed>/raw/bench-figures/`, with a
 * manifest. A dataset is generated once and reused while the generator version, the options and
 * the file size still match, so repeated benchmarks do not pay for (or wear the disk with) a
 * 600 MB write each time.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_PIPELINE_ID, GENERATOR_VERSION, writeDataset, type DatasetStats } from "./generate.js";

export interface Dataset {
  dir: string;
  rawDir: string;
  figures: string;
  bytes: number;
  stats: DatasetStats;
  /** Seconds spent generating; null when a cached copy was used. */
  generatedS: number | null;
}

interface Manifest {
  generator: number;
  stats: DatasetStats;
  bytes: number;
}

/** Rough bytes a run needs per input row: the input plus indicators.csv and indicators.json. */
const DISK_BYTES_PER_ROW = 1200;

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

export function ensureDataset(root: string, rows: number, seed: number): Dataset {
  const dir = join(root, "data", `r${rows}-s${seed}`);
  const rawDir = join(dir, "raw");
  const figures = join(rawDir, BENCH_PIPELINE_ID, "figures.csv");
  const manifestPath = join(dir, "manifest.json");
  if (existsSync(manifestPath) && existsSync(figures)) {
    const m = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    if (m.generator === GENERATOR_VERSION && m.stats.rows === rows && m.stats.seed === seed && statSync(figures).size === m.bytes) {
      return { dir, rawDir, figures, bytes: m.bytes, stats: m.stats, generatedS: null };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const need = rows * DISK_BYTES_PER_ROW;
  const free = freeBytes(root);
  if (free < need) throw new Error(`not enough disk for ${rows} rows: about ${(need / 2 ** 30).toFixed(1)} GiB needed, ${(free / 2 ** 30).toFixed(1)} GiB free under ${root}`);
  const t0 = performance.now();
  const { bytes, rawDir: _raw, ...stats } = writeDataset(dir, { rows, seed });
  const generatedS = (performance.now() - t0) / 1000;
  writeFileSync(manifestPath, `${JSON.stringify({ generator: GENERATOR_VERSION, stats, bytes } satisfies Manifest, null, 2)}\n`);
  return { dir, rawDir, figures, bytes, stats, generatedS };
}
