/**
 * Target `datapackage`: a Frictionless Data Package (v2) describing the data files of the
 * release: Table Schema fields with types and descriptions, primary key, CSV dialect, sources,
 * licence, and for each file its byte size, sha256 and row count. It runs in the "meta" phase,
 * after the files it describes are written, so the hashes are of the exact bytes published.
 */
import { OBSERVATION_FIELDS, PRIMARY_KEY } from "./fields.js";
import type { PublishContext, PublishedFile, PublishTarget } from "./target.js";

const SPEC = "https://datapackage.org/profiles/2.0";
const LIST_FIELDS = new Set(["source_ids", "derived_from"]);

function tableSchema(format: "csv" | "json") {
  return {
    $schema: `${SPEC}/tableschema.json`,
    fields: OBSERVATION_FIELDS.map((f) => ({
      name: f.name,
      type: format === "json" && LIST_FIELDS.has(f.name) ? "array" : f.type,
      description: f.description,
      constraints: { required: f.required, ...(f.enum ? { enum: [...f.enum] } : {}) },
    })),
    primaryKey: [...PRIMARY_KEY],
    missingValues: [""],
  };
}

function resource(file: PublishedFile) {
  const format = file.type === "json" ? "json" : "csv";
  return {
    name: file.file.replace(/\.[^.]+$/, "").replace(/[^a-z0-9._-]/gi, "-").toLowerCase() + (format === "json" ? "-json" : ""),
    type: "table",
    path: file.file,
    format,
    mediatype: file.mediaType,
    encoding: "utf-8",
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
    rows: file.rows,
    ...(format === "csv"
      ? { dialect: { $schema: `${SPEC}/tabledialect.json`, delimiter: ",", lineTerminator: "\n", quoteChar: '"', header: true } }
      : {}),
    schema: tableSchema(format),
  };
}

export function describePackage(ctx: PublishContext) {
  const p = ctx.pipeline;
  const tabular = ctx.files.filter((f) => f.type === "csv" || f.type === "json");
  return {
    $schema: `${SPEC}/datapackage.json`,
    name: p.id,
    title: p.title,
    description: p.description,
    version: ctx.release.id,
    created: ctx.release.generatedAt,
    licenses: [{ name: p.license.name, path: p.license.path, title: p.license.title }],
    sources: ctx.sources.map((s) => ({
      id: s.sourceId,
      title: s.title,
      path: s.url,
      publisher: s.publisher,
      published: s.published,
      accessed: s.accessed,
      license: s.license,
    })),
    indicators: Object.entries(p.indicators).map(([code, ind]) => ({
      code,
      name: ind.name,
      unit: ind.unit,
      description: ind.description,
      ...(ind.concept ? { concept: ind.concept } : {}),
    })),
    resources: tabular.map(resource),
  };
}

export function datapackage(options: { file?: string } = {}): PublishTarget {
  return {
    type: "datapackage",
    file: options.file ?? "datapackage.json",
    mediaType: "application/json",
    phase: "meta",
    async write(ctx, sink) {
      await sink.write(`${JSON.stringify(describePackage(ctx), null, 2)}\n`);
      return { rows: null };
    },
  };
}
