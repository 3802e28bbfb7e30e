/**
 * The BUILT add-in as Excel uses it: dist/functions.json (the metadata Excel reads) and
 * dist/functions.js run in a bare global context with a CustomFunctions stand-in (Excel's runtime
 * cannot run here), called with 2D arrays and nulls the way Excel passes them.
 */
import { jStat } from "jstat";
import { Bundle, loadBundle } from "./bundle";
import { CANCELABLE_NAMES, ELEMENTWISE_NAMES, FUNCTION_NAMES, missingFrom, testInvocation } from "./names";
import { isErr, showAll, StandInError } from "./standIn";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await loadBundle();
}, 180000);
afterAll(() => bundle?.cleanup());

const call = (id: string, ...args: unknown[]) => bundle.call(id, args) as unknown[][];

// The contract (ARCHITECTURE.md section 6.2; README, "Custom functions"): every function, its parameters in order, "?" = optional.
const SIGNATURES: Record<string, string[]> = {
  EOQ: ["demand_rate", "order_cost", "holding_cost", "backorder_cost?", "production_rate?"],
  EOQ_COST: ["demand_rate", "order_cost", "holding_cost", "order_qty?", "backorder_cost?", "production_rate?"],
  SAFETY_STOCK: ["sd_demand", "lead_time", "service_level", "mean_demand?", "sd_lead_time?", "review_period?"],
  REORDER_POINT: ["mean_demand", "sd_demand", "lead_time", "service_level", "sd_lead_time?", "review_period?"],
  MIN_MAX: ["mean_demand", "sd_demand", "lead_time", "service_level", "case_size?"],
  BULLWHIP_RATIO: ["orders", "demand", "method?", "warmup?"],
  TC_1N: [
    "store_mean",
    "store_sd",
    "store_lead_time",
    "store_holding",
    "store_order_qty",
    "store_reorder_point",
    "dc_holding",
    "dc_base_stock",
    "dc_lead_time",
    "shortage_cost",
    "share?",
    "output?",
    "distribution?",
  ],
  BULLWHIP_BOUND: ["lead_time", "forecast_param", "method?", "rho?"],
  NORMAL_LOSS: ["x", "mean?", "sd?"],
  FILL_RATE: ["mean_demand", "sd_demand", "lead_time", "reorder_point", "order_qty"],
  TC_1N_OPTIMIZE: [
    "store_mean",
    "store_sd",
    "store_lead_time",
    "store_holding",
    "store_order_qty",
    "dc_holding",
    "dc_lead_time",
    "shortage_cost",
    "share?",
    "distribution?",
  ],
  EOQ_DISCOUNT: ["demand_rate", "order_cost", "carrying_rate", "breakpoints", "unit_costs"],
  SERIAL_BASE_STOCK: ["echelon_holding_costs", "lead_times", "stockout_cost", "mean_demand", "sd_demand", "output?"],
  DEMAND_CLASS: ["history"],
  ABC: ["values", "a_share?", "b_share?"],
  XYZ: ["history", "x_cv?", "y_cv?"],
  FORECAST_ACCURACY: ["actual", "forecast", "metric?", "history?", "season_length?"],
  FORECAST: ["history", "horizon", "method?", "season_length?", "parameters?"],
  FORECAST_FIT: ["history", "method?", "season_length?", "parameters?"],
  FORECAST_SAFETY_STOCK: ["history", "lead_time", "service_level", "method?", "season_length?", "parameters?"],
};

describe("functions.json", () => {
  test("lists exactly the functions that functions/functions.ts exports (test/functions/names.ts)", () => {
    const ids = bundle.metadata.functions.map((f) => f.id).sort();
    const notBuilt = missingFrom(ids);
    const notExported = ids.filter((id) => !FUNCTION_NAMES.includes(id));
    if (notBuilt.length + notExported.length > 0) {
      throw new Error(
        `dist/functions.json lacks ${notBuilt.join(", ") || "nothing"} and has ${notExported.join(", ") || "nothing"} more than ` +
          "functions/functions.ts exports: run `npm run build`, and give every exported function its @customfunction JSDoc tag",
      );
    }
  });

  test("every function has its signature in this test's contract", () => {
    expect(missingFrom(Object.keys(SIGNATURES))).toEqual([]);
    expect(Object.keys(SIGNATURES).sort()).toEqual(FUNCTION_NAMES);
  });

  test("every function, ids equal to names, in upper case", () => {
    for (const f of bundle.metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.id).toBe(f.id.toUpperCase());
      expect(f.description?.length).toBeGreaterThan(20);
    }
  });

  test("parameter names, order and optional flags; every parameter and result is an any-typed matrix", () => {
    for (const f of bundle.metadata.functions) {
      const got = f.parameters.map((p) => p.name + (p.optional ? "?" : ""));
      expect([f.id, got]).toEqual([f.id, SIGNATURES[f.id]]);
      for (const p of f.parameters) {
        // any[][]: Excel passes blanks as blanks (number[][] would make them 0) and ranges as 2D arrays
        expect([f.id, p.name, p.dimensionality, p.type]).toEqual([f.id, p.name, "matrix", "any"]);
        expect(p.description?.length).toBeGreaterThan(5);
      }
      expect(f.result).toEqual({ dimensionality: "matrix" });
    }
  });

  test("the cancelable functions, and only they, are marked cancelable (their invocation is not a parameter)", () => {
    // Microsoft: a @cancelable function takes a CustomFunctions.CancelableInvocation as its last
    // parameter, which Excel passes after the arguments; functions.json lists only the arguments and
    // sets "options": {"cancelable": true}. A function cannot be both cancelable and streaming.
    const cancelable = bundle.metadata.functions.filter((f) => f.options?.cancelable === true).map((f) => f.id);
    expect(cancelable.sort()).toEqual([...CANCELABLE_NAMES].sort());
    for (const f of bundle.metadata.functions) {
      expect([f.id, f.options]).toEqual([f.id, CANCELABLE_NAMES.includes(f.id) ? { cancelable: true } : undefined]);
      expect(f.parameters.map((p) => p.name)).not.toContain("invocation");
    }
  });

  test("allowErrorForDataTypeAny: Excel passes error cells to the functions instead of failing the whole call", () => {
    // A top-level flag (Microsoft: custom-functions-json#allowerrorfordatatypeany); it applies to every
    // parameter of type any, which all parameters are (previous test). The build adds it (webpack.config.js).
    expect(bundle.metadata.allowErrorForDataTypeAny).toBe(true);
  });
});

describe("functions.js", () => {
  test("associates exactly the ids of functions.json", () => {
    expect([...bundle.associated.keys()].sort()).toEqual(FUNCTION_NAMES);
    for (const fn of bundle.associated.values()) expect(typeof fn).toBe("function");
  });

  test("scalars arrive as 1x1 arrays and omitted optionals as null (Snyder & Shen Example 3.1)", () => {
    expect(Math.abs((call("EOQ", [[1300]], [[8]], [[0.225]], null, null)[0][0] as number) - 304.0467800264368)).toBeLessThan(1e-9);
    expect(Math.abs((call("EOQ_COST", [[1300]], [[8]], [[0.225]], [[250]], null, null)[0][0] as number) - 69.725)).toBeLessThan(1e-9);
  });

  test('a SKU table with a blank row (blank cells as null and as "") and a literal service level', () => {
    // Chopra & Meindl: sd 500, L 2 at CSL Phi(1000/707.1) gives safety stock 1,000.
    const csl = jStat.normal.cdf(1000 / (500 * Math.SQRT2), 0, 1);
    const r = call("SAFETY_STOCK", [[500], [null], [""], [500], ["n/a"]], [[2], [null], [""], [2], [2]], [[csl]], null, null, null);
    expect(r.length).toBe(5);
    expect(Math.abs((r[0][0] as number) - 1000)).toBeLessThan(1e-6);
    expect(r[1][0]).toBe("");
    expect(r[2][0]).toBe("");
    expect(Math.abs((r[3][0] as number) - 1000)).toBeLessThan(1e-6);
    expect(showAll([r[4]])).toEqual([["#VALUE!: sd_demand must be a number, not text"]]);
  });

  test("MIN_MAX spills three columns per item", () => {
    const csl = jStat.normal.cdf(1000 / (500 * Math.SQRT2), 0, 1);
    const r = call("MIN_MAX", [[2500], [2500], [null]], [[500]], [[2]], [[csl]], [[1], [3000], [null]]);
    expect(r.map((x) => x.length)).toEqual([3, 3, 3]);
    expect((r[0] as number[]).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([6000, 5000, 6000]);
    expect((r[1] as number[]).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([6000, 6000, 7000]);
    expect(r[2]).toEqual(["", "", ""]);
  });

  test("BULLWHIP_RATIO over several echelon columns against one demand column", () => {
    // retailer orders = 2 x demand, wholesaler 3 x, distributor constant (ratio 0), factory one value (#N/A)
    const orders = [
      [2, 3, 5, 7],
      [4, 6, 5, null],
      [6, 9, 5, ""],
      [8, 12, 5, null],
    ];
    const r = call("BULLWHIP_RATIO", orders, [[1], [2], [3], [4]], null, null);
    expect(r.length).toBe(1);
    expect(r[0].slice(0, 3)).toEqual([4, 9, 0]);
    expect(isErr(r[0][3], "#N/A")).toBe(true);
    // constant demand: #DIV/0! (the one-value series is #N/A first: not enough data)
    expect(showAll(call("BULLWHIP_RATIO", orders, [[5], [5], [5], [5]], null, null))[0]).toEqual([
      "#DIV/0!",
      "#DIV/0!",
      "#DIV/0!",
      "#N/A: orders needs at least two numbers (after warmup)",
    ]);
  });

  test("whole columns (1,048,576 rows): BULLWHIP_RATIO and SAFETY_STOCK", () => {
    const ROWS = 1048576;
    const orders: unknown[][] = new Array(ROWS);
    const demand: unknown[][] = new Array(ROWS);
    for (let i = 0; i < ROWS; i++) {
      const d = 100 + (i % 7); // demand cycles 100..106; orders = 100 + 2 (d - 100)
      demand[i] = [d];
      orders[i] = [100 + 2 * (d - 100)];
    }
    const r = call("BULLWHIP_RATIO", orders, demand, null, null);
    expect(Math.abs((r[0][0] as number) - 4)).toBeLessThan(1e-9);

    // A whole-column reference over a 3-row table: the rest of the column is blank.
    const sd: unknown[][] = new Array(ROWS);
    for (let i = 0; i < ROWS; i++) sd[i] = [i < 3 ? 500 : null];
    const ss = call("SAFETY_STOCK", sd, [[2]], [[0.95]], null, null, null);
    expect(ss.length).toBe(ROWS);
    expect(ss[0][0]).toBeCloseTo(jStat.normal.inv(0.95, 0, 1) * 500 * Math.SQRT2, 9);
    expect(ss[3][0]).toBe("");
    expect(ss[ROWS - 1][0]).toBe("");
  });

  test("whole columns (1,048,576 rows) through every element-wise function: 3 SKUs, then blanks", () => {
    const ROWS = 1048576;
    const column = (values: number[]): unknown[][] => {
      const c: unknown[][] = new Array(ROWS);
      for (let i = 0; i < ROWS; i++) c[i] = [i < values.length ? values[i] : null];
      return c;
    };
    // [function, arguments with a whole column first, the first row's value from the engine's formula]
    const z95 = jStat.normal.inv(0.95, 0, 1);
    const cases: [string, unknown[], number][] = [
      ["EOQ", [column([1300, 2600, 5200]), [[8]], [[0.225]], null, null], Math.sqrt((2 * 1300 * 8) / 0.225)],
      ["EOQ_COST", [column([1300, 2600, 5200]), [[8]], [[0.225]], null, null, null], Math.sqrt(2 * 1300 * 8 * 0.225)],
      ["SAFETY_STOCK", [column([500, 400, 300]), [[2]], [[0.95]], null, null, null], z95 * 500 * Math.SQRT2],
      ["REORDER_POINT", [column([2500, 2000, 1500]), [[500]], [[2]], [[0.95]], null, null], 5000 + z95 * 500 * Math.SQRT2],
      ["MIN_MAX", [column([100, 50, 25]), [[20]], [[4]], [[0.95]], null], 400 + z95 * 40],
      ["FILL_RATE", [column([10, 20, 30]), [[0]], [[2]], [[15]], [[10]]], 0.5],
      ["NORMAL_LOSS", [column([0, 1, 2]), null, null], jStat.normal.pdf(0, 0, 1)],
      ["BULLWHIP_BOUND", [column([1, 2, 3]), [[4]], null, null], 1 + (2 * 1) / 4 + (2 * 1) / 16],
    ];
    expect(
      missingFrom(
        cases.map(([name]) => name),
        ELEMENTWISE_NAMES,
      ),
    ).toEqual([]); // a new element-wise function needs a case
    for (const [name, args, first] of cases) {
      const r = call(name, ...args);
      expect([name, r.length]).toEqual([name, ROWS]);
      expect([name, Math.abs((r[0][0] as number) - first) <= 1e-9 * Math.abs(first)]).toEqual([name, true]);
      for (const v of r[2]) expect([name, typeof v]).toEqual([name, "number"]);
      expect([name, r[3].every((v) => v === ""), r[ROWS - 1].every((v) => v === "")]).toEqual([name, true, true]);
    }
  });

  test("errors are Excel errors with the right codes; #NUM!/#DIV/0! carry no message", () => {
    const r = call("EOQ", [[1300], [-5], [true], [{}]], [[8]], [[0.225]], null, null);
    expect(showAll(r)).toEqual([
      [expect.any(Number)],
      ["#NUM!"],
      ["#VALUE!: demand_rate must be a number, not a boolean (TRUE/FALSE)"],
      ["#VALUE!: demand_rate must be a number, not an unsupported value"],
    ]);
    expect(showAll(call("SAFETY_STOCK", [[1], [2]], [[1], [2], [3]], [[0.9]], null, null, null))[0][0]).toMatch(
      /^#VALUE!: lead_time has 3 rows/,
    );
    expect(showAll(call("NORMAL_LOSS", [], null, null))[0][0]).toMatch(/^#VALUE!: x is an empty/);
    const na = new StandInError("#N/A", "lookup failed");
    expect(call("FILL_RATE", [[na]], [[1]], [[1]], [[1]], [[1]])[0][0]).toBe(na);
  });

  test("an error cell in any argument of an element-wise function is that element's result only", () => {
    // Valid values for every argument; each argument in turn becomes a column whose middle cell is an error.
    const valid: Record<string, unknown[]> = {
      EOQ: [1300, 8, 0.225, 5, 2000],
      EOQ_COST: [1300, 8, 0.225, 250, 5, 2000],
      SAFETY_STOCK: [500, 2, 0.95, 2500, 0.5, 1],
      REORDER_POINT: [2500, 500, 2, 0.95, 0.5, 1],
      MIN_MAX: [2500, 500, 2, 0.95, 1200],
      FILL_RATE: [10, 3, 2, 25, 10],
      NORMAL_LOSS: [1, 0, 1],
      BULLWHIP_BOUND: [2, 4, "ma", 0.5],
    };
    expect(missingFrom(Object.keys(valid), ELEMENTWISE_NAMES)).toEqual([]); // a new element-wise function needs its values
    for (const [id, values] of Object.entries(valid)) {
      const alone = call(id, ...values.map((x) => [[x]]));
      expect([id, alone[0].every((x) => typeof x === "number")]).toEqual([id, true]);
      for (let k = 0; k < values.length; k++) {
        const na = new StandInError("#N/A", "lookup failed");
        const args = values.map((x, j) => (j === k ? [[x], [na], [x]] : [[x]]));
        const r = call(id, ...args);
        expect([id, k, r.length]).toEqual([id, k, 3]);
        expect([id, k, r[1].every((x) => x === na)]).toEqual([id, k, true]);
        expect([id, k, r[0], r[2]]).toEqual([id, k, alone[0], alone[0]]);
      }
    }
  });

  test("an error cell in a series of BULLWHIP_RATIO is that series' result only; the list functions return it", () => {
    const div0 = new StandInError("#DIV/0!");
    const orders = [
      [2, 3],
      [4, div0],
      [6, 9],
      [8, 12],
    ];
    const r = call("BULLWHIP_RATIO", orders, [[1], [2], [3], [4]], null, null);
    expect(r[0][0]).toBe(4);
    expect(r[0][1]).toBe(div0);
    const paired = call(
      "BULLWHIP_RATIO",
      [
        [2, 3],
        [4, 6],
        [6, 9],
        [8, 12],
      ],
      [
        [1, 1],
        [2, 2],
        [3, div0],
        [4, 4],
      ],
      null,
      null,
    );
    expect(paired[0]).toEqual([4, div0]);

    // TC_1N, TC_1N_OPTIMIZE and EOQ_DISCOUNT compute one answer from every cell: an error cell is that answer.
    const na = new StandInError("#N/A", "lookup failed");
    const stores = [
      [[8], [na]],
      [[3], [0]],
      [[1], [2]],
      [[1], [2]],
      [[10], [20]],
      [[11], [25]],
    ];
    expect(call("TC_1N", ...stores, [[0.5]], [[60]], [[2]], [[10]], null, null, null)).toEqual([[na]]);
    expect(call("TC_1N_OPTIMIZE", [[50]], [[8]], [[1]], [[0.18]], [[10]], [[0.1]], [[na]], [[0.88]], null, null)).toEqual([[na]]);
    expect(call("EOQ_DISCOUNT", [[1300]], [[8]], [[0.3]], [[0], [400], [na]], [[0.75], [0.72], [0.68]])).toEqual([[na]]);
    expect(call("SERIAL_BASE_STOCK", [[3], [na]], [[1], [1]], [[37.12]], [[5]], [[1]], null)).toEqual([[na]]);
  });

  test("TC_1N total and detail, TC_1N_OPTIMIZE, EOQ_DISCOUNT spill their documented shapes", () => {
    const stores = [
      [[8], [10]],
      [[3], [0]],
      [[1], [2]],
      [[1], [2]],
      [[10], [20]],
      [[11], [25]],
    ];
    const total = call("TC_1N", ...stores, [[0.5]], [[60]], [[2]], [[10]], null, null, null);
    const detail = call("TC_1N", ...stores, [[0.5]], [[60]], [[2]], [[10]], null, [["detail"]], null);
    expect(detail.map((x) => x.length)).toEqual([3, 3, 3]);
    const sum = detail.reduce((a, x) => a + (x[2] as number), 0);
    expect(Math.abs(sum - (total[0][0] as number))).toBeLessThan(1e-9);
    const opt = call("TC_1N_OPTIMIZE", [[50]], [[8]], [[1]], [[0.18]], [[10]], [[0.1]], [[3]], [[0.88]], null, null);
    expect(opt.map((x) => x.length)).toEqual([2, 2]);
    expect(Math.abs((opt[0][0] as number) - 56.603955927433887)).toBeLessThan(1e-6); // Snyder & Shen Example 4.3
    const disc = call("EOQ_DISCOUNT", [[1300]], [[8]], [[0.3]], [[0, 400, 800]], [[0.75, 0.72, 0.68]]);
    expect(disc.length).toBe(1);
    expect((disc[0] as number[]).map((x) => Math.round(x * 100) / 100)).toEqual([800, 978.6, 0.68]); // Example 3.6
    const serial = call("SERIAL_BASE_STOCK", [[3], [2], [2]], [[1], [1], [2]], [[37.12]], [[5]], [[1]], null);
    expect(serial.map((x) => x.length)).toEqual([2, 2, 2]);
    expect(call("SERIAL_BASE_STOCK", [[3], [2], [2]], [[1], [1], [2]], [[37.12]], [[5]], [[1]], [["cost"]]).length).toBe(1);
  });

  test("DEMAND_CLASS, XYZ and FORECAST_ACCURACY read one series per row; ABC one class per cell", () => {
    // tsintermittent's ts.data2 (ADI 20/7, lumpy) as a row, then a blank row, then a row with a blank inside
    const ts2 = [0, 2, 0, 1, 0, 11, 0, 0, 0, 0, 2, 0, 6, 3, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0];
    const blankRow = new Array(24).fill(null);
    const gap = [4, "", ...new Array(22).fill(4)];
    const dc = call("DEMAND_CLASS", [ts2, blankRow, gap]);
    expect(dc.map((r) => r.length)).toEqual([3, 3, 3]);
    expect(Math.abs((dc[0][0] as number) - 20 / 7)).toBeLessThan(1e-12);
    expect(dc[0][2]).toBe("lumpy");
    expect(dc[1]).toEqual(["", "", ""]);
    expect(showAll([dc[2]])[0][0]).toBe("#VALUE!: history has a blank at period 2: enter 0 for no demand");
    expect(call("XYZ", [ts2, blankRow], null, null)).toEqual([["Z"], [""]]);
    expect(
      call("ABC", [[90000], [77000], [26350], [15001], [12500], [8502], [1200], [850], [504], [150]], [[0.7]], null)
        .flat()
        .join(""),
    ).toBe("AABBBCCCCC");
    const acc = call("FORECAST_ACCURACY", [[420, 390, 410, 488]], [[427, 383, 394, 473]], [["mae"]], null, null);
    expect(acc).toEqual([[11.25]]); // (7 + 7 + 16 + 15) / 4
  });

  test("a whole-column history (1,048,576 rows) is one series; a 5,000 x 104 table in one call", () => {
    const ROWS = 1048576;
    const c: unknown[][] = new Array(ROWS);
    for (let i = 0; i < ROWS; i++) c[i] = [i < 12 ? [5, 6, 4, 5, 7, 5, 6, 5, 4, 6, 5, 5][i] : null];
    const r = call("DEMAND_CLASS", c);
    expect(r.length).toBe(1);
    expect(r[0][2]).toBe("smooth");
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const table = Array.from({ length: 5000 }, () => Array.from({ length: 104 }, () => (rnd() < 0.4 ? 0 : Math.round(30 * rnd()))));
    const t0 = Date.now();
    const classes = call("DEMAND_CLASS", table);
    const xyz = call("XYZ", table, null, null);
    const wape = call(
      "FORECAST_ACCURACY",
      table,
      table.map((row) => row.map((x) => x + 1)),
      null,
      null,
      null,
    );
    expect(Date.now() - t0).toBeLessThan(2000);
    expect([classes.length, xyz.length, wape.length]).toEqual([5000, 5000, 5000]);
  });

  test("FORECAST, FORECAST_FIT and FORECAST_SAFETY_STOCK return a Promise of the complete cells; a cancel rejects it", async () => {
    const na = new StandInError("#N/A", "lookup failed");
    const table = [
      [12, 15, 11, 14, 13, 16, 12, 15],
      [null, null, null, null, null, null, null, null],
      [3, 4, na, 5, 6, 5, 4, 6],
      [null, 2, 0, 0, 3, 0, 1, null],
    ];
    const promise = bundle.call("FORECAST", [table, [[3]], [["naive"]], null, null, testInvocation()]);
    expect(typeof (promise as Promise<unknown>).then).toBe("function");
    const f = (await promise) as unknown[][];
    expect(f).toEqual([
      [15, 15, 15],
      ["", "", ""],
      [na, na, na],
      [1, 1, 1],
    ]);
    const column = (await bundle.call("FORECAST", [
      [[5], [7], [6], [null]],
      [[2]],
      [["naive"]],
      null,
      null,
      testInvocation(),
    ])) as unknown[][];
    expect(column).toEqual([[6], [6]]); // one series down a column: its forecasts down a column
    const fit = (await bundle.call("FORECAST_FIT", [table, [["ses"]], null, [[0.5]], testInvocation()])) as unknown[][];
    expect(fit.map((r) => r.length)).toEqual([9, 9, 9, 9]);
    expect(fit[0].slice(0, 5)).toEqual(["ses", 0.5, "", "", ""]);
    const ss = (await bundle.call("FORECAST_SAFETY_STOCK", [table, [[2]], [[0.95]], null, null, null, testInvocation()])) as unknown[][];
    expect([typeof ss[0][0], ss[1][0], ss[2][0], typeof ss[3][0]]).toEqual(["number", "", na, "number"]);
    // A table that takes several slices (auto fits an ETS model per series), canceled after the first.
    const big = Array.from({ length: 400 }, (_, i) => Array.from({ length: 60 }, (_, t) => 50 + 10 * Math.sin(t / 2 + i) + (t % 7)));
    const inv = testInvocation();
    const p = bundle.call("FORECAST", [big, [[4]], null, null, null, inv]) as Promise<unknown[][]>;
    inv.cancel();
    await expect(p).rejects.toThrow(/canceled/);
  });

  test("extreme inputs return within the time limit (no hang) and only valid cells", () => {
    const huge = [0, 1e-300, 1e15, 9.999999999999998e15, 1e16, 2 ** 53, 1e20, 1e308, Number.MAX_VALUE];
    const cases: [string, unknown[]][] = [];
    for (const m of huge) {
      for (const s of [m, m * 0.999999, m * 1.000001, 9.999999999999998e15]) {
        cases.push(["TC_1N", [[[m]], [[1]], [[1]], [[1]], [[1e300]], [[s]], [[0]], [[1e308]], [[0]], [[1]], null, null, [["poisson"]]]]);
      }
      cases.push(["TC_1N_OPTIMIZE", [[[m]], [[1]], [[1]], [[1]], [[1e300]], [[0]], [[0]], [[10]], null, [["poisson"]]]]);
      cases.push(["NORMAL_LOSS", [[[m]], [[-m]], [[m]]]]);
      cases.push(["BULLWHIP_BOUND", [[[m]], [[m]], null, [[0.999999]]]]);
      cases.push(["BULLWHIP_RATIO", [[[m], [-m], [m]], [[1], [2], [3]], [["cv"]], [[m]]]]);
      cases.push(["EOQ_DISCOUNT", [[[m]], [[m]], [[m]], [[0], [m]], [[m], [1e-300]]]]);
      cases.push(["SERIAL_BASE_STOCK", [[[m], [1], [m]], [[m], [1e-300], [1]], [[m]], [[m]], [[m]], null]]);
      cases.push(["SERIAL_BASE_STOCK", [[[1], [1]], [[1e-300], [m]], [[1e-300]], [[0]], [[1]], [["cost"]]]]);
      cases.push(["SAFETY_STOCK", [[[m]], [[m]], [[0.999999999999]], [[m]], [[m]], [[m]]]]);
      cases.push(["DEMAND_CLASS", [[[m, 0, m * 0.5, m]]]]);
      cases.push(["XYZ", [[[m, 0, m]], [[m]], [[m]]]]);
      cases.push(["ABC", [[[m], [m], [m * 1e-300]], null, null]]);
      cases.push(["FORECAST_ACCURACY", [[[m, -m, m]], [[-m, m, 0]], [["mase"]], [[m, -m, m, -m]], [[2]]]]);
      cases.push(["FORECAST_ACCURACY", [[[m, 1e-300]], [[-m, m]], [["mape"]], null, null]]);
    }
    const slow: string[] = [];
    for (const [id, args] of cases) {
      let r: unknown[][];
      try {
        r = bundle.call(id, args, 3000) as unknown[][];
      } catch (e) {
        slow.push(`${id}(${JSON.stringify(args)}): ${(e as Error).message}`);
        continue;
      }
      for (const row of r)
        for (const x of row)
          expect(x === "" || Number.isFinite(x) || isErr(x) || /^([ABCXYZ]|smooth|erratic|intermittent|lumpy)$/.test(String(x))).toBe(true);
    }
    expect(slow).toEqual([]);
  });

  test("extreme histories through the forecasting functions: quick, and only valid cells", async () => {
    const huge = [1e-300, 1e15, 2 ** 53, 1e20, 1e308, Number.MAX_VALUE];
    const MODEL =
      /^(ETS\([AM],(N|A|Ad),[NAM]\)|naive|seasonal-naive|moving-average, window \d+|ses|holt|damped|holt-winters|holt-winters-mul|croston|sba|tsb)$/;
    const slow: string[] = [];
    for (const m of huge) {
      const table = [
        [m, 0, m * 0.5, m, 1e-300, m, 0, m],
        [m, m, m, m, m, m, m, m],
        [-m, m, -m, m, -m, m, -m, m],
        [m, m * 0.999999, m * 1.000001, m, m * 0.5, m * 0.25, m, m],
      ];
      for (const method of [null, [["holt-winters-mul"]], [["damped"]], [["tsb"]], [["moving-average"]]]) {
        const calls: [string, unknown[]][] = [
          ["FORECAST", [table, [[3]], method, [[2]], null]],
          ["FORECAST_FIT", [table, method, [[2]], null]],
          ["FORECAST_SAFETY_STOCK", [table, [[3.5]], [[0.999999]], method, [[2]], null]],
        ];
        for (const [id, args] of calls) {
          const t0 = Date.now();
          const r = (await bundle.call(id, [...args, testInvocation()])) as unknown[][];
          if (Date.now() - t0 > 3000) slow.push(`${id}(${JSON.stringify(args)}): ${Date.now() - t0} ms`);
          for (const row of r) for (const x of row) expect(x === "" || Number.isFinite(x) || isErr(x) || MODEL.test(String(x))).toBe(true);
        }
      }
    }
    expect(slow).toEqual([]);
  });
});
