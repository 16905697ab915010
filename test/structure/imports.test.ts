/**
 * Imports point one way (STYLE.md, Layout): adapters → runner → the steps it calls → contracts
 * and value types. Nothing below imports anything above it, no two folders import each other,
 * and no two files do. dependency-cruiser would say the same, but its current release needs
 * Node 22; this reads the graph from the source (import-graph.ts) and holds the rules as data.
 *
 * Where two folders sit (both decisions of this table):
 * - site/ is below the runner, not beside the adapters: `runPipeline()` itself brings the
 *   catalogue up to date after a release (docs/site.md, "The catalogue site"; RunResult.site), so the
 *   runner calls it. The site only reads what publish wrote and draws it with report/html.
 * - fetch/ is a step beside the stages: it makes the raw snapshots ingest reads, and is called by
 *   the runner's layer (pipeline/fetch-inputs.ts, raw-snapshots.ts) and never calls it back.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { cycles, folderOf, importGraph, layerViolations, specifiers, type Layer, type Sideways } from "./import-graph.js";

/** Top to bottom. A folder imports only folders in rows below its own. */
const LAYERS: readonly Layer[] = [
  { name: "entry", folders: ["index.ts"], why: "the public surface: definePipeline, readers, checks, targets, types" },
  { name: "adapters: cli", folders: ["cli"], why: "argument parsing and printing; drives the scheduler's guarded run and the server" },
  { name: "adapters", folders: ["scheduler", "server"], why: "runs when they are due, under the lock, recorded in the ledger; static HTTP over the out folder" },
  { name: "runner", folders: ["pipeline"], why: "definePipeline, the registry, fingerprints, and runPipeline split into its steps" },
  { name: "site", folders: ["site"], why: "the catalogue pages, brought up to date by the runner after a release (see above)" },
  {
    name: "steps",
    folders: ["stages/ingest", "stages/validate", "stages/transform", "publish/targets", "publish/release", "fetch"],
    why: "what the runner calls, in the order of the flow: fetch, ingest, validate, transform, the targets, the release",
  },
  { name: "report", folders: ["report"], why: "the summary model and its PDF and HTML drawings, for the pdf target and the site" },
  { name: "shared helpers", folders: ["format", "lock"], why: "row text every step writes the same way; the out folder's lock" },
  { name: "contracts", folders: ["contracts"], why: "Reader, Check, PublishTarget, rows, issues and their codes, RunResult, definitions" },
  { name: "values and utilities", folders: ["figures", "stream", "version.ts"], why: "values with no I/O, streams and spill files, the version" },
];

/** Imports between folders of one layer, each with its reason. */
const SIDEWAYS: readonly Sideways[] = [
  {
    from: "stages/validate",
    to: "stages/ingest",
    why: "validation runs each input's reader on the records ingest framed: csv-parse with the input's dialect, the row layouts' schemas (readers/schemas.ts), and in a worker thread the reader rebuilt from its spec",
  },
  {
    from: "fetch",
    to: "stages/ingest",
    why: "a snapshot is hashed through the run's own raw-file opener (raw-file.ts), so fetch and run refuse the same files and agree on their bytes",
  },
  { from: "fetch", to: "publish/release", why: "snapshots are replaced as releases are, with the folder fsynced after a rename (sink.ts)" },
];

/**
 * The one kind of file cycle allowed: contract interfaces that refer to each other through
 * type-only imports. A pipeline definition holds its readers, checks and targets, and each of
 * them is handed the definition; one unit, split by noun. No value crosses, so nothing of it is
 * imported at run time.
 */
function isContractTypes(cycle: readonly string[]): boolean {
  const within = inside.filter((e) => cycle.includes(e.from) && cycle.includes(e.to));
  return cycle.every((f) => f.startsWith("contracts/")) && within.every((e) => e.typeOnly);
}

const SRC = join(ROOT, "src");
const graph = importGraph(SRC);
const inside = graph.edges.filter((e) => !e.to.startsWith("../"));

describe("the import graph of src/", () => {
  it("is read from every module, with type-only and dynamic imports", () => {
    expect(graph.files.length).toBeGreaterThan(200);
    const has = (from: string, to: string, dynamic: boolean) => graph.edges.some((e) => e.from === from && e.to === to && e.dynamic === dynamic);
    expect(has("cli/main.ts", "cli/commands/run.ts", true)).toBe(true);
    expect(has("contracts/target.ts", "contracts/rows.ts", false)).toBe(true);
    expect(graph.edges.find((e) => e.from === "contracts/target.ts" && e.to === "contracts/rows.ts")?.typeOnly).toBe(true);
    expect(graph.edges.find((e) => e.from === "contracts/reader.ts" && e.to === "contracts/issue.ts")?.typeOnly).toBe(false);
  });

  it("resolves every relative import to a file of src/, but the registry's import of the pipelines", () => {
    const files = new Set(graph.files);
    const outside = graph.edges.filter((e) => !files.has(e.to)).map((e) => `${e.from} -> ${e.to}`);
    // The registry loads pipelines/index.ts, which imports src/index.ts: the one way out of src/.
    expect(outside).toEqual(["pipeline/registry.ts -> ../pipelines/index.ts"]);
  });

  it("has no cycle between files, but type-only references among the contracts", () => {
    const found = cycles(
      graph.files,
      inside.map((e) => [e.from, e.to] as const),
    );
    expect(found.filter((c) => !isContractTypes(c))).toEqual([]);
  });

  it("has no cycle between folders", () => {
    const folders = [...new Set(graph.files.map(folderOf))];
    const edges = inside.map((e) => [folderOf(e.from), folderOf(e.to)] as const).filter(([a, b]) => a !== b);
    expect(cycles(folders, edges)).toEqual([]);
  });

  it("puts every folder in exactly one layer", () => {
    const listed = LAYERS.flatMap((l) => l.folders);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...new Set(graph.files.map(folderOf))].filter((f) => !listed.includes(f))).toEqual([]);
  });

  it("points every import down the layers, or sideways only where the table says why", () => {
    expect(layerViolations(inside, LAYERS, SIDEWAYS)).toEqual([]);
  });

  it("lists no sideways import that the code no longer makes", () => {
    const made = new Set(inside.map((e) => `${folderOf(e.from)} -> ${folderOf(e.to)}`));
    expect(SIDEWAYS.map((s) => `${s.from} -> ${s.to}`).filter((s) => !made.has(s))).toEqual([]);
  });
});

describe("the checks themselves, on made-up code", () => {
  const edge = (from: string, to: string) => ({ from, to, dynamic: false, typeOnly: false });

  it("reads static, type-only, re-exported and dynamic imports, and none from a comment", () => {
    const text = [
      `import { a, type B } from "./a.js";`,
      `import type { C } from "../c.js";`,
      `export { d } from "./d.js";`,
      `// import { e } from "./e.js";`,
      `/* import "./f.js" */`,
      `const g = await import("./g.js");`,
      `const url = "https://example.org/"; import "./h.js";`,
    ].join("\n");
    expect(specifiers(text)).toEqual([
      { spec: "./a.js", dynamic: false, typeOnly: false },
      { spec: "../c.js", dynamic: false, typeOnly: true },
      { spec: "./d.js", dynamic: false, typeOnly: false },
      { spec: "./g.js", dynamic: true, typeOnly: false },
      { spec: "./h.js", dynamic: false, typeOnly: false },
    ]);
  });

  it("finds a cycle, and a file that imports itself", () => {
    expect(
      cycles(
        ["a", "b", "c", "d"],
        [
          ["a", "b"],
          ["b", "c"],
          ["c", "a"],
          ["c", "d"],
          ["d", "d"],
        ],
      ),
    ).toEqual([["d"], ["a", "b", "c"]]);
  });

  it("refuses an import up the layers, and a sideways one without a reason", () => {
    const problems = layerViolations(
      [edge("contracts/x.ts", "pipeline/y.ts"), edge("fetch/a.ts", "publish/release/sink.ts"), edge("fetch/a.ts", "publish/targets/csv.ts"), edge("report/r.ts", "elsewhere/z.ts")],
      LAYERS,
      SIDEWAYS,
    );
    expect(problems).toEqual([
      "contracts/x.ts -> pipeline/y.ts: contracts (contracts) imports runner (pipeline), which is above it",
      "fetch/a.ts -> publish/targets/csv.ts: fetch imports publish/targets in the same layer (steps) with no reason listed",
      "report/r.ts -> elsewhere/z.ts: elsewhere is in no layer",
    ]);
  });
});
