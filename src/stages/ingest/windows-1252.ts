/**
 * Decodes Windows-1252 text, chunk by chunk: the code page of CSV files saved by Excel on
 * Western-European Windows ("C\xF4te d\x92Ivoire" is "Côte d’Ivoire").
 *
 * Not TextDecoder("windows-1252"): Node 20 from 20.18.3 decodes that label as ISO-8859-1, so
 * the 32 bytes 0x80–0x9F where the two differ come out as invisible C1 control characters
 * (0x92 as U+0092, not ’; nodejs/node#56542, #60888). One byte is one character, so the table
 * below (WHATWG Encoding Standard, index-windows-1252) is the whole decoder.
 *
 * Refused, with a guess, rather than decoded into the wrong text: the five bytes Windows-1252
 * leaves undefined, NUL bytes (UTF-16?), a UTF-8 byte-order mark, and bytes that read as
 * UTF-8 ("Ã©" where "é" was meant): declaring the wrong encoding must not go unnoticed.
 */
import { isUtf8 } from "node:buffer";
import type { DecodeResult } from "./decode.js";

/** Code points of bytes 0x80–0x9F (index-windows-1252); 0 where Windows-1252 defines none. */
// prettier-ignore
const HIGH_CODES = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
];
const HIGH = HIGH_CODES.map((c) => String.fromCharCode(c));
const C1 = /[\u0080-\u009f]/g;

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;

export class Windows1252Stream {
  private first: boolean;
  /** Whether UTF-8 was looked for yet: once, in the first chunk with bytes above 0x7F. */
  private utf8Checked = false;
  /** Always false: a UTF-8 byte-order mark is refused here, never removed. */
  readonly bom = false;

  /** `midFile`: the bytes start inside the file (reading again from a line break), where no
   *  byte-order mark can be. */
  constructor(options: { midFile?: boolean } = {}) {
    this.first = !options.midFile;
  }

  decode(chunk: Buffer): DecodeResult {
    if (this.first) {
      this.first = false;
      const guess = markGuess(chunk);
      if (guess) return { ok: false, validText: "", bytes: 0, guess };
    }
    const bad = firstBadByte(chunk);
    const good = bad === -1 ? chunk : chunk.subarray(0, bad);
    if (!this.utf8Checked) {
      const guess = utf8Guess(good);
      if (guess !== undefined) {
        this.utf8Checked = true;
        if (guess) return { ok: false, validText: "", bytes: 0, guess };
      }
    }
    const text = good.toString("latin1").replace(C1, (c) => HIGH[c.charCodeAt(0) - 0x80]!);
    if (bad === -1) return { ok: true, text, bytes: chunk.length };
    const b = chunk[bad]!;
    const why = b === 0 ? "a NUL byte, which no text in Windows-1252 holds (is it UTF-16?)" : `byte ${hex(b)}, which Windows-1252 does not define`;
    return { ok: false, validText: text, bytes: bad, guess: `it is not Windows-1252: it has ${why}` };
  }

  /** Nothing is carried between chunks: one byte is one character. */
  finish(): DecodeResult {
    return { ok: true, text: "", bytes: 0 };
  }
}

function markGuess(b: Buffer): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "it starts with a UTF-8 byte-order mark, so it is UTF-8: declare the encoding utf-8";
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return "it starts with a UTF-16 byte-order mark; save it as UTF-8";
  return null;
}

function firstBadByte(b: Buffer): number {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0 || c === 0x81 || c === 0x8d || c === 0x8f || c === 0x90 || c === 0x9d) return i;
  }
  return -1;
}

/**
 * undefined: no byte above 0x7F yet, so nothing to tell. "": the bytes are not UTF-8, fine.
 * Otherwise the guess: every high byte is part of a valid UTF-8 sequence, which Windows-1252
 * text almost never is (it would need pairs like "Ã©"). A sequence cut at the chunk's end is
 * left out of the test.
 */
function utf8Guess(b: Buffer): string | undefined {
  let end = b.length;
  while (end > 0 && b[end - 1]! >= 0x80 && b.length - end < 3) end--;
  const head = b.subarray(0, end);
  const at = head.findIndex((c) => c >= 0x80);
  if (at === -1) return undefined;
  if (!isUtf8(head)) return "";
  let len = 1;
  while (len < 4 && (head[at + len]! & 0xc0) === 0x80) len++;
  const seq = head.subarray(at, at + len);
  const asCp1252 = seq.toString("latin1").replace(C1, (c) => HIGH[c.charCodeAt(0) - 0x80]!);
  const bytes = [...seq].map((x) => x.toString(16).toUpperCase().padStart(2, "0")).join(" ");
  return `it looks like UTF-8 (bytes ${bytes} are "${seq.toString("utf8")}" in UTF-8, "${asCp1252}" in Windows-1252): declare the encoding utf-8`;
}
