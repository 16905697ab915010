import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvParseOptions, DEFAULT_DIALECT, dialectProblems, mergeDialect, numberFormat } from "../../../src/stages/ingest/dialect.js";

describe("mergeDialect", () => {
  it("takes the defaults, then the reader's, then the input's; undefined changes nothing", () => {
    const d = mergeDialect({ headerStartsWith: "Country Name", delimiter: "," }, { delimiter: ";", decimal: ",", missing: ["", ".."] });
    expect(d).toEqual({ ...DEFAULT_DIALECT, headerStartsWith: "Country Name", delimiter: ";", decimal: ",", missing: ["", ".."] });
    expect(mergeDialect({ skipRows: 4 }, { skipRows: undefined as unknown as number })).toMatchObject({ skipRows: 4 });
    expect(mergeDialect()).toEqual(DEFAULT_DIALECT);
  });
});

describe("dialectProblems", () => {
  it("names each bad option, the rule and the value", () => {
    expect(dialectProblems({ delimiter: ";;", quoteChar: "", skipRows: -1, encoding: "latin1", missing: "NA", decimal: "·", thousands: "_", headerStartsWith: "", delimeter: "," })).toEqual([
      "dialect.delimeter: unknown option (known: delimiter, quoteChar, skipRows, headerStartsWith, encoding, bom, missing, decimal, thousands)",
      'dialect.delimiter: expected one character other than a line break, got ";;"',
      'dialect.quoteChar: expected one character other than a line break, got ""',
      "dialect.skipRows: expected a whole number of records, 0 or more, got -1",
      'dialect.headerStartsWith: expected the text of the header\'s first cell, or null, got ""',
      'dialect.encoding: expected one of utf-8, windows-1252, got "latin1"',
      'dialect.missing: expected a list of cell texts, such as ["", "..", "NA"], got "NA"',
      'dialect.decimal: expected "." or ",", got "·"',
      'dialect.thousands: expected one of ",", ".", " ", "\'", or null, got "_"',
    ]);
  });

  it("checks combinations on top of the reader's defaults", () => {
    expect(dialectProblems({ quoteChar: ";" }, mergeDialect({ delimiter: ";" }))).toEqual(['dialect: the delimiter and the quote character are both ";"']);
    expect(dialectProblems({ decimal: "," }, mergeDialect({ thousands: "," }))).toEqual(['dialect: the decimal and thousands separators are both ","']);
    expect(dialectProblems({ delimiter: "\n" })).toEqual(['dialect.delimiter: expected one character other than a line break, got "\\n"']);
    expect(dialectProblems("semicolon", DEFAULT_DIALECT, "inputs.tidy.dialect")).toEqual(['inputs.tidy.dialect: expected an object of dialect options, got "semicolon"']);
    expect(dialectProblems({ delimiter: "\t", decimal: ",", thousands: " ", encoding: "windows-1252", missing: ["", "..", "NA"] })).toEqual([]);
    expect(dialectProblems(undefined)).toEqual([]);
  });
});

describe("csvParseOptions", () => {
  it("splits with the dialect's delimiter and quote, keeps cells as written and empty lines as records", () => {
    const d = mergeDialect({}, { delimiter: ";", quoteChar: "'" });
    const text = "a;'b;c';' d '\n\n'it''s';2,5;\n";
    expect(parse(text, csvParseOptions(d))).toEqual([["a", "b;c", " d "], [""], ["it's", "2,5", ""]]);
  });

  it("gives the number format of the dialect", () => {
    expect(numberFormat(mergeDialect({}, { decimal: ",", thousands: "." }), true)).toEqual({ decimal: ",", thousands: ".", si: true });
  });
});
