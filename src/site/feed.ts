/**
 * feed.xml: an Atom feed (RFC 4287) of releases, one entry per release kept of every dataset,
 * newest first, each with the summary of its changes. Feed readers and scripts watch it instead
 * of polling the data.
 *
 * - Entry ids are `urn:uuid:` version-5 UUIDs of "<dataset id>/<release id>": the same for a
 *   release wherever the folder is served, with or without a base URL, and never reused (a
 *   release id names one release of a dataset). The feed's own id is its absolute URL with a
 *   base URL, else a UUID of the dataset ids.
 * - Times are the releases' generation times (SOURCE_DATE_EPOCH when the run had one), never the
 *   clock: the same releases give the same bytes. An empty feed's `updated` is SOURCE_DATE_EPOCH,
 *   else 1970-01-01.
 * - Links are absolute with a base URL, else relative to the feed (the folder's root).
 * - Text is XML-escaped (escape-html's five characters are XML's too), and characters XML 1.0
 *   forbids (control characters from a source) are dropped.
 */
import escapeHtml from "escape-html";
import { sitePath } from "../report/html/escape.js";
import { RELEASES_DIR } from "../contracts/layout.js";
import type { ReleaseRecord } from "../publish/release/release-index.js";
import { VERSION } from "../version.js";
import { join } from "node:path";
import { DATAPACKAGE_FILE, readChanges, type ChangesReport, type PublishedDataset } from "./published.js";
import { OPENFIGURES_NAMESPACE, uuidV5 } from "./uuid.js";
import type { SiteUrls } from "./urls.js";

/** Entries in the feed: the newest releases (releases.json of each dataset has them all). */
const MAX_ENTRIES = 100;
/** Changes listed in an entry's content. */
const CHANGES_LISTED = 10;

// Tab, line feed and carriage return are allowed; other C0 controls, U+FFFE/U+FFFF and lone surrogates are not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML forbids is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xml(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ""));
}

function entryId(dataset: string, release: string): string {
  return `urn:uuid:${uuidV5(OPENFIGURES_NAMESPACE, `${dataset}/${release}`)}`;
}

interface Entry {
  readonly dataset: PublishedDataset;
  readonly release: ReleaseRecord;
}

function summaryText(r: ReleaseRecord, changes: ChangesReport | null): string {
  const c = r.changes;
  const counts = c === null ? "" : ` ${c.added} added, ${c.removed} removed, ${c.changed} changed, ${c.unchanged} unchanged`;
  const since = changes?.previous ? ` since release ${changes.previous}:` : changes && changes.previous === null ? " (the first release):" : c ? ":" : ".";
  return `${r.observations} observations${since}${counts}${c ? "." : ""}`;
}

function contentHtml(e: Entry, changes: ChangesReport | null, summary: string): string {
  const items: string[] = [];
  const key = (x: Record<string, unknown>) =>
    ["country", "indicator", "period", "method", "source_ids"]
      .map((k) => x[k])
      .filter((v) => typeof v === "string")
      .join(" ");
  for (const x of (changes?.changed ?? []).slice(0, CHANGES_LISTED)) items.push(`changed ${key(x)}: ${String(x.old)} \u2192 ${String(x.new)}`);
  for (const x of (changes?.added ?? []).slice(0, CHANGES_LISTED)) items.push(`added ${key(x)}: ${String(x.value)}`);
  for (const x of (changes?.removed ?? []).slice(0, CHANGES_LISTED)) items.push(`removed ${key(x)}: ${String(x.value)}`);
  const list = items.length === 0 ? "" : `<ul>${items.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ul>`;
  return `<p>${escapeHtml(`${e.dataset.datapackage.title || e.dataset.id}, release ${e.release.id}: ${summary}`)}</p>${list}`;
}

async function entryXml(e: Entry, urls: SiteUrls): Promise<string> {
  const { dataset: d, release: r } = e;
  // A release dropped by keepReleases meanwhile has no changes.json left: its entry says less.
  const changes = await readChanges(join(d.dir, RELEASES_DIR, r.id)).catch(() => null);
  const summary = summaryText(r, changes);
  const page = urls.ref(sitePath(d.id, ""));
  const pkg = urls.ref(sitePath(d.id, RELEASES_DIR, r.id, DATAPACKAGE_FILE));
  return `  <entry>
    <id>${entryId(d.id, r.id)}</id>
    <title>${xml(`${d.datapackage.title || d.id}: release ${r.id}`)}</title>
    <updated>${xml(r.generatedAt)}</updated>
    <published>${xml(r.generatedAt)}</published>
    <link rel="alternate" type="text/html" href="${xml(page)}"/>
    <link rel="related" type="application/json" title="data package of this release" href="${xml(pkg)}"/>
    <category term="${xml(d.id)}"/>
    <summary type="text">${xml(summary)}</summary>
    <content type="html">${xml(contentHtml(e, changes, summary))}</content>
  </entry>
`;
}

function byTimeNewestFirst(a: Entry, b: Entry): number {
  const ta = a.release.generatedAt;
  const tb = b.release.generatedAt;
  if (ta !== tb) return ta < tb ? 1 : -1;
  if (a.dataset.id !== b.dataset.id) return a.dataset.id < b.dataset.id ? -1 : 1;
  return a.release.id < b.release.id ? 1 : -1;
}

export async function feedXml(datasets: readonly PublishedDataset[], urls: SiteUrls, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const entries = datasets
    .flatMap((dataset) => dataset.index.releases.map((release) => ({ dataset, release })))
    .sort(byTimeNewestFirst)
    .slice(0, MAX_ENTRIES);
  const sde = env.SOURCE_DATE_EPOCH;
  const fallback = new Date(sde !== undefined && /^\d+$/.test(sde) ? Number(sde) * 1000 : 0).toISOString().replace(/\.\d{3}Z$/, "Z");
  const updated = entries[0]?.release.generatedAt ?? fallback;
  const id = urls.absolute("feed.xml") ?? `urn:uuid:${uuidV5(OPENFIGURES_NAMESPACE, `feed ${datasets.map((d) => d.id).join(" ")}`)}`;
  const body: string[] = [];
  for (const e of entries) body.push(await entryXml(e, urls));
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(id)}</id>
  <title>openfigures: new releases</title>
  <subtitle>${xml(`One entry per release of ${datasets.length === 1 ? "1 dataset" : `${datasets.length} datasets`}, newest first (at most ${MAX_ENTRIES}).`)}</subtitle>
  <updated>${xml(updated)}</updated>
  <author><name>openfigures</name></author>
  <generator version="${xml(VERSION)}">openfigures</generator>
  <link rel="self" type="application/atom+xml" href="${xml(urls.ref("feed.xml"))}"/>
  <link rel="alternate" type="text/html" href="${xml(urls.ref("index.html"))}"/>
${body.join("")}</feed>
`;
}
