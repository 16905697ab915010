import { describe, expect, it } from "vitest";
import { decoderFor } from "../../../src/stages/ingest/encoding.js";
import { Windows1252Stream } from "../../../src/stages/ingest/windows-1252.js";

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

function decodeAll(chunks: Buffer[]): string {
  const d = new Windows1252Stream();
  let text = "";
  for (const c of chunks) {
    const r = d.decode(c);
    if (!r.ok) throw new Error(r.guess);
    text += r.text;
  }
  const end = d.finish();
  return end.ok ? text + end.text : text;
}

describe("Windows1252Stream", () => {
  it('reads "Côte d’Ivoire" and curly quotes from bytes 0xF4, 0x92, 0x93, 0x94 (not as C1 controls)', () => {
    const b = bytes("C", [0xf4], "te d", [0x92], "Ivoire,", [0x93], "Kenya", [0x94], ",caf", [0xe9], ",", [0x80], "5");
    expect(decodeAll([b])).toBe("Côte d\u2019Ivoire,\u201cKenya\u201d,café,€5");
  });

  it("maps the 27 defined bytes 0x80–0x9F as the Windows-1252 table does, and 0xA0–0xFF to the same code points", () => {
    const high = [...Array(32).keys()].map((i) => 0x80 + i).filter((b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b));
    expect(decodeAll([Buffer.from(high)])).toBe(
      "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178",
    );
    const latin = [...Array(96).keys()].map((i) => 0xa0 + i);
    expect(decodeAll([Buffer.from(latin)])).toBe(String.fromCharCode(...latin));
  });

  it("decodes the same text whatever the chunk boundaries", () => {
    const b = bytes("Country,Value\r\nC", [0xf4], "te d", [0x92], "Ivoire,", [0x93], "1", [0x94], "\r\n");
    const whole = decodeAll([b]);
    for (let cut = 0; cut <= b.length; cut++) expect(decodeAll([b.subarray(0, cut), b.subarray(cut)])).toBe(whole);
  });

  it.each([
    [[0x81], "byte 0x81, which Windows-1252 does not define"],
    [[0x9d], "byte 0x9D, which Windows-1252 does not define"],
    [[0x00], "a NUL byte"],
  ])("refuses undefined byte %j with the text before it", (bad, guess) => {
    const r = new Windows1252Stream().decode(bytes("ok,", [0xe9], ",", bad, "rest"));
    expect(r).toMatchObject({ ok: false, validText: "ok,é," });
    if (!r.ok) expect(r.guess).toContain(guess);
  });

  it("refuses a UTF-8 file declared as Windows-1252: by its byte-order mark, or by its bytes", () => {
    const bom = new Windows1252Stream().decode(bytes([0xef, 0xbb, 0xbf], "a,b\n"));
    expect(bom).toEqual({ ok: false, validText: "", bytes: 0, guess: "it starts with a UTF-8 byte-order mark, so it is UTF-8: declare the encoding utf-8" });
    const utf8 = new Windows1252Stream().decode(Buffer.from("Country\nCôte d’Ivoire\n", "utf8"));
    expect(utf8).toEqual({
      ok: false,
      validText: "",
      bytes: 0,
      guess: 'it looks like UTF-8 (bytes C3 B4 are "ô" in UTF-8, "Ã´" in Windows-1252): declare the encoding utf-8',
    });
  });

  it("is the decoder for the dialect encoding windows-1252; utf-8 keeps the UTF-8 checker", () => {
    expect(decoderFor("windows-1252")).toBeInstanceOf(Windows1252Stream);
    const utf8 = decoderFor("utf-8");
    expect(utf8.decode(bytes([0xef, 0xbb, 0xbf], "a"))).toEqual({ ok: true, text: "a", bytes: 1 });
    expect(utf8.bom).toBe(true);
    expect(utf8.decode(bytes([0xe9], "x"))).toMatchObject({ ok: false });
  });
});
