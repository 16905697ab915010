/** source-files.ts: which raw files each source rests on, with their snapshot records. */
import { describe, expect, it } from "vitest";
import { readers } from "../../src/index.js";
import { Citations, snapshotProvenance, withFiles } from "../../src/pipeline/source-files.js";
import { escapeField } from "../../src/stream/record-codec.js";
import { testPipeline } from "../helpers/pipeline.js";

const source = (id: string) => ({ sourceId: id, publisher: "P", title: "T", url: "https://example.org", published: "", accessed: "", license: "CC-BY-4.0" });
const READ = new Map([
  ["figures.csv", { sha256: "a".repeat(64), bytes: 10 }],
  ["more.csv", { sha256: "b".repeat(64), bytes: 20 }],
  ["sources.csv", { sha256: "c".repeat(64), bytes: 30 }],
]);
const pipeline = testPipeline({
  inputs: {
    figures: { file: "figures.csv", reader: readers.figures() },
    sources: { file: "sources.csv", reader: readers.sources() },
    more: { file: "more.csv", reader: readers.figures() },
  },
});

describe("Citations", () => {
  it("a file cites the sources of its rows, a row citing two cites both, and a row taken back no longer counts", () => {
    const c = new Citations();
    c.add("figures.csv", "src-a;src-b");
    c.add("more.csv", "src-b");
    expect([...c.filesCiting("src-a")]).toEqual(["figures.csv"]);
    expect([...c.filesCiting("src-b")].sort()).toEqual(["figures.csv", "more.csv"]);
    // A figure rejected after it was counted (an aggregate check with --strict).
    c.add("more.csv", "src-b", -1);
    expect([...c.filesCiting("src-b")]).toEqual(["figures.csv"]);
    expect([...c.filesCiting("src-c")]).toEqual([]);
  });

  it("reads the source ids as the sorted records encode them", () => {
    const c = new Citations();
    c.add("figures.csv", escapeField("odd\\id;src-a"));
    expect([...c.filesCiting("odd\\id")]).toEqual(["figures.csv"]);
  });
});

describe("withFiles", () => {
  it("lists the declaring file and the citing files in the order of the pipeline's inputs, each with its record", () => {
    const c = new Citations();
    c.add("more.csv", "src-a");
    c.add("figures.csv", "src-a");
    const records = {
      "more.csv": { url: "https://example.org/more.zip", sha256: "b".repeat(64), bytes: 20, retrieved: "2026-12-05T10:00:00Z", etag: '"x"', member: "more_1.csv", archiveSha256: "d".repeat(64) },
    };
    const [a, b] = withFiles(
      pipeline,
      [source("src-a"), source("src-b")],
      new Map([
        ["src-a", "sources.csv"],
        ["src-b", "sources.csv"],
      ]),
      c,
      READ,
      records,
    );
    expect(a!.files).toEqual([
      { file: "figures.csv", url: null, retrieved: null, sha256: "a".repeat(64), bytes: 10 },
      { file: "sources.csv", url: null, retrieved: null, sha256: "c".repeat(64), bytes: 30 },
      { file: "more.csv", url: "https://example.org/more.zip", member: "more_1.csv", archiveSha256: "d".repeat(64), retrieved: "2026-12-05T10:00:00Z", sha256: "b".repeat(64), bytes: 20 },
    ]);
    // Cited by no published figure: the file describing it only.
    expect(b!.files).toEqual([{ file: "sources.csv", url: null, retrieved: null, sha256: "c".repeat(64), bytes: 30 }]);
  });

  it("publishes of a record what describes the bytes, not the etag or Last-Modified the next fetch sends", () => {
    expect(snapshotProvenance({ url: "https://x.org/a", sha256: "a".repeat(64), bytes: 1, retrieved: null, etag: '"e"', lastModified: "Wed, 01 Oct 2025 10:00:00 GMT", note: "by hand" })).toEqual({
      url: "https://x.org/a",
      retrieved: null,
      note: "by hand",
    });
  });
});
