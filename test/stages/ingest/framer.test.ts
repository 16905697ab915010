import { describe, expect, it } from "vitest";
import { MAX_RECORD_CHARS, RecordFramer, SHOWN_RECORD_CHARS, type FramedRecord } from "../../../src/stages/ingest/framer.js";

/** Frames text fed in the given chunks; returns [line, text, problem] per record and the endings seen. */
function frame(chunks: string[]) {
  const f = new RecordFramer();
  const out = chunks.flatMap((c) => f.push(c));
  out.push(...f.end());
  return { records: out.map((r) => [r.line, r.text, r.problem] as const), endings: Object.fromEntries(f.endings) };
}

describe("RecordFramer", () => {
  it("gives each record the line it starts on, keeping line breaks inside quotes", () => {
    expect(frame(['a,b\n1,"x\ny"\n2,z\n']).records).toEqual([
      [1, "a,b", null],
      [2, '1,"x\ny"', null],
      [4, "2,z", null],
    ]);
  });

  it("reads LF, CRLF, CR-only and mixed line ends alike and notes each kind", () => {
    const expected = [
      [1, "a,b", null],
      [2, "1,2", null],
      [3, "3,4", null],
    ];
    expect(frame(["a,b\n1,2\n3,4\n"])).toEqual({ records: expected, endings: { LF: 1 } });
    expect(frame(["a,b\r\n1,2\r\n3,4\r\n"])).toEqual({ records: expected, endings: { CRLF: 1 } });
    expect(frame(["a,b\r1,2\r3,4"])).toEqual({ records: expected, endings: { CR: 1 } });
    expect(frame(["a,b\r\n1,2\n3,4\r\n"])).toEqual({ records: expected, endings: { CRLF: 1, LF: 2 } });
  });

  it("notes the line ends of records only: a line break inside a quoted cell is the cell's text", () => {
    // The World Bank's country metadata: records end in CRLF, notes hold LF inside quotes.
    expect(frame(['a,b\r\n1,"x\ny"\r\n3,4\r\n'])).toEqual({
      records: [
        [1, "a,b", null],
        [2, '1,"x\ny"', null],
        [4, "3,4", null],
      ],
      endings: { CRLF: 1 },
    });
  });

  it("is not fooled by a chunk ending between CR and LF or inside a doubled quote", () => {
    expect(frame(["a,b\r", '\n1,"x"', '"y"\r', "\n2,z"]).records).toEqual([
      [1, "a,b", null],
      [2, '1,"x""y"', null],
      [3, "2,z", null],
    ]);
  });

  it("cuts a quote that never closes at the end of its line and reads on", () => {
    expect(frame(['a,b\n1,"x\n2,z\n3,w\n']).records).toEqual([
      [1, "a,b", null],
      [2, '1,"x', "quote-not-closed"],
      [3, "2,z", null],
      [4, "3,w", null],
    ]);
  });

  it("cuts a stray quote or text after a closing quote at the end of its line, and reads on", () => {
    expect(frame(['a,b\n1,x"y\n2,"z"w\n3,"ok"\n']).records).toEqual([
      [1, "a,b", null],
      [2, '1,x"y', "stray-quote"],
      [3, '2,"z"w', "bad-closing-quote"],
      [4, '3,"ok"', null],
    ]);
  });

  it("keeps blank lines as empty records, in place", () => {
    expect(frame(["a\n\n1\n"]).records).toEqual([
      [1, "a", null],
      [2, "", null],
      [3, "1", null],
    ]);
  });
});

describe("RecordFramer recovery over several lines", () => {
  it("a quote opened on one line and broken on a later one rejects the first line and re-reads the rest", () => {
    expect(frame(['a\n"x\n"y\nz\n']).records).toEqual([
      [1, "a", null],
      [2, '"x', "quote-not-closed"],
      [3, '"y', "quote-not-closed"],
      [4, "z", null],
    ]);
  });

  it("two unclosed quotes in a row are two rejected lines, and the good line after them is read", () => {
    expect(frame(['h\n1,"a\n2,"b\n3,c\n']).records).toEqual([
      [1, "h", null],
      [2, '1,"a', "quote-not-closed"],
      [3, '2,"b', "quote-not-closed"],
      [4, "3,c", null],
    ]);
  });
});

describe("RecordFramer chunking", () => {
  // Found by the property below: recovery from an unclosed quote reads lines again, and the
  // framer's cached positions of the next line break had to be forgotten when it did.
  it.each([[['"\n\n', 'a"aa']], [['"\r\ra', 'a"a']], [['"\ra\n', 'a"a']], [["\r", '"\n\naa"a']]])("frames %j as it frames the whole text", (chunks) => {
    const whole = frame([chunks.join("")]);
    expect(frame(chunks)).toEqual(whole);
  });

  it("re-reads every line after an unclosed quote when the chunk boundary falls inside it", () => {
    expect(frame(['"\n\n', 'a"aa']).records).toEqual([
      [1, '"', "quote-not-closed"],
      [2, "", null],
      [3, 'a"aa', "stray-quote"],
    ]);
  });
});

describe("RecordFramer chunking (property)", () => {
  it("frames any text the same way however it is cut into chunks", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", "é"), maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 6 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let at = 0;
        for (const p of points) {
          chunks.push(text.slice(at, p));
          at = p;
        }
        chunks.push(text.slice(at));
        const whole = frame([text]);
        expect(frame(chunks)).toEqual(whole);
      }),
      { numRuns: 5000 },
    );
  });
});

/** Frames `text` cut into chunks of `size` characters, with a record limit; a rewind asked by the
 *  framer is served as the reader does it: the text again from that byte. */
function frameLimited(text: string, size: number, maxRecordChars: number) {
  const f = new RecordFramer({ maxRecordChars });
  const bytes = Buffer.from(text);
  const out: FramedRecord[] = [];
  let from = 0;
  let rewinds = 0;
  for (;;) {
    const rest = bytes.subarray(from).toString();
    let asked: { byte: number; line: number } | null = null;
    for (let at = 0; at < rest.length && !asked; at += size) {
      out.push(...f.push(rest.slice(at, at + size)));
      asked = f.takeRewind();
    }
    if (!asked) {
      out.push(...f.end());
      asked = f.takeRewind();
    }
    if (!asked) break;
    expect(asked.byte).toBeGreaterThan(from);
    from = asked.byte;
    rewinds++;
  }
  return {
    records: out.map((r) => (r.problem === "too-large" ? [r.line, r.problem, r.size, r.endLine, r.text.length] : [r.line, r.text, r.problem])),
    endings: Object.fromEntries(f.endings),
    rewinds,
  };
}

describe("RecordFramer: large records", () => {
  it("reads a quoted field of 16 MiB spanning 16,000 lines as one record, and the lines after it where they are", () => {
    const line = `${"y".repeat(1023)}\n`;
    const field = line.repeat(16 << 10);
    expect(field.length).toBe(16 << 20);
    const text = `h,q\n1,"${field}"\n2,z\n`;
    const f = new RecordFramer();
    const out: FramedRecord[] = [];
    for (let at = 0; at < text.length; at += 1 << 20) out.push(...f.push(text.slice(at, at + (1 << 20))));
    out.push(...f.end());
    expect(out.map((r) => [r.line, r.text.length, r.problem])).toEqual([
      [1, 3, null],
      [2, field.length + 4, null],
      [3 + (16 << 10), 3, null],
    ]);
    expect(out[1]!.text).toBe(`1,"${field}"`);
    expect(MAX_RECORD_CHARS).toBeGreaterThanOrEqual((16 << 20) + 1024);
  });

  it("reads a record of MAX_RECORD_CHARS characters; one more is too large, shown by its first characters", () => {
    for (const extra of [0, 1]) {
      const record = `1,"${"x".repeat(MAX_RECORD_CHARS - 4 + extra)}"`;
      const text = `h\n${record}\n2\n`;
      const f = new RecordFramer();
      const out: FramedRecord[] = [];
      for (let at = 0; at < text.length; at += 1 << 20) out.push(...f.push(text.slice(at, at + (1 << 20))));
      out.push(...f.end());
      expect(out.map((r) => [r.line, r.size, r.problem, r.endLine])).toEqual([
        [1, 1, null, 1],
        [2, MAX_RECORD_CHARS + extra, extra ? "too-large" : null, 2],
        [3, 1, null, 3],
      ]);
      expect(out[1]!.text).toBe(extra ? record.slice(0, SHOWN_RECORD_CHARS) : record);
    }
  });

  it("takes a record longer than the limit for one too-large record: its first line, its size; reading goes on after its end", () => {
    const big = `1,"${"x\n".repeat(60)}"`; // 124 characters over 61 lines
    const text = `h,q\n${big}\n2,"a\nb"\n3,c`;
    for (const size of [1, 7, 64, 1000]) {
      expect(frameLimited(text, size, 100).records).toEqual([
        [1, "h,q", null],
        [2, "too-large", big.length, 62, 100],
        [63, '2,"a\nb"', null],
        [65, "3,c", null],
      ]);
    }
  });

  it("a record just at the limit is read; one character more is too large", () => {
    const at = `1,"${"x".repeat(96)}"`;
    expect(at.length).toBe(100);
    expect(frameLimited(`${at}\n2\n`, 8, 100).records).toEqual([
      [1, at, null],
      [2, "2", null],
    ]);
    expect(frameLimited(`${at}x\n2\n`, 8, 100).records).toEqual([
      [1, "too-large", 101, 1, 100],
      [2, "2", null],
    ]);
  });

  it("an unquoted line longer than the limit is one too-large record too", () => {
    expect(frameLimited(`a\n${"b".repeat(250)}\nc\n`, 16, 100).records).toEqual([
      [1, "a", null],
      [2, "too-large", 250, 2, 100],
      [3, "c", null],
    ]);
  });

  it("a quote that never closes, past the limit: its first line is rejected and every later line read again, not lost", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `${i},é`); // é: byte and character offsets differ
    const text = `h\n1,"open\n${lines.join("\r\n")}\r\n`;
    const { records, rewinds } = frameLimited(text, 5, 50);
    expect(rewinds).toBe(1);
    expect(records).toEqual([[1, "h", null], [2, '1,"open', "quote-not-closed"], ...lines.map((l, i) => [i + 3, l, null])]);
  });

  it("a quote broken on a later line past the limit: the first line is rejected, the rest read again", () => {
    const text = `h\n1,"${"a\n".repeat(60)}"x,y\n2,z\n`;
    const { records, rewinds } = frameLimited(text, 9, 50);
    expect(rewinds).toBe(1);
    expect(records.slice(0, 3)).toEqual([
      [1, "h", null],
      [2, '1,"a', "quote-not-closed"],
      [3, "a", null],
    ]);
    // Read again on its own, line 62 opens a quote at its start that never closes.
    expect(records.at(-2)).toEqual([62, '"x,y', "quote-not-closed"]);
    expect(records.at(-1)).toEqual([63, "2,z", null]);
  });

  it("frames any text, however cut, as it frames it without a limit, records over the limit becoming too-large", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", "é", "€"), maxLength: 80 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 20 }), (text, size, limit) => {
        const unlimited = frame([text]);
        const whole = unlimited.records.map(([line, t, problem]) => {
          if (t.length <= limit) return [line, t, problem];
          const endLine = line + (t.match(/\r\n|\r|\n/g)?.length ?? 0);
          return [line, "too-large", t.length, endLine, limit];
        });
        const limited = frameLimited(text, size, limit);
        expect(limited.records).toEqual(whole);
        expect(limited.endings).toEqual(unlimited.endings);
      }),
      { numRuns: 5000 },
    );
  });

  // Item 6 of issue 11: a field of 9 MB took 43 s. Each push must look at the new text (and at
  // most a character or two kept from before), not at the whole record read so far.
  it("copies each character into its scan buffer a bounded number of times, however long the record", () => {
    const buffered: number[] = [];
    for (const kib of [125, 1000]) {
      const text = `h\n1,"${"x".repeat(kib << 10)}"\n2\n`;
      const f = new RecordFramer();
      const out: FramedRecord[] = [];
      for (let at = 0; at < text.length; at += 4096) out.push(...f.push(text.slice(at, at + 4096)));
      out.push(...f.end());
      expect(out.map((r) => [r.line, r.text.length, r.problem])).toEqual([
        [1, 1, null],
        [2, (kib << 10) + 4, null],
        [3, 1, null],
      ]);
      expect(f.bufferedChars).toBeLessThanOrEqual(2 * text.length);
      buffered.push(f.bufferedChars);
    }
    expect(buffered[1]! / buffered[0]!).toBeLessThan(9);
  });
});
