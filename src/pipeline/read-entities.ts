/**
 * An entities input (the World Bank's country metadata file, `readers.worldBankCountries()`):
 * read whole in the main thread before any figure (it is small, and every figure's entity is
 * checked against it), its records through its reader, then the reader's `finish` makes the
 * entities and their groups. Every record is used (an entity) or rejected with its reason, so
 * the input's accounting holds like any other's: a record is one value.
 *
 * Problems of the file as a whole that leave its entities usable (a group name with no
 * aggregate row: that group cannot be derived) are warnings; a code defined twice rejects the
 * later record (the first definition is kept).
 */
import { parse } from "csv-parse/sync";
import type { Entity } from "../figures/entities.js";
import { csvParseOptions } from "../stages/ingest/dialect.js";
import type { Dialect } from "../contracts/dialect.js";
import type { IngestBatch } from "../stages/ingest/ingest.js";
import { readerIssue, type EntitiesReader, type EntityRow } from "../contracts/reader.js";
import type { IssueLog } from "./issue-log.js";
import type { RejectSink } from "./reject-sink.js";

export class EntitiesRead {
  private readonly rows: EntityRow[] = [];
  private readonly raw = new Map<number, string>();
  /** Records that were blank (every cell empty): not entities, not rejected. */
  readonly blank: number[] = [];
  used = 0;

  constructor(
    private readonly at: { pipeline: string; input: string; file: string; dialect: Dialect },
    private readonly reader: EntitiesReader,
    private readonly plan: unknown,
    private readonly log: IssueLog,
    private readonly rejects: RejectSink,
  ) {}

  /** One batch of well-formed records. */
  add(batch: Pick<IngestBatch, "lines" | "texts">): void {
    const { pipeline, input, file, dialect } = this.at;
    if (batch.texts.length === 0) return;
    const records = parse(`${batch.texts.join("\n")}\n`, { ...csvParseOptions(dialect), record_delimiter: "\n" }) as string[][];
    records.forEach((cells, i) => {
      const line = batch.lines[i]!;
      const raw = batch.texts[i]!;
      const read = this.reader.read(cells, { line }, this.plan);
      if (read.blank) {
        this.blank.push(line);
        return;
      }
      for (const r of read.rejects) {
        this.log.add(readerIssue(pipeline, file, r, line, raw));
        this.rejects.add(input, file, line, r.column, 1, {}, raw);
      }
      for (const row of read.entities) {
        this.rows.push(row);
        this.raw.set(row.line, raw);
      }
    });
  }

  /** The entities, once every record is read. */
  finish(): Entity[] {
    const { pipeline, input, file } = this.at;
    const done = this.reader.finish(this.rows);
    for (const p of done.problems) {
      const duplicate = p.code === "CHECK_NOT_UNIQUE" && p.line !== null;
      // A group without its aggregate row leaves every entity usable: a warning, not an error.
      this.log.add({ ...readerIssue(pipeline, file, p, p.line, duplicate ? (this.raw.get(p.line!) ?? null) : null), ...(duplicate ? {} : { severity: "warning" as const }) });
      if (duplicate) this.rejects.add(input, file, p.line!, p.column, 1, {}, this.raw.get(p.line!) ?? "");
    }
    this.used = done.entities.length;
    return done.entities;
  }
}
