/**
 * The replenishment plan's workbook, written by the real command (`npm run plan`, as a process) from
 * the committed sample (samples/skus.csv: 300 SKUs x 104 weeks) and recalculated by a spreadsheet
 * engine nobody here wrote (LibreOffice Calc, headless), must reproduce the engine (src/plan/plan.ts):
 *
 * - no native formula of the Plan sheet is in error, except the chart's gaps (the History and
 *   Forecast columns of the SKU chart are #N/A by design: a line chart leaves a gap there) and the
 *   hidden "(live)" columns, whose SCM functions are #NAME? without the add-in (which is why the
 *   snapshot columns exist);
 * - the shown model columns (demand class, method, forecast, safety stock) fall back to the snapshots;
 * - every native figure (value, ABC, XYZ, service level, lead-time demand, reorder point, order
 *   quantity, position, order now, suggested quantity, cover, run-out period, stock and safety-stock
 *   value) equals planSkus's for each SKU, numbers within 1e-9 relative, and so do the summary by
 *   class, the count to order now and the chart data;
 * - LibreOffice reads the conditional formats (one of them in the x14 extension) and the list of SKUs.
 *
 * A second table (written here, semicolon-separated with decimal commas) takes the paths the sample
 * does not: SKUs that cannot be planned (their problem shown, no figure), a service level and a case
 * size column, a blank row, zero demand, backorders above on hand, equal values (ABC's tie rule), a
 * late start, a lead time of 1.5, and the other order rules (EOQ in full cases with continuous
 * review; periods of supply) and methods.
 *
 * Needs LibreOffice (`apt-get install libreoffice-calc-nogui`); under CI a missing one fails the suite.
 */
import { spawnSync } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import type { ExcelJSTypes } from "../../cli/exceljs";
import { csvValue, parseCsv } from "../../cli/csv";
import { ABC_CLASSES } from "../../src/classify/abc";
import { recogniseColumns } from "../../src/plan/columns";
import { Plan, planSkus, SkuPlan } from "../../src/plan/plan";
import { DEFAULT_POLICY, PlanPolicy } from "../../src/plan/policy";
import { ORDER_NOW, PLAN_COLUMNS, PLAN_FIRST_ROW, PLAN_SHEET } from "../../src/plan/sheet";
import { MAX_PLAN_CELLS, MAX_PLAN_ROWS, readSkus, SkuInput } from "../../src/plan/skus";
import { close } from "../support/compareTrace";
import { findSoffice, loadWorkbook, recalcXlsx, scratchDir, shownValue, type CellResult } from "../support/libreoffice";
import { readConditionalFormats } from "../support/xlsxConditionalFormats";

const root = join(__dirname, "..", "..");
const sampleFile = join(root, "samples", "skus.csv");
const HEADER_ROW = PLAN_FIRST_ROW - 1;

/** A table as the command reads it, and the engine's plan of it with the policy its flags give. */
function enginePlan(text: string, policy: PlanPolicy): { plan: Plan; inputs: SkuInput[]; history: (number | null)[][] } {
  const parsed = parseCsv(text, {
    maxRows: MAX_PLAN_ROWS,
    maxCells: MAX_PLAN_CELLS,
    maxColumns: 16_384,
    maxFieldLength: 32_767,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const { headers, rows: fields, delimiter } = parsed.csv;
  const rows = fields.map((r) => r.map((f) => csvValue(f, delimiter)));
  const mapping = recogniseColumns(headers, rows.slice(0, 20));
  const inputs = readSkus(rows, mapping);
  const h = mapping.history!;
  const history = rows.map((r) => r.slice(h.first, h.last + 1).map((v) => (typeof v === "number" ? v : null)));
  return { plan: planSkus(inputs, policy), inputs, history };
}

const weeks = (...w: (number | string)[]) => w.join(";");
/** Semicolon-separated, decimal commas, thousands points ("1.200"), percentages: the second table. */
const EDGE_CSV = [
  `SKU;Description;On hand;On order;Backorders;Lead time;Unit cost;Order cost;Holding rate;Service level;Case size;${Array.from({ length: 12 }, (_, i) => `W${i + 1}`).join(";")}`,
  `E-01;steady, cased;40;10;0;2;12,5;80;0,25;97%;12;${weeks(10, 12, 9, 11, 10, 13, 12, 9, 10, 11, 12, 10)}`,
  `E-02;no service level, no case;5;0;0;3;3;40;0,2;;;${weeks(4, 6, 5, 7, 3, 5, 6, 4, 5, 6, 5, 7)}`,
  `E-03;no demand;0;0;0;2;7;50;0,25;;6;${weeks(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)}`,
  `E-04;backorders above on hand;0;0;25;4;20;100;0,3;0,95;24;${weeks(30, 28, 35, 31, 29, 33, 30, 32, 28, 34, 31, 30)}`,
  `E-05;bad lead time;10;0;0;soon;5;50;0,25;;;${weeks(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}`,
  `E-06;negative demand;10;0;0;2;5;50;0,25;;;${weeks(1, 2, -3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}`,
  `E-07;tie;10;0;0;2;5;50;0,25;;;${weeks(5, 6, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4)}`,
  `E-08;tie;10;0;0;2;5;50;0,25;;;${weeks(5, 6, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4)}`,
  ";".repeat(22),
  `E-10;late start;3;0;0;1,5;150;120;0,25;;12;${weeks("", "", "", "", 2, 0, 3, 0, 0, 4, 1, 0)}`,
  `E-11;overstocked;5000;0;0;1;2;30;0,15;;;${weeks(20, 25, 18, 22, 24, 19, 21, 23, 20, 22, 25, 18)}`,
  `E-12;one sale;1;0;0;2;9,99;60;0,25;;;${weeks(0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0)}`,
  `E-13;"thousands; quoted";1.200;0;0;2;1,5;50;0,25;;;${weeks(100, 120, 90, 110, 105, 95, 100, 115, 108, 92, 100, 110)}`,
].join("\r\n");

interface Case {
  id: string;
  text: string;
  flags: string[];
  policy: PlanPolicy;
}

const CASES: Case[] = [
  { id: "sample", text: readFileSync(sampleFile, "utf8"), flags: [], policy: DEFAULT_POLICY },
  {
    id: "edge-cases",
    text: EDGE_CSV,
    flags: ["--order-rule", "eoq-cases", "--review-period", "0", "--season-length", "4"],
    policy: { ...DEFAULT_POLICY, orderRule: { kind: "eoq-cases" }, reviewPeriod: 0, seasonLength: 4 },
  },
  {
    id: "edge-periods",
    text: EDGE_CSV,
    flags: ["--order-rule", "periods:2.5", "--method", "ses", "--season-length", "1"],
    policy: { ...DEFAULT_POLICY, orderRule: { kind: "periods", periods: 2.5 }, method: "ses", seasonLength: 1 },
  },
];

/**
 * Disagreements between the Plan sheet (src/plan/sheet.ts, not this suite's to change) and the engine
 * that this suite found and reported: asserted exactly as they are, so that the suite fails, and the
 * entry is removed, once the sheet is fixed.
 *
 * - A SKU with no demand class (no demand, or a single demand: Syntetos-Boylan's CV^2 is undefined):
 *   the engine's class is "", so no snapshot cell is written, and the shown column's fallback
 *   IF(ISERROR(U18),IF(ERROR.TYPE(U18)=5,Y18,U18),U18) reads the empty Y18 as 0.
 */
/** What one case gives: the file as written, the Plan sheet recalculated, the engine's plan. */
interface Written {
  c: Case;
  written: ExcelJSTypes.Worksheet;
  lo: ExcelJSTypes.Worksheet;
  loXlsx: Buffer;
  plan: Plan;
  inputs: SkuInput[];
  history: (number | null)[][];
  /** Column of the Plan sheet by its header (row 15). */
  columnOf: (header: string) => number;
  stderr: string;
}

const soffice = findSoffice();

if (!soffice) {
  test("LibreOffice replenishment plan verification: soffice not found", () => {
    if (process.env.CI) throw new Error("LibreOffice (soffice) is required under CI: apt-get install libreoffice-calc-nogui");
    console.warn("LibreOffice is not installed: the plan verification did NOT run (install libreoffice-calc-nogui; under CI this fails).");
  });
} else {
  describe("replenishment plans written by npm run plan and recalculated by LibreOffice", () => {
    const scratch = scratchDir("scm-plan-lo-");
    const results = new Map<string, Written>();

    beforeAll(async () => {
      const files: string[] = [];
      const runs = CASES.map((c) => {
        const input = join(scratch.dir, `${c.id}.csv`);
        writeFileSync(input, c.text);
        const file = join(scratch.dir, `${c.id}.xlsx`);
        const r = spawnSync(
          process.execPath,
          ["--import", "tsx", join(root, "cli", "plan.ts"), "--input", input, "--out", file, ...c.flags],
          {
            cwd: root,
            encoding: "utf8",
            timeout: 120_000,
          },
        );
        if (r.status !== 0) throw new Error(`npm run plan failed for ${c.id} (${r.status}): ${r.stderr}`);
        files.push(file);
        return { c, file, stderr: r.stderr };
      });
      // One LibreOffice start for every file: most of the cost is starting it.
      const outs = await recalcXlsx(files, join(scratch.dir, "out"));
      for (const [i, { c, file, stderr }] of runs.entries()) {
        const written = (await loadWorkbook(file)).getWorksheet(PLAN_SHEET)!;
        const headers = new Map<string, number>();
        written.getRow(HEADER_ROW).eachCell((cell, col) => void headers.set(String(cell.value), col));
        results.set(c.id, {
          c,
          written,
          lo: (await loadWorkbook(outs[i])).getWorksheet(PLAN_SHEET)!,
          loXlsx: readFileSync(outs[i]),
          ...enginePlan(c.text, c.policy),
          columnOf: (header) => {
            const col = headers.get(header);
            if (col === undefined) throw new Error(`no column headed ${header}`);
            return col;
          },
          stderr,
        });
      }
    }, 240_000);

    afterAll(() => scratch.cleanup());

    const get = (id: string) => results.get(id)!;
    const at = (w: Written, row: number, col: number): CellResult => shownValue(w.lo.getCell(row, col));
    const rowOf = (s: { row: number }) => PLAN_FIRST_ROW + s.row;
    const ids = CASES.map((c) => c.id);

    test("the sample plans every SKU; the second table has its two bad rows as problems, the others planned", () => {
      expect(get("sample").plan.problems).toEqual([]);
      expect(get("sample").plan.skus).toHaveLength(300);
      expect(get("sample").stderr).toBe("plan: every SKU planned (300)\n");
      for (const id of ["edge-cases", "edge-periods"]) {
        const w = get(id);
        expect(w.plan.problems.map((p) => p.sku)).toEqual(["E-05", "E-06"]);
        expect(w.plan.skus.map((s) => s.sku)).toEqual(["E-01", "E-02", "E-03", "E-04", "E-07", "E-08", "E-10", "E-11", "E-12", "E-13"]);
        expect(w.stderr).toBe("plan: 2 of 12 SKUs could not be planned: see the Problem column of the Plan sheet\n");
      }
    });

    test.each(ids)(
      "%s: no native formula is in error, but the chart's gaps (#N/A by design) and the hidden live columns (#NAME? without the add-in)",
      (id) => {
        const w = get(id);
        const live = new Set(
          (["demandClass", "method", "forecast", "safetyStock"] as const).map((k) => w.columnOf(`${PLAN_COLUMNS[k].header} (live)`)),
        );
        const gaps = new Set([w.columnOf("History"), w.columnOf("Forecast")]);
        // A SKU that could not be planned shows "" everywhere (its formulas wait for the problem to go).
        const problemRows = new Set(w.plan.problems.map(rowOf));
        const unexpected: string[] = [];
        let liveErrors = 0;
        w.written.eachRow((row) =>
          row.eachCell((c) => {
            if (c.formula === undefined) return;
            const v = at(w, Number(c.row), Number(c.col));
            const error = v !== null && typeof v === "object" ? v.error : undefined;
            if (live.has(Number(c.col))) {
              if (problemRows.has(Number(c.row)) ? v !== null && v !== "" : error !== "#NAME?") {
                unexpected.push(`${c.address} (live) shows ${JSON.stringify(v)}`);
              } else if (error !== undefined) liveErrors++;
            } else if (error !== undefined && !(gaps.has(Number(c.col)) && error === "#N/A")) {
              unexpected.push(`${c.address} ${error}: ${c.formula}`);
            }
          }),
        );
        expect(unexpected.slice(0, 10)).toEqual([]);
        expect(liveErrors).toBe(4 * w.plan.skus.length);
      },
    );

    test.each(ids)(
      "%s: the shown demand class, method, forecast and safety stock are the snapshots (the live formulas cannot run here)",
      (id) => {
        const w = get(id);
        const mismatches: string[] = [];
        for (const s of w.plan.skus) {
          for (const k of ["demandClass", "method", "forecast", "safetyStock"] as const) {
            const shown = at(w, rowOf(s), PLAN_COLUMNS[k].col);
            const snap = at(w, rowOf(s), w.columnOf(`${PLAN_COLUMNS[k].header} (as built)`));
            if (snap !== null && JSON.stringify(shown) !== JSON.stringify(snap)) {
              mismatches.push(`${s.sku} ${k}: shown ${JSON.stringify(shown)}, snapshot ${JSON.stringify(snap)}`);
            }
          }
        }
        expect(mismatches.slice(0, 10)).toEqual([]);
      },
    );

    test.each(ids)("%s: per SKU, every figure equals planSkus's (numbers within 1e-9 relative)", (id) => {
      const w = get(id);
      const byRow = new Map(w.inputs.map((s) => [s.row, s]));
      const text = (v: CellResult) => (v === null ? "" : v);
      const expected = (s: SkuPlan): [keyof typeof PLAN_COLUMNS, number | string][] => {
        const input = byRow.get(s.row)!;
        return [
          ["sku", s.sku],
          ["value", s.value],
          ["abc", s.abc],
          ["xyz", s.xyz],
          ["demandClass", s.demandClass],
          ["method", s.method],
          ["forecast", s.forecast],
          ["serviceLevel", s.serviceLevel],
          ["safetyStock", s.safetyStock],
          ["leadTimeDemand", s.leadTimeDemand],
          ["reorderPoint", s.reorderPoint],
          ["orderQty", s.orderQty],
          ["position", s.position],
          ["orderNow", s.orderNow ? ORDER_NOW : ""],
          ["suggestedQty", s.suggestedQty],
          ["periodsOfCover", s.periodsOfCover ?? ""],
          ["runOutPeriod", s.runOutPeriod ?? ""],
          ["stockValue", input.onHand * input.unitCost],
          ["problem", ""],
          ["safetyStockValue", s.safetyStock * input.unitCost],
        ];
      };
      const mismatches: string[] = [];
      let compared = 0;
      const check = (sku: string, row: number, k: keyof typeof PLAN_COLUMNS, want: number | string) => {
        const address = w.lo.getCell(row, PLAN_COLUMNS[k].col).address;
        const got = text(at(w, row, PLAN_COLUMNS[k].col));
        compared++;
        if (typeof want === "number" ? typeof got === "number" && close(got, want) : got === want) return;
        const formula = w.written.getCell(address).formula;
        mismatches.push(
          `${sku} ${PLAN_COLUMNS[k].header} (${address}${formula ? ` = ${formula}` : ""}): sheet ${JSON.stringify(got)}, engine ${JSON.stringify(want)}`,
        );
      };
      for (const s of w.plan.skus) for (const [k, want] of expected(s)) check(s.sku, rowOf(s), k, want);
      // A SKU that could not be planned: its problem, and no figure.
      for (const p of w.plan.problems) {
        check(p.sku, rowOf(p), "sku", p.sku);
        check(p.sku, rowOf(p), "problem", p.problem);
        for (const k of Object.keys(PLAN_COLUMNS) as (keyof typeof PLAN_COLUMNS)[]) {
          if (k !== "sku" && k !== "problem") check(p.sku, rowOf(p), k, "");
        }
      }
      expect(compared).toBe(20 * (w.plan.skus.length + w.plan.problems.length));
      expect(mismatches.slice(0, 10)).toEqual([]);
    });

    test.each(ids)(
      "%s: the summary by class and in all (SKUs, value of past demand, stock and safety-stock value); SKUs to order now",
      (id) => {
        const w = get(id);
        const input = new Map(w.inputs.map((s) => [s.row, s]));
        const { summary } = w.plan;
        const all = {
          skus: summary.planned,
          value: w.plan.skus.reduce((t, s) => t + s.value, 0),
          stockValue: w.plan.skus.reduce((t, s) => t + input.get(s.row)!.onHand * input.get(s.row)!.unitCost, 0),
          safetyStockValue: summary.safetyStockValue,
        };
        const rows = [...ABC_CLASSES.map((c) => [c, summary.byClass[c]] as const), ["All", all] as const];
        const got = rows.map(([c], i) =>
          [5, 6, 7, 8].map((col) => at(w, 5 + i, col)).concat([at(w, 5 + i, 4) === c ? c : at(w, 5 + i, 4)]),
        );
        const want = rows.map(([c, x]) => [x.skus, x.value, x.stockValue, x.safetyStockValue, c]);
        got.forEach((g, i) => g.forEach((v, j) => (typeof v === "number" && close(v, want[i][j] as number) ? (g[j] = want[i][j]) : v)));
        expect(got).toEqual(want);
        expect(at(w, 10, 5)).toBe(summary.orderNow);
      },
    );

    test.each(ids)(
      "%s: the chart data: the ABC curve (values by rank, cumulative share), the history and forecast of the SKU in E12",
      (id) => {
        const w = get(id);
        const first = w.plan.skus[0];
        expect(at(w, 12, 5)).toBe(first.sku);
        const rank = w.columnOf("Rank");
        const values = w.plan.skus.map((s) => s.value).sort((a, b) => b - a);
        const total = values.reduce((t, v) => t + v, 0);
        let cumulative = 0;
        const bad: string[] = [];
        values.forEach((v, k) => {
          cumulative += v;
          const r = PLAN_FIRST_ROW + k;
          const got = [at(w, r, rank), at(w, r, rank + 1), at(w, r, rank + 2)];
          if (got[0] !== k + 1 || !close(got[1] as number, v) || !close(got[2] as number, cumulative / total))
            bad.push(`rank ${k + 1}: ${JSON.stringify(got)}`);
        });
        const h = w.columnOf("History");
        const f = w.columnOf("Forecast");
        const history = w.history[first.row];
        history.forEach((v, k) => {
          const got = at(w, PLAN_FIRST_ROW + k, h);
          if (JSON.stringify(got) !== JSON.stringify(v === null ? { error: "#N/A" } : v))
            bad.push(`history ${k + 1}: ${JSON.stringify(got)}, not ${v}`);
        });
        for (let k = history.length; k < history.length + 13; k++) {
          const got = at(w, PLAN_FIRST_ROW + k, f);
          if (typeof got !== "number" || !close(got, first.forecast))
            bad.push(`forecast ${k + 1}: ${JSON.stringify(got)}, not ${first.forecast}`);
        }
        expect(bad).toEqual([]);
      },
    );

    test("LibreOffice reads both conditional formats (order now; runs out within the lead time), the SKU list and the hidden columns", async () => {
      const w = get("sample");
      const last = PLAN_FIRST_ROW + 299;
      const formats = (await readConditionalFormats(w.loXlsx)).filter((f) => f.sheet === PLAN_SHEET);
      expect(formats.map((f) => [f.range, f.formula, f.fill, f.fontColor, f.bold ?? false])).toEqual([
        [`N${PLAN_FIRST_ROW}:N${last}`, `$N${PLAN_FIRST_ROW}="${ORDER_NOW}"`, "F8CBAD", "9C0006", true],
        [
          `Q${PLAN_FIRST_ROW}:Q${last}`,
          `AND(ISNUMBER($Q${PLAN_FIRST_ROW}),$Q${PLAN_FIRST_ROW}<=$AC${PLAN_FIRST_ROW})`,
          "FFEB9C",
          "9C5700",
          false,
        ],
      ]);
      expect(formats[1].extension).toBe(false); // on its own sheet: no x14 extension needed
      const list = w.lo.getCell("E12").dataValidation;
      expect([list.type, list.formulae[0]]).toEqual(["list", `$A$${PLAN_FIRST_ROW}:$A$${last}`]);
      for (const c of ["U", "V", "W", "X", "Y", "Z", "AA", "AB", "AC"]) expect([c, w.lo.getColumn(c).hidden]).toEqual([c, true]);
      expect(w.lo.getColumn("T").hidden).toBe(false);
    });
  });
}
