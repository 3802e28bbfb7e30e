/**
 * The replenishment plan's engine (src/plan) on the committed sample (samples/skus.csv, 300 SKUs x
 * 104 weeks): the classes, reorder points, order quantities and order-now flags checked against
 * values computed here independently (own sort for ABC, own variance for XYZ, the naive method's
 * forecast and its lead-time error worked out from the history), not by the engine's code.
 */
import * as fs from "fs";
import * as path from "path";
import { jStat } from "jstat";
import { mappingProblems, recogniseColumns } from "../../src/plan/columns";
import { planSkus } from "../../src/plan/plan";
import { DEFAULT_POLICY, PlanPolicy } from "../../src/plan/policy";
import { Cell, cellNumber, readSkus } from "../../src/plan/skus";

function readCsv(file: string): { headers: string[]; rows: Cell[][] } {
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  const headers = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(",").map((v): Cell => (v === "" ? null : (cellNumber(v) ?? v))));
  return { headers, rows };
}

const sample = readCsv(path.resolve(__dirname, "../../samples/skus.csv"));
const close = (a: number, b: number, tol = 1e-9): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe("columns", () => {
  test("the sample's headers are all recognised, W1..W104 as the history", () => {
    const m = recogniseColumns(sample.headers, sample.rows.slice(0, 20));
    expect(m.roles).toEqual({
      sku: 0,
      onHand: 2,
      onOrder: 3,
      backorders: 4,
      leadTime: 5,
      unitCost: 6,
      orderCost: 7,
      holdingRate: 8,
      caseSize: 9,
    });
    expect(m.history).toEqual({ first: 10, last: 113 });
    expect(mappingProblems(m, sample.headers)).toEqual([]);
  });

  test("other words for the same columns, dates as period headers", () => {
    const headers = [
      "Item code",
      "Stock",
      "Open PO",
      "Backlog",
      "LT",
      "Price",
      "Ordering cost",
      "Carrying rate",
      "Service level",
      "Pack size",
      "2026-01-05",
      "2026-01-12",
      "2026-01-19",
    ];
    const m = recogniseColumns(headers);
    expect(m.roles).toEqual({
      sku: 0,
      onHand: 1,
      onOrder: 2,
      backorders: 3,
      leadTime: 4,
      unitCost: 5,
      orderCost: 6,
      holdingRate: 7,
      serviceLevel: 8,
      caseSize: 9,
    });
    expect(m.history).toEqual({ first: 10, last: 12 });
  });

  test("history found by its numbers when the headers are not periods", () => {
    const headers = ["SKU", "On hand", "Lead time", "Unit cost", "Order cost", "Holding rate", "a", "b", "c", "Note"];
    const rows = [["x", 1, 2, 3, 4, 0.2, 5, 6, 7, "text"]];
    expect(recogniseColumns(headers, rows).history).toEqual({ first: 6, last: 8 });
  });

  test("a missing column says which and how to fix it", () => {
    const m = recogniseColumns(["SKU", "On hand", "W1", "W2"]);
    const p = mappingProblems(m, ["SKU", "On hand", "W1", "W2"]);
    expect(p).toContain('No column for Lead time (periods): name a column "Lead time (periods)", or choose it in the list.');
    expect(p.length).toBe(4); // lead time, unit cost, order cost, holding rate
  });
});

describe("reading SKUs", () => {
  const headers = ["SKU", "On hand", "Lead time", "Unit cost", "Order cost", "Holding rate", "W1", "W2", "W3", "W4"];
  const m = recogniseColumns(headers);
  test("problems per row, in words; blank rows skipped; late starters trimmed", () => {
    const skus = readSkus(
      [
        ["a", 5, 0, 1, 10, 0.2, 1, 2, 3, 4],
        ["b", 5, 2, 1, 10, 0.2, 1, "x", 3, 4],
        ["c", 5, 2, 1, 10, 0.2, 1, null, 3, 4],
        [null, null, null, null, null, null, null, null, null, null],
        ["d", 5, 2, 1, 10, 0.2, null, null, 3, 4],
        ["e", 5, 2, 1, 10, 0.2, 1, -2, 3, 4],
        ["f", "1,200", "1.5", "2.50", 10, "25%", 1, 2, 3, null],
      ],
      m,
    );
    expect(skus.map((s) => s.sku)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(skus[0].problem).toMatch(/Lead time \(periods\) must be more than 0 periods/);
    expect(skus[1].problem).toBe('the history has text at period 2 ("x"): enter numbers');
    expect(skus[2].problem).toBe("the history has a blank at period 2: enter 0 for no demand");
    expect(skus[3].problem).toBeUndefined();
    expect(Array.from(skus[3].history)).toEqual([3, 4]);
    expect(skus[3].historyStart).toBe(2);
    expect(skus[4].problem).toMatch(/negative demand at period 2/);
    // Numbers stored as text are refused: the Plan sheet's formulas would read them as 0.
    expect(skus[5].problem).toBe(
      'On hand is not a number ("1,200"): it is text; convert the column to numbers; Lead time (periods) is not a number ("1.5"): it is text; convert the column to numbers; Unit cost is not a number ("2.50"): it is text; convert the column to numbers; Holding rate (per year) is not a number ("25%"): it is text; convert the column to numbers',
    );
  });
});

/** ABC by the start share, computed here: sort by value (descending, earlier rows first on ties). */
function abcIndependent(values: number[]): string[] {
  const total = values.reduce((a, b) => a + b, 0);
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v || a.i - b.i);
  const out = new Array<string>(values.length);
  let before = 0;
  for (const { v, i } of order) {
    const share = before / total;
    out[i] = v === 0 ? "C" : share < 0.8 - 1e-12 ? "A" : share < 0.95 - 1e-12 ? "B" : "C";
    before += v;
  }
  return out;
}

describe("the plan on the sample, naive forecasts: every figure worked out independently", () => {
  const policy: PlanPolicy = { ...DEFAULT_POLICY, method: "naive", reviewPeriod: 1 };
  const mapping = recogniseColumns(sample.headers, sample.rows.slice(0, 20));
  const skus = readSkus(sample.rows, mapping);
  const plan = planSkus(skus, policy);
  const values = skus.map((s) => s.history.reduce((a, b) => a + b, 0) * s.unitCost);
  const abc = abcIndependent(values);

  test("every SKU is planned", () => {
    expect(plan.problems).toEqual([]);
    expect(plan.skus.length).toBe(300);
  });

  test.each(skus.map((s, i) => [s.sku, i] as const))("%s", (_name, i) => {
    const s = skus[i];
    const p = plan.skus[i];
    const y = Array.from(s.history);
    const n = y.length;
    expect(close(p.value, values[i])).toBe(true);
    expect(p.abc).toBe(abc[i]);
    const mean = y.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(p.xyz).toBe(mean === 0 ? "" : sd / mean < 0.5 ? "X" : sd / mean < 1 ? "Y" : "Z");
    // Naive: the forecast is the last value; the error of the P-period total from each origin t
    // (forecast P * y[t-1]) is measured over the history (P whole: the sample's fractional lead times are 1.5).
    const P = s.leadTime + 1;
    const forecast = y[n - 1];
    expect(close(p.forecast, forecast)).toBe(true);
    const variance = (L: number): number => {
      let ss = 0;
      let k = 0;
      for (let t = 1; t + L <= n; t++) {
        let e = 0;
        for (let j = 0; j < L; j++) e += y[t + j] - y[t - 1];
        ss += e * e;
        k++;
      }
      return ss / k;
    };
    const lo = Math.floor(P);
    const v = lo === P ? variance(P) : variance(lo) + (P - lo) * (variance(lo + 1) - variance(lo));
    const sl = policy.serviceByClass[abc[i] as "A" | "B" | "C"];
    const ss = Math.max(0, jStat.normal.inv(sl, 0, 1) * Math.sqrt(v));
    expect(close(p.safetyStock, ss, 1e-9)).toBe(true);
    const rop = forecast * P + ss;
    expect(close(p.reorderPoint, rop, 1e-9)).toBe(true);
    const eoq = Math.sqrt((2 * forecast * 52 * s.orderCost) / (s.holdingRate * s.unitCost));
    expect(p.orderQty).toBe(Math.ceil(eoq));
    const position = s.onHand + s.onOrder - s.backorders;
    expect(p.position).toBe(position);
    expect(p.orderNow).toBe(position <= rop && p.orderQty > 0);
    if (p.orderNow && p.orderQty > 0) {
      // The smallest multiple of Q that lifts the position above the reorder point.
      const k = p.suggestedQty / p.orderQty;
      expect(Number.isInteger(k) && k >= 1).toBe(true);
      expect(position + p.suggestedQty).toBeGreaterThan(rop);
      expect(position + p.suggestedQty - p.orderQty).toBeLessThanOrEqual(rop + 1e-9);
    } else {
      expect(p.suggestedQty).toBe(0);
    }
    if (forecast > 0) {
      expect(close(p.periodsOfCover as number, position / forecast)).toBe(true);
      expect(p.runOutPeriod).toBe(position <= 0 ? 0 : Math.floor(position / forecast) + 1);
    } else {
      expect(p.periodsOfCover).toBeUndefined();
    }
  });

  test("the summary adds up", () => {
    const count = (c: string) => abc.filter((x) => x === c).length;
    expect(plan.summary.byClass.A.skus).toBe(count("A"));
    expect(plan.summary.byClass.B.skus).toBe(count("B"));
    expect(plan.summary.byClass.C.skus).toBe(count("C"));
    expect(plan.summary.orderNow).toBe(plan.skus.filter((p) => p.orderNow).length);
    const ssValue = plan.skus.reduce((a, p, i) => a + p.safetyStock * skus[i].unitCost, 0);
    expect(close(plan.summary.safetyStockValue, ssValue)).toBe(true);
  });
});

describe("the plan with automatic forecasts and other rules", () => {
  const mapping = recogniseColumns(sample.headers, sample.rows.slice(0, 20));
  const skus = readSkus(sample.rows, mapping);

  test("auto: the reorder point is forecast x (lead time + review) + safety stock, order now when the position is at or below it", () => {
    const plan = planSkus(skus, DEFAULT_POLICY);
    expect(plan.problems).toEqual([]);
    plan.skus.forEach((p, i) => {
      const s = skus[i];
      expect(close(p.reorderPoint, p.forecast * (s.leadTime + 1) + p.safetyStock)).toBe(true);
      expect(p.orderNow).toBe(p.position <= p.reorderPoint && p.orderQty > 0);
      expect(p.safetyStock).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(p.forecast) && p.forecast >= 0).toBe(true);
    });
    // Intermittent SKUs get SBA, smooth ones an ETS model.
    const byClass = (c: string) =>
      new Set(plan.skus.filter((p) => p.demandClass === c).map((p) => (p.method.startsWith("ETS") ? "ETS" : p.method)));
    expect(byClass("intermittent")).toEqual(new Set(["sba"]));
    expect(byClass("smooth")).toEqual(new Set(["ETS"]));
  });

  test("EOQ in full cases, and periods of supply", () => {
    const cases = planSkus(skus, { ...DEFAULT_POLICY, method: "naive", orderRule: { kind: "eoq-cases" } });
    const plain = planSkus(skus, { ...DEFAULT_POLICY, method: "naive" });
    cases.skus.forEach((p, i) => {
      const c = skus[i].caseSize;
      if (c === undefined) expect(p.orderQty).toBe(plain.skus[i].orderQty);
      else {
        expect(p.orderQty % c).toBe(0);
        expect(p.orderQty).toBeGreaterThanOrEqual(plain.skus[i].orderQty);
        expect(p.orderQty - c).toBeLessThan(plain.skus[i].orderQty);
      }
    });
    const supply = planSkus(skus, { ...DEFAULT_POLICY, method: "naive", orderRule: { kind: "periods", periods: 4 } });
    supply.skus.forEach((p) => expect(p.orderQty).toBe(Math.ceil(4 * p.forecast)));
  });

  test("a service level in the table overrides the class level", () => {
    const headers = [
      "SKU",
      "On hand",
      "Lead time",
      "Unit cost",
      "Order cost",
      "Holding rate",
      "Service level",
      "W1",
      "W2",
      "W3",
      "W4",
      "W5",
    ];
    const m = recogniseColumns(headers);
    const rows: Cell[][] = [
      ["a", 10, 1, 1, 10, 0.2, 0.99, 5, 6, 5, 7, 6],
      ["b", 10, 1, 1, 10, 0.2, null, 5, 6, 5, 7, 6],
    ];
    const plan = planSkus(readSkus(rows, m), { ...DEFAULT_POLICY, method: "naive" });
    expect(plan.skus[0].serviceLevel).toBe(0.99);
    expect(plan.skus[1].serviceLevel).toBe(DEFAULT_POLICY.serviceByClass[plan.skus[1].abc]);
  });

  test("a SKU the methods refuse is a problem, not a failure", () => {
    const headers = ["SKU", "On hand", "Lead time", "Unit cost", "Order cost", "Holding rate", "W1", "W2", "W3"];
    const m = recogniseColumns(headers);
    const plan = planSkus(
      readSkus(
        [
          ["a", 10, 1, 1, 10, 0.2, 5, 6, 5],
          ["b", 10, 1, 1, 10, 0.2, 5, null, null],
        ],
        m,
      ),
      { ...DEFAULT_POLICY, method: "holt-winters", seasonLength: 2 },
    );
    expect(plan.skus).toEqual([]);
    expect(plan.problems.map((p) => p.sku)).toEqual(["a", "b"]);
    expect(plan.problems[1].problem).toMatch(/at least \d+ periods/);
  });
});

describe("limits the review found", () => {
  const headers = ["SKU", "On hand", "Lead time", "Unit cost", "Order cost", "Holding rate", "W1", "W2", "W3", "W4"];
  const m = recogniseColumns(headers);
  test("lead time + review period over the safety stock's limit is the SKU's problem, in those words; it takes no part in ABC", () => {
    const plan = planSkus(
      readSkus(
        [
          ["long", 5, 1000, 1, 10, 0.2, 9, 9, 9, 9],
          ["ok", 5, 2, 1, 10, 0.2, 1, 2, 3, 4],
        ],
        m,
      ),
      { ...DEFAULT_POLICY, method: "naive" },
    );
    expect(plan.problems).toEqual([
      { row: 0, sku: "long", problem: "lead time + review period must be at most 1000 periods (it is 1001)" },
    ]);
    expect(plan.skus.map((s) => [s.sku, s.abc])).toEqual([["ok", "A"]]);
  });

  test("an order cost of 0 is refused (the EOQ would order nothing)", () => {
    const [s] = readSkus([["z", 5, 2, 1, 0, 0.2, 1, 2, 3, 4]], m);
    expect(s.problem).toBe("Order cost must be more than 0 (the EOQ orders nothing at 0) (it is 0)");
  });
});
