/**
 * A dataset's page as data (report/html/view.ts), read off its published files: the current
 * release's record, data package, validation.json, changes.json and the data CSV's scan, and
 * releases.json for the history. Independent of the summary model.
 */
import { createHash } from "node:crypto";
import { formatPeriodRange } from "../report/format.js";
import { sitePath } from "../report/html/escape.js";
import { sourceFileEntries } from "../report/source-files.js";
import type { ChangeLine, ChangesView, DatasetHeading, DatasetView, LicenseView, DownloadView, FieldView, IssueView, ReleaseView, SourceView, ValidationView } from "../report/html/view.js";
import { RELEASES_DIR } from "../contracts/layout.js";
import type { PublishedFile } from "../contracts/target.js";
import { VERSION } from "../version.js";
import { datasetJsonLd } from "./json-ld.js";
import { rawFilesOf, type ChangesReport, type PackageResource, type PublishedDataset, type ValidationReport } from "./published.js";
import type { Scan } from "./scan.js";
import type { SiteUrls } from "./urls.js";

/** Bump when pages change for the same releases within one version: pages then rebuild. */
const SITE_FORMAT = 2;
/** Issues of each code shown on the page; validation.json lists more. */
const ISSUES_PER_CODE = 10;
/** Lines of each list of changes shown. */
const CHANGES_SHOWN = 25;
/** Quotes on a page, over all its sources (a release citing 275 sources made a 2 MB page). */
export const QUOTES_ON_PAGE = 100;

export const GENERATOR = `openfigures ${VERSION}`;

const WHAT: Readonly<Record<string, string>> = {
  csv: "The observations as CSV (RFC 4180, UTF-8)",
  json: "The observations as JSON, one object per line",
  datapackage: "Frictionless data package: schema, sources, licence, checksums",
  pdf: "Summary report for people (PDF)",
  validation: "Validation report",
  rejects: "Input rows not published, with their reasons",
  changes: "What changed since the previous release",
};

/** The data file the page describes: the release's CSV of observations. */
export function dataFile(d: PublishedDataset): PublishedFile | null {
  const files = d.current.files;
  return files.find((f) => f.type === "csv") ?? files.find((f) => f.mediaType.startsWith("text/csv") && f.type !== "rejects") ?? null;
}

/** The data package's first licence, as the pages and catalog.json name it. */
export function licenseOf(d: PublishedDataset): LicenseView | null {
  const license = d.datapackage.licenses[0];
  return license ? { name: license.name, title: license.title, path: license.path } : null;
}

/** What the catalogue and the dataset's page both say first. */
export function headingOf(d: PublishedDataset): DatasetHeading {
  return {
    id: d.id,
    title: d.datapackage.title || d.id,
    description: d.datapackage.description,
    license: licenseOf(d),
    release: { id: d.current.id, generatedAt: d.current.generatedAt },
    observations: d.current.observations,
  };
}

function resourceOf(d: PublishedDataset, file: string | null): PackageResource | null {
  if (file === null) return null;
  return d.datapackage.resources.find((r) => r.path === file) ?? null;
}

/** What the page was built from: releases in, format and version, and the base URL. */
export function pageStamp(d: PublishedDataset, base: string | null): string {
  const parts = [`format ${SITE_FORMAT}`, GENERATOR, `base ${base ?? ""}`, `current ${d.current.id}`, `releases ${d.index.releases.map((r) => r.id).join(" ")}`];
  return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 16);
}

function downloads(d: PublishedDataset): DownloadView[] {
  return d.current.files.map((f) => ({
    file: f.file,
    what: WHAT[f.type] ?? f.type,
    mediaType: f.mediaType,
    bytes: f.bytes,
    rows: f.rows,
    sha256: f.sha256,
    latest: sitePath(f.file),
    pinned: sitePath(RELEASES_DIR, d.current.id, f.file),
  }));
}

function releases(d: PublishedDataset): ReleaseView[] {
  return [...d.index.releases].reverse().map((r) => ({
    id: r.id,
    generatedAt: r.generatedAt,
    observations: r.observations,
    changes: r.changes,
    current: r.id === d.current.id,
    files: r.files.map((f) => ({ file: f.file, href: sitePath(RELEASES_DIR, r.id, f.file) })),
  }));
}

function fields(resource: PackageResource | null): FieldView[] {
  return (resource?.schema?.fields ?? []).map((f) => ({
    name: f.name,
    type: f.type,
    description: f.description,
    required: f.constraints?.required ?? null,
    values: (f.constraints?.enum ?? []).map(String),
  }));
}

function sources(d: PublishedDataset, scan: Scan | null): SourceView[] {
  let budget = QUOTES_ON_PAGE;
  return d.datapackage.sources.map((s) => {
    const use = scan?.sources.get(s.id);
    const all = [...(use?.quotes ?? [])];
    const shown = all.slice(0, budget);
    budget -= shown.length;
    const rowsNotShown = all.slice(shown.length).reduce((n, [, q]) => n + q.rows, 0);
    return {
      id: s.id,
      publisher: s.publisher,
      title: s.title,
      url: s.path,
      published: s.published,
      accessed: s.accessed,
      license: s.license,
      reported: use?.reported ?? 0,
      derived: use?.derived ?? 0,
      quotes: shown.map(([text, q]) => ({ text, figures: q.rows > q.figures.length ? [...q.figures, `and ${q.rows - q.figures.length} more`] : q.figures })),
      quotedNotShown: (use?.quotedNotKept ?? 0) + rowsNotShown,
      files: sourceFileEntries(rawFilesOf(s)),
    };
  });
}

function place(i: ValidationReport["issues"][number]): string {
  let at = i.file ?? "";
  if (i.file !== null && i.line !== null) at += `:${i.line}`;
  if (i.field !== null) at += `${at ? " " : ""}field "${i.field}"`;
  return at;
}

function validationView(v: ValidationReport | null): ValidationView | null {
  if (v === null) return null;
  const titles = new Map(v.summary.byCode.map((c) => [c.code, c.title]));
  const shown = new Map<string, number>();
  const issues: IssueView[] = [];
  for (const i of v.issues) {
    const n = shown.get(i.code) ?? 0;
    if (n >= ISSUES_PER_CODE) continue;
    shown.set(i.code, n + 1);
    issues.push({ code: i.code, title: titles.get(i.code) ?? i.code, severity: i.severity, place: place(i), message: i.message });
  }
  const total = v.summary.byCode.reduce((sum, c) => sum + c.count, 0);
  return {
    valid: v.valid,
    errors: v.summary.errors,
    warnings: v.summary.warnings,
    rowsIn: v.summary.rowsIn,
    rowsRejected: v.summary.rowsRejected,
    inputs: v.inputs.map((i) => ({ file: i.file, rowsIn: i.rowsIn, rowsPublished: i.rowsPublished, rowsRejected: i.rowsRejected })),
    byCode: v.summary.byCode.map((c) => ({ code: c.code, title: c.title || c.code, severity: c.severity, count: c.count })),
    issues,
    issuesNotShown: Math.max(0, total - issues.length),
  };
}

const VALUE_KEYS = new Set(["value", "old", "new", "relativeChange", "fields"]);

function changeKey(entry: Record<string, unknown>): string {
  return Object.entries(entry)
    .filter(([k, v]) => !VALUE_KEYS.has(k) && typeof v === "string")
    .map(([, v]) => v as string)
    .join(" ");
}

function percent(rel: unknown): string {
  if (typeof rel !== "number") return "from 0";
  const pct = rel * 100;
  return `${pct >= 0 ? "+" : ""}${Number(pct.toPrecision(3))}%`;
}

function changesView(c: ChangesReport | null): ChangesView | null {
  if (c === null) return null;
  const line = (e: Record<string, unknown>, value: string): ChangeLine => ({ key: changeKey(e), value });
  const added = c.added.slice(0, CHANGES_SHOWN).map((e) => line(e, String(e.value ?? "")));
  const removed = c.removed.slice(0, CHANGES_SHOWN).map((e) => line(e, String(e.value ?? "")));
  const changed = c.changed.slice(0, CHANGES_SHOWN).map((e) => {
    const fieldsChanged = Array.isArray(e.fields) ? (e.fields as unknown[]).map(String) : [];
    const also = fieldsChanged.length > 1 || (fieldsChanged[0] !== undefined && fieldsChanged[0] !== "value") ? ` [${fieldsChanged.join(", ")}]` : "";
    return line(e, `${String(e.old ?? "")} \u2192 ${String(e.new ?? "")} (${percent(e.relativeChange)})${also}`);
  });
  const listed = c.added.length + c.removed.length + c.changed.length;
  return { previous: c.previous, counts: c.summary, added, removed, changed, notShown: listed - added.length - removed.length - changed.length, truncated: c.truncated };
}

/** The release's files that are the dataset in some form (not the engine's reports about the run). */
export function distributions(d: PublishedDataset): PublishedFile[] {
  return d.current.files.filter((f) => !REPORTS.has(f.type));
}

const REPORTS = new Set(["validation", "rejects", "changes"]);

export interface DatasetInputs {
  readonly dataset: PublishedDataset;
  readonly scan: Scan | null;
  readonly validation: ValidationReport | null;
  readonly changes: ChangesReport | null;
  readonly urls: SiteUrls;
  readonly notes: readonly string[];
}

export function datasetView(x: DatasetInputs): DatasetView {
  const d = x.dataset;
  const data = dataFile(d);
  const resource = resourceOf(d, data?.file ?? null);
  const scan = x.scan;
  return {
    ...headingOf(d),
    periodCovered: scan?.periods ? formatPeriodRange([scan.periods.first, scan.periods.last]) : "",
    downloads: downloads(d),
    releases: releases(d),
    schemaFile: data?.file ?? null,
    fields: fields(resource),
    primaryKey: resource?.schema?.primaryKey ?? [],
    indicators: d.datapackage.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      description: i.description,
      concept: i.concept ?? null,
      formulas: [...(scan?.formulas.get(i.code) ?? [])],
    })),
    sources: sources(d, scan),
    validation: validationView(x.validation),
    changes: changesView(x.changes),
    rows: scan === null || data === null ? null : { file: data.file, columns: scan.columns, rows: scan.firstRows, total: scan.total },
    notes: x.notes,
    jsonLd: datasetJsonLd(d, scan, x.urls, distributions(d)),
    canonical: x.urls.absolute(`${d.id}/`),
    stamp: pageStamp(d, x.urls.base),
    generator: GENERATOR,
  };
}
