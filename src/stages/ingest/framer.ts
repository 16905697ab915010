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
 *
 * Large records. A record may hold up to MAX_RECORD_CHARS characters. Text is scanned once: the
 * part of an open record already scanned is kept as pieces and joined once, when the record
 * ends, so a record read over many chunks costs time in proportion to its length. A record past
 * the limit is not kept: its text is dropped as it is scanned (memory stays bounded), its lines
 * are still counted and the quoting rules still followed to find where it ends, and it is given
 * as one "too-large" record (its line, its size, its first characters). If instead it turns out
 * to be a quote that never closes (or one broken on a later line), its first line is rejected as
 * usual, and the framer asks its reader, through `takeRewind()`, to read again from the end of
 * that line: the text that would have been read again was not kept.
 */
const LF = 10;
const CR = 13;

/**
 * The longest record read: 32 Mi characters (UTF-16 code units, one per character for most
 * text), so a field of 16 MiB reads with room to spare. A longer record is one located error.
 * Memory is what bounds it: a record is held as text several times over on its way to the
 * published files (its cells, its CSV and JSON text, its sortable line).
 */
export const MAX_RECORD_CHARS = 1 << 25;

/** A too-large record is shown by its first characters, at most this many. */
export const SHOWN_RECORD_CHARS = 1024;

export type FrameProblem = "quote-not-closed" | "stray-quote" | "bad-closing-quote" | "too-large";

export interface FramedRecord {
  /** Physical line the record starts on (1-based). */
  readonly line: number;
  /** The record without its terminator; line breaks inside quoted fields kept. A too-large
   *  record: its first characters only (SHOWN_RECORD_CHARS, or the limit if smaller). */
  readonly text: string;
  readonly problem: FrameProblem | null;
  /** The record's length in characters (text.length, except for a too-large record). */
  readonly size: number;
  /** Physical line the record ends on. */
  readonly endLine: number;
}

export type LineEnding = "LF" | "CRLF" | "CR";

/** Where to read again: `byte` is an offset in the UTF-8 text given to the framer (the line
 *  break ending physical line `line`). */
export interface Rewind {
  byte: number;
  line: number;
}

/** A record past the limit, whose text is no longer kept. */
interface Skipped {
  /** Characters of the record dropped so far. */
  dropped: number;
  shown: string;
  /** Its first physical line: length, text (null when longer than the limit), and the byte
   *  offset of the line break ending it (-1 until it is met). */
  firstLineChars: number;
  firstLine: string | null;
  breakByte: number;
}

export interface FramerOptions {
  /** Default MAX_RECORD_CHARS; smaller in tests. */
  maxRecordChars?: number;
  /** The dialect's delimiter and quote character (default "," and '"'): one character each. */
  delimiter?: string;
  quoteChar?: string;
  /** How the file's bytes map to text, for the byte offsets of a rewind: UTF-8 (default), or a
   *  single-byte encoding where one character is one byte. */
  singleByte?: boolean;
}

export class RecordFramer {
  private readonly max: number;
  private buf = "";
  private pos = 0;
  private recStart = 0;
  private recLine = 1;
  private line = 1;
  private inQuotes = false;
  private problem: FrameProblem | null = null;
  /** The open record's text before buf[0], already scanned: joined once, when it ends. */
  private head: string[] = [];
  private headChars = 0;
  /** The delimiter and the quote, as character codes and as text (indexOf). */
  private readonly delim: number;
  private readonly quote: number;
  private readonly quoteText: string;
  private readonly byteLength: (text: string) => number;
  /** The character before buf[recStart] in the open record; the delimiter at its start (a quote
   *  there opens a field). */
  private before: number;
  private skipped: Skipped | null = null;
  /** UTF-8 bytes of the text pushed so far (to buf's end). */
  private bytes = 0;
  private rewind: Rewind | null = null;
  /** After a rewind: the text starts with the line break that ended the rejected line. */
  private atBreak = false;
  /** First line on which each kind of record ending was seen (breaks inside quotes are text). */
  readonly endings = new Map<LineEnding, number>();
  /** Characters placed in the scan buffer, summed over pushes: each character once, plus at most
   *  one carried over per push (tests check that reading stays linear). */
  bufferedChars = 0;

  constructor(options: FramerOptions = {}) {
    this.max = options.maxRecordChars ?? MAX_RECORD_CHARS;
    this.delim = (options.delimiter ?? ",").charCodeAt(0);
    this.quoteText = options.quoteChar ?? '"';
    this.quote = this.quoteText.charCodeAt(0);
    this.byteLength = options.singleByte ? (text) => text.length : (text) => Buffer.byteLength(text);
    this.before = this.delim;
  }

  /** Physical line of the next character to read. */
  get currentLine(): number {
    return this.line;
  }

  /** `bytes`: the UTF-8 length of `text`, when the caller knows it. */
  push(text: string, bytes = this.byteLength(text)): FramedRecord[] {
    if (this.rewind) throw new Error("RecordFramer: read again from the rewind point (takeRewind) before pushing more text");
    this.bytes += bytes;
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    this.bufferedChars += this.buf.length;
    const out: FramedRecord[] = [];
    this.scan(out, false);
    return out;
  }

  end(): FramedRecord[] {
    const out: FramedRecord[] = [];
    this.scan(out, true);
    while (this.inQuotes && !this.rewind) {
      if (this.recover(out)) this.scan(out, true);
    }
    if (this.rewind) return out;
    if (this.recStart < this.buf.length || this.headChars > 0 || this.skipped) this.emit(out, this.buf.length, this.line);
    this.buf = "";
    this.pos = this.recStart = 0;
    return out;
  }

  /**
   * After push() or end(): where the framer needs the text again from, or null. The caller then
   * pushes the text from that byte on (and calls end() again at its end); the framer has
   * already forgotten what came after it.
   */
  takeRewind(): Rewind | null {
    const r = this.rewind;
    this.rewind = null;
    return r;
  }

  private noteEnding(kind: LineEnding, line: number): void {
    if (!this.endings.has(kind)) this.endings.set(kind, line);
  }

  /** Counts the line breaks in s[from, to) (inside a quoted field). They are the cell's text,
   *  not line ends: a file whose records end in CRLF may hold LF in its notes (the World
   *  Bank's country metadata does), and that is no mix of line endings. */
  private countBreaks(s: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c !== LF && c !== CR) continue;
      const crlf = c === CR && s.charCodeAt(k + 1) === LF && k + 1 < to;
      if (this.skipped && this.line === this.recLine) this.firstBreak(s, k);
      this.line++;
      if (crlf) k++;
    }
  }

  // The hot loop: it jumps from quote to quote and from line break to line break with indexOf
  // (a character-by-character loop cost three times as much at a million rows). Delimiters
  // matter only around quotes, so they are looked at there.
  private scan(out: FramedRecord[], final: boolean): void {
    const QUOTE = this.quote;
    const DELIM = this.delim;
    const quoteText = this.quoteText;
    let s = this.buf;
    let n = s.length;
    let i = this.pos;
    if (this.atBreak) {
      if (n === 0 || (n === 1 && s.charCodeAt(0) === CR && !final)) return;
      i = s.charCodeAt(0) === CR && s.charCodeAt(1) === LF ? 2 : 1;
      this.atBreak = false;
      this.line = this.recLine + 1;
      this.startRecord(i);
    }
    // Where the next LF, CR and quote are, found again only once passed: a search that finds
    // nothing (a file without CR) must not be repeated for every record.
    let lf = -2;
    let cr = -2;
    let quote = -2;
    const next = (at: number, ch: string, from: number) => (at !== -1 && at < from ? s.indexOf(ch, from) : at);
    while (i < n) {
      if (this.inQuotes) {
        quote = quote === -2 ? s.indexOf(quoteText, i) : next(quote, quoteText, i);
        const q = quote;
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
          if (c !== DELIM && c !== LF && c !== CR) {
            this.problem = "bad-closing-quote";
            if (this.line > this.recLine) {
              // The record ran over several lines through a quoted field, then broke the rules:
              // the quote that opened it is the likelier fault. Reject its first line, re-read the rest.
              if (!this.recover(out)) return;
              s = this.buf;
              n = s.length;
              i = this.pos;
              lf = cr = quote = -2; // reading goes back: the cached positions are stale
            }
          }
        }
        continue;
      }
      lf = lf === -2 ? s.indexOf("\n", i) : next(lf, "\n", i);
      cr = cr === -2 ? s.indexOf("\r", i) : next(cr, "\r", i);
      quote = quote === -2 ? s.indexOf(quoteText, i) : next(quote, quoteText, i);
      const br = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      const q = quote;
      if (q !== -1 && (br === -1 || q < br)) {
        if (this.problem === null) {
          if ((q > this.recStart ? s.charCodeAt(q - 1) : this.before) === DELIM) {
            this.inQuotes = true;
            i = q + 1;
            continue;
          }
          this.problem = "stray-quote";
          if (this.line > this.recLine) {
            if (!this.recover(out)) return;
            s = this.buf;
            n = s.length;
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
      this.emit(out, br, this.line);
      this.line++;
      i = br + (crlf ? 2 : 1);
      this.startRecord(i);
    }
    this.pos = i;
    this.settle();
  }

  /**
   * After a scan: the open record's scanned text leaves the buffer (into `head`, or dropped
   * past the limit), so the next push starts a buffer of the new text and at most the one
   * character kept to see what follows it.
   */
  private settle(): void {
    const s = this.buf;
    const pos = this.pos;
    if (pos > this.recStart) {
      const piece = pos - this.recStart;
      if (this.skipped) this.skipped.dropped += piece;
      else {
        this.head.push(s.slice(this.recStart, pos));
        this.headChars += piece;
      }
      this.before = s.charCodeAt(pos - 1);
    }
    this.buf = pos === 0 ? s : s.slice(pos);
    this.pos = this.recStart = 0;
    if (!this.skipped && this.headChars > this.max) this.startSkipping();
  }

  /** The open record is past the limit: keep what shows it, and where its first line ends. */
  private startSkipping(): void {
    const text = this.head.join("");
    const lf = text.indexOf("\n");
    const cr = text.indexOf("\r");
    const eol = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    this.skipped = {
      dropped: this.headChars,
      shown: text.slice(0, Math.min(SHOWN_RECORD_CHARS, this.max)),
      firstLineChars: eol,
      firstLine: eol !== -1 && eol <= this.max ? text.slice(0, eol) : null,
      breakByte: eol === -1 ? -1 : this.bytes - this.byteLength(this.buf) - this.byteLength(text.slice(eol)),
    };
    this.head = [];
    this.headChars = 0;
  }

  /** A record past the limit meets its first line break at s[k]. */
  private firstBreak(s: string, k: number): void {
    const skipped = this.skipped!;
    skipped.firstLineChars = skipped.dropped + k - this.recStart;
    skipped.breakByte = this.bytes - this.byteLength(s.slice(k));
  }

  /**
   * The record's quote never closes, or it broke the rules on a later line: report its first
   * physical line and read on after it. Returns false when the text after that line is no longer
   * kept and a rewind was asked for (reading stops until the caller serves it).
   */
  private recover(out: FramedRecord[]): boolean {
    if (this.skipped) return this.recoverSkipped(out);
    if (this.headChars > 0) {
      this.buf = this.head.join("") + this.buf;
      this.head = [];
      this.headChars = 0;
      this.before = this.delim;
    }
    const s = this.buf;
    let eol = this.recStart;
    while (eol < s.length && s.charCodeAt(eol) !== LF && s.charCodeAt(eol) !== CR) eol++;
    this.inQuotes = false;
    this.problem = "quote-not-closed";
    this.emit(out, eol, this.recLine);
    const crlf = s.charCodeAt(eol) === CR && s.charCodeAt(eol + 1) === LF;
    const next = eol >= s.length ? eol : eol + (crlf ? 2 : 1);
    this.line = this.recLine + 1;
    this.startRecord(next);
    this.pos = next;
    return true;
  }

  private recoverSkipped(out: FramedRecord[]): boolean {
    const skipped = this.skipped!;
    this.skipped = null;
    this.inQuotes = false;
    if (skipped.breakByte === -1) {
      // One line running to the end of the file (only the end finds a quote that never closes
      // on the record's first line): all of it is the rejected line.
      out.push({ line: this.recLine, text: skipped.shown, problem: "too-large", size: skipped.dropped + this.buf.length - this.recStart, endLine: this.recLine });
      this.buf = "";
      this.pos = this.recStart = 0;
      this.line = this.recLine + 1;
      this.startRecord(0);
      return true;
    }
    const size = skipped.firstLineChars;
    if (skipped.firstLine === null) out.push({ line: this.recLine, text: skipped.shown, problem: "too-large", size, endLine: this.recLine });
    else out.push({ line: this.recLine, text: skipped.firstLine, problem: "quote-not-closed", size, endLine: this.recLine });
    this.rewind = { byte: skipped.breakByte, line: this.recLine };
    this.bytes = skipped.breakByte;
    this.buf = "";
    this.pos = this.recStart = 0;
    this.problem = null;
    this.line = this.recLine;
    this.atBreak = true;
    return false;
  }

  private emit(out: FramedRecord[], end: number, endLine: number): void {
    const skipped = this.skipped;
    const size = (skipped ? skipped.dropped : this.headChars) + end - this.recStart;
    if (skipped || size > this.max) {
      out.push({ line: this.recLine, text: skipped ? skipped.shown : this.prefix(end, Math.min(SHOWN_RECORD_CHARS, this.max)), problem: "too-large", size, endLine });
      this.skipped = null;
    } else {
      const tail = this.buf.slice(this.recStart, end);
      out.push({ line: this.recLine, text: this.headChars > 0 ? this.head.join("") + tail : tail, problem: this.problem, size, endLine });
    }
    if (this.headChars > 0) {
      this.head = [];
      this.headChars = 0;
    }
  }

  /** The first `chars` characters of the open record, which ends at buf[end]. */
  private prefix(end: number, chars: number): string {
    let text = "";
    for (const piece of this.head) {
      if (text.length >= chars) return text;
      text += piece.slice(0, chars - text.length);
    }
    return text + this.buf.slice(this.recStart, Math.min(end, this.recStart + chars - text.length));
  }

  private startRecord(index: number): void {
    this.recStart = index;
    this.recLine = this.line;
    this.problem = null;
    this.before = this.delim;
  }
}
