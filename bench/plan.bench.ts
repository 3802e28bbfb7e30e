/*
 * The replenishment plan of 5,000 SKUs x 104 weeks (npm run bench -- plan): the table made by
 * scripts/make-sample-skus.ts (--skus 5000, the sample's mix), then
 * - the engine: readSkus + planSkus (auto forecasts, safety stock, reorder points) and the Plan
 *   sheet's workbook plan (planReplenishmentWorkbook);
 * - the wizard's build: the worker's computation (computePlan: the plan and the Plan sheet's
 *   workbook plan) and the writer's Excel.run batches against the Excel stand-in (Excel itself is
 *   not here: the stand-in enforces its request rules and counts the syncs; its own bookkeeping is
 *   part of the time), the planner's table on a sheet of 5,000 rows;
 * - `npm run plan` end to end as a process: CSV in, .xlsx out (timed from spawn to exit);
 * against the baseline measured in the same run: the automatic forecasts alone (fitForecast on every
 * history), the floor of any plan. Writes its section of BENCHMARKS.md.
 */
import { execFileSync, spawnSync } from "child_process";
import { cpus, loadavg, tmpdir } from "os";
import { mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { join } from "path";
import { fitForecast } from "../src/forecast/fit";
import { recogniseColumns } from "../src/plan/columns";
import { planSkus } from "../src/plan/plan";
import { DEFAULT_POLICY } from "../src/plan/policy";
import { planReplenishmentWorkbook } from "../src/plan/sheet";
import { Cell, cellNumber, readSkus } from "../src/plan/skus";
import { recordBenchmark } from "./record";
import { colLetter } from "../src/workbook/a1";
import { ExcelStandIn } from "../test/taskpane/standin/excelStandIn";
import { applyPlan } from "../taskpane/excel/writer";
import { computePlan } from "../taskpane/worker/planCompute";

const COMMAND = "npm run bench -- plan";
const SKUS = 5000;

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "scm-plan-bench-"));
  try {
    const root = join(__dirname, "..");
    const csv = join(dir, "skus.csv");
    execFileSync(
      process.execPath,
      [join(root, "node_modules", "tsx", "dist", "cli.mjs"), join(root, "scripts", "make-sample-skus.ts"), csv, "--skus", String(SKUS)],
      {
        stdio: "ignore",
      },
    );
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    const headers = lines[0].split(",");
    const rows = lines.slice(1).map((l) => l.split(",").map((v): Cell => (v === "" ? null : (cellNumber(v) ?? v))));
    const mapping = recogniseColumns(headers, rows.slice(0, 20));

    planSkus(readSkus(rows.slice(0, 500), mapping), DEFAULT_POLICY); // warm-up (the JIT), not timed
    let t0 = performance.now();
    const skus = readSkus(rows, mapping);
    for (const s of skus) fitForecast(s.history, { method: "auto", seasonLength: DEFAULT_POLICY.seasonLength }).forecast(2);
    const baseline = seconds(t0);

    t0 = performance.now();
    const plan = planSkus(readSkus(rows, mapping), DEFAULT_POLICY);
    const engine = seconds(t0);
    t0 = performance.now();
    const wb = planReplenishmentWorkbook({ sheet: "SKUs", headerRow: 1, firstCol: 1, rows: rows.length }, mapping, DEFAULT_POLICY, plan, {
      builtAt: "bench",
      table: { headers, rows },
    });
    const sheetPlan = seconds(t0);
    const cells = wb.sheets.reduce((a, s) => a + s.cells.length, 0);
    const formulas = wb.sheets.reduce((a, s) => a + s.cells.filter((c) => c.formula !== undefined).length, 0);

    // The wizard: the planner's table in the stand-in, the worker's computation, the writer.
    const tableCells: Record<string, string | number> = {};
    [headers, ...rows].forEach((row, i) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== "") tableCells[`${colLetter(1 + c)}${1 + i}`] = v as string | number;
      }),
    );
    const xl = new ExcelStandIn({ sheets: [{ name: "SKUs", cells: tableCells }] });
    t0 = performance.now();
    const computed = computePlan({
      type: "plan",
      rows,
      mapping,
      policy: DEFAULT_POLICY,
      where: { sheet: "SKUs", headerRow: 1, firstCol: 1, rows: rows.length },
      builtAt: "bench",
    });
    const wizardCompute = seconds(t0);
    const syncsBefore = xl.syncs;
    t0 = performance.now();
    await applyPlan(xl.run, computed.workbook, { group: "plan" });
    const wizardWrite = seconds(t0);
    const syncs = xl.syncs - syncsBefore;

    const out = join(dir, "plan.xlsx");
    t0 = performance.now();
    const cli = spawnSync(
      process.execPath,
      [join(root, "node_modules", "tsx", "dist", "cli.mjs"), join(root, "cli", "plan.ts"), "--input", csv, "--out", out],
      {
        encoding: "utf8",
      },
    );
    const command = seconds(t0);
    if (cli.status !== 0) throw new Error(`npm run plan failed (${cli.status}): ${cli.stderr}`);
    const size = statSync(out).size;

    const rowsOut = [
      "| what | seconds | per SKU (ms) | ratio to the forecasts alone |",
      "|---|---:|---:|---:|",
      `| baseline: automatic forecasts alone (fitForecast on ${SKUS.toLocaleString("en-US")} histories) | ${baseline.toFixed(2)} | ${((baseline * 1000) / SKUS).toFixed(3)} | 1.00x |`,
      `| the plan (readSkus + planSkus: classes, forecasts, safety stock, reorder points, orders) | ${engine.toFixed(2)} | ${((engine * 1000) / SKUS).toFixed(3)} | ${(engine / baseline).toFixed(2)}x |`,
      `| the Plan sheet's workbook plan (${cells.toLocaleString("en-US")} cells, ${formulas.toLocaleString("en-US")} formulas) | ${sheetPlan.toFixed(2)} | ${((sheetPlan * 1000) / SKUS).toFixed(3)} | ${(sheetPlan / baseline).toFixed(2)}x |`,
      `| the wizard's build, computing (the plan worker's computePlan) | ${wizardCompute.toFixed(2)} | ${((wizardCompute * 1000) / SKUS).toFixed(3)} | ${(wizardCompute / baseline).toFixed(2)}x |`,
      `| the wizard's build, writing the Plan sheet (Excel.run against the stand-in: ${syncs} syncs) | ${wizardWrite.toFixed(2)} | ${((wizardWrite * 1000) / SKUS).toFixed(3)} | ${(wizardWrite / baseline).toFixed(2)}x |`,
      `| \`npm run plan\` as a process: CSV in, .xlsx out (${(size / 2 ** 20).toFixed(1)} MB) | ${command.toFixed(2)} | ${((command * 1000) / SKUS).toFixed(3)} | ${(command / baseline).toFixed(2)}x |`,
    ];
    const t = rowsOut.join("\n");
    console.log(t);
    const cpu = cpus()[0]?.model ?? "unknown CPU";
    recordBenchmark(
      "plan.bench",
      "## Replenishment plan",
      [
        `Command: \`${COMMAND}\`. Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} x ${cpu},`,
        `load average ${loadavg()[0].toFixed(1)} at the end. ${SKUS.toLocaleString("en-US")} SKUs x 104 weeks from \`scripts/make-sample-skus.ts --skus ${SKUS}\``,
        `(the sample's mix), the default policy (auto forecasts, season length 52, review period 1, EOQ), one thread.`,
        "",
        t,
      ].join("\n"),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
