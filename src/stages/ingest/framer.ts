/**
 * Splits decoded CSV text into records before csv-parse sees them, and knows the physical line
 * each record starts on.
 *
 * Why not hand the file straight to csv-parse: with `skip_records_with_error` an unclosed quote
 * makes it drop the rest of the file, and after a bad closing quote it reads the following
 * lines as one quoted field; with `for await`, an error discards records already parsed from
 * the same chunk (../shared/TOOLCHAIN.md). Here a record that breaks the quoting rules is cut at
 * the end of the line where the problem shows, reported, and reading goes on from the next
 * line, so one bad quote costs one row. A quote that never closes, or a record that spans lines
 * through a quoted field and then breaks the rules, is cut at the end of its first line and the
 * following lines are read again as rows of their own: every physical line stays accounted
 * for. Only well-formed records reach csv-parse, joined by "\n": CR-only,
 * CRLF and mixed line ends all read the same way, and line breaks inside quoted fields are kept
 * exactly as written.
 */
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** A quoted field longer than this is taken for an unclosed quote (bounds memory). */
export const MAX_QUOTED_CHARS = 1 << 20;

export type FrameProblem = "quote-not-closed" | "stray-quote" | "bad-closing-quote";

export interface FramedRecord {
  /** Physical line the record starts on (1-based). */
  readonly line: number;
  /** The record without its terminator; line breaks inside quoted fields kept. */
  readonly text: string;
  readonly problem: FrameProblem | null;
}

export type LineEnding = "LF" | "CRLF" | "CR";

export class RecordFramer {
  private buf = "";
  private pos = 0;
  private recStart = 0;
  private recLine = 1;
  private line = 1;
  private inQuotes = false;
  private quoteStart = 0;
  private problem: FrameProblem | null = null;
  /** First line on which each kind of line ending was seen. */
  readonly endings = new Map<LineEnding, number>();

  /** Physical line of the next character to read. */
  get currentLine(): number {
    return this.line;
  }

  push(text: string): FramedRecord[] {
    this.buf = this.pos === this.buf.length && this.recStart === this.buf.length ? text : this.buf + text;
    const out: FramedRecord[] = [];
    this.scan(out, false);
    return out;
  }

  end(): FramedRecord[] {
    const out: FramedRecord[] = [];
    this.scan(out, true);
    while (this.inQuotes) {
      this.recoverFromOpenQuote(out);
      this.scan(out, true);
    }
    if (this.recStart < this.buf.length) this.emit(out, this.buf.length);
    this.buf = "";
    this.pos = this.recStart = 0;
    return out;
  }

  private noteEnding(kind: LineEnding, line: number): void {
    if (!this.endings.has(kind)) this.endings.set(kind, line);
  }

  /** Counts the line breaks in s[from, to) (inside a quoted field), noting their kinds. */
  private countBreaks(s: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c !== LF && c !== CR) continue;
      const crlf = c === CR && s.charCodeAt(k + 1) === LF && k + 1 < to;
      this.noteEnding(crlf ? "CRLF" : c === CR ? "CR" : "LF", this.line);
      this.line++;
      if (crlf) k++;
    }
  }

  // The hot loop: it jumps from quote to quote and from line break to line break with indexOf
  // (a character-by-character loop cost three times as much at a million rows). Commas matter
  // only around quotes, so they are looked at there.
  private scan(out: FramedRecord[], final: boolean): void {
    const s = this.buf;
    const n = s.length;
    let i = this.pos;
    // Where the next LF, CR and quote are, found again only once passed: a search that finds
    // nothing (a file without CR) must not be repeated for every record.
    let lf = -2;
    let cr = -2;
    let quote = -2;
    const next = (at: number, ch: string, from: number) => (at !== -1 && at < from ? s.indexOf(ch, from) : at);
    while (i < n) {
      if (this.inQuotes) {
        quote = quote === -2 ? s.indexOf('"', i) : next(quote, '"', i);
        const q = quote;
        const end = q === -1 ? n : q;
        if (end - this.quoteStart > MAX_QUOTED_CHARS) {
          this.pos = i;
          this.recoverFromOpenQuote(out);
          i = this.pos;
          lf = cr = quote = -2; // reading goes back: the cached positions are stale
          continue;
        }
        if (q === -1) {
          // No closing quote yet: count the breaks, but keep a final CR to see if LF follows.
          const stop = !final && s.charCodeAt(n - 1) === CR ? n - 1 : n;
          this.countBreaks(s, i, stop);
          i = stop;
          break;
        }
        if (q > i) {
          lf = lf === -2 ? s.indexOf("\n", i) : next(lf, "\n", i);
          cr = cr === -2 ? s.indexOf("\r", i) : next(cr, "\r", i);
          if ((lf !== -1 && lf < q) || (cr !== -1 && cr < q)) this.countBreaks(s, i, q);
        }
        if (q + 1 >= n && !final) {
          i = q; // "" or a closing quote: the next character decides
          break;
        }
        if (s.charCodeAt(q + 1) === QUOTE) {
          i = q + 2;
          continue;
        }
        this.inQuotes = false;
        i = q + 1;
        if (i < n && this.problem === null) {
          const c = s.charCodeAt(i);
          if (c !== COMMA && c !== LF && c !== CR) {
            this.problem = "bad-closing-quote";
            if (this.line > this.recLine) {
              // The record ran over several lines through a quoted field, then broke the rules:
              // the quote that opened it is the likelier fault. Reject its first line, re-read the rest.
              this.pos = i;
              this.recoverFromOpenQuote(out);
              i = this.pos;
              lf = cr = quote = -2;
            }
          }
        }
        continue;
      }
      lf = lf === -2 ? s.indexOf("\n", i) : next(lf, "\n", i);
      cr = cr === -2 ? s.indexOf("\r", i) : next(cr, "\r", i);
      quote = quote === -2 ? s.indexOf('"', i) : next(quote, '"', i);
      const br = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      const q = quote;
      if (q !== -1 && (br === -1 || q < br)) {
        if (this.problem === null) {
          if (q === this.recStart || s.charCodeAt(q - 1) === COMMA) {
            this.inQuotes = true;
            this.quoteStart = q;
            i = q + 1;
            continue;
          }
          this.problem = "stray-quote";
          if (this.line > this.recLine) {
            this.pos = q;
            this.recoverFromOpenQuote(out);
            i = this.pos;
            lf = cr = quote = -2;
            continue;
          }
        }
        i = q + 1;
        continue;
      }
      if (br === -1) {
        i = n;
        break;
      }
      const c = s.charCodeAt(br);
      if (c === CR && br + 1 >= n && !final) {
        i = br;
        break;
      }
      const crlf = c === CR && s.charCodeAt(br + 1) === LF;
      this.noteEnding(crlf ? "CRLF" : c === CR ? "CR" : "LF", this.line);
      this.emit(out, br);
      this.line++;
      i = br + (crlf ? 2 : 1);
      this.startRecord(i);
    }
    this.pos = i;
    if (this.recStart > 0) {
      this.buf = s.slice(this.recStart);
      this.pos -= this.recStart;
      this.quoteStart -= this.recStart;
      this.recStart = 0;
    }
  }

  /** The record's quote never closes: report its first physical line and read on after it. */
  private recoverFromOpenQuote(out: FramedRecord[]): void {
    const s = this.buf;
    let eol = this.recStart;
    while (eol < s.length && s.charCodeAt(eol) !== LF && s.charCodeAt(eol) !== CR) eol++;
    this.inQuotes = false;
    this.problem = "quote-not-closed";
    this.emit(out, eol);
    const crlf = s.charCodeAt(eol) === CR && s.charCodeAt(eol + 1) === LF;
    const next = eol >= s.length ? eol : eol + (crlf ? 2 : 1);
    this.line = this.recLine + 1;
    this.startRecord(next);
    this.pos = next;
  }

  private emit(out: FramedRecord[], endIndex: number): void {
    out.push({ line: this.recLine, text: this.buf.slice(this.recStart, endIndex), problem: this.problem });
  }

  private startRecord(index: number): void {
    this.recStart = index;
    this.recLine = this.line;
    this.problem = null;
  }
}
