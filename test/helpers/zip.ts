/** Zip archives for the fetch tests, written with yazl (a devDependency), with a fixed time so
 *  the same members always give the same bytes. */
import { ZipFile } from "yazl";

const MTIME = new Date("2025-10-01T00:00:00Z");

export async function makeZip(members: Record<string, string | Buffer>, options: { compress?: boolean } = {}): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(members)) zip.addBuffer(Buffer.from(content), name, { mtime: MTIME, forceDosTimestamp: true, compress: options.compress ?? true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The members of a World Bank bulk download, vintage by vintage: the data file and two
 *  metadata files whose names also contain the indicator code. */
export function worldBankMembers(code: string, vintage: string, data: string): Record<string, string> {
  return {
    [`API_${code}_DS2_en_csv_v2_${vintage}.csv`]: data,
    [`Metadata_Indicator_API_${code}_DS2_en_csv_v2_${vintage}.csv`]: '"INDICATOR_CODE","INDICATOR_NAME"\n',
    [`Metadata_Country_API_${code}_DS2_en_csv_v2_${vintage}.csv`]: '"Country Code","Region"\n',
  };
}
