/**
 * One member out of a zip archive, chosen by a pattern, since member names change with every
 * vintage (`API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv`, then `…_v2_4150946.csv`). Exactly one
 * member must match: none, or several, is an error naming the archive's members, because taking
 * the wrong table silently is worse than stopping.
 *
 * Read with yauzl (spec-conformant: it trusts the central directory, checks entry sizes) and
 * streamed to a temporary file beside the target, hashed on the way; the member's CRC-32 is
 * checked too (yauzl leaves that to its callers). The member's name is matched, never used as
 * a path, so a `../` name (zip-slip) cannot write anywhere.
 */
import { createHash } from "node:crypto";
import { open, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import * as zlib from "node:zlib";
import yauzl from "yauzl";
import { memberPattern } from "./member.js";

export type MemberResult = { ok: true; member: string; bytes: number; sha256: string } | { ok: false; reason: string };

const list = (names: readonly string[]) => (names.length === 0 ? "(none)" : names.map((n) => JSON.stringify(n)).join(", "));

/** Writes the one member matching `pattern` to `target` (created; it must not exist). */
export async function extractMember(archive: string, pattern: string, target: string, maxBytes: number): Promise<MemberResult> {
  const match = memberPattern(pattern);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(archive, { autoClose: false, strictFileNames: true });
  } catch (err) {
    return { ok: false, reason: `not a readable zip archive: ${(err as Error).message}` };
  }
  try {
    const names: string[] = [];
    const matches: yauzl.Entry[] = [];
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      names.push(entry.fileName);
      if (match.test(entry.fileName)) matches.push(entry);
    }
    if (matches.length !== 1) {
      const what = matches.length === 0 ? "no member matches" : `${matches.length} members match`;
      return { ok: false, reason: `${what} ${JSON.stringify(pattern)}${matches.length > 1 ? `: ${list(matches.map((e) => e.fileName))}` : ""}; the archive holds ${list(names)}` };
    }
    const entry = matches[0]!;
    if (entry.uncompressedSize > maxBytes) return { ok: false, reason: `member ${JSON.stringify(entry.fileName)} is ${entry.uncompressedSize} bytes, over the size limit of ${maxBytes} bytes` };
    const written = await copyEntry(zip, entry, target);
    if (written.crc !== null && written.crc !== entry.crc32) {
      await rm(target, { force: true });
      return { ok: false, reason: `member ${JSON.stringify(entry.fileName)} is damaged: its CRC-32 does not match the archive's record` };
    }
    return { ok: true, member: entry.fileName, bytes: written.bytes, sha256: written.sha256 };
  } catch (err) {
    await rm(target, { force: true });
    return { ok: false, reason: `the zip archive cannot be read: ${(err as Error).message}` };
  } finally {
    zip.close();
  }
}

// zlib.crc32 exists from Node 20.15; on older 20.x the CRC is not checked (yauzl's size check stays).
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

async function copyEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, target: string) {
  const stream = await zip.openReadStreamPromise(entry);
  const handle = await open(target, "wx");
  const hash = createHash("sha256");
  let bytes = 0;
  let crc: number | null = crc32 ? 0 : null;
  try {
    await pipeline(stream, async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        hash.update(chunk);
        if (crc !== null) crc = crc32!(chunk, crc);
        await handle.write(chunk);
      }
    });
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest("hex"), crc };
}
