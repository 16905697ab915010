/**
 * The streaming decoder for a dialect's encoding. Both keep the same contract: text chunk by
 * chunk, or the valid text before the first bad byte and a guess of what the file really is.
 */
import { Utf8Stream, type DecodeResult } from "./decode.js";
import type { Encoding } from "../../contracts/dialect.js";
import { Windows1252Stream } from "./windows-1252.js";

export interface TextStream {
  decode(chunk: Buffer): DecodeResult;
  finish(): DecodeResult;
  /** Whether a UTF-8 byte-order mark was removed. */
  readonly bom: boolean;
}

/** `midFile`: reading starts inside the file (again, from a line break), not at its first byte. */
export function decoderFor(encoding: Encoding, options: { midFile?: boolean } = {}): TextStream {
  return encoding === "windows-1252" ? new Windows1252Stream(options) : new Utf8Stream(options);
}

/** The encoding's name in messages. */
export function encodingName(encoding: Encoding): string {
  return encoding === "windows-1252" ? "Windows-1252" : "UTF-8";
}
