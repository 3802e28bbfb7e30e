/**
 * The stand-in's recalculation engine (test/taskpane/standin/recalc.ts) over a small in-memory
 * workbook: each function the replenishment plan uses, Excel's rules for blanks, errors and
 * criteria, cross-sheet references and defined names, dependency order, circular references, the
 * add-in's SCM.* functions without the add-in (#NAME?), recalculation after a change, and the Plan
 * sheet itself (src/plan/sheet.ts) checked against the engine's figures (src/plan/plan.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { recogniseColumns } from "../../src/plan/columns";
import { Plan, planSkus, SkuPlan } from "../../src/plan/plan";
import { DEFAULT_POLICY, PlanPolicy } from "../../src/plan/policy";
import { PLAN_FIRST_ROW, planReplenishmentWorkbook } from "../../src/plan/sheet";
import { Cell, cellNumber, readSkus } from "../../src/plan/skus";
import type { WorkbookPlan } from "../../src/workbook/plan";
import {
  CellValue,
  ErrorValue,
  isErrorValue,
  NameTarget,
  numberText,
  recalculate,
  RecalcOptions,
  Recalculator,
  Workbook,
} from "./standin/recalc";

// ---- an in-memory workbook ---------------------------------------------------------------------------

type Input = number | string | boolean | ErrorValue;

function a1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad address ${ref}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

/** Sheets of cells by A1 address; a string starting with "=" is a formula. */
class MemoryWorkbook implements Workbook {
  readonly sheets = new Map<string, Map<string, { formula?: string; value: CellValue }>>();
  readonly names = new Map<string, NameTarget>();
  formulaCells?: (sheet: string) => Iterable<{ row: number; col: number }>;
  /** setValue calls, for tests of what a recalculation touched. */
  writes: string[] = [];

  constructor(init: Record<string, Record<string, Input>>, listFormulaCells = true) {
    for (const [sheet, cells] of Object.entries(init)) {
      this.sheets.set(sheet, new Map());
      for (const [ref, v] of Object.entries(cells)) this.set(sheet, ref, v);
    }
    if (listFormulaCells) {
      this.formulaCells = function* (this: MemoryWorkbook, sheet: string) {
        for (const [k, c] of this.sheets.get(sheet) ?? []) {
          if (c.formula === undefined) continue;
          const [row, col] = k.split(",").map(Number);
          yield { row, col };
        }
      }.bind(this);
    }
  }

  set(sheet: string, ref: string, v: Input): void {
    const { row, col } = a1(ref);
    const cells = this.sheets.get(sheet)!;
    cells.set(`${row},${col}`, typeof v === "string" && v.startsWith("=") ? { formula: v, value: null } : { value: v });
  }

  get(sheet: string, ref: string): CellValue {
    const { row, col } = a1(ref);
    return this.value(sheet, row, col);
  }

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }
  formula(sheet: string, row: number, col: number): string | undefined {
    return this.sheets.get(sheet)?.get(`${row},${col}`)?.formula;
  }
  value(sheet: string, row: number, col: number): CellValue {
    return this.sheets.get(sheet)?.get(`${row},${col}`)?.value ?? null;
  }
  setValue(sheet: string, row: number, col: number, value: CellValue): void {
    this.sheets.get(sheet)!.get(`${row},${col}`)!.value = value;
    this.writes.push(`${sheet}!${row},${col}`);
  }
  name(name: string): NameTarget | undefined {
    return this.names.get(name.toLowerCase());
  }
  usedBounds(sheet: string): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const k of this.sheets.get(sheet)?.keys() ?? []) {
      const [r, c] = k.split(",").map(Number);
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    }
    return { rows, cols };
  }
}

const err = (code: string): ErrorValue => ({ error: code });

/** Evaluates formulas in column Z of Sheet1 (Z1, Z2, ...) over `data`. */
function evaluate(formulas: string[], data: Record<string, Input> = {}, options: RecalcOptions = {}): CellValue[] {
  const cells: Record<string, Input> = { ...data };
  formulas.forEach((f, i) => (cells[`Z${i + 1}`] = `=${f}`));
  const wb = new MemoryWorkbook({ Sheet1: cells });
  recalculate(wb, options);
  return formulas.map((_, i) => wb.get("Sheet1", `Z${i + 1}`));
}

const one = (formula: string, data: Record<string, Input> = {}, options: RecalcOptions = {}): CellValue =>
  evaluate([formula], data, options)[0];

// A small table: numbers, text, a logical, a blank (C1), an error (A3).
const DATA: Record<string, Input> = {
  A1: 1,
  B1: 2,
  D1: "A",
  E1: "x",
  A2: 4,
  B2: 5,
  C2: 6,
  D2: "",
  E2: "B",
  A3: err("#N/A"),
  B3: "text",
  C3: true,
  D3: 5,
  E3: "bb",
};

describe("functions", () => {
  test.each<[string, CellValue]>([
    // IF, AND, OR, N
    ['IF(A1>0,"yes","no")', "yes"],
    ['IF(A1>1,"yes","no")', "no"],
    ["IF(C1,1,2)", 2], // a blank test is FALSE
    ["IF(A2,1,2)", 1],
    ["IF(A1>1,5)", false],
    ['IF("maybe",1,2)', err("#VALUE!")],
    ["AND(A1>0,B1>1)", true],
    ["AND(A1>0,B1>2)", false],
    ["AND(C3,A1:B2)", true], // numbers in a range: non-zero is TRUE
    ["OR(A1>5,B1>1)", true],
    ["OR(FALSE,0)", false],
    ["N(A2)", 4],
    ["N(C1)", 0],
    ["N(B3)", 0],
    ["N(C3)", 1],
    ["N(A3)", err("#N/A")],
    // SUM, COUNT, AVERAGE, STDEV, SQRT, MAX, MIN, LARGE
    ["SUM(A1:B2)", 12],
    ["SUM(A1:E2)", 18], // text, blanks ignored
    ["SUM(A1:A3)", err("#N/A")], // an error in the range
    ["SUM(A1,B1,3)", 6],
    ["COUNT(A1:E3)", 6],
    ["COUNT(A1,B3,C1)", 1],
    ["AVERAGE(A1:B2)", 3],
    ["AVERAGE(A1:E2)", 3.6],
    ["STDEV(A1:B2)", Math.sqrt(10 / 3)],
    ["STDEV(A1)", err("#DIV/0!")],
    ["STDEV(A1:A3)", err("#N/A")],
    ["SQRT(16)", 4],
    ["SQRT(-1)", err("#NUM!")],
    ["MAX(A1:C2)", 6],
    ["MAX(B3,C1)", 0], // no numbers
    ["MAX(A1:B2,10)", 10],
    ['MAX(A1,"7")', 7], // a literal is coerced
    ["MIN(A1:C2)", 1],
    ["MIN(B:B)", 2], // a whole column
    ["MIN(A:A)", err("#N/A")], // A3
    ["AVERAGE(A1:A3)", err("#N/A")],
    ["AVERAGE(B3)", err("#DIV/0!")],
    ["SUMPRODUCT(A1:A3,B1:B3)", err("#N/A")],
    ["SUMPRODUCT(A1:B1,A2:C2)", err("#VALUE!")], // different sizes
    ["SUMPRODUCT(D1:E2,A1:B2)", 0], // text counts as 0
    ["MAX(A1:A3)", err("#N/A")],
    ["LARGE(A1:C2,1)", 6],
    ["LARGE(A1:C2,2)", 5],
    ["LARGE(A1:C2,5)", 1],
    ["LARGE(A1:C2,6)", err("#NUM!")],
    ["LARGE(A1:C2,0)", err("#NUM!")],
    // ROUNDUP, INT
    ["ROUNDUP(2.1,0)", 3],
    ["ROUNDUP(5,0)", 5],
    ["ROUNDUP(-2.1,0)", -3],
    ["ROUNDUP(1.1,1)", 1.1],
    ["ROUNDUP(1.12,1)", 1.2],
    ["ROUNDUP(1234,-2)", 1300],
    ["INT(2.7)", 2],
    ["INT(-2.5)", -3],
    // SUMPRODUCT
    ["SUMPRODUCT(A1:B2,A1:B2)", 46],
    ["SUMPRODUCT(A1:B1,A2:B2)", 14],
    // INDEX, MATCH, ROW
    ["INDEX(A1:C2,2,3)", 6],
    ["INDEX(A1:E1,4)", "A"], // one row: the nth column
    ["INDEX(A1:A2,2)", 4],
    ["INDEX(A1:C2,3,1)", err("#REF!")],
    ["SUM(INDEX(A1:C2,0,2))", 7], // a whole column of the range
    ["SUM(INDEX(A1:C2,2,0))", 15], // a whole row
    ["MATCH(5,A2:C2,0)", 2],
    ['MATCH("b",E1:E3,0)', 2], // without case
    ['MATCH("b*",E1:E3,0)', 2], // wildcard
    ['MATCH("?b",E1:E3,0)', 3],
    ["MATCH(7,A2:C2,0)", err("#N/A")],
    ["MATCH(4.5,A2:C2,1)", 1], // ascending: the largest <= 4.5
    ["MATCH(6,A2:C2)", 3],
    ["MATCH(0,A2:C2,1)", err("#N/A")],
    ["MATCH(C1,A2:C2,0)", err("#N/A")], // a blank lookup value
    ["MATCH(5,A1:C2,0)", err("#N/A")], // not one row or column
    ["INDEX(A2:C2,MATCH(6,A2:C2,0))", 6],
    ["ROW()", 0], // replaced below: the formula's own row
    ["ROW(B7)", 7],
    ["ROW(C3:C9)", 3],
    // ISNUMBER, ISERROR, ERROR.TYPE, IFERROR, NA
    ["ISNUMBER(A1)", true],
    ["ISNUMBER(B3)", false],
    ["ISNUMBER(C1)", false],
    ["ISERROR(A3)", true],
    ["ISERROR(A1)", false],
    ["ISERROR(1/0)", true],
    ["ERROR.TYPE(A3)", 7],
    ["ERROR.TYPE(1/0)", 2],
    ["ERROR.TYPE(#VALUE!)", 3],
    ["ERROR.TYPE(#REF!)", 4],
    ["ERROR.TYPE(#NAME?)", 5],
    ["ERROR.TYPE(SQRT(-1))", 6],
    ["ERROR.TYPE(#NULL!)", 1],
    ["ERROR.TYPE(A1)", err("#N/A")], // not an error
    ["IFERROR(A3,9)", 9],
    ["IFERROR(A1,9)", 1],
    ['IFERROR(1/0,"none")', "none"],
    ["NA()", err("#N/A")],
    ["ISERROR(NA())", true],
  ])("%s", (formula, expected) => {
    const got = one(formula, DATA);
    if (formula === "ROW()")
      expect(got).toBe(1); // Z1
    else if (typeof expected === "number" && typeof got === "number") expect(got).toBeCloseTo(expected, 12);
    else expect(got).toEqual(expected);
  });

  test("SUMIF and COUNTIF: Excel's criteria", () => {
    const data: Record<string, Input> = {
      A1: 1,
      A2: 2,
      A3: 3,
      A4: "3",
      A5: "ab",
      A6: "b",
      A7: "",
      A9: true,
      A10: err("#N/A"),
      B1: 10,
      B2: 20,
      B3: 30,
      B4: 40,
      B5: 50,
      B6: 60,
      B7: 70,
      B8: 80,
      B9: 90,
      B10: 100,
      C1: 2,
    };
    const cases: [string, CellValue][] = [
      ['COUNTIF(A1:A10,">"&C1)', 1], // numbers only: 3 (not the text "3")
      ['COUNTIF(A1:A10,">=2")', 2],
      ["COUNTIF(A1:A10,2)", 1],
      ["COUNTIF(A1:A10,C1)", 1],
      ['COUNTIF(A1:A10,"?")', 2], // one character of text: "3", "b"
      ['COUNTIF(A1:A10,"*b")', 2],
      ['COUNTIF(A1:A10,"AB")', 1], // without case
      ['COUNTIF(A1:A10,"")', 2], // blank A8 and the empty text A7
      ['COUNTIF(A1:A10,"<>")', 8],
      ['COUNTIF(A1:A10,"<>b")', 9],
      ["COUNTIF(A1:A10,TRUE)", 1],
      ['COUNTIF(A1:A10,"#N/A")', 1],
      ["COUNTIF(A1:A10,D1)", 0], // a blank criterion is 0
      ['SUMIF(A1:A10,">"&C1)', 3],
      ['SUMIF(A1:A10,">=2",B1:B10)', 50],
      ['SUMIF(A1:A10,"b",B1:B10)', 60],
      ['SUMIF(A1:A10,"?",B1:B10)', 100],
      ['SUMIF(A1:A10,"<>b",B1:B10)', 490],
      ["SUMIF(A1:A3,2,B1)", 20], // sum_range sized as the range, from its top-left cell
      ['SUMIF(B1:B10,">"&A10)', err("#N/A")], // an error as the criterion
    ];
    const got = evaluate(
      cases.map((c) => c[0]),
      data,
    );
    expect(cases.map((c, i) => [c[0], got[i]])).toEqual(cases);
  });

  test("blanks, text and numbers as Excel compares and joins them", () => {
    expect(
      evaluate(
        [
          'C1=""',
          "C1=0",
          "C1=FALSE",
          "C1+1",
          "C1",
          '"abc"="ABC"',
          '"a"<"B"',
          '1<"a"',
          '"a"<TRUE',
          '0.1+0.2&""',
          '1/3&""',
          '(1E+20)&""',
          'C3&""',
        ],
        DATA,
      ),
    ).toEqual([
      true,
      true,
      true,
      1,
      0, // a formula that gives a blank cell shows 0
      true,
      true,
      true,
      true,
      "0.3",
      "0.333333333333333",
      "1E+20",
      "TRUE",
    ]);
    expect(numberText(1629995.1700000002)).toBe("1629995.17");
  });

  test("numbers compare equal within 15 significant digits (LibreOffice's tolerance)", () => {
    const data: Record<string, Input> = { A1: 1629995.1700000002, A2: 5, A3: 1629995.17 };
    expect(
      evaluate(
        [
          'SUMIF(A1:A2,">"&A1)',
          'A1&""',
          "A1=A3",
          "A1>A3",
          "COUNTIF(A1:A3,A3)",
          "MATCH(A3,A1:A1,0)",
          "0.1+0.2=0.3",
          "1+1E-10=1",
          "1+1E-10>1",
        ],
        data,
      ),
    ).toEqual([0, "1629995.17", true, false, 2, 1, true, false, true]);
    expect(numberText(-12)).toBe("-12");
    expect(numberText(1.5e-12)).toBe("1.5E-12");
  });

  test("errors: values as the stand-in stores them, propagated and caught", () => {
    const got = evaluate(
      ["A3", "A3+1", "A1/0", '"x"+1', "SUM(A1:A3)", "IFERROR(A3+1,0)", "IF(ISERROR(A3),ERROR.TYPE(A3),0)", "#DIV/0!"],
      DATA,
    );
    expect(got).toEqual([err("#N/A"), err("#N/A"), err("#DIV/0!"), err("#VALUE!"), err("#N/A"), 0, 7, err("#DIV/0!")]);
    expect(got.every((v) => typeof v !== "object" || isErrorValue(v))).toBe(true);
  });
});

describe("references", () => {
  test("other sheets, quoted names (spaces, apostrophes), any case; a missing sheet is #REF!", () => {
    const wb = new MemoryWorkbook({
      "My sheet": { A1: 10, B9: 5, C1: "=A1*2" },
      "Planner's table": { A1: 3 },
      Sheet1: {
        A1: "='My sheet'!$A$1:$B$9",
        A2: "=SUM('My sheet'!$A$1:$B$9)",
        A3: "='Planner''s table'!A1+'my SHEET'!C1",
        A4: "=Nowhere!A1",
        A5: "=SUM('My sheet'!A:A)",
        A6: "=INDEX('My sheet'!$A$1:$B$9,9,2)",
      },
    });
    recalculate(wb);
    expect(["A1", "A2", "A3", "A4", "A5", "A6"].map((r) => wb.get("Sheet1", r))).toEqual([err("#VALUE!"), 15, 23, err("#REF!"), 10, 5]);
  });

  test("defined names: a cell, a range, any case; an unknown name is #NAME?", () => {
    const wb = new MemoryWorkbook({
      Plan: { B6: 2, B7: 3, B8: 4, A1: "=SCM_Plan_ReviewPeriod*10", A2: "=SUM(Levels)", A3: "=scm_plan_reviewperiod+1", A4: "=NoSuchName" },
    });
    wb.names.set("scm_plan_reviewperiod", { sheet: "Plan", row: 6, col: 2 });
    wb.names.set("levels", { sheet: "Plan", row: 6, col: 2, rows: 3 });
    recalculate(wb);
    expect(["A1", "A2", "A3", "A4"].map((r) => wb.get("Plan", r))).toEqual([20, 9, 3, err("#NAME?")]);
  });

  test("a name's formula cell is evaluated before the formulas that use the name", () => {
    const wb = new MemoryWorkbook({ Plan: { A1: "=Rate*2", B1: "=C1+1", C1: 4 } });
    wb.names.set("rate", { sheet: "Plan", row: 1, col: 2 });
    recalculate(wb);
    expect(wb.get("Plan", "A1")).toBe(10);
  });
});

describe("order and cycles", () => {
  test("a chain of 1,000 cells across two sheets, listed last-first, evaluates dependencies first", () => {
    const a: Record<string, Input> = {};
    const b: Record<string, Input> = {};
    for (let k = 1000; k >= 2; k--) {
      // A(k) on sheet S1 for odd k, S2 for even k; each refers to the previous one.
      const prev = `${k - 1 === 1 ? "S1" : (k - 1) % 2 ? "S1" : "S2"}!A${k - 1}`;
      (k % 2 ? a : b)[`A${k}`] = `=${prev}+1`;
    }
    a.A1 = "=1";
    const wb = new MemoryWorkbook({ S2: b, S1: a });
    const report = recalculate(wb);
    expect(report.evaluated).toBe(1000);
    expect(report.cycles).toEqual([]);
    expect(wb.get("S2", "A1000")).toBe(1000);
    expect(wb.get("S1", "A999")).toBe(999);
    // Without a list of formula cells the engine scans the used range: the same result.
    const scanned = new MemoryWorkbook({ S2: b, S1: a }, false);
    recalculate(scanned);
    expect(scanned.get("S2", "A1000")).toBe(1000);
  });

  test("a circular reference gives an error value in each of its cells, and is reported", () => {
    const wb = new MemoryWorkbook({
      Sheet1: {
        A1: "=B1+1",
        B1: "=C1+1",
        C1: "=A1+1",
        D1: "=D1+1", // refers to itself
        E1: '=IFERROR(A1,"cycle")',
        F1: "=SUM(F2:F3)",
        F2: 1,
        F3: "=F1", // through a range
        G1: "=ERROR.TYPE(A1)",
        H1: "=2",
      },
    });
    const report = recalculate(wb);
    expect(["A1", "B1", "C1", "D1", "F1", "F3"].map((r) => wb.get("Sheet1", r))).toEqual(Array(6).fill(err("#REF!")));
    expect(wb.get("Sheet1", "E1")).toBe("cycle");
    expect(wb.get("Sheet1", "G1")).toBe(4);
    expect(wb.get("Sheet1", "H1")).toBe(2);
    expect(report.cycles.map((c) => `${c.row},${c.col}`).sort()).toEqual(["1,1", "1,2", "1,3", "1,4", "1,6", "3,6"]);
    const other = new MemoryWorkbook({ Sheet1: { A1: "=A1" } });
    recalculate(other, { cycleError: "#NUM!" });
    expect(other.get("Sheet1", "A1")).toEqual(err("#NUM!"));
  });

  test("an IF branch not taken still counts (Excel's circular references are by reference)", () => {
    const wb = new MemoryWorkbook({ Sheet1: { A1: "=IF(FALSE,B1,1)", B1: "=A1" } });
    expect(recalculate(wb).cycles.length).toBe(2);
  });
});

describe("the add-in's functions, and what the engine cannot evaluate", () => {
  test("SCM.* without the add-in is #NAME? (ERROR.TYPE 5); the plan's fallback to the snapshot works", () => {
    const data: Record<string, Input> = {
      A1: 1,
      A2: 2,
      A3: 3,
      B1: "=INDEX(SCM.DEMAND_CLASS(A1:A3),1,3)",
      C1: 42, // the snapshot
      D1: "=IF(ISERROR(B1),IF(ERROR.TYPE(B1)=5,C1,B1),B1)",
    };
    const got = evaluate(
      ["SCM.FORECAST(A1:A3,1)", "ERROR.TYPE(SCM.FORECAST(A1:A3,1))", "IFERROR(SCM.X(),7)", "D1", "B1", "scm.forecast(A1:A3)"],
      data,
    );
    expect(got).toEqual([err("#NAME?"), 5, 7, 42, err("#NAME?"), err("#NAME?")]);
  });

  test("customFunctions: the hook's results (values, 2-D arrays, errors) replace #NAME?", () => {
    const seen: unknown[] = [];
    const customFunctions: RecalcOptions["customFunctions"] = {
      "SCM.DEMAND_CLASS": (history) => {
        seen.push(history);
        return [[1.5, 0.2, "smooth"]];
      },
      "scm.forecast": (history, periods) => {
        const ys = (history as CellValue[][]).map((r) => r[0] as number);
        return Array.from({ length: periods as number }, () => [ys[ys.length - 1]]);
      },
      "SCM.BROKEN": () => {
        throw new Error("bug");
      },
      "SCM.ERR": () => err("#NUM!"),
    };
    const data: Record<string, Input> = { A1: 1, A2: 2, A3: 3 };
    const got = evaluate(
      ["INDEX(SCM.DEMAND_CLASS(A1:A3),1,3)", "AVERAGE(SCM.FORECAST(A1:A3,4))", "SCM.BROKEN()", "ERROR.TYPE(SCM.ERR())", "SCM.OTHER()"],
      data,
      { customFunctions },
    );
    expect(got).toEqual(["smooth", 3, err("#VALUE!"), 6, err("#NAME?")]);
    expect(seen).toEqual([[[1], [2], [3]]]);
  });

  test("a function the library only lists, and a formula that does not parse, are reported", () => {
    const wb = new MemoryWorkbook({ Sheet1: { A1: "=CHOOSE(1,2,3)", A2: "=SUM(1,", A3: "=1+1" } });
    const report = recalculate(wb);
    expect(wb.get("Sheet1", "A1")).toEqual(err("#NAME?"));
    expect(wb.get("Sheet1", "A2")).toEqual(err("#VALUE!"));
    expect(wb.get("Sheet1", "A3")).toBe(2);
    expect(report.problems.map((p) => [p.row, p.formula])).toEqual([
      [1, "=CHOOSE(1,2,3)"],
      [2, "=SUM(1,"],
    ]);
    expect(report.problems[0].message).toMatch(/CHOOSE is not implemented/);
  });
});

describe("recalculation after a change", () => {
  test("`changed`: the cells it reaches are recalculated, the others keep their stored values", () => {
    const wb = new MemoryWorkbook({
      In: { A1: 5, A2: 7 },
      Out: { A1: "=In!A1*2", A2: "=A1+1", A3: "=In!A2*2", A4: "=SUM(A1:A3)" },
    });
    const rc = new Recalculator(wb);
    rc.recalculate();
    expect(wb.get("Out", "A4")).toBe(35);
    wb.set("In", "A1", 6);
    wb.sheets.get("Out")!.get("3,1")!.value = 999; // a stale value outside the change's reach
    wb.writes = [];
    const report = rc.recalculate([{ sheet: "in", r1: 1, c1: 1, r2: 1, c2: 1 }]);
    expect(report.evaluated).toBe(3);
    expect(wb.writes.sort()).toEqual(["Out!1,1", "Out!2,1", "Out!4,1"]);
    expect(["A1", "A2", "A3", "A4"].map((r) => wb.get("Out", r))).toEqual([12, 13, 999, 1024]);
    // A new formula: recalculated as a changed cell.
    wb.set("Out", "A5", "=A4/2");
    rc.recalculate([{ sheet: "Out", r1: 5, c1: 1, r2: 5, c2: 1 }]);
    expect(wb.get("Out", "A5")).toBe(512);
    // A full recalculation puts the stale cell right.
    rc.recalculate();
    expect(wb.get("Out", "A3")).toBe(14);
  });
});

// ---- the Plan sheet ------------------------------------------------------------------------------------

function readCsv(file: string): { headers: string[]; rows: Cell[][] } {
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  const headers = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(",").map((v): Cell => (v === "" ? null : (cellNumber(v) ?? v))));
  return { headers, rows };
}

const sample = readCsv(path.resolve(__dirname, "../../samples/skus.csv"));
/** With an apostrophe and a space, so that every reference to it is quoted. */
const TABLE = "Planner's table";

/** The workbook plan with its SKUs sheet, loaded into a MemoryWorkbook. */
function planWorkbook(rows: Cell[][], policy: PlanPolicy): { wb: MemoryWorkbook; plan: Plan; workbookPlan: WorkbookPlan } {
  const mapping = recogniseColumns(sample.headers, rows.slice(0, 20));
  const plan = planSkus(readSkus(rows, mapping), policy);
  const where = { sheet: TABLE, headerRow: 1, firstCol: 1, rows: rows.length };
  const workbookPlan = planReplenishmentWorkbook(where, mapping, policy, plan, {
    builtAt: "2026-11-29 12:00",
    table: { headers: sample.headers, rows },
  });
  const wb = new MemoryWorkbook({});
  for (const s of workbookPlan.sheets) {
    wb.sheets.set(s.name, new Map());
    for (const c of s.cells) wb.set(s.name, c.ref, c.formula !== undefined ? `=${c.formula}` : (c.value as Input));
  }
  for (const n of workbookPlan.names) {
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(\$?[A-Z]+\$?\d+)$/.exec(n.ref);
    if (!m) throw new Error(`name ${n.name}: ${n.ref}`);
    wb.names.set(n.name.toLowerCase(), { sheet: m[1]?.replace(/''/g, "'") ?? m[2], ...a1(m[3]) });
  }
  return { wb, plan, workbookPlan };
}

/** The Plan's native columns and what planSkus says they hold. */
const NATIVE: [string, string, (p: SkuPlan) => CellValue][] = [
  ["B", "value", (p) => p.value],
  ["C", "ABC", (p) => p.abc],
  ["D", "XYZ", (p) => p.xyz],
  ["H", "service level", (p) => p.serviceLevel],
  ["J", "lead-time demand", (p) => p.leadTimeDemand],
  ["K", "reorder point", (p) => p.reorderPoint],
  ["L", "order quantity", (p) => p.orderQty],
  ["M", "position", (p) => p.position],
  ["N", "order now", (p) => (p.orderNow ? "Order now" : "")],
  ["O", "suggested quantity", (p) => p.suggestedQty],
  ["P", "cover", (p) => p.periodsOfCover ?? ""],
  ["Q", "run-out", (p) => p.runOutPeriod ?? ""],
  // Shown from the snapshot: the SCM functions give #NAME? here.
  ["E", "demand class", (p) => p.demandClass],
  ["F", "method", (p) => p.method],
  ["G", "forecast", (p) => p.forecast],
  ["I", "safety stock", (p) => p.safetyStock],
];

const same = (got: CellValue, want: CellValue): boolean =>
  typeof got === "number" && typeof want === "number" ? Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)) : got === want;

/** Every disagreement between the recalculated Plan and planSkus: "SKU column: sheet vs engine". */
function disagreements(wb: MemoryWorkbook, plan: Plan): string[] {
  const out: string[] = [];
  for (const p of plan.skus) {
    for (const [col, label, f] of NATIVE) {
      const got = wb.get("Plan", `${col}${PLAN_FIRST_ROW + p.row}`);
      if (!same(got, f(p))) out.push(`${p.sku} ${label}: sheet ${JSON.stringify(got)} vs engine ${JSON.stringify(f(p))}`);
    }
  }
  return out;
}

describe("the Plan sheet, recalculated, agrees with planSkus", () => {
  const rows = sample.rows.slice(0, 20);

  test.each<[string, PlanPolicy]>([
    ["automatic forecasts, EOQ", DEFAULT_POLICY],
    ["naive, EOQ in full cases", { ...DEFAULT_POLICY, method: "naive", orderRule: { kind: "eoq-cases" } }],
    [
      "naive, 4 periods of supply, continuous review",
      { ...DEFAULT_POLICY, method: "naive", reviewPeriod: 0, orderRule: { kind: "periods", periods: 4 } },
    ],
  ])("20 SKUs, %s: every native column, the summary and the chart data", (_label, policy) => {
    const { wb, plan } = planWorkbook(rows, policy);
    expect(plan.skus.length).toBe(20);
    const report = recalculate(wb);
    expect(report.cycles).toEqual([]);
    // Only the SCM.* cells fail to evaluate, and they give #NAME? as in Excel without the add-in.
    expect(report.problems).toEqual([]);
    expect(wb.get("Plan", `U${PLAN_FIRST_ROW}`)).toEqual(err("#NAME?"));
    expect(disagreements(wb, plan)).toEqual([]);

    // The summary block: SKUs, value, safety-stock value by class; SKUs to order now.
    const s = plan.summary;
    expect(["E5", "E6", "E7", "E8"].map((r) => wb.get("Plan", r))).toEqual([s.byClass.A.skus, s.byClass.B.skus, s.byClass.C.skus, 20]);
    expect(wb.get("Plan", "E10")).toBe(s.orderNow);
    expect(wb.get("Plan", "F5") as number).toBeCloseTo(s.byClass.A.value, 6);
    expect(wb.get("Plan", "G6") as number).toBeCloseTo(s.byClass.B.stockValue, 6);
    expect(wb.get("Plan", "H8") as number).toBeCloseTo(s.safetyStockValue, 6);
    // The ABC curve (LARGE) ends at 100%; the chosen SKU's history (INDEX/MATCH over the table) is its row.
    const values = plan.skus.map((p) => p.value).sort((a, b) => b - a);
    expect(wb.get("Plan", `AF${PLAN_FIRST_ROW}`)).toBe(values[0]);
    expect(wb.get("Plan", `AG${PLAN_FIRST_ROW + 19}`) as number).toBeCloseTo(1, 12);
    expect(wb.get("Plan", `AJ${PLAN_FIRST_ROW}`)).toBe(rows[0][10]);
    expect(wb.get("Plan", `AJ${PLAN_FIRST_ROW + 103}`)).toBe(rows[0][113]);
    expect(wb.get("Plan", `AK${PLAN_FIRST_ROW}`)).toEqual(err("#N/A")); // the forecast starts after the history
    expect(wb.get("Plan", `AK${PLAN_FIRST_ROW + 104}`)).toBe(plan.skus[0].forecast);
  });

  test("the e2e's edit: On hand set to 0 in the planner's table turns the SKU's Order now on", () => {
    const { wb, plan } = planWorkbook(rows, { ...DEFAULT_POLICY, method: "naive" });
    const rc = new Recalculator(wb);
    rc.recalculate();
    // A SKU not ordering now that would with nothing on hand.
    const i = plan.skus.findIndex((p) => !p.orderNow && p.orderQty > 0 && p.position - (rows[p.row][2] as number) <= p.reorderPoint);
    expect(i).toBeGreaterThanOrEqual(0);
    const r = PLAN_FIRST_ROW + i;
    expect(wb.get("Plan", `N${r}`)).toBe("");
    const ordering = wb.get("Plan", "E10") as number;

    // "On hand" is the table's column C; the SKU's data row is i + 2.
    wb.set(TABLE, `C${i + 2}`, 0);
    const report = rc.recalculate([{ sheet: TABLE, r1: i + 2, c1: 3, r2: i + 2, c2: 3 }]);
    expect(wb.get("Plan", `M${r}`)).toBe(plan.skus[i].position - (rows[i][2] as number));
    expect(wb.get("Plan", `N${r}`)).toBe("Order now");
    const q = plan.skus[i].orderQty;
    const position = wb.get("Plan", `M${r}`) as number;
    expect(wb.get("Plan", `O${r}`)).toBe((Math.floor((plan.skus[i].reorderPoint - position) / q) + 1) * q);
    expect(wb.get("Plan", "E10")).toBe(ordering + 1);
    // Only the row's position-based cells and the totals over them were recalculated.
    expect(report.evaluated).toBeLessThan(20);
  });

  test("the full sample (300 SKUs): no disagreement", () => {
    const { wb, plan } = planWorkbook(sample.rows, { ...DEFAULT_POLICY, method: "naive" });
    const report = recalculate(wb);
    expect(report).toMatchObject({ cycles: [], problems: [] });
    // SKU-0031 (value 1629995.1700000002) is the case of "numbers compare within 15 digits" above: with
    // exact comparisons its own value would pass SUMIF(values,">1629995.17") and it would be B, not A.
    expect(disagreements(wb, plan)).toEqual([]);
    expect(wb.get("Plan", "E10")).toBe(plan.summary.orderNow);
  });
});
