/**
 * Runs the readers over the real World Bank files in ../shared/data/wdi (not a test: a fresh
 * clone has no such folder). Prints each file's accounting, its rejects with their
 * locations, and the KEN, CHN and WLD rows, for comparison with the files cell for cell.
 *
 *   node --import tsx test/scripts/read-shared-wdi.ts [/work/shared/data/wdi]
 */
import { join } from "node:path";
import * as readers from "../../src/stages/ingest/readers/index.js";
import { readEntities, readFigures, type FiguresRun } from "../helpers/read-table.js";

const root = process.argv[2] ?? "/work/shared/data/wdi";
const internet = readers.worldBank({ indicators: { "IT.NET.USER.ZS": "internet_users_share" }, source: "wb-wdi" });
const population = readers.worldBank({ indicators: { "SP.POP.TOTL": "population" }, source: "wb-wdi" });

function report(name: string, run: FiguresRun): void {
  console.log(`\n== ${name}`);
  for (const p of [...run.problems, ...run.notes]) console.log(`  ${p.code} line ${p.line} ${p.column ?? ""} ${JSON.stringify(p.value)}: ${p.rule}`);
  if (run.header === null || run.problems.length > 0) return;
  const rejected = run.rejects.reduce((n, r) => n + r.item.cells.length, 0);
  console.log(
    `  published date ${run.source?.published ?? "-"}; records ${run.records.length}; cells in ${run.cellsIn} = figures ${run.figures.length} + rejected ${rejected}; missing ${run.missing}`,
  );
  for (const r of run.rejects) console.log(`  reject line ${r.line} ${r.item.code} ${r.item.column} ${JSON.stringify(r.item.value)} (${r.item.cells.length} cells): ${r.item.rule}`);
  for (const code of ["KEN", "CHN", "WLD"]) {
    const rec = run.records.find((r) => r.read.figures[0]?.entity === code);
    if (!rec) continue;
    const figs = rec.read.figures;
    // Cell for cell: every figure's printed text is the cell under its column in the record.
    const exact = figs.every((f) => rec.cells[f.cell] === f.printed && run.header!.cells[f.cell] === f.column && Number(f.printed) === f.value);
    const last = figs
      .slice(-3)
      .map((f) => `${f.column}=${f.printed}`)
      .join(" ");
    console.log(`  ${code} line ${rec.line}: ${figs.length} figures, ${rec.read.missing} missing, cells match: ${exact}; … ${last}`);
  }
}

report("minwoosun API_IT.NET.USER.ZS", readFigures(join(root, "minwoosun-covid-mortality/API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv"), internet));
report("minwoosun API_SP.POP.TOTL", readFigures(join(root, "minwoosun-covid-mortality/API_SP.POP.TOTL_DS2_en_csv_v2_4218816.csv"), population));
report("plotly re-saved API_IT.NET.USER.ZS", readFigures(join(root, "plotly-figure-friday/API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv"), internet));
const shifted = join(root, "shifuumi-time-series/API_SP.POP.TOTL_DS2_en_csv_v2_5358404.csv");
report("shifuumi semicolon re-save, read with the default dialect", readFigures(shifted, population));
report('shifuumi semicolon re-save, delimiter ";"', readFigures(shifted, population, { delimiter: ";" }));

const meta = readEntities(join(root, "plotly-figure-friday/Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv"), readers.worldBankCountries());
console.log(`\n== plotly Metadata_Country`);
console.log(`  rows ${meta.rows.length}, rejects ${meta.rejects.length}, problems ${JSON.stringify([...meta.problems, ...meta.groupProblems])}`);
const kinds = new Map<string, number>();
for (const e of meta.entities) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
console.log(`  kinds ${JSON.stringify(Object.fromEntries(kinds))}`);
for (const e of meta.entities.filter((x) => x.members !== null)) console.log(`  ${e.code} ${e.kind} "${e.name}": ${e.members!.length} members`);
for (const code of ["KEN", "XKX", "CHI", "ZWE"]) {
  const e = meta.entities.find((x) => x.code === code)!;
  console.log(
    `  ${code} line ${e.line} ${e.kind} "${e.name}", in ${meta.entities
      .filter((g) => g.members?.includes(code))
      .map((g) => g.code)
      .join(" ")}`,
  );
}
