/**
 * What is published in an out folder, read as the site needs it: nothing but the files a
 * release and its catalogue hold, so `openfigures site` works on a copy of the folder with no
 * pipeline definitions at hand.
 *
 * A dataset is a folder `<out>/<id>/` whose releases.json names a current release. Its files are
 * read from `releases/<current>/`, never through the stable links, so what one page shows
 * belongs to one release even while another is being switched in. Each file is read loosely
 * (zod looseObject): fields the site does not know are left alone, and a field it needs that is
 * missing or malformed is a problem named with the file, not a crash.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { PIPELINE_ID } from "../contracts/definition.js";
import { CHANGES_FILE, INDEX_FILE, RELEASES_DIR, VALIDATION_FILE } from "../contracts/layout.js";
import type { RawFileProvenance } from "../contracts/rows.js";
import { loadIndex, type ReleaseIndex, type ReleaseRecord } from "../publish/release/release-index.js";
import { rawFileRecord } from "../publish/targets/datapackage.js";

export const DATAPACKAGE_FILE = "datapackage.json";

const text = z.string().catch("");

const fieldSchema = z.looseObject({
  name: z.string(),
  type: text,
  description: text,
  constraints: z
    .looseObject({ required: z.boolean().optional(), enum: z.array(z.unknown()).optional() })
    .optional()
    .catch(undefined),
});

const resourceSchema = z.looseObject({
  name: text,
  path: z.string(),
  format: text,
  mediatype: text,
  bytes: z.number().optional().catch(undefined),
  hash: text,
  type: text,
  rows: z.number().nullable().optional().catch(undefined),
  schema: z
    .looseObject({ fields: z.array(fieldSchema), primaryKey: z.array(z.string()).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

const licenseSchema = z.looseObject({ name: text, path: text, title: text });

// A source's raw files and their snapshots (datapackage.ts); releases before issue 13 have none.
const rawFileSchema = z.looseObject({
  file: z.string(),
  url: z.string().nullable().catch(null),
  member: z.string().optional().catch(undefined),
  archiveSha256: z.string().optional().catch(undefined),
  retrieved: z.string().nullable().catch(null),
  note: z.string().optional().catch(undefined),
  sha256: text,
  bytes: z.number().catch(0),
});

const sourceSchema = z.looseObject({ id: z.string(), title: text, path: text, publisher: text, published: text, accessed: text, license: text, rawFiles: z.array(rawFileSchema).catch([]).optional() });

const indicatorSchema = z.looseObject({ code: z.string(), name: text, unit: text, description: text, concept: z.string().optional().catch(undefined) });

const packageSchema = z.looseObject({
  name: text,
  title: text,
  description: text,
  version: text,
  created: text,
  licenses: z.array(licenseSchema).catch([]),
  sources: z.array(sourceSchema).catch([]),
  indicators: z.array(indicatorSchema).catch([]),
  resources: z.array(resourceSchema),
});

export type DataPackage = z.infer<typeof packageSchema>;

/** A source's raw files as published, in the run's own terms (for the PDF's model and the page). */
export function rawFilesOf(source: DataPackage["sources"][number]): RawFileProvenance[] {
  return (source.rawFiles ?? []).map(rawFileRecord);
}
export type PackageResource = z.infer<typeof resourceSchema>;

const issueSchema = z.looseObject({
  code: text,
  severity: text,
  file: z.string().nullable().catch(null),
  line: z.number().nullable().catch(null),
  field: z.string().nullable().catch(null),
  value: z.string().nullable().catch(null),
  message: text,
  stage: text,
  pipeline: text,
  row: z.string().nullable().catch(null),
});

const validationSchema = z.looseObject({
  valid: z.boolean().nullable().catch(null),
  summary: z.looseObject({
    errors: z.number().catch(0),
    warnings: z.number().catch(0),
    rowsIn: z.number().nullable().catch(null),
    rowsRejected: z.number().nullable().catch(null),
    examplesPerCode: z.number().optional().catch(undefined),
    byCode: z.array(z.looseObject({ code: z.string(), severity: text, count: z.number(), title: text })).catch([]),
  }),
  inputs: z
    .array(
      z.looseObject({
        input: text,
        file: text,
        // Releases before readers (issue 12) have neither: a figures file, its rows its values.
        reader: text.catch("figures"),
        rowsIn: z.number(),
        rowsPublished: z.number(),
        rowsRejected: z.number(),
        values: z.object({ in: z.number(), published: z.number(), rejected: z.number(), missing: z.number() }).optional(),
      }),
    )
    .transform((list) => list.map((i) => ({ ...i, values: i.values ?? { in: i.rowsIn, published: i.rowsPublished, rejected: i.rowsRejected, missing: 0 } })))
    .catch([]),
  issues: z.array(issueSchema).catch([]),
});

export type ValidationReport = z.infer<typeof validationSchema>;

const changeEntry = z.record(z.string(), z.unknown());
const changesSchema = z.looseObject({
  previous: z.string().nullable().catch(null),
  summary: z.looseObject({ added: z.number(), removed: z.number(), changed: z.number(), unchanged: z.number() }),
  truncated: z.boolean().catch(false),
  added: z.array(changeEntry).catch([]),
  removed: z.array(changeEntry).catch([]),
  changed: z.array(changeEntry).catch([]),
});

export type ChangesReport = z.infer<typeof changesSchema>;

/** A file that is there but cannot be used, named with what is wrong. */
export class PublishedFileError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = "PublishedFileError";
  }
}

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`;
}

/** A JSON file read with its schema; null when it does not exist. */
async function readJson<T>(path: string, schema: z.ZodType<T>, prepare: (text: string) => string = (t) => t): Promise<T | null> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(prepare(raw));
  } catch {
    throw new PublishedFileError(path, "not valid JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new PublishedFileError(path, firstProblem(parsed.error));
  return parsed.data;
}

/** changes.json's values keep every digit published: they are read as their text, not as doubles. */
function numbersAsText(json: string): string {
  return json.replace(/"(value|old|new)": (-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/g, '"$1": "$2"');
}

export interface PublishedDataset {
  readonly id: string;
  /** `<out>/<id>`. */
  readonly dir: string;
  readonly index: ReleaseIndex;
  readonly current: ReleaseRecord;
  /** `<out>/<id>/releases/<current>`. */
  readonly folder: string;
  readonly datapackage: DataPackage;
}

/** The pipeline folders in `out`: names a pipeline id may have, holding a releases.json; sorted.
 *  Another folder (someone's `docs/`) is never read, nor locked. */
export async function datasetFolders(out: string): Promise<string[]> {
  const entries = await readdir(out, { withFileTypes: true });
  const names = entries.filter((e) => (e.isDirectory() || e.isSymbolicLink()) && PIPELINE_ID.test(e.name)).map((e) => e.name);
  const withCatalogue = await Promise.all(names.map(async (n) => ((await lstat(join(out, n, INDEX_FILE)).catch(() => null)) !== null ? n : null)));
  return withCatalogue.filter((n): n is string => n !== null).sort();
}

/**
 * One dataset as published: its catalogue, the current release's record and data package.
 * null when nothing is published there (no releases.json, or no current release). Throws
 * PublishedFileError for a file that is there but unusable.
 */
export async function readDataset(out: string, id: string): Promise<PublishedDataset | null> {
  const dir = join(out, id);
  const read = await loadIndex(dir);
  if (read.problem !== null) throw new PublishedFileError(join(dir, "releases.json"), read.problem);
  const index = read.index;
  if (index === null || index.current === null) return null;
  const current = index.releases.find((r) => r.id === index.current)!;
  const folder = join(dir, RELEASES_DIR, current.id);
  const datapackage = await readJson(join(folder, DATAPACKAGE_FILE), packageSchema);
  if (datapackage === null)
    throw new PublishedFileError(join(folder, DATAPACKAGE_FILE), "missing: the site describes a dataset from its data package (add targets.datapackage() to the pipeline's outputs)");
  return { id, dir, index, current, folder, datapackage };
}

export function readValidation(folder: string): Promise<ValidationReport | null> {
  return readJson(join(folder, VALIDATION_FILE), validationSchema);
}

export function readChanges(folder: string): Promise<ChangesReport | null> {
  return readJson(join(folder, CHANGES_FILE), changesSchema, numbersAsText);
}
