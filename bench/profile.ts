/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) of an openfigures run: self time grouped by
 * where it is spent (the framer, csv-parse, zod, each check, the transform, each publish
 * target, GC, …) and the hottest functions. V8 built-ins and native code (RegExp exec,
 * JSON.stringify, Array sort) carry no file, so their time is charged to the nearest caller that
 * has one: JSON.stringify called from json.ts counts as "publish json".
 *
 *   node --import tsx bench/profile.ts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalS: number;
  /** Self seconds by category, largest first. */
  categories: { name: string; s: number; share: number }[];
  /** Self seconds by stage (the part of a category before ":"), largest first. */
  stages: { name: string; s: number; share: number }[];
  functions: { name: string; where: string; category: string; s: number; share: number }[];
}

const SPECIAL: Record<string, string> = {
  "(garbage collector)": "GC",
  "(idle)": "idle (waiting for I/O)",
  "(program)": "V8/native (program)",
  "(root)": "V8/native (program)",
};

/** The category of a frame with a file, or null for a built-in (charged to its caller). */
export function categoryOf(frame: CallFrame): string | null {
  if (SPECIAL[frame.functionName] !== undefined && frame.url === "") return SPECIAL[frame.functionName]!;
  const url = frame.url;
  if (url === "") return null;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) {
    const name = pkg[1]!;
    if (name === "tsx" || name === "esbuild" || name === "get-tsconfig") return "startup: tsx loader";
    return `lib: ${name}`;
  }
  const src = /\/(src|bench|pipelines)\/(.+)\.ts$/.exec(url);
  if (src) {
    const path = src[2]!;
    if (src[1] !== "src") return `${src[1]}: ${path}`;
    const [first, ...rest] = path.split("/");
    if (first === "stages") {
      const [stage, ...file] = rest;
      return `${stage}: ${file.join("/")}`;
    }
    return `${first === "pipeline" ? "engine" : first}: ${rest.join("/") || first}`;
  }
  if (url.startsWith("node:internal/streams") || url.startsWith("node:stream")) return "node: streams";
  if (url.startsWith("node:internal/fs") || url.startsWith("node:fs")) return "node: fs";
  if (url.startsWith("node:internal/crypto") || url.startsWith("node:crypto")) return "node: crypto";
  if (url.startsWith("node:internal/modules") || url.startsWith("node:internal/bootstrap")) return "startup: module loading";
  if (url.startsWith("node:")) return "node: other internals";
  return `other: ${url}`;
}

export function summarise(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categoryCache = new Map<number, string>();
  const categoryOfNode = (id: number): string => {
    const cached = categoryCache.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    const own = categoryOf(node.callFrame);
    const up = parent.get(id);
    const cat = own ?? (up === undefined ? "V8/native (program)" : categoryOfNode(up));
    categoryCache.set(id, cat);
    return cat;
  };
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const cats = new Map<string, number>();
  const fns = new Map<string, { name: string; where: string; category: string; us: number }>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const category = categoryOfNode(id);
    cats.set(category, (cats.get(category) ?? 0) + us);
    const f = node.callFrame;
    // tsx compiles each .ts file to code whose line numbers say nothing: show the file only.
    const file = f.url.replace(/^.*\/(node_modules|src|bench|pipelines)\//, "$1/");
    const where = f.url === "" ? "(built-in)" : f.url.endsWith(".ts") ? file : `${file}:${f.lineNumber + 1}`;
    const key = `${f.functionName}\u0000${where}\u0000${category}`;
    const entry = fns.get(key) ?? { name: f.functionName || "(anonymous)", where, category, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const rank = (m: Map<string, number>) => [...m.entries()].map(([name, us]) => ({ name, s: us / 1e6, share: us / total })).sort((a, b) => b.s - a.s);
  const stages = new Map<string, number>();
  for (const [name, us] of cats) {
    const stage = name.includes(": ") ? name.slice(0, name.indexOf(": ")) : name;
    stages.set(stage, (stages.get(stage) ?? 0) + us);
  }
  return {
    totalS: total / 1e6,
    categories: rank(cats),
    stages: rank(stages),
    functions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, category: f.category, s: f.us / 1e6, share: f.us / total })),
  };
}

export function formatSummary(s: ProfileSummary): string {
  const row = (name: string, sec: number, share: number) => `  ${name.padEnd(44)} ${sec.toFixed(2).padStart(8)} s ${(share * 100).toFixed(1).padStart(6)} %`;
  return [
    `CPU profile: ${s.totalS.toFixed(2)} s sampled`,
    "",
    "By stage (self time):",
    ...s.stages.map((x) => row(x.name, x.s, x.share)),
    "",
    "By category (self time; built-ins charged to their caller):",
    ...s.categories.filter((x) => x.share >= 0.002).map((x) => row(x.name, x.s, x.share)),
    "",
    "Hottest functions (self time):",
    ...s.functions.map((f) => `${row(`${f.name}`, f.s, f.share)}  ${f.where} [${f.category}]`),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: profile.ts <file.cpuprofile> [--top N]\n");
    process.exit(2);
  }
  const topAt = rest.indexOf("--top");
  const top = topAt >= 0 ? Number(rest[topAt + 1]) : 25;
  process.stdout.write(`${formatSummary(summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, top))}\n`);
}
