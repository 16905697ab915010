/**
 * Counts as the pages print them, "1,234,567": digits grouped by hand, as the PDF does
 * (report/format.ts), so the bytes are the same on every machine whatever its locale data.
 */
import { groupThousands } from "../format.js";

export function count(n: number): string {
  return Number.isSafeInteger(n) ? groupThousands(String(n)) : String(n);
}
