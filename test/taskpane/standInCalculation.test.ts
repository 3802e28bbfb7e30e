/*
 * The recalculation engine plugged into the real Excel stand-in's model (standInCalculation.ts), as
 * excelStandIn.ts will call it: the wizard's writer builds the replenishment plan through Excel.run,
 * the full calculation at its end gives every Plan figure, and an edit of "On hand" in the planner's
 * table recalculates the row's Order now. The stand-in itself is not changed here: each test calls
 * `wrote` / `afterBatch` / `full` where the stand-in's sync will.
 */
// office-addin-mock needs only the OfficeApp enum of office-addin-manifest (see writer.test.ts).
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"), { virtual: true });
jest.mock(
  "office-addin-mock/node_modules/office-addin-manifest",
  () => jest.requireActual("office-addin-mock/node_modules/office-addin-manifest/lib/officeApp"),
  { virtual: true },
);
import { recogniseColumns } from "../../src/plan/columns";
import { planSkus } from "../../src/plan/plan";
import { DEFAULT_POLICY } from "../../src/plan/policy";
import { PLAN_FIRST_ROW, planReplenishmentWorkbook } from "../../src/plan/sheet";
import { readSkus } from "../../src/plan/skus";
import { colLetter } from "../../src/workbook/a1";
import { applyPlan } from "../../taskpane/excel/writer";
import { ExcelStandIn } from "./standin/excelStandIn";
import { nameTarget, StandInCalculation } from "./standin/standInCalculation";

describe("the model's cells and names", () => {
  test("constants, error constants, formulas; values, valueTypes and text as Excel shows them", () => {
    const xl = new ExcelStandIn({
      sheets: [{ name: "Data", cells: { A1: 2, A2: "x", B1: "=A1*3", B2: "=A2&A9", B3: "=1/0", B4: "=SCM.FORECAST(A1:A2)", B5: '=""' } }],
    });
    const cells = xl.sheet("Data")!.cells;
    cells.set("A3", { value: "#N/A", error: "#N/A", typedAs: "error" }); // an error constant, as parseTypedInput stores it
    cells.set("B6", { formula: "=ISERROR(A3)" });
    const calc = new StandInCalculation(xl);
    expect(calc.values(cells.get("B1"))).toBe(0); // not calculated yet
    const report = calc.full();
    expect(report).toMatchObject({ cycles: [], problems: [] });
    const refs = ["A1", "A2", "A3", "B1", "B2", "B3", "B4", "B5", "B6", "Z9"];
    expect(refs.map((r) => calc.values(cells.get(r)))).toEqual([2, "x", "#N/A", 6, "x", "#DIV/0!", "#NAME?", "", true, ""]);
    expect(refs.map((r) => calc.valueType(cells.get(r)))).toEqual([
      "Double",
      "String",
      "Error",
      "Double",
      "String",
      "Error",
      "Error",
      "String",
      "Boolean",
      "Empty",
    ]);
    expect(calc.text(cells.get("B6"))).toBe("TRUE");
    // The model is unchanged: a formula cell is still just its formula.
    expect(cells.get("B1")).toEqual({ formula: "=A1*3" });
  });

  test("names as the writer adds them", () => {
    expect(nameTarget("=Plan!$B$6")).toEqual({ sheet: "Plan", row: 6, col: 2, rows: 1, cols: 1 });
    expect(nameTarget("='Planner''s table'!$A$2:$C$9")).toEqual({ sheet: "Planner's table", row: 2, col: 1, rows: 8, cols: 3 });
    expect(nameTarget("=0.95")).toBeUndefined();
  });

  test("automatic, suspended and full calculation", () => {
    const xl = new ExcelStandIn({ sheets: [{ name: "S", cells: { A1: 1, B1: "=A1+1", C1: "=B1*10" } }] });
    const cells = xl.sheet("S")!.cells;
    const calc = new StandInCalculation(xl);
    calc.full();
    const shown = () => ["B1", "C1"].map((r) => calc.values(cells.get(r)));
    expect(shown()).toEqual([2, 20]);
    // A write in a suspended batch: dependents keep their values until a full calculation.
    cells.set("A1", { value: 5 });
    calc.wrote("S", { r1: 1, c1: 1, r2: 1, c2: 1 });
    calc.afterBatch({ suspended: true });
    expect(shown()).toEqual([2, 20]);
    // A new formula in a suspended batch shows 0.
    cells.set("D1", { formula: "=C1+1" });
    calc.wrote("S", { r1: 1, c1: 4, r2: 1, c2: 4 });
    calc.afterBatch({ suspended: true });
    expect(calc.values(cells.get("D1"))).toBe(0);
    calc.afterBatch({ suspended: false, full: true });
    expect([...shown(), calc.values(cells.get("D1"))]).toEqual([6, 60, 61]);
    // Automatic: what the write reaches, no more.
    cells.set("A1", { value: 7 });
    calc.wrote("S", { r1: 1, c1: 1, r2: 1, c2: 1 });
    calc.afterBatch({ suspended: false }); // owed, done at the next read
    expect(calc.settle()!.evaluated).toBe(3);
    expect([...shown(), calc.values(cells.get("D1"))]).toEqual([8, 80, 81]);
    // A name added: the next automatic recalculation is a full one.
    xl.names.push({ name: "Base", formula: "=S!$A$1" });
    cells.set("E1", { formula: "=Base*2" });
    calc.invalidate();
    calc.afterBatch({ suspended: false });
    expect(calc.settle()!.evaluated).toBe(4);
    expect(calc.values(cells.get("E1"))).toBe(14);
  });
});

describe("the replenishment plan written by the wizard's writer", () => {
  test("built with calculation suspended and a full calculation at the end; an On hand edit turns Order now on", async () => {
    // The planner's table on the user's sheet (as in writer.test.ts's replenishment()).
    const weeks = 12;
    const skus = 6;
    const headers = ["SKU", "On hand", "On order", "Lead time", "Unit cost", "Order cost", "Holding rate"];
    for (let w = 1; w <= weeks; w++) headers.push(`W${w}`);
    const rows = Array.from({ length: skus }, (_, i) => [
      `S-${i + 1}`,
      200 + (i % 7) * 5,
      i % 3 === 0 ? 8 : 0,
      1 + (i % 4),
      2 + i,
      50,
      0.25,
      ...Array.from({ length: weeks }, (_, t) => 5 + ((i * 3 + t * 7) % 11)),
    ]);
    const cells: Record<string, string | number> = {};
    [headers, ...rows].forEach((row, r) => row.forEach((v, c) => (cells[`${colLetter(c + 1)}${r + 1}`] = v)));
    const mapping = recogniseColumns(headers, rows);
    const policy = { ...DEFAULT_POLICY, method: "naive" as const };
    const computed = planSkus(readSkus(rows, mapping), policy);
    const plan = planReplenishmentWorkbook({ sheet: "SKUs", headerRow: 1, firstCol: 1, rows: skus }, mapping, policy, computed, {
      builtAt: "2026-11-29 12:00",
    });
    const xl = new ExcelStandIn({ sheets: [{ name: "SKUs", cells }] });
    const calc = new StandInCalculation(xl);
    calc.full();
    await applyPlan(xl.run, plan, { group: "plan" });
    // The writer's last batch: Application.calculate("Full"), not suspended.
    expect(xl.needsRecalc).toBe(false);
    calc.afterBatch({ suspended: false, full: true });
    const report = calc.settle()!;
    expect(report).toMatchObject({ cycles: [], problems: [] });

    const planCells = xl.sheet("Plan")!.cells;
    const at = (ref: string) => calc.values(planCells.get(ref));
    computed.skus.forEach((p) => {
      const r = PLAN_FIRST_ROW + p.row;
      expect(at(`M${r}`)).toBe(p.position);
      expect(at(`K${r}`) as number).toBeCloseTo(p.reorderPoint, 9);
      expect(at(`N${r}`)).toBe(p.orderNow ? "Order now" : "");
      expect(at(`U${r}`)).toBe("#NAME?"); // SCM.DEMAND_CLASS without the add-in
    });
    expect(computed.skus.every((p) => !p.orderNow)).toBe(true);
    expect(at("E10")).toBe(0);

    // The planner types 0 in On hand for S-2 (SKUs!B3): an automatic recalculation after the batch.
    await xl.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("SKUs").getRange("B3").values = [[0]];
      await ctx.sync();
    });
    calc.wrote("SKUs", { r1: 3, c1: 2, r2: 3, c2: 2 });
    calc.afterBatch({ suspended: false });
    const s2 = computed.skus[1];
    const r = PLAN_FIRST_ROW + 1;
    expect(at(`M${r}`)).toBe(s2.position - 205);
    expect(at(`N${r}`)).toBe(s2.position - 205 <= s2.reorderPoint ? "Order now" : "");
    expect(at(`N${r}`)).toBe("Order now");
    expect(at("E10")).toBe(1);
    expect(at(`O${r}`)).toBeGreaterThan(0);
  });
});
