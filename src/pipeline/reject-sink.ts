/**
 * What a run rejects, kept outside memory: each row, table cell or table record goes to a sorter
 * (spilling to the run's workspace) with its input, its place (file, line, column), the values it
 * accounts for, its cells and its text as read, and comes out in file, line and column order for
 * rejects.csv, whenever it was rejected (while reading, or later by a table check).
 */
import { ExternalSorter } from "../stream/external-sort.js";
import { decodeRecord, detach, encodeRecord } from "../stream/record-codec.js";
import type { RawCells, RejectedRow } from "../contracts/rows.js";

export class RejectSink {
  private readonly sorter: ExternalSorter;
  private readonly perInput = new Map<string, number>();
  private readonly valuesPerInput = new Map<string, number>();

  constructor(spillDir?: string) {
    this.sorter = new ExternalSorter({ dir: spillDir ?? "", name: "rejects", runChars: spillDir ? 1 << 22 : Infinity });
  }

  /** `column`: the cell at fault (null: a row, or a record with no one cell at fault);
   *  `values`: the values it accounts for (1 for a row or a cell). */
  add(input: string, file: string, line: number, column: string | null, values: number, cells: RawCells, raw: string): void {
    this.perInput.set(input, (this.perInput.get(input) ?? 0) + 1);
    this.valuesPerInput.set(input, (this.valuesPerInput.get(input) ?? 0) + values);
    // Detached: a rejected row's text must not keep the file chunk it was cut from alive. The
    // column sorts after the line (a whole row or record, column "", before the cells of one).
    this.sorter.add(detach(encodeRecord([file, String(line).padStart(10, "0"), column ?? "", input, String(values), raw, JSON.stringify(cells)])));
  }

  /** Rejected rows, cells and records (lines of rejects.csv), of one input or all. */
  count(input?: string): number {
    return sum(this.perInput, input);
  }

  /** The values they account for, of one input or all. */
  values(input?: string): number {
    return sum(this.valuesPerInput, input);
  }

  async *sorted(): AsyncGenerator<RejectedRow> {
    for await (const batch of this.sorter.sorted()) {
      for (const line of batch) {
        const [file, l, column, input, values, raw, cells] = decodeRecord(line);
        yield { file: file!, line: Number(l), column: column === "" ? null : column!, values: Number(values), input: input!, raw: raw!, cells: JSON.parse(cells!) as RawCells };
      }
    }
  }

  async dispose(): Promise<void> {
    await this.sorter.dispose();
  }
}

function sum(counts: ReadonlyMap<string, number>, key: string | undefined): number {
  if (key !== undefined) return counts.get(key) ?? 0;
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}
