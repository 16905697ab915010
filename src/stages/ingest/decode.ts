/**
 * Checks that a byte stream is UTF-8 and turns it into text, chunk by chunk. A UTF-8 byte-order
 * mark is removed and noted. Anything else is refused with a guess of what it is (UTF-16, or a
 * single-byte code page such as Windows-1252), because decoding it anyway would silently turn
 * "Côte d'Ivoire" into "C�te d'Ivoire".
 */
import { isUtf8 } from "node:buffer";

export type DecodeResult =
  /** `bytes`: how many bytes `text` is made of (bytes of an unfinished character wait for the next chunk). */
  | { ok: true; text: string; bytes: number }
  /** `validText` is the text before the first bad byte; `guess` names the encoding it suggests. */
  | { ok: false; validText: string; bytes: number; guess: string };

export class Utf8Stream {
  private carry: Buffer = Buffer.alloc(0);
  private first: boolean;
  bom = false;

  /** `midFile`: the bytes start inside the file (reading again from a line break), where a
   *  byte-order mark or a UTF-16 signature cannot be. */
  constructor(options: { midFile?: boolean } = {}) {
    this.first = !options.midFile;
  }

  decode(chunk: Buffer): DecodeResult {
    let data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.first) {
      this.first = false;
      const utf16 = utf16Guess(data);
      if (utf16) return { ok: false, validText: "", bytes: 0, guess: utf16 };
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        this.bom = true;
        data = data.subarray(3);
      }
    }
    const cut = completeLength(data);
    const whole = data.subarray(0, cut);
    if (isUtf8(whole)) {
      this.carry = Buffer.from(data.subarray(cut));
      return { ok: true, text: whole.toString("utf8"), bytes: whole.length };
    }
    const bad = firstInvalid(whole);
    return { ok: false, validText: whole.toString("utf8", 0, bad), bytes: bad, guess: singleByteGuess(whole[bad] ?? 0) };
  }

  /** At end of input: bytes of an unfinished character are an error too. */
  finish(): DecodeResult {
    if (this.carry.length === 0) return { ok: true, text: "", bytes: 0 };
    return { ok: false, validText: "", bytes: 0, guess: "the file ends in the middle of a UTF-8 character (truncated?)" };
  }
}

function utf16Guess(data: Buffer): string | null {
  if (data[0] === 0xff && data[1] === 0xfe) return "it looks like UTF-16LE (it starts with the byte-order mark FF FE)";
  if (data[0] === 0xfe && data[1] === 0xff) return "it looks like UTF-16BE (it starts with the byte-order mark FE FF)";
  const sample = data.subarray(0, 512);
  if (sample.length > 1 && sample.includes(0)) {
    const evenNul = sample.filter((b, i) => b === 0 && i % 2 === 0).length;
    const oddNul = sample.filter((b, i) => b === 0 && i % 2 === 1).length;
    if (oddNul > sample.length / 4) return "it looks like UTF-16LE without a byte-order mark (every other byte is 0)";
    if (evenNul > sample.length / 4) return "it looks like UTF-16BE without a byte-order mark (every other byte is 0)";
    return "it contains NUL bytes, so it is not a text file";
  }
  return null;
}

function singleByteGuess(byte: number): string {
  const asCp1252 = new TextDecoder("windows-1252").decode(Uint8Array.of(byte));
  return `it looks like a single-byte encoding such as Windows-1252 or ISO-8859-1 (byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} is "${asCp1252}" there); save it as UTF-8`;
}

/** Length of the prefix that does not end inside a multi-byte character. */
function completeLength(b: Buffer): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back] ?? 0;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Index of the first byte that starts an invalid UTF-8 sequence (error path only). */
function firstInvalid(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : (d & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return b.length;
}
