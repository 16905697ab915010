/**
 * The import graph of src/, read from the source text: every relative specifier of a static
 * import or export (`import … from`, `import type … from`, `export … from`, `import "…"`) and of
 * a dynamic `import("…")`. Type-only imports count: a type shared both ways is a cycle of
 * meaning even when the compiler erases it. Comments are removed first, so a path named in a
 * comment is not taken for an import.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

export interface Edge {
  /** Importing file, relative to the source root, with "/" separators. */
  readonly from: string;
  /** Imported file, relative to the source root ("../pipelines/index.ts" when outside it). */
  readonly to: string;
  readonly dynamic: boolean;
  /** `import type …`, `export type …`, or every name imported marked `type`. */
  readonly typeOnly: boolean;
}

/** A statement that imports or exports from a module (its clause up to `from`), a side-effect
 *  import, or a dynamic import(); the clause never crosses a semicolon, so it is one statement's. */
const SPECIFIER = /\b(?:(import|export)(\s+type)?\s*([^;"'`]*?)\s*from\s*|import\s*\(\s*|import\s+)(["'])(\.{1,2}\/[^"']*)\4/g;

/** The text without comments; strings are kept as they are (a "//" in a URL is not a comment). */
export function withoutComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Whether an import clause brings in types only: `{ type A, type B }`. */
function typesOnly(clause: string): boolean {
  const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
  if (names === undefined) return false;
  const items = names
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  return items.length > 0 && items.every((n) => n.startsWith("type "));
}

/** The relative specifiers in a module's text: whether each is a dynamic import, and type-only. */
export function specifiers(text: string): { spec: string; dynamic: boolean; typeOnly: boolean }[] {
  return [...withoutComments(text).matchAll(SPECIFIER)].map((m) => {
    const statement = m[1] !== undefined;
    return { spec: m[5]!, dynamic: !statement && /^import\s*\(/.test(m[0]), typeOnly: statement && (m[2] !== undefined || typesOnly(m[3] ?? "")) };
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const slash = (p: string) => p.split(sep).join("/");

/** Every source file under `root` (relative paths) and every relative import between them. */
export function importGraph(root: string): { files: string[]; edges: Edge[] } {
  const files = sourceFiles(root);
  const edges = files.flatMap((file) =>
    specifiers(readFileSync(file, "utf8")).map(({ spec, dynamic, typeOnly }) => {
      let target = resolve(dirname(file), spec);
      if (target.endsWith(".js") && existsSync(`${target.slice(0, -3)}.ts`)) target = `${target.slice(0, -3)}.ts`;
      return { from: slash(relative(root, file)), to: slash(relative(root, target)), dynamic, typeOnly };
    }),
  );
  return { files: files.map((f) => slash(relative(root, f))), edges };
}

/**
 * The folder a file belongs to, as the layer table names folders: the first folder under src/
 * (cli/commands/run.ts is in cli), two levels for stages/ and publish/ (stages/validate,
 * publish/targets), and a file at the top of src/ is its own entry (index.ts, version.ts).
 */
export function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts.length === 1) return file;
  return parts[0] === "stages" || parts[0] === "publish" ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Strongly connected components with more than one node (or a node that imports itself). */
export function cycles(nodes: readonly string[], edges: readonly (readonly [string, string])[]): string[][] {
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) next.set(a, [...(next.get(a) ?? []), b]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found;
}

export interface Layer {
  readonly name: string;
  readonly folders: readonly string[];
  /** Why the layer sits where it does. */
  readonly why: string;
}

export interface Sideways {
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

/** Folder-level edges that break the layers: upward, or sideways without a listed reason. */
export function layerViolations(edges: readonly Edge[], layers: readonly Layer[], sideways: readonly Sideways[]): string[] {
  const rank = new Map<string, number>();
  for (const [i, l] of layers.entries()) for (const f of l.folders) rank.set(f, i);
  const allowed = new Set(sideways.map((s) => `${s.from} -> ${s.to}`));
  const problems = new Set<string>();
  for (const e of edges) {
    const [a, b] = [folderOf(e.from), folderOf(e.to)];
    if (a === b) continue;
    const [ra, rb] = [rank.get(a), rank.get(b)];
    if (ra === undefined || rb === undefined) problems.add(`${e.from} -> ${e.to}: ${ra === undefined ? a : b} is in no layer`);
    else if (ra > rb) problems.add(`${e.from} -> ${e.to}: ${layers[ra]!.name} (${a}) imports ${layers[rb]!.name} (${b}), which is above it`);
    else if (ra === rb && !allowed.has(`${a} -> ${b}`)) problems.add(`${e.from} -> ${e.to}: ${a} imports ${b} in the same layer (${layers[ra]!.name}) with no reason listed`);
  }
  return [...problems].sort();
}
