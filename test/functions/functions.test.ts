/**
 * Each SCM function called the way Excel calls it (2D arrays, null for omitted arguments), checked
 * against published numbers (ARCHITECTURE.md section 10.1: Snyder & Shen, Chopra & Meindl, Chen et
 * al.) or against values derivable by hand from the inputs. The engine's own tests cover the
 * formulas in depth; these check the wiring: argument order, defaults, shapes, blanks and errors.
 */
import { jStat } from "jstat";
import * as fit from "../../src/forecast/fit";
import { forecastGiven } from "../../src/forecast/given";
import { FitRequest } from "../../src/forecast/model";
import { forecastSafetyStock } from "../../src/forecast/safetyStock";
import { GivenMethod } from "../../src/forecast/types";
import { CanceledError } from "../../functions/slices";
import { callFunction, CANCELABLE, FUNCTION_NAMES, FUNCTIONS, testInvocation } from "./names";
import { installCustomFunctionsStandIn, isErr, show, showAll, StandInError } from "./standIn";

// Excel's runtime is not available here: install the CustomFunctions stand-in.
beforeAll(installCustomFunctionsStandIn);

// Excel passes null for an omitted optional argument, which the any[][] signatures do not spell out:
// FUNCTIONS has them as (...args: unknown[]) => unknown[][]; CANCELABLE the asynchronous ones, which
// take Excel's invocation after their arguments and return a Promise.
const {
  ABC,
  BULLWHIP_BOUND,
  BULLWHIP_RATIO,
  DEMAND_CLASS,
  EOQ,
  EOQ_COST,
  EOQ_DISCOUNT,
  FILL_RATE,
  FORECAST_ACCURACY,
  MIN_MAX,
  NORMAL_LOSS,
  REORDER_POINT,
  SAFETY_STOCK,
  TC_1N,
  TC_1N_OPTIMIZE,
  XYZ,
} = FUNCTIONS;
const { FORECAST, FORECAST_FIT, FORECAST_SAFETY_STOCK } = CANCELABLE;

/** The text results of the classification functions. */
const CLASS_LABELS = ["smooth", "erratic", "intermittent", "lumpy", "A", "B", "C", "X", "Y", "Z"];

const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const row = (...xs: unknown[]): unknown[][] => [xs];
const one = (cells: unknown[][]): number => {
  expect(cells.length).toBe(1);
  expect(cells[0].length).toBe(1);
  expect(typeof cells[0][0]).toBe("number");
  return cells[0][0] as number;
};
const rel = (x: number, expected: number, tol = 1e-6) => expect(Math.abs(x - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
const code = (cells: unknown[][], r = 0, c = 0) => (cells[r][c] as StandInError).code;

describe("EOQ and EOQ_COST (Snyder & Shen ch. 3)", () => {
  test("Example 3.1: K=8, h=0.225, D=1300", () => {
    rel(one(EOQ([[1300]], [[8]], [[0.225]])), 304.0467800264368);
    rel(one(EOQ_COST([[1300]], [[8]], [[0.225]])), 68.41052550594829);
    rel(one(EOQ_COST([[1300]], [[8]], [[0.225]], [[250]])), 69.725);
  });

  test("backorders (Example 3.8) and EPQ (finite production rate) via the optional arguments", () => {
    rel(one(EOQ([[1300]], [[8]], [[0.225]], [[5]])), 310.8125551589646);
    rel(one(EOQ_COST([[1300]], [[8]], [[0.225]], null, [[5]])), 66.92136355097325);
    rel(one(EOQ([[1300]], [[8]], [[0.225]], null, [[2000]])), 513.9328595516969);
    rel(one(EOQ_COST([[1300]], [[8]], [[0.225]], null, null, [[2000]])), 40.47221268969612);
    rel(one(EOQ_COST([[1300]], [[8]], [[0.225]], [[350]], [[""]], [[2000]])), 43.495535714285715);
  });

  test("a column of SKUs spills one result per row (Example 3.1 and Problem 3.1 together)", () => {
    const r = EOQ(col(1300, 182500), col(8, 2250), col(0.225, 275));
    expect(r.length).toBe(2);
    rel(r[0][0] as number, 304.0467800264368);
    rel(r[1][0] as number, 1728.109844993551);
  });

  test("domain errors: negative demand, P <= D are #NUM!; text is #VALUE!", () => {
    expect(code(EOQ([[-1]], [[8]], [[0.225]]))).toBe("#NUM!");
    expect(code(EOQ([[1300]], [[8]], [[0.225]], null, [[1000]]))).toBe("#NUM!");
    expect(showAll(EOQ([["1300"]], [[8]], [[0.225]]))).toEqual([["#VALUE!: demand_rate must be a number, not text"]]);
  });
});

describe("EOQ_DISCOUNT (Snyder & Shen Example 3.6)", () => {
  test("breakpoints 0/400/800 at 0.75/0.72/0.68: Q = 800, cost 978.60, as a column or a row", () => {
    for (const [b, c] of [
      [col(0, 400, 800), col(0.75, 0.72, 0.68)],
      [row(0, 400, 800), row(0.75, 0.72, 0.68)],
    ]) {
      const r = EOQ_DISCOUNT([[1300]], [[8]], [[0.3]], b, c);
      expect(r.length).toBe(1);
      expect(r[0].length).toBe(3);
      rel(r[0][0] as number, 800);
      rel(r[0][1] as number, 978.6);
      rel(r[0][2] as number, 0.68);
    }
  });

  test("trailing blank rows are ignored; a blank inside or mismatched lengths are #VALUE!", () => {
    const r = EOQ_DISCOUNT([[1300]], [[8]], [[0.3]], col(0, 400, 800, "", null), col(0.75, 0.72, 0.68, null, ""));
    rel(r[0][0] as number, 800);
    expect(showAll(EOQ_DISCOUNT([[1300]], [[8]], [[0.3]], col(0, "", 800), col(0.75, 0.72, 0.68)))).toEqual([
      ["#VALUE!: breakpoints (value 2) is required"],
    ]);
    expect(code(EOQ_DISCOUNT([[1300]], [[8]], [[0.3]], col(0, 400), col(0.75, 0.72, 0.68)))).toBe("#VALUE!");
    expect(code(EOQ_DISCOUNT([[1300], [1]], [[8]], [[0.3]], col(0), col(0.75)))).toBe("#VALUE!");
  });
});

describe("SAFETY_STOCK and REORDER_POINT", () => {
  // Chopra & Meindl's phone retailer: weekly demand 2,500, sd 500, L = 2 weeks, reorder point 6,000:
  // safety stock 1,000 at the cycle service level Phi(1000 / (500 sqrt 2)).
  const csl = jStat.normal.cdf(1000 / (500 * Math.SQRT2), 0, 1);

  test("Chopra & Meindl: safety stock 1,000 and reorder point 6,000", () => {
    rel(one(SAFETY_STOCK([[500]], [[2]], [[csl]])), 1000, 1e-9);
    rel(one(REORDER_POINT([[2500]], [[500]], [[2]], [[csl]])), 6000, 1e-9);
  });

  test("Chopra & Meindl, lead-time uncertainty: D = 2,500/day, sd 500, L = 7, sL = 7, CSL 0.90 gives 22,491", () => {
    const ss = one(SAFETY_STOCK([[500]], [[7]], [[0.9]], [[2500]], [[7]]));
    expect(Math.abs(ss - 22491)).toBeLessThan(1);
    // sd_lead_time > 0 needs mean_demand
    expect(showAll(SAFETY_STOCK([[500]], [[7]], [[0.9]], null, [[7]]))).toEqual([
      ["#VALUE!: mean_demand is required when sd_lead_time > 0"],
    ]);
  });

  test("Snyder & Shen Example 5.1: r = 190.3369965715624 at service level p/(p+h)", () => {
    rel(one(REORDER_POINT([[1300]], [[150]], [[1 / 12]], [[7.5 / 7.725]])), 190.3369965715624);
  });

  test("a SKU table with a blank row and a literal service level: the blank row stays blank", () => {
    const r = SAFETY_STOCK(col(500, "", null, 500, ""), col(2, "", "", 2, 3), [[csl]]);
    expect(r.map((x) => x.length)).toEqual([1, 1, 1, 1, 1]);
    rel(r[0][0] as number, 1000, 1e-9);
    expect(r[1][0]).toBe("");
    expect(r[2][0]).toBe("");
    rel(r[3][0] as number, 1000, 1e-9);
    expect(showAll([r[4]])).toEqual([["#VALUE!: sd_demand is required"]]);
  });

  test("service level outside (0, 1) is #NUM! in its own cell only", () => {
    const r = SAFETY_STOCK([[500]], [[2]], row(csl, 1, 0, -0.5));
    expect(r.length).toBe(1);
    rel(r[0][0] as number, 1000, 1e-9);
    expect(r[0].slice(1).map((e) => (e as StandInError).code)).toEqual(["#NUM!", "#NUM!", "#NUM!"]);
  });

  test("review period: REORDER_POINT is the order-up-to level mu (L + R) + z sigma sqrt(L + R)", () => {
    // With L + R = 2 the Chopra & Meindl numbers reappear: L = 1.5, R = 0.5.
    rel(one(REORDER_POINT([[2500]], [[500]], [[1.5]], [[csl]], null, [[0.5]])), 6000, 1e-9);
    rel(one(SAFETY_STOCK([[500]], [[1.5]], [[csl]], null, null, [[0.5]])), 1000, 1e-9);
  });
});

describe("MIN_MAX", () => {
  // Chopra & Meindl numbers again: mu L = 5,000, z sigma sqrt(L) = 1,000.
  const csl = jStat.normal.cdf(1000 / (500 * Math.SQRT2), 0, 1);

  test("three columns per item; full cases; blank row blank", () => {
    const r = MIN_MAX(col(2500, "", 2500), col(500, "", 500), [[2]], [[csl]], col(1, "", 3000));
    expect(r.map((x) => x.length)).toEqual([3, 3, 3]);
    [6000, 5000, 6000].forEach((x, c) => rel(r[0][c] as number, x, 1e-9));
    expect(r[1]).toEqual(["", "", ""]);
    // 5,000 units in cases of 3,000: two cases
    [6000, 6000, 7000].forEach((x, c) => rel(r[2][c] as number, x, 1e-9));
  });

  test("an error fills the item's three cells", () => {
    const r = MIN_MAX(col(2500, -1), [[500]], [[2]], [[0.9]]);
    expect(r[1].map((e) => (e as StandInError).code)).toEqual(["#NUM!", "#NUM!", "#NUM!"]);
  });
});

describe("FILL_RATE and NORMAL_LOSS", () => {
  test("Chopra & Meindl: fill rate 1 - 25.13/10,000 = 0.9975", () => {
    const f = one(FILL_RATE([[2500]], [[500]], [[2]], [[6000]], [[10000]]));
    expect(Math.abs(f - (1 - 25.13 / 10000))).toBeLessThan(5e-6);
  });

  test("standard normal loss G(z) over a column (Snyder & Shen / stockpyl values)", () => {
    const z = [-1.4, 0, 0.3, 1, 3.1];
    const g = [1.436668142708465, 0.3989422804014327, 0.26676124211721, 0.08331547058768629, 2.672490952231408e-4];
    const r = NORMAL_LOSS(col(...z));
    g.forEach((x, i) => rel(r[i][0] as number, x, 1e-9));
  });

  test("loss of N(mean, sd): x=11 in N(8,3), x=10.5 in N(15,5)", () => {
    const r = NORMAL_LOSS(col(11, 10.5), col(8, 15), col(3, 5));
    rel(r[0][0] as number, 0.249946411763059, 1e-9);
    rel(r[1][0] as number, 5.002155685433356, 1e-9);
    expect(code(NORMAL_LOSS([[1]], [[0]], [[-1]]))).toBe("#NUM!");
  });
});

describe("BULLWHIP_BOUND (Chen, Drezner, Ryan & Simchi-Levi 2000; Chen, Ryan & Simchi-Levi 2000)", () => {
  test("moving average: L=1,p=1 -> 5; L=2,p=4 -> 2.5; L=3,p=10 -> 1.78; AR(1) rho=0.5 -> 2.40625", () => {
    const r = BULLWHIP_BOUND(col(1, 2, 3, 2), col(1, 4, 10, 4), col("", "ma", "moving-average", null), col(null, "", 0, 0.5));
    [5, 2.5, 1.78, 2.40625].forEach((x, i) => rel(r[i][0] as number, x, 1e-12));
  });

  test("exponential smoothing L=2, alpha=0.2 -> 1.9778; bad method is #VALUE!", () => {
    expect(Math.abs(one(BULLWHIP_BOUND([[2]], [[0.2]], [["es"]])) - 1.9778)).toBeLessThan(5e-5);
    expect(code(BULLWHIP_BOUND([[2]], [[4]], [["arima"]]))).toBe("#VALUE!");
    expect(code(BULLWHIP_BOUND([[2]], [[4]], [[3]]))).toBe("#VALUE!");
  });
});

describe("BULLWHIP_RATIO", () => {
  // Orders 2x demand: variance ratio 4, CV ratio 1; orders 3x demand: 9.
  const demand = col(1, 2, 3, 4);

  test("one column each; method variance (default) and cv", () => {
    expect(BULLWHIP_RATIO(col(2, 4, 6, 8), demand)).toEqual([[4]]);
    rel(one(BULLWHIP_RATIO(col(2, 4, 6, 8), demand, [["cv"]])), 1, 1e-12);
    rel(one(BULLWHIP_RATIO(col(2, 4, 6, 8), demand, [["Variance"]])), 4, 1e-12);
  });

  test("several orders columns against one shared demand column: one row of ratios", () => {
    const orders = [
      [2, 3],
      [4, 6],
      [6, 9],
      [8, 12],
    ];
    const r = BULLWHIP_RATIO(orders, demand);
    expect(r.length).toBe(1);
    rel(r[0][0] as number, 4, 1e-12);
    rel(r[0][1] as number, 9, 1e-12);
  });

  test("paired demand columns; mismatched column counts are #VALUE!", () => {
    const orders = [
      [2, 3],
      [4, 6],
      [6, 9],
      [8, 12],
    ];
    // demand column 2 = 1, 3, 5, 7 (variance 20/3): 15 / (20/3) = 2.25
    const paired = [
      [1, 1],
      [2, 3],
      [3, 5],
      [4, 7],
    ];
    const r = BULLWHIP_RATIO(orders, paired);
    rel(r[0][0] as number, 4, 1e-12);
    rel(r[0][1] as number, 2.25, 1e-12);
    expect(
      code(
        BULLWHIP_RATIO(orders, [
          [1, 2, 3],
          [2, 3, 4],
          [3, 4, 5],
        ]),
      ),
    ).toBe("#VALUE!");
  });

  test("a one-row range is one series; blanks are skipped", () => {
    rel(one(BULLWHIP_RATIO(row(2, 4, 6, 8), row(1, 2, 3, 4))), 4, 1e-12);
    rel(one(BULLWHIP_RATIO(col(2, "", 4, null, 6, 8), row(1, 2, "", 3, 4, null))), 4, 1e-12);
  });

  test("orders and demand over different numbers of periods: #VALUE! naming both lengths", () => {
    const r = BULLWHIP_RATIO(col(2, 4, 6, 8), col(1, 2, 3));
    expect(code(r)).toBe("#VALUE!");
    expect(JSON.stringify(r)).toMatch(/orders cover 4 periods and demand 3/);
  });

  test("warmup drops the first k rows (periods) of every series", () => {
    rel(one(BULLWHIP_RATIO(col(1000, 2, 4, 6, 8), col(-50, 1, 2, 3, 4), null, [[1]])), 4, 1e-12);
    // a blank row counts as a period: after dropping rows 1-2 the series are 4,6,8 and 2,3,4
    rel(one(BULLWHIP_RATIO(col(1000, "", 4, 6, 8), col(-50, 7, 2, 3, 4), null, [[2]])), 4, 1e-12);
    expect(code(BULLWHIP_RATIO(col(2, 4, 6), col(1, 2, 3), null, [[-1]]))).toBe("#NUM!");
    expect(code(BULLWHIP_RATIO(col(2, 4, 6), col(1, 2, 3), null, [[1.5]]))).toBe("#NUM!");
  });

  test("errors affect only their own series", () => {
    const orders = [
      [2, 2, 2, 2],
      [4, "x", 4, NaN],
      [6, 6, 6, 6],
      [8, 8, 8, 8],
    ];
    const r = BULLWHIP_RATIO(orders, demand);
    rel(r[0][0] as number, 4, 1e-12);
    expect(showAll([[r[0][1]]])).toEqual([["#VALUE!: orders (row 2, column 2) must be a number, not text"]]);
    rel(r[0][2] as number, 4, 1e-12);
    expect(code(r, 0, 3)).toBe("#NUM!");
  });

  test("constant demand is #DIV/0!; fewer than two numbers is #N/A; bad method #VALUE!", () => {
    expect(code(BULLWHIP_RATIO(col(1, 2, 3), col(5, 5, 5)))).toBe("#DIV/0!");
    expect(code(BULLWHIP_RATIO(col(1, "", ""), col(5, 6, 7)))).toBe("#N/A");
    expect(code(BULLWHIP_RATIO([[1]], [[2]]))).toBe("#N/A");
    expect(code(BULLWHIP_RATIO(col(1, 2), col(1, 2), [["stddev"]]))).toBe("#VALUE!");
    expect(code(BULLWHIP_RATIO([], col(1, 2)))).toBe("#VALUE!");
    expect(code(BULLWHIP_RATIO(col(1, 2), null))).toBe("#VALUE!");
  });

  test("matches a two-pass sample-variance ratio on 10,000 pseudo-random rows", () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const d: number[] = [];
    const o: number[] = [];
    for (let i = 0; i < 10000; i++) {
      d.push(1e6 + 10 * rnd());
      o.push(1e6 + 25 * rnd());
    }
    const variance = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return xs.reduce((a, b) => a + (b - m) * (b - m), 0) / (xs.length - 1);
    };
    rel(one(BULLWHIP_RATIO(col(...o), col(...d))), variance(o) / variance(d), 1e-9);
  });
});

describe("TC_1N and TC_1N_OPTIMIZE (ARCHITECTURE.md section 7)", () => {
  // Store 1: N(8, 3) lead-time demand (mean 8, sd 3, L 1) at s = 11: n = 0.249946411763059 (stockpyl).
  // Store 2: deterministic (sd 0): mean 10, L 2, s 25: n = 0.
  const stores = {
    mean: col(8, 10),
    sd: col(3, 0),
    lead: col(1, 2),
    holding: col(1, 2),
    q: col(10, 20),
    s: col(11, 25),
  };
  const n1 = 0.249946411763059;
  const P = 10;
  // HC_1 = 1 (5 + 11 - 8) = 8; HC_2 = 2 (10 + 25 - 20) = 30; LC_j = share P n_j.
  // DC: h0 = 0.5, S0 = 60, L0 = 2: HC_0 = 0.5 (60 - 2 * 18) = 12; LC_0 = (1 - share) P (n_1 + n_2).
  const expectedTotal = 8 + 30 + 12 + P * n1;

  const call = (share: unknown, output: unknown, distribution?: unknown) =>
    TC_1N(
      stores.mean,
      stores.sd,
      stores.lead,
      stores.holding,
      stores.q,
      stores.s,
      [[0.5]],
      [[60]],
      [[2]],
      [[P]],
      share,
      output,
      distribution,
    );

  test("total; share does not change it", () => {
    rel(one(call(null, null)), expectedTotal, 1e-12);
    rel(one(call([[0.2]], [["total"]])), expectedTotal, 1e-12);
  });

  test("detail: one row per store then the DC, columns holding, shortage, total", () => {
    const r = call([[0.2]], [["detail"]]) as number[][];
    expect(r.map((x) => x.length)).toEqual([3, 3, 3]);
    const expected = [
      [8, 0.2 * P * n1],
      [30, 0],
      [12, 0.8 * P * n1],
    ];
    expected.forEach(([h, s], i) => {
      rel(r[i][0], h, 1e-12);
      expect(Math.abs(r[i][1] - s)).toBeLessThan(1e-12);
      rel(r[i][2], h + s, 1e-12);
    });
  });

  test("a single-cell store argument repeats across stores; trailing blank rows are ignored", () => {
    const a = TC_1N(col(8, 10, "", ""), col(3, 3, "", ""), [[1]], [[1]], [[10]], col(11, 13, "", ""), [[0.5]], [[60]], [[2]], [[P]]);
    const b = TC_1N(col(8, 10), col(3, 3), col(1, 1), col(1, 1), col(10, 10), col(11, 13), [[0.5]], [[60]], [[2]], [[P]]);
    expect(one(a)).toBe(one(b));
    expect(showAll(TC_1N(col(8, "", 10), [[3]], [[1]], [[1]], [[10]], [[11]], [[0.5]], [[60]], [[2]], [[P]]))).toEqual([
      ["#VALUE!: store_mean (store 2) is required"],
    ]);
  });

  test("Poisson lead-time demand: n = 2.292600125697305 for mean 7 at s = 5 (stockpyl)", () => {
    // one store, h = 0 so that only the shortage terms count; DC at its pipeline level.
    const t = one(TC_1N([[7]], [[0]], [[1]], [[0]], [[4]], [[5]], [[0]], [[7]], [[1]], [[1]], null, null, [["Poisson"]]));
    rel(t, 2.292600125697305, 1e-9);
  });

  test("errors: a range where one value is expected, DC short, bad option", () => {
    expect(code(call(null, [["both"]]))).toBe("#VALUE!");
    expect(code(TC_1N(stores.mean, stores.sd, stores.lead, stores.holding, stores.q, stores.s, [[0.5]], [[1]], [[2]], [[P]]))).toBe(
      "#NUM!",
    );
    expect(code(TC_1N(stores.mean, stores.sd, stores.lead, stores.holding, stores.q, stores.s, col(0.5, 1), [[60]], [[2]], [[P]]))).toBe(
      "#VALUE!",
    );
    expect(code(TC_1N(col(1, 2, 3), stores.sd, stores.lead, stores.holding, stores.q, stores.s, [[0.5]], [[60]], [[2]], [[P]]))).toBe(
      "#VALUE!",
    );
  });

  test("TC_1N_OPTIMIZE: newsvendor levels (Snyder & Shen Examples 4.3 and 4.7) and node costs", () => {
    // Normal N(50, 8), h = 0.18, P = 0.88: 1 - h/P = 0.7/0.88, S* = 56.603955927433887.
    const r = TC_1N_OPTIMIZE([[50]], [[8]], [[1]], [[0.18]], [[10]], [[0.1]], [[3]], [[0.88]]) as number[][];
    expect(r.map((x) => x.length)).toEqual([2, 2]);
    rel(r[0][0], 56.603955927433887, 1e-9);
    rel(r[1][0], 150, 1e-12); // DC base stock = L0 * sum of means
    // the costs are TC_1N's detail totals at these levels
    const detail = TC_1N([[50]], [[8]], [[1]], [[0.18]], [[10]], [[r[0][0]]], [[0.1]], [[r[1][0]]], [[3]], [[0.88]], null, [
      ["detail"],
    ]) as number[][];
    rel(r[0][1], detail[0][2], 1e-12);
    rel(r[1][1], detail[1][2], 1e-12);
    // Poisson(6), h = 1, P = 5 (1 - h/P = p/(p+h) with p = 4): S* = 8.
    const p = TC_1N_OPTIMIZE(col(6, 6), [[0]], [[1]], [[1]], [[2]], [[0]], [[1]], [[5]], null, [["poisson"]]) as number[][];
    expect(p.map((x) => x[0])).toEqual([8, 8, 12]);
  });
});

// tsintermittent's example series ts.data2 (test/classify/demandClass.test.ts): ADI 20/7, CV^2 0.6198, lumpy.
const TS_DATA2 = [0, 2, 0, 1, 0, 11, 0, 0, 0, 0, 2, 0, 6, 3, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0];

describe("DEMAND_CLASS (Syntetos, Boylan & Croston; tsintermittent::idclass)", () => {
  test("a SKU table: one row [ADI, CV^2, class] per SKU, periods across", () => {
    const r = DEMAND_CLASS([
      [5, 6, 4, 5, 7, 5, 6, 5, 4, 6, 5, 5],
      [1, 10, 2, 15, 1, 20, 3, 1, 12, 2, 1, 10],
      [0, 5, 0, 0, 6, 0, 5, 0, 0, 4, 0, 6],
      [0, 1, 0, 0, 20, 0, 0, 2, 0, 15, 0, 0],
    ]);
    expect(r.map((x) => x[2])).toEqual(["smooth", "erratic", "intermittent", "lumpy"]);
    expect(r.map((x) => x[0])).toEqual([1, 1, 2.4, 2.5]);
    rel(r[3][1] as number, 0.99353647276084955, 1e-14);
  });

  test("a single column or a single row is one series: the same 1 x 3 row", () => {
    const byRow = DEMAND_CLASS([TS_DATA2]);
    const byCol = DEMAND_CLASS(col(...TS_DATA2));
    expect(byCol).toEqual(byRow);
    expect(byRow.length).toBe(1);
    rel(byRow[0][0] as number, 20 / 7, 1e-15);
    rel(byRow[0][1] as number, 0.61979166666666674, 1e-14);
    expect(byRow[0][2]).toBe("lumpy");
  });

  test("leading and trailing blanks are skipped; a blank between numbers is #VALUE! naming the period", () => {
    // a SKU that started in period 3; the range is wider than the history
    expect(DEMAND_CLASS([["", null, 0, 4, 0, 4, "", ""]])).toEqual([[2, 0, "intermittent"]]); // intervals 2, 2 from the first period of the series
    expect(showAll(DEMAND_CLASS([[4, 0, "", 4, 5]]))[0]).toEqual(
      new Array(3).fill("#VALUE!: history has a blank at period 3: enter 0 for no demand"),
    );
    expect(showAll(DEMAND_CLASS(col(4, 0, null, 4, 5)))[0][0]).toBe("#VALUE!: history has a blank at period 3: enter 0 for no demand");
  });

  test("blank rows stay blank; errors affect only their own row", () => {
    const na = new StandInError("#N/A", "lookup failed");
    const r = DEMAND_CLASS([
      [3, 3, 4, 4],
      [null, "", null, ""],
      [0, 0, 0, 0],
      [0, 0, 9, 0],
      [2, -1, 3, 3],
      [2, "n/a", 3, 3],
      [2, na, 3, 3],
      [2, true, 3, 3],
    ]);
    expect(r[0][2]).toBe("smooth");
    expect(r[1]).toEqual(["", "", ""]);
    expect(showAll([r[2]])[0][0]).toMatch(/^#N\/A: history has no demand/);
    expect(r[3][0]).toBe(3); // one demand: ADI defined, CV^2 and class #N/A
    expect(showAll([r[3]])[0].slice(1)).toEqual(
      new Array(2).fill("#N/A: history has one non-zero demand: CV^2 of the demand sizes needs at least two (the class is undefined)"),
    );
    expect(showAll([r[4]])[0]).toEqual(["#NUM!", "#NUM!", "#NUM!"]);
    expect(showAll([r[5]])[0][0]).toBe("#VALUE!: history (row 6, period 2) must be a number, not text");
    expect(r[6]).toEqual([na, na, na]);
    expect(showAll([r[7]])[0][0]).toBe("#VALUE!: history (row 8, period 2) must be a number, not a boolean (TRUE/FALSE)");
  });

  test("a missing or malformed history is one #VALUE!", () => {
    expect(showAll(DEMAND_CLASS(null))).toEqual([["#VALUE!: history is required"]]);
    expect(showAll(DEMAND_CLASS([[1, 2], [3]]))[0][0]).toMatch(/^#VALUE!: history is not a rectangular range/);
  });

  test("5,000 SKUs x 104 weeks in well under a second", () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const table = Array.from({ length: 5000 }, (_, i) =>
      Array.from({ length: 104 }, () => (rnd() < (i % 4) / 4 ? 0 : Math.round(20 * rnd()))),
    );
    const t0 = Date.now();
    const r = DEMAND_CLASS(table);
    const x = XYZ(table);
    const ms = Date.now() - t0;
    expect(r.length).toBe(5000);
    expect(x.length).toBe(5000);
    expect(ms).toBeLessThan(1000);
  });
});

describe("ABC (Heizer & Render, Example 1: Silicon Chips, Inc.)", () => {
  const values = col(90000, 77000, 26350, 15001, 12500, 8502, 1200, 850, 504, 150);

  test("a column of SKU values: one class per cell; a_share 0.7 gives the book's classes", () => {
    expect(
      ABC(values, [[0.7]])
        .map((x) => x[0])
        .join(""),
    ).toBe("AABBBCCCCC");
    expect(
      ABC(values)
        .map((x) => x[0])
        .join(""),
    ).toBe("AAABBCCCCC"); // defaults 0.8 and 0.95
    expect(
      ABC(values, [[""]], null)
        .map((x) => x[0])
        .join(""),
    ).toBe("AAABBCCCCC"); // blank optionals take the defaults
  });

  test("same shape as values: a row, a grid; blank cells stay blank and count for nothing", () => {
    expect(ABC(row(10, 50, "", 40))).toEqual([["B", "A", "", "A"]]);
    expect(
      ABC([
        [50, 10],
        [null, 40],
      ]),
    ).toEqual([
      ["A", "B"],
      ["", "A"],
    ]);
  });

  test("bad cells get their own error and are left out of the total", () => {
    const na = new StandInError("#N/A", "lookup failed");
    const r = ABC(col(50, -5, "x", na, 50, 0));
    expect(showAll(r)).toEqual([
      ["A"],
      ["#NUM!"],
      ["#VALUE!: values (row 3) must be a number, not text"],
      ["#N/A: lookup failed"],
      ["A"],
      ["C"],
    ]);
  });

  test("bad shares are one #NUM!; a range where one value is expected is #VALUE!", () => {
    expect(code(ABC(values, [[0.9]], [[0.8]]))).toBe("#NUM!");
    expect(code(ABC(values, [[1.5]]))).toBe("#NUM!");
    expect(showAll(ABC(values, col(0.7, 0.8)))).toEqual([["#VALUE!: a_share must be a single value, not a range"]]);
    expect(showAll(ABC(null))).toEqual([["#VALUE!: values is required"]]);
  });

  test("a whole column (1,048,576 rows) with 3 values, then blanks", () => {
    const ROWS = 1048576;
    const c: unknown[][] = new Array(ROWS);
    for (let i = 0; i < ROWS; i++) c[i] = [i < 3 ? [70, 20, 10][i] : null];
    const r = ABC(c);
    expect(r.length).toBe(ROWS);
    expect([r[0][0], r[1][0], r[2][0], r[3][0], r[ROWS - 1][0]]).toEqual(["A", "A", "B", "", ""]); // starts 0%, 70%, 90%
  });
});

describe("XYZ", () => {
  // The olegon.ru forum's item (test/classify/xyz.test.ts): monthly CV 29%, quarterly 19%.
  test("one class per row; the cut-offs x_cv and y_cv", () => {
    const table = [
      [70, 60, 60, 90, 80, 80, 95, 40, 40],
      [190, 250, 175, "", "", "", "", "", ""],
      [0, 10, 0, 10, 0, 10, 0, 10, 0],
    ];
    // CVs 0.293, 0.194 and 1.186 (four 10s and five 0s: mean 4.44, sample sd 5.27)
    expect(XYZ(table)).toEqual([["X"], ["X"], ["Z"]]);
    expect(XYZ(table, [[0.1]], [[0.25]])).toEqual([["Z"], ["Y"], ["Z"]]);
    expect(XYZ(table, null, [[2]])).toEqual([["X"], ["X"], ["Y"]]);
  });

  test("a single column is one series; blanks, all-zero series and bad cut-offs", () => {
    expect(XYZ(col(2, 4))).toEqual([["X"]]); // sample sd sqrt(2), mean 3: CV 0.471
    expect(showAll(XYZ([[0, 0, 0]]))[0][0]).toMatch(/^#N\/A: history has no demand/);
    expect(showAll(XYZ([[5, "", ""]]))[0][0]).toBe("#N/A: history needs at least 2 periods for a coefficient of variation (has 1)");
    expect(XYZ([[null, ""]])).toEqual([[""]]);
    expect(code(XYZ([[1, -2, 3]]))).toBe("#NUM!");
    expect(code(XYZ([[1, 2, 3]], [[1]], [[0.5]]))).toBe("#NUM!");
    expect(showAll(XYZ([[1, 2, 3]], [["low"]]))).toEqual([["#VALUE!: x_cv must be a number, not text"]]);
  });
});

describe("FORECAST_ACCURACY (FPP2 section 3.4, Australian beer; R's forecast::accuracy)", () => {
  // 2008 Q1 - 2010 Q2, the seasonal naive forecast from 2007, and the 1992-2007 history (test/accuracy/accuracy.test.ts)
  const actual = [420, 390, 410, 488, 415, 398, 419, 488, 414, 374];
  const snaive = [427, 383, 394, 473, 427, 383, 394, 473, 427, 383];
  // prettier-ignore
  const history = [
    443, 410, 420, 532, 433, 421, 410, 512, 449, 381, 423, 531, 426, 408, 416, 520, 409, 398, 398, 507, 432, 398, 406, 526,
    428, 397, 403, 517, 435, 383, 424, 521, 421, 402, 414, 500, 451, 380, 416, 492, 428, 408, 406, 506, 435, 380, 421, 490,
    435, 390, 412, 454, 416, 403, 408, 482, 438, 386, 405, 491, 427, 383, 394, 473,
  ];

  test("every metric of one series given as rows (R: RMSE 14.31, MAE 13.4, MAPE 3.17%, MASE 0.937, ME 5.2)", () => {
    const f = (m: string | null, h: unknown = null, s: unknown = null) =>
      one(FORECAST_ACCURACY([actual], [snaive], m === null ? null : [[m]], h, s));
    rel(f("rmse"), 14.310835055998654, 1e-13);
    rel(f("mae"), 13.4, 1e-13);
    rel(f("MAPE"), 0.03168502979852982, 1e-13);
    rel(f("mase", [history], [[4]]), 0.93706293706293708, 1e-13);
    rel(f("bias"), -5.2, 1e-13);
    rel(f(null), 134 / 4216, 1e-13); // wape, the default
    rel(f("smape"), one(FORECAST_ACCURACY(col(...actual), col(...snaive), [["smape"]])), 1e-15);
  });

  test("one figure per row when actual and forecast are 2-D of the same shape", () => {
    const naive = new Array(10).fill(473);
    const r = FORECAST_ACCURACY([actual, actual], [snaive, naive], [["mase"]], [history, history], [[4]]);
    expect(r.length).toBe(2);
    rel(r[0][0] as number, 0.93706293706293708, 1e-13);
    rel(r[1][0] as number, 4.0139860139860142, 1e-13);
  });

  test("compared over the periods where both have a value: actuals still to come, a forecast that starts later", () => {
    rel(one(FORECAST_ACCURACY([[10, 12, "", ""]], [[11, 11, 11, 11]], [["mae"]])), 1, 1e-15);
    rel(one(FORECAST_ACCURACY([[10, 12, 14]], [["", 11, 13]], [["mae"]])), 1, 1e-15);
    expect(showAll(FORECAST_ACCURACY([[10, 12, "", ""]], [["", "", 11, 11]]))).toEqual([
      ["#N/A: actual and forecast have no period in common"],
    ]);
    expect(
      FORECAST_ACCURACY(
        [
          [null, null],
          [1, 2],
        ],
        [
          [null, ""],
          [1, 2],
        ],
      ),
    ).toEqual([[""], [0]]);
  });

  test("mismatched shapes are #VALUE! naming both; a column and a row of the same length pair up", () => {
    const r = FORECAST_ACCURACY([actual, actual], [snaive]);
    expect(showAll(r)).toEqual([
      ["#VALUE!: actual is 2 x 10 and forecast 1 x 10 (rows x columns): select the same SKUs and periods for both"],
    ]);
    expect(code(FORECAST_ACCURACY(col(1, 2, 3), col(1, 2)))).toBe("#VALUE!");
    rel(one(FORECAST_ACCURACY(col(...actual), [snaive], [["mae"]])), 13.4, 1e-13);
  });

  test("errors: zero denominators #DIV/0!, mase without history #VALUE!, unknown metric #VALUE!", () => {
    expect(code(FORECAST_ACCURACY([[0, 5]], [[1, 5]], [["mape"]]))).toBe("#DIV/0!");
    expect(code(FORECAST_ACCURACY([[0, 0]], [[1, 5]]))).toBe("#DIV/0!");
    expect(code(FORECAST_ACCURACY([[3, 4]], [[3, 5]], [["mase"]], [[5, 5, 5]]))).toBe("#DIV/0!");
    expect(showAll(FORECAST_ACCURACY([[3, 4]], [[3, 5]], [["mase"]]))).toEqual([
      ["#VALUE!: mase needs history: the past values of each series, to scale the errors"],
    ]);
    expect(
      showAll(
        FORECAST_ACCURACY(
          [
            [3, 4],
            [1, 2],
          ],
          [
            [3, 5],
            [1, 2],
          ],
          [["mase"]],
          [[1, 2, 3]],
        ),
      )[0][0],
    ).toMatch(/^#VALUE!: history has 1 series \(rows\) and actual 2/);
    expect(showAll(FORECAST_ACCURACY([[3, 4]], [[3, 5]], [["mase"]], [[1, 2, 3]], [[3]]))[0][0]).toMatch(
      /^#N\/A: history needs at least season_length \+ 1 = 4 values/,
    );
    expect(code(FORECAST_ACCURACY([[3, 4]], [[3, 5]], [["mase"]], [[1, 2, 3]], [[1.5]]))).toBe("#NUM!");
    expect(showAll(FORECAST_ACCURACY([[3, 4]], [[3, 5]], [["mse"]]))[0][0]).toMatch(/^#VALUE!: metric must be one of "mae"/);
    expect(showAll(FORECAST_ACCURACY(null, [[3, 5]]))).toEqual([["#VALUE!: actual is required"]]);
  });

  test("a bad cell or an interior blank is that series' error only", () => {
    const r = FORECAST_ACCURACY(
      [
        [3, 4, 5],
        [3, "", 5],
        [3, "x", 5],
      ],
      [
        [3, 4, 6],
        [3, 4, 6],
        [3, 4, 6],
      ],
      [["mae"]],
    );
    rel(r[0][0] as number, 1 / 3, 1e-15);
    expect(showAll(r.slice(1))).toEqual([
      ["#VALUE!: actual has a blank at period 2: enter 0 for no demand"],
      ["#VALUE!: actual (row 3, period 2) must be a number, not text"],
    ]);
  });
});

describe("FORECAST, FORECAST_FIT and FORECAST_SAFETY_STOCK (asynchronous, cancelable)", () => {
  const steady = [12, 15, 11, 14, 13, 16, 12, 15, 14, 17, 13, 16];
  const seasonal = [20, 30, 25, 15, 22, 33, 27, 16, 24, 35, 29, 18];
  const sparse = [0, 3, 0, 0, 5, 0, 2, 0, 0, 4, 0, 1];
  const table = [steady, seasonal, sparse];
  const given = (method: GivenMethod, y: number[], h: number, parameters: number[], seasonLength?: number) =>
    Array.from(forecastGiven(method, y, h, { parameters, seasonLength }).forecasts);
  const model = (y: number[], request: FitRequest) => fit.fitForecast(y, { seasonLength: 1, ...request });

  afterEach(() => jest.restoreAllMocks());

  test("given parameters: each series' forecasts are the engine's (forecastGiven), one row per series", async () => {
    const cases: [GivenMethod, number[], number[], number | undefined][] = [
      ["naive", steady, [], undefined],
      ["ses", steady, [0.3], undefined],
      ["holt", steady, [0.5, 0.2], undefined],
      ["damped", seasonal, [0.5, 0.2, 0.9], undefined],
      ["moving-average", steady, [3], undefined],
      ["holt-winters", seasonal, [0.3, 0.1, 0.2], 4],
      ["holt-winters-mul", seasonal, [0.3, 0.1, 0.2], 4],
      ["seasonal-naive", seasonal, [], 4],
      ["croston", sparse, [0.1], undefined],
      ["sba", sparse, [0.1], undefined],
      ["tsb", sparse, [0.1, 0.2], undefined],
    ];
    for (const [method, y, p, m] of cases) {
      const r = await FORECAST([y], [[6]], [[method]], m === undefined ? null : [[m]], p.length ? [p] : null);
      expect([method, r]).toEqual([method, [given(method, y, 6, p, m)]]);
    }
    const r = await FORECAST(table, [[4]], [["ses"]], null, [[0.3]]);
    expect(r).toEqual(table.map((y) => given("ses", y, 4, [0.3])));
    // method names ignore case and surrounding spaces; parameters may be a column too
    expect(await FORECAST(table, [[4]], [[" SES "]], null, [[0.3]])).toEqual(r);
    expect(await FORECAST([steady], [[2]], [["holt"]], null, col(0.5, 0.2))).toEqual([given("holt", steady, 2, [0.5, 0.2])]);
  });

  test("shapes: a table gives rows x horizon; a single column or cell gives a column of horizon rows; a single row one row", async () => {
    const expected = given("ses", steady, 4, [0.3]);
    expect(await FORECAST(col(...steady), [[4]], [["ses"]], null, [[0.3]])).toEqual(expected.map((x) => [x]));
    expect(await FORECAST(row(...steady), [[4]], [["ses"]], null, [[0.3]])).toEqual([expected]);
    expect(await FORECAST([[5]], [[1]], [["naive"]])).toEqual([[5]]);
    expect(await FORECAST([[5]], [[3]], [["naive"]])).toEqual([[5], [5], [5]]);
    const t = await FORECAST(table, [[4]], [["naive"]]);
    expect(t).toEqual([
      [16, 16, 16, 16],
      [18, 18, 18, 18],
      [1, 1, 1, 1],
    ]);
    // FORECAST_FIT: one row of 9 per series, a single column too; FORECAST_SAFETY_STOCK one value per series
    expect((await FORECAST_FIT(table, [["naive"]])).map((r) => r.length)).toEqual([9, 9, 9]);
    expect((await FORECAST_FIT(col(...steady), [["naive"]])).map((r) => r.length)).toEqual([9]);
    expect((await FORECAST_SAFETY_STOCK(table, [[2]], [[0.95]], [["naive"]])).map((r) => r.length)).toEqual([1, 1, 1]);
    expect((await FORECAST_SAFETY_STOCK(col(...steady), [[2]], [[0.95]], [["naive"]])).map((r) => r.length)).toEqual([1]);
  });

  test("blank rows give blank rows; blanks at either end of a series are skipped", async () => {
    const blankRow = [null, "", null, "", null, "", null, "", null, "", null, ""];
    const t = [steady, blankRow, [null, null, ...steady.slice(2, 10), "", ""]];
    const r = await FORECAST(t, [[3]], [["ses"]], null, [[0.3]]);
    expect(r).toEqual([given("ses", steady, 3, [0.3]), ["", "", ""], given("ses", steady.slice(2, 10), 3, [0.3])]);
    expect((await FORECAST_FIT(t, [["ses"]], null, [[0.3]]))[1]).toEqual(new Array(9).fill(""));
    expect((await FORECAST_SAFETY_STOCK(t, [[2]], [[0.95]], [["ses"]], null, [[0.3]]))[1]).toEqual([""]);
    expect(await FORECAST(col(null, ""), [[2]])).toEqual([[""], [""]]);
  });

  test("a series with an error value, text, a blank inside or too few periods is that row's error only", async () => {
    const na = new StandInError("#N/A", "lookup failed");
    const pad = (...xs: unknown[]) => [...xs, ...new Array(12 - xs.length).fill(null)];
    const t = [steady, pad(1, 2, na, 4), pad(1, 2, "x", 4), pad(1, 2, "", 4), pad(7), pad(1, -2, 3, 0)];
    const r = await FORECAST(t, [[2]], [["holt"]], null, [[0.5, 0.2]]);
    expect(r[0]).toEqual(given("holt", steady, 2, [0.5, 0.2]));
    expect(r[1][0]).toBe(na);
    expect(r[1][1]).toBe(na);
    expect(showAll(r.slice(2, 5))).toEqual([
      ["#VALUE!: history (row 3, period 3) must be a number, not text", "#VALUE!: history (row 3, period 3) must be a number, not text"],
      [
        "#VALUE!: history has a blank at period 3: enter 0 for no demand",
        "#VALUE!: history has a blank at period 3: enter 0 for no demand",
      ],
      ["#N/A: holt needs at least 2 periods", "#N/A: holt needs at least 2 periods"],
    ]);
    expect(typeof r[5][0]).toBe("number"); // holt takes any numbers
    const c = await FORECAST_FIT(t, [["croston"]], null, [[0.1]]);
    expect(c[0][0]).toBe("croston");
    expect(c[1].every((x) => x === na)).toBe(true);
    expect(code(c, 5)).toBe("#NUM!"); // negative demand for an intermittent method
    const ss = await FORECAST_SAFETY_STOCK(t, [[2]], [[0.95]], [["holt"]], null, [[0.5, 0.2]]);
    expect(ss[1][0]).toBe(na);
    expect(typeof ss[0][0]).toBe("number");
  });

  test("arguments of the whole call: one error cell naming the argument and the rule", async () => {
    const methods =
      '"naive", "seasonal-naive", "moving-average", "ses", "holt", "damped", "holt-winters", "holt-winters-mul", "croston", "sba", "tsb", "auto"';
    expect(showAll(await FORECAST(table, [[3]], [["arima"]]))).toEqual([[`#VALUE!: method must be one of ${methods}`]]);
    expect(showAll(await FORECAST_FIT(table, [["arima"]]))).toEqual([[`#VALUE!: method must be one of ${methods}`]]);
    expect(showAll(await FORECAST_SAFETY_STOCK(table, [[1]], [[0.9]], [["arima"]]))).toEqual([
      [`#VALUE!: method must be one of ${methods}`],
    ]);
    expect(showAll(await FORECAST(table, null))).toEqual([["#VALUE!: horizon is required"]]);
    expect(showAll(await FORECAST(table, [["3"]]))).toEqual([["#VALUE!: horizon must be a number, not text"]]);
    expect(showAll(await FORECAST(table, [[0]]))).toEqual([["#NUM!"]]);
    expect(showAll(await FORECAST(table, [[2.5]]))).toEqual([["#NUM!"]]);
    expect(showAll(await FORECAST(table, [[1, 2]]))).toEqual([["#VALUE!: horizon must be a single value, not a range"]]);
    expect(showAll(await FORECAST(null, [[3]]))).toEqual([["#VALUE!: history is required"]]);
    expect(showAll(await FORECAST(table, [[3]], null, [[0]]))).toEqual([["#NUM!"]]);
    expect(showAll(await FORECAST(table, [[3]], null, [[1.5]]))).toEqual([["#NUM!"]]);
    expect(showAll(await FORECAST(col(1, 2), [[5000000]]))).toEqual([["#VALUE!: the result would have more than 4194304 cells"]]);
    expect(showAll(await FORECAST(table, [[3]], [["holt"]], null, [["", 0.2]]))).toEqual([
      ["#VALUE!: parameters has a blank at position 1: give every parameter of the method, or none to estimate them"],
    ]);
    expect(showAll(await FORECAST(table, [[3]], [["holt"]], null, [[0.5, "b"]]))).toEqual([
      ["#VALUE!: parameters (2) must be a number, not text"],
    ]);
    expect(
      showAll(
        await FORECAST(table, [[3]], [["holt"]], null, [
          [0.5, 0.2],
          [0.1, 0.1],
        ]),
      )[0][0],
    ).toMatch(/^#VALUE!: parameters must be one row/);
    const na = new StandInError("#N/A", "lookup failed");
    expect(await FORECAST(table, [[3]], [["ses"]], null, [[na]])).toEqual([[na]]);
    expect(await FORECAST(table, [[na]])).toEqual([[na]]);
  });

  test("parameters: blank throughout means estimated; the wrong count, or any with auto, is each series' #VALUE!", async () => {
    const estimated = await FORECAST(table, [[3]], [["ses"]]);
    expect(estimated.every((r) => r.every((x) => typeof x === "number"))).toBe(true);
    expect(await FORECAST(table, [[3]], [["ses"]], null, [["", null]])).toEqual(estimated);
    expect(await FORECAST(table, [[3]], [["ses"]], null, [[0.3, ""]])).toEqual(table.map((y) => given("ses", y, 3, [0.3])));
    expect(showAll(await FORECAST([steady], [[2]], [["holt"]], null, [[0.5]]))).toEqual([
      ["#VALUE!: holt takes 2 parameters (alpha, beta), not 1", "#VALUE!: holt takes 2 parameters (alpha, beta), not 1"],
    ]);
    expect(showAll(await FORECAST([steady], [[1]], null, null, [[0.5]]))).toEqual([
      ["#VALUE!: auto estimates its parameters: leave parameters empty, or name a method"],
    ]);
    expect(code(await FORECAST([steady], [[1]], [["ses"]], null, [[1.5]]))).toBe("#NUM!"); // alpha outside [0, 1]
  });

  test("FORECAST_FIT: [method, alpha, beta, gamma, phi, sd, AICc, MAE, RMSE], blank where the model has none", async () => {
    const ses = model(steady, { method: "ses", parameters: [0.3] });
    expect(await FORECAST_FIT([steady], [["ses"]], null, [[0.3]])).toEqual([["ses", 0.3, "", "", "", ses.sigma, "", ses.mae, ses.rmse]]);
    const damped = model(seasonal, { method: "damped", parameters: [0.5, 0.2, 0.9] });
    expect(await FORECAST_FIT([seasonal], [["damped"]], null, [[0.5, 0.2, 0.9]])).toEqual([
      ["damped", 0.5, 0.2, "", 0.9, damped.sigma, "", damped.mae, damped.rmse],
    ]);
    const hw = (await FORECAST_FIT([seasonal], [["holt-winters"]], [[4]], [[0.3, 0.1, 0.2]]))[0];
    expect(hw.slice(0, 5)).toEqual(["holt-winters", 0.3, 0.1, 0.2, ""]);
    // the moving average's window goes with its name
    const ma = model(steady, { method: "moving-average", parameters: [3] });
    expect(await FORECAST_FIT([steady], [["moving-average"]], null, [[3]])).toEqual([
      ["moving-average, window 3", "", "", "", "", ma.sigma, "", ma.mae, ma.rmse],
    ]);
    // estimated: the fitted ETS model with its AICc; auto on intermittent demand: SBA
    const est = (await FORECAST_FIT([steady], [["ses"]]))[0];
    expect(est[0]).toBe("ETS(A,N,N)");
    expect(typeof est[1]).toBe("number");
    expect(typeof est[6]).toBe("number");
    expect((await FORECAST_FIT([sparse]))[0][0]).toBe("sba");
    const auto = await FORECAST_FIT(table);
    expect(auto.map((r) => r.every((x, j) => (j === 0 ? typeof x === "string" : x === "" || Number.isFinite(x))))).toEqual([
      true,
      true,
      true,
    ]);
  });

  test("FORECAST_SAFETY_STOCK: the engine's z times the lead-time error sd, with one or per-series lead times and service levels", async () => {
    const expected = (y: number[], L: number, p: number) => forecastSafetyStock(model(y, { method: "ses", parameters: [0.3] }), L, p);
    const r = await FORECAST_SAFETY_STOCK(table, [[2]], [[0.95]], [["ses"]], null, [[0.3]]);
    expect(r).toEqual(table.map((y) => [expected(y, 2, 0.95)]));
    const per = await FORECAST_SAFETY_STOCK(table, col(1, 2, 3.5), col(0.9, 0.95, 0.99), [["ses"]], null, [[0.3]]);
    expect(per).toEqual([[expected(steady, 1, 0.9)], [expected(seasonal, 2, 0.95)], [expected(sparse, 3.5, 0.99)]]);
    rel(one(await FORECAST_SAFETY_STOCK([steady], [[2]], [[0.95]], [["ses"]], null, [[0.3]])), expected(steady, 2, 0.95), 1e-15);
  });

  test("FORECAST_SAFETY_STOCK: lead_time and service_level errors, per series or for the whole call", async () => {
    const na = new StandInError("#N/A", "lookup failed");
    const blankRow = new Array(12).fill(null);
    const r = await FORECAST_SAFETY_STOCK(
      [steady, seasonal, sparse, blankRow, steady],
      col(2, "", na, 2, "two"),
      col(0.95, 0.95, 0.95, 0.95, 0.95),
      [["ses"]],
      null,
      [[0.3]],
    );
    expect(typeof r[0][0]).toBe("number");
    expect(show(r[1][0])).toBe("#VALUE!: lead_time is required");
    expect(r[2][0]).toBe(na);
    expect(r[3][0]).toBe(""); // a blank history row is blank, whatever its lead time
    expect(show(r[4][0])).toBe("#VALUE!: lead_time must be a number, not text");
    const levels = await FORECAST_SAFETY_STOCK(table, [[2]], col(0.95, 1.2, 0), [["ses"]], null, [[0.3]]);
    expect([typeof levels[0][0], code(levels, 1), code(levels, 2)]).toEqual(["number", "#NUM!", "#NUM!"]);
    expect(showAll(await FORECAST_SAFETY_STOCK(table, [[2]], [[1.2]]))).toEqual([["#NUM!"]]);
    expect(showAll(await FORECAST_SAFETY_STOCK(table, [[0]], [[0.9]]))).toEqual([["#NUM!"]]);
    expect(showAll(await FORECAST_SAFETY_STOCK(table, [[2]], null))).toEqual([["#VALUE!: service_level is required"]]);
    expect(showAll(await FORECAST_SAFETY_STOCK(table, col(1, 2), [[0.9]]))).toEqual([
      ["#VALUE!: lead_time is 2 x 1 (rows x columns): give a single value, or a column with one value per series (3 rows)"],
    ]);
    expect(showAll(await FORECAST_SAFETY_STOCK(table, [[2]], [[0.9, 0.95, 0.99]]))[0][0]).toMatch(/^#VALUE!: service_level is 1 x 3/);
  });

  test("cancel: Excel's onCanceled stops the call after the current slice; it rejects and never resolves with part of the table", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => steady.map((x) => x + i));
    const complete = await FORECAST(rows, [[3]], [["ses"]], null, [[0.3]]);
    expect(complete).toEqual(rows.map((y) => given("ses", y, 3, [0.3])));
    // Every reading of the clock advances it 10 ms: each slice (SLICE_MS 15 ms) fits two series.
    let clock = 0;
    jest.spyOn(Date, "now").mockImplementation(() => (clock += 10));
    const fits = jest.spyOn(fit, "fitForecast");
    const unfinished = testInvocation();
    const p = FORECAST(rows, [[3]], [["ses"]], null, [[0.3]], unfinished);
    expect(fits).toHaveBeenCalledTimes(2); // the first slice, before the first pause
    unfinished.cancel();
    await expect(p).rejects.toBeInstanceOf(CanceledError);
    await new Promise((r) => setTimeout(r, 10));
    expect(fits).toHaveBeenCalledTimes(2);
    // Not canceled: the same call runs its five slices and resolves with the complete table.
    fits.mockClear();
    expect(await FORECAST(rows, [[3]], [["ses"]], null, [[0.3]], testInvocation())).toEqual(complete);
    expect(fits).toHaveBeenCalledTimes(10);
    // FORECAST_FIT and FORECAST_SAFETY_STOCK stop the same way.
    for (const call of [
      (inv: object) => FORECAST_FIT(rows, [["ses"]], null, [[0.3]], inv),
      (inv: object) => FORECAST_SAFETY_STOCK(rows, [[2]], [[0.95]], [["ses"]], null, [[0.3]], inv),
    ]) {
      fits.mockClear();
      const inv = testInvocation();
      const q = call(inv);
      inv.cancel();
      await expect(q).rejects.toBeInstanceOf(CanceledError);
      expect(fits).toHaveBeenCalledTimes(2);
    }
  });
});

describe("never throws, never returns NaN/undefined, whatever the arguments", () => {
  test("no arguments at all, wrong types everywhere", async () => {
    expect(FUNCTION_NAMES.length).toBeGreaterThan(0);
    for (const name of FUNCTION_NAMES) {
      for (const args of [[], [undefined], [[[true]], [["a"]]], [{}, {}, {}, {}, {}, {}], [[[NaN]], [[Infinity]], [[-Infinity]]]]) {
        const r = await callFunction(name, args);
        expect(Array.isArray(r) && r.length > 0).toBe(true);
        for (const cells of r)
          for (const x of cells) expect(x === "" || Number.isFinite(x) || isErr(x) || CLASS_LABELS.includes(x as string)).toBe(true);
      }
    }
  });
});
