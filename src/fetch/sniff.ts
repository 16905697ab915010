/**
 * An HTML page where data was expected: the error or login page some servers send with status
 * 200. Told by its Content-Type, or by its first bytes (after a byte-order mark and white
 * space): `<!DOCTYPE html`, `<html`, or `<head`/`<body`. A CSV never starts that way, and
 * neither does a zip (`PK`).
 */
import { open } from "node:fs/promises";

const HEAD_BYTES = 1024;
const HTML_START = /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** Why the body looks like an HTML page, or null when it does not. */
export function htmlVerdict(contentType: string | null, head: Buffer): string | null {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "text/html" || type === "application/xhtml+xml") return `the server sent an HTML page (Content-Type ${contentType}), not the data file`;
  const text = head
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (HTML_START.test(text)) return `the server sent an HTML page (it starts with ${JSON.stringify(text.slice(0, 40))}), not the data file`;
  return null;
}

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function sniffHtml(path: string, contentType: string | null): Promise<string | null> {
  return htmlVerdict(contentType, await readHead(path));
}
