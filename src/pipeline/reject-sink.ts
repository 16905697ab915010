/**
 * The rows a run rejects, kept outside memory: each goes to a sorter (spilling to the run's
 * workspace) with its input, cells and text as read, and comes out in file and line order for
 * rejects.csv, whenever it was rejected (while reading, or later by a table check).
 */
import { ExternalSorter } from "../stream/external-sort.js";
import { decodeRecord, detach, encodeRecord } from "../stream/record-codec.js";
import type { RawCells, RejectedRow } from "./types.js";

export class RejectSink {
  private readonly sorter: ExternalSorter;
  private readonly perInput = new Map<string, number>();

  constructor(spillDir?: string) {
    this.sorter = new ExternalSorter({ dir: spillDir ?? "", name: "rejects", runChars: spillDir ? 1 << 22 : Infinity });
  }

  add(input: string, file: string, line: number, cells: RawCells, raw: string): void {
    this.perInput.set(input, (this.perInput.get(input) ?? 0) + 1);
    // Detached: a rejected row's text must not keep the file chunk it was cut from alive.
    this.sorter.add(detach(encodeRecord([file, String(line).padStart(10, "0"), input, raw, JSON.stringify(cells)])));
  }

  count(input?: string): number {
    if (input !== undefined) return this.perInput.get(input) ?? 0;
    let n = 0;
    for (const c of this.perInput.values()) n += c;
    return n;
  }

  async *sorted(): AsyncGenerator<RejectedRow> {
    for await (const batch of this.sorter.sorted()) {
      for (const line of batch) {
        const [file, l, input, raw, cells] = decodeRecord(line);
        yield { file: file!, line: Number(l), input: input!, raw: raw!, cells: JSON.parse(cells!) as RawCells };
      }
    }
  }

  async dispose(): Promise<void> {
    await this.sorter.dispose();
  }
}
