/**
 * Recovery: the first thing a publishing run does, under the pipeline's lock. It finds what an
 * interrupted run left and what else happened to `<out>/<id>/`, repairs what it safely can,
 * and says what it found, a line each (`recovered` in the RunResult).
 *
 * The rule: a run removes only what the engine itself writes under its own names (staging
 * folders, workspaces, temporary files and links, releases it was deleting), never a release
 * and never anything else. So:
 * - A complete release (its files match its release.json) is never removed. releases.json is
 *   derived data: lost or unusable, it is rebuilt from the release folders; a complete release
 *   it does not list (a run killed before its switch) is added to it.
 * - Anything else under releases/ (a folder or file of someone's, a release whose files no
 *   longer match) is left in place and reported with what to do, on every run until it is gone.
 * - `current` leading anywhere but to a release folder (a folder gone, `/etc`, itself) is
 *   pointed at the current release of releases.json, else the newest complete release; with
 *   none, it is removed and the run builds one.
 * - Something of someone else's where the engine keeps `releases/`, `current` or releases.json
 *   (a file named `releases`, say) stops the run with one line saying what to move.
 * - Files missing from the current release, or of the wrong size, are reported as `damage`, a
 *   reason for the run to rebuild even when nothing changed. Sizes only: a stat per file keeps
 *   an unchanged run cheap at any size; `openfigures verify` compares the hashes.
 */
import { lstat, readFile, readdir, rm, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { CURRENT_LINK, INDEX_FILE, PRUNED_PREFIX, RELEASES_DIR, RELEASE_RECORD, RUN_FILE, STAGING_PREFIX, WORK_PREFIX } from "../../contracts/layout.js";
import { dropStableLinks, linkStablePaths, readCurrent, swapLink, type CurrentLink } from "./switch.js";
import { emptyIndex, loadIndex, parseRecord, writeIndex, type IndexRead, type ReleaseIndex, type ReleaseRecord } from "./release-index.js";
import { fileProblems } from "./verify.js";

/** What recover() did and found: the run goes on from this index and link, without reading them again. */
export interface Recovered {
  /** A line per thing done or found, for the run to report. */
  done: string[];
  /** releases.json as it now is. */
  index: ReleaseIndex;
  /** The release `current` names, or null. */
  current: string | null;
  /** What is wrong with the current release's files (`current release damaged: indicators.csv
   *  missing`): reasons to rebuild it. */
  damage: string[];
}

const NOT_OURS = "openfigures removes nothing it did not write";

async function kindOf(path: string): Promise<string | null> {
  const own = await lstat(path).catch(() => null);
  if (own === null) return null;
  if (own.isSymbolicLink()) {
    const target = await stat(path).catch(() => null);
    return target === null ? "a link that leads nowhere" : target.isDirectory() ? "a link to a folder" : "a link to a file";
  }
  return own.isDirectory() ? "a folder" : own.isFile() ? "a file" : "a special file";
}

/** Refuses to go on when `releases`, `current` or releases.json is not what the engine keeps there. */
async function refuseConflicts(dir: string): Promise<void> {
  const expected: [name: string, what: string, fits: (kind: string) => boolean][] = [
    [RELEASES_DIR, "the folder of releases", (k) => k === "a folder" || k === "a link to a folder"],
    [CURRENT_LINK, "the link to the current release", (k) => k.startsWith("a link")],
    // A link is the engine's to replace (writeIndex renames a file over it, never writes through it).
    [INDEX_FILE, "the catalogue file", (k) => k === "a file" || (k.startsWith("a link") && k !== "a link to a folder")],
  ];
  for (const [name, what, fits] of expected) {
    const kind = await kindOf(join(dir, name));
    if (kind !== null && !fits(kind)) {
      throw new Error(`${join(dir, name)} is ${kind}, where openfigures keeps ${what}: move it out of ${dir} (${NOT_OURS}), then run again`);
    }
  }
}

/** Removes what interrupted runs left under the engine's own names; returns a line each. */
async function removeLeftovers(dir: string): Promise<string[]> {
  const done: string[] = [];
  for (const n of await readdir(dir)) {
    if (n.startsWith(STAGING_PREFIX) || n.startsWith(WORK_PREFIX) || /^\..*\.tmp-/.test(n)) {
      await rm(join(dir, n), { recursive: true, force: true });
      done.push(`removed ${n}, left by an interrupted run`);
    }
  }
  for (const n of await readdir(join(dir, RELEASES_DIR)).catch(() => [] as string[])) {
    if (!n.startsWith(PRUNED_PREFIX)) continue;
    await rm(join(dir, RELEASES_DIR, n), { recursive: true, force: true });
    done.push(`removed ${RELEASES_DIR}/${n}, a release an interrupted run was deleting (keepReleases)`);
  }
  return done;
}

/** An entry of releases/ the catalogue does not list: a release (its record) or why it is not one. */
type Entry = { name: string; record: ReleaseRecord } | { name: string; notRelease: string };

async function readEntry(dir: string, name: string): Promise<Entry> {
  const path = join(dir, RELEASES_DIR, name);
  const kind = await kindOf(path);
  if (kind !== "a folder") return { name, notRelease: `${kind ?? "gone"}, not a release folder` };
  let text: string;
  try {
    text = await readFile(join(path, RELEASE_RECORD), "utf8");
  } catch {
    return { name, notRelease: `a folder without a ${RELEASE_RECORD}, not a release` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { name, notRelease: `its ${RELEASE_RECORD} is not valid JSON` };
  }
  const record = parseRecord(value);
  if ("problem" in record) return { name, notRelease: `its ${RELEASE_RECORD} is not a release record (${record.problem})` };
  if (record.id !== name) return { name, notRelease: `its ${RELEASE_RECORD} is for release ${record.id}, not ${name}` };
  return { name, record };
}

function leftInPlace(name: string, why: string): string {
  return `left ${RELEASES_DIR}/${name} in place: ${why}; move it out of ${RELEASES_DIR}/ (${NOT_OURS})`;
}

function incomplete(pipeline: string, name: string, problems: string[]): string {
  return `left ${RELEASES_DIR}/${name} in place: its files do not match its ${RELEASE_RECORD} (${problems.join(", ")}); check it with \`openfigures verify ${pipeline} --release ${name}\`, then restore or delete it`;
}

/** Oldest first, by when each was published (ids sort by generation time, which SOURCE_DATE_EPOCH may set back). */
function byPublication(a: ReleaseRecord, b: ReleaseRecord): number {
  return a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Catalogue {
  index: ReleaseIndex;
  changed: boolean;
  /** Ids whose files were hashed and matched on the way. */
  complete: Set<string>;
}

/**
 * releases.json reconciled with releases/: records of folders that are gone dropped; complete
 * releases it does not list (and the current one, complete or not: it was published) added;
 * rebuilt from the folders when it was lost or unusable.
 */
async function reconcile(dir: string, pipeline: string, loaded: IndexRead, currentId: string | null, done: string[]): Promise<Catalogue> {
  const names = (await readdir(join(dir, RELEASES_DIR), { withFileTypes: true }).catch(() => [])).filter((d) => !d.name.startsWith(PRUNED_PREFIX));
  const folders = new Set(names.filter((d) => d.isDirectory()).map((d) => d.name));
  const index: ReleaseIndex = loaded.index ? { ...loaded.index, releases: [...loaded.index.releases] } : emptyIndex(pipeline);
  let changed = loaded.problem !== null;
  const kept = index.releases.filter((r) => folders.has(r.id));
  for (const r of index.releases.filter((x) => !folders.has(x.id))) done.push(`dropped release ${r.id} from ${INDEX_FILE}: its folder ${RELEASES_DIR}/${r.id} is gone`);
  changed ||= kept.length !== index.releases.length;
  const listed = new Set(kept.map((r) => r.id));
  const complete = new Set<string>();
  const added: ReleaseRecord[] = [];
  const notes: string[] = [];
  for (const name of names
    .map((d) => d.name)
    .filter((n) => !listed.has(n))
    .sort()) {
    const entry = await readEntry(dir, name);
    if ("notRelease" in entry) {
      // The current release without a usable record is reported as damage (recover()), not as someone else's folder.
      if (name !== currentId) notes.push(leftInPlace(name, entry.notRelease));
      continue;
    }
    const problems = name === currentId ? [] : await fileProblems(join(dir, RELEASES_DIR, name), entry.record.files, { hash: true });
    if (problems.length > 0) {
      notes.push(incomplete(pipeline, name, problems));
      continue;
    }
    if (name !== currentId) complete.add(name);
    added.push(entry.record);
    if (loaded.index === null) continue;
    // Killed after the switch but before releases.json was written: the release describes itself.
    if (name === currentId) done.push(`recorded release ${name} in ${INDEX_FILE}`);
    else done.push(`added release ${name} to ${INDEX_FILE}: its files match its ${RELEASE_RECORD}, but ${INDEX_FILE} did not list it`);
  }
  index.releases = added.length > 0 ? [...kept, ...added].sort(byPublication) : kept;
  changed ||= added.length > 0;
  if (loaded.index === null && (loaded.problem !== null || added.length > 0)) {
    const was = loaded.problem === null ? "missing" : `unusable (${loaded.problem})`;
    const from = index.releases.length > 0 ? `: ${index.releases.map((r) => r.id).join(", ")}` : ", which hold no complete release";
    done.push(`${INDEX_FILE} was ${was}: rebuilt it from the release folders${from}`);
  }
  done.push(...notes);
  return { index, changed, complete };
}

/** Points a broken or missing `current` at the catalogue's current release if complete, else the
 *  newest complete one; with none, removes it and the stable links through it. Returns the id. */
async function repointCurrent(dir: string, cat: Catalogue, link: CurrentLink, done: string[]): Promise<string | null> {
  const what = link.state === "broken" ? `${CURRENT_LINK} led to ${link.target}, ${link.why}` : `${CURRENT_LINK} was missing`;
  const named = cat.index.releases.find((r) => r.id === cat.index.current) ?? null;
  const candidates = [...(named ? [named] : []), ...[...cat.index.releases].reverse().filter((r) => r !== named)];
  for (const r of candidates) {
    const ok = cat.complete.has(r.id) || (await fileProblems(join(dir, RELEASES_DIR, r.id), r.files, { hash: true })).length === 0;
    if (!ok) continue;
    await swapLink(dir, CURRENT_LINK, join(RELEASES_DIR, r.id), "recover");
    done.push(`${what}: pointed it at release ${r.id}, ${r === named ? `the current release in ${INDEX_FILE}` : "the newest complete release"}`);
    return r.id;
  }
  if (link.state === "broken") {
    await unlink(join(dir, CURRENT_LINK));
    await dropStableLinks(dir);
    done.push(`${what}: removed it and the stable links through it; no complete release to point it at`);
  } else {
    await dropStableLinks(dir);
    done.push(`${what}, and no release in ${INDEX_FILE} is complete: this run builds one`);
  }
  return null;
}

/** Files of the current release that are missing or not the size its record lists. */
async function damageOf(dir: string, record: ReleaseRecord): Promise<string[]> {
  const folder = join(dir, RELEASES_DIR, record.id);
  const problems = await fileProblems(folder, record.files, { hash: false });
  // Not in their own list, but a run writes both into every release.
  for (const f of [RELEASE_RECORD, RUN_FILE]) {
    if (
      !(await stat(join(folder, f)).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
      problems.push(`${f} missing`);
  }
  return problems.map((p) => `current release damaged: ${p}`);
}

/** Removes what an interrupted run left behind, repairs what it did not finish, and reports what else it finds. */
export async function recover(dir: string, pipeline: string): Promise<Recovered> {
  const kind = await kindOf(dir);
  if (kind === null) return { done: [], index: emptyIndex(pipeline), current: null, damage: [] };
  if (kind !== "a folder" && kind !== "a link to a folder") throw new Error(`${dir} is ${kind}, where openfigures keeps the outputs of ${pipeline}: move it away (${NOT_OURS}), then run again`);
  await refuseConflicts(dir);
  const done = await removeLeftovers(dir);
  const loaded = await loadIndex(dir);
  const link = await readCurrent(dir);
  const cat = await reconcile(dir, pipeline, loaded, link.state === "release" ? link.id : null, done);
  const { index } = cat;
  let current: string | null = null;
  let damage: string[] = [];
  if (link.state === "release") {
    current = link.id;
    const record = index.releases.find((r) => r.id === current);
    // A current folder without a usable release.json cannot be listed; it still serves the stable paths until the run replaces it.
    if (record) damage = await damageOf(dir, record);
    else damage = [`current release damaged: ${RELEASE_RECORD} missing or unusable`];
  } else if (link.state === "broken" || (link.state === "none" && index.current !== null)) {
    current = await repointCurrent(dir, cat, link, done);
  } else {
    const dropped = await dropStableLinks(dir);
    if (dropped.length > 0) done.push(`removed ${dropped.join(", ")}: links through ${CURRENT_LINK}, and there is no current release`);
  }
  const listed = current !== null && index.releases.some((r) => r.id === current) ? current : null;
  if (index.current !== listed) {
    const wasListed = loaded.index?.releases.some((r) => r.id === listed) ?? false;
    if (wasListed && index.current !== null) done.push(`recorded release ${listed} as current in ${INDEX_FILE} (it named ${index.current})`);
    index.current = listed;
    cat.changed = true;
  }
  if (current !== null) done.push(...(await linkStablePaths(dir, current, "recover")).map((f) => `linked ${f} to the current release`));
  if (cat.changed) await writeIndex(dir, index);
  return { done, index, current, damage };
}
