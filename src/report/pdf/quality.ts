/**
 * The data-quality section: rows in, published and rejected per input; the files of the release;
 * then the warnings (up to 100 of each code, the rest counted) and rejected rows (up to a limit)
 * with their titles and messages as the checks wrote them. A warning is drawn the same way whatever its code, so new checks need no change here.
 */
import type { QualityIssue, SummaryModel } from "../model.js";
import { formatBytes, groupThousands, plural } from "../format.js";
import { FONT } from "./fonts.js";
import type { Layout, TextStyle } from "./layout.js";
import { COLOUR, SIZE } from "./theme.js";

const CELL: TextStyle = { size: SIZE.small };
const HEAD: TextStyle = { font: FONT.bold, size: SIZE.small };
const ROW = 14;

function drawGrid(layout: Layout, header: string[], rows: string[][], widths: number[], numeric: boolean[]): void {
  const xs = widths.map((_, i) => layout.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const drawHead = () => {
    for (const [i, h] of header.entries()) layout.lineAt(h, xs[i]!, layout.y, widths[i]! - 6, { ...HEAD, align: numeric[i] ? "right" : "left" });
    layout.y += ROW;
    layout.rule(layout.y - 3);
  };
  layout.ensure(2 * ROW);
  drawHead();
  for (const row of rows) {
    if (layout.ensure(ROW)) drawHead();
    for (const [i, c] of row.entries()) layout.lineAt(c, xs[i]!, layout.y, widths[i]! - 6, { ...CELL, align: numeric[i] ? "right" : "left" });
    layout.y += ROW;
  }
  layout.gap(6);
}

function drawIssue(layout: Layout, issue: QualityIssue): void {
  const colour = issue.severity === "error" ? COLOUR.error : COLOUR.warning;
  const x = layout.left + 10;
  const width = layout.width - 10;
  const messageHeight = layout.measure(issue.message, width, CELL);
  const h = 12 + messageHeight + 6;
  layout.ensure(h);
  layout.doc.rect(layout.left, layout.y, 2.5, h - 5).fill(colour);
  // A warning's label (W1) is what figures elsewhere in the report point to.
  const title = issue.ref ? `${issue.ref}  ${issue.title}` : issue.title;
  const titleWidth = Math.min(layout.widthOf(title, HEAD), width * 0.7);
  layout.lineAt(title, x, layout.y, titleWidth, { ...HEAD, colour });
  layout.lineAt(issue.code, x + titleWidth + 6, layout.y + 0.8, width - titleWidth - 6, { font: FONT.condensed, size: SIZE.tiny, colour: COLOUR.muted });
  layout.y += 12;
  layout.y += layout.textAt(issue.message, x, layout.y, width, CELL) + 6;
}

export function drawQuality(layout: Layout, model: SummaryModel): void {
  const q = model.quality;
  layout.heading("Data quality", 1, 100);
  const rejected = q.inputs.reduce((n, i) => n + i.rowsRejected, 0);
  layout.paragraph(
    `${plural(q.observations.reported + q.observations.derived, "observation")} published: ${q.observations.reported} as reported by their sources, ` +
      `${q.observations.derived} derived by this pipeline. ${plural(rejected, "row")} rejected; ${plural(q.warnings, "warning")}.`,
    { size: SIZE.body },
    { after: 8 },
  );
  const inputWidths = [layout.width - 3 * 80, 80, 80, 80];
  drawGrid(
    layout,
    ["Input file", "Rows in", "Published", "Rejected"],
    q.inputs.map((i) => [i.file, String(i.rowsIn), String(i.rowsPublished), String(i.rowsRejected)]),
    inputWidths,
    [false, true, true, true],
  );
  if (q.files.length > 0) {
    layout.heading("Files in this release", 2, 40);
    const fileWidths = [150, 60, 70, layout.width - 280];
    const rows = q.files.map((f) => [f.file, f.rows === null ? "" : String(f.rows), formatBytes(f.bytes), `sha256 ${f.sha256.slice(0, 16)}\u2026`]);
    drawGrid(layout, ["File", "Rows", "Size", "Checksum"], rows, fileWidths, [false, true, true, false]);
  }
  const errors = q.issues.filter((i) => i.severity === "error");
  const warnings = q.issues.filter((i) => i.severity !== "error");
  layout.heading(`Warnings (${q.warnings})`, 2, 40);
  if (warnings.length === 0) layout.paragraph("No warnings: every check passed.", { size: SIZE.small, colour: COLOUR.muted });
  for (const w of warnings) drawIssue(layout, w);
  for (const cut of q.warningsNotShown) {
    const listed = q.listedPerCode === null ? "see validation.json" : `validation.json counts every one and lists the first ${groupThousands(String(q.listedPerCode))} of each kind`;
    layout.paragraph(`\u2026 and ${plural(cut.count, "more warning")} of this kind (${cut.title}, ${cut.code}) \u2014 ${listed}.`, {
      size: SIZE.small,
      colour: COLOUR.muted,
    });
  }
  if (q.errors > 0) {
    layout.heading(`Rejected rows (${plural(q.errors, "error")})`, 2, 40);
    for (const e of errors) drawIssue(layout, e);
    if (q.notShown > 0) layout.paragraph(`\u2026 and ${q.notShown} more; rejects.csv lists every rejected row with its reasons.`, { size: SIZE.small, colour: COLOUR.muted });
  }
  if (q.notes.length > 0) {
    layout.heading("Notes on this report", 2, 40);
    for (const n of q.notes) layout.paragraph(n, { size: SIZE.small }, { after: 3 });
  }
}
