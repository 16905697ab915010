/**
 * Target `datapackage`: a Frictionless Data Package (v2) describing every file of the release:
 * the observation tables (Table Schema fields with types and descriptions, primary key, CSV
 * dialect) and rejects.csv as tables, the reports and the PDF as plain resources; for each its
 * byte size, sha256 and, for tables, row count; plus sources (each with the raw files it rests
 * on and their snapshots: url, retrieval time, sha256), licence and indicator definitions. It runs in the "meta" phase, after the files it describes are written, so the
 * hashes are of the exact bytes published; `openfigures verify` checks them.
 */
import { unitsOf } from "../../figures/unit-registry.js";
import type { Pipeline } from "../../contracts/definition.js";
import { OBSERVATION_FIELDS } from "../../format/fields.js";
import { PRIMARY_KEY, type RawFileProvenance } from "../../contracts/rows.js";
import { REJECT_FIELDS, rejectColumns } from "./rejects.js";
import type { PublishContext, PublishedFile, PublishTarget } from "../../contracts/target.js";

const SPEC = "https://datapackage.org/profiles/2.0";
const LIST_FIELDS = new Set(["source_ids", "derived_from"]);

/** The units values are published in: the pipeline's base units (a scaled unit's figures are
 *  published in its base unit), built-in ones first. */
function unitsDescription(pipeline: Pipeline): string {
  const units = unitsOf(pipeline);
  return `What the value counts: ${units
    .codes()
    .filter((c) => units.get(c)!.power === 0)
    .join(", ")}.`;
}

function tableSchema(format: "csv" | "json", pipeline: Pipeline) {
  return {
    $schema: `${SPEC}/tableschema.json`,
    fields: OBSERVATION_FIELDS.map((f) => ({
      name: f.name,
      type: format === "json" && LIST_FIELDS.has(f.name) ? "array" : f.type,
      description: f.name === "unit" ? unitsDescription(pipeline) : f.description,
      constraints: { required: f.required, ...(f.enum ? { enum: [...f.enum] } : {}) },
    })),
    primaryKey: [...PRIMARY_KEY],
    missingValues: [""],
  };
}

const REJECTS_SCHEMA = (columns: string[]) => ({
  $schema: `${SPEC}/tableschema.json`,
  fields: [...columns.map((name) => ({ name, type: "string", description: `The ${name} cell as read (empty when the row could not be split into cells).` })), ...REJECT_FIELDS.map((f) => ({ ...f }))],
  missingValues: [""],
});

const CSV_DIALECT = { $schema: `${SPEC}/tabledialect.json`, delimiter: ",", lineTerminator: "\n", quoteChar: '"', header: true };

function resourceName(file: string, taken: Set<string>): string {
  const base = file
    .replace(/\.[^.]+$/, "")
    .replace(/[^a-z0-9._-]/gi, "-")
    .toLowerCase();
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${file.split(".").pop()}${n === 2 ? "" : n}`;
  taken.add(name);
  return name;
}

function resource(file: PublishedFile, ctx: Pick<PublishContext, "pipeline">, taken: Set<string>) {
  const format = file.file.split(".").pop() ?? "";
  const common = {
    name: resourceName(file.file, taken),
    path: file.file,
    format,
    mediatype: file.mediaType,
    ...(format === "csv" || format === "json" ? { encoding: "utf-8" } : {}),
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
  };
  if (file.type === "csv" || file.type === "json") {
    const fmt = file.type === "json" ? "json" : "csv";
    return { ...common, type: "table", rows: file.rows, ...(fmt === "csv" ? { dialect: CSV_DIALECT } : {}), schema: tableSchema(fmt, ctx.pipeline) };
  }
  if (file.type === "rejects") {
    return { ...common, type: "table", rows: file.rows, dialect: CSV_DIALECT, schema: REJECTS_SCHEMA(rejectColumns(ctx.pipeline)) };
  }
  return common;
}

function describePackage(ctx: Pick<PublishContext, "pipeline" | "release" | "sources">, files: readonly PublishedFile[]) {
  const p = ctx.pipeline;
  const taken = new Set<string>();
  return {
    $schema: `${SPEC}/datapackage.json`,
    name: p.id,
    title: p.title,
    description: p.description,
    version: ctx.release.id,
    created: ctx.release.generatedAt,
    licenses: [{ name: p.license.name, path: p.license.path, title: p.license.title }],
    // A source declared in a reader may not say when it was published or accessed: no date
    // is written rather than an empty one.
    sources: ctx.sources.map((s) => ({
      id: s.sourceId,
      title: s.title,
      path: s.url,
      publisher: s.publisher,
      ...(s.published === "" ? {} : { published: s.published }),
      ...(s.accessed === "" ? {} : { accessed: s.accessed }),
      license: s.license,
      ...(s.files === undefined ? {} : { rawFiles: s.files.map(rawFileRecord) }),
    })),
    // The pipeline's own units, described as its indicators are (built-in ones need no entry).
    ...(p.units === undefined || Object.keys(p.units).length === 0 ? {} : { units: ownUnits(p) }),
    indicators: Object.entries(p.indicators).map(([code, ind]) => ({
      code,
      name: ind.name,
      unit: ind.unit,
      description: ind.description,
      ...(ind.concept ? { concept: ind.concept } : {}),
    })),
    resources: files.map((f) => resource(f, ctx, taken)),
  };
}

/** A raw file's provenance as a parser may give it: an optional field may be present but undefined. */
type RawFileRead = Omit<RawFileProvenance, "member" | "archiveSha256" | "note"> & { member?: string | undefined; archiveSha256?: string | undefined; note?: string | undefined };

/**
 * A raw file behind a source (`rawFiles`, a property of ours: a Data Package v2 source has only
 * title, path, email and version). `url`, `member`, `archiveSha256`, `retrieved` and `note` are
 * the file's record in snapshots.json (url and retrieved null without one); `sha256` and `bytes`
 * are of the bytes the run read, in full (the PDF shortens them). A field left out is not
 * written (an absent one, not an undefined one). Exported for the site, which reads them back
 * from datapackage.json in these terms (site/published.ts rawFilesOf), so both make one shape.
 */
export function rawFileRecord(f: RawFileRead): RawFileProvenance {
  return {
    file: f.file,
    url: f.url,
    ...(f.member !== undefined ? { member: f.member } : {}),
    ...(f.archiveSha256 !== undefined ? { archiveSha256: f.archiveSha256 } : {}),
    retrieved: f.retrieved,
    ...(f.note !== undefined ? { note: f.note } : {}),
    sha256: f.sha256,
    bytes: f.bytes,
  };
}

function ownUnits(p: Pipeline) {
  const units = unitsOf(p);
  return Object.keys(p.units ?? {}).map((code) => {
    const u = units.get(code)!;
    return u.power === 0
      ? { code, label: u.label, kind: u.kind, description: u.description, ...(Object.keys(u.scales).length > 0 ? { scales: u.scales } : {}) }
      : { code, label: u.label, base: u.base, power: u.power };
  });
}

export function datapackage(options: { file?: string } = {}): PublishTarget {
  return {
    type: "datapackage",
    file: options.file ?? "datapackage.json",
    mediaType: "application/json",
    phase: "meta",
    spec: { factory: "datapackage", options: options },
    open(ctx, sink) {
      return {
        async close(files) {
          await sink.write(`${JSON.stringify(describePackage(ctx, files), null, 2)}\n`);
          return { rows: null };
        },
      };
    },
  };
}
