/**
 * Property-based robustness of every SCM function (fast-check, seeded): whatever Excel passes
 * (numbers incl. NaN, +-Infinity, huge, negative, 0; text; booleans; blanks as null or ""; Excel
 * errors; objects; scalars; empty, ragged, column, row and grid arrays; omitted arguments), the
 * function returns a non-empty rectangular 2D array whose cells are finite numbers, "", a class label
 * (CLASS_LABELS), FORECAST_FIT's method name, or Excel errors (#NUM! and #DIV/0! without a message),
 * and never throws (nor rejects, for the cancelable functions).
 */
import fc from "fast-check";
import { callFunction, FUNCTION_NAMES, missingFrom, parameterCount } from "./names";
import { installCustomFunctionsStandIn, SCM_CODES, StandInError } from "./standIn";

// Excel's runtime is not available here: install the CustomFunctions stand-in.
beforeAll(installCustomFunctionsStandIn);

/**
 * Argument kinds: they choose the "sane" generator used for most draws, so that the success paths
 * run often; every argument is also drawn from the wild generator (anything Excel could pass).
 */
type Kind =
  | "num"
  | "prob"
  | "prob1"
  | "int"
  | "x"
  | "series"
  | "history"
  | "single"
  | "bp"
  | "price"
  | "demand"
  | "horizon"
  | "season"
  | "parameters"
  | string[];
const NUM: Kind = "num";
// prettier-ignore
const FORECAST_METHOD_TEXTS: Kind = [
  "auto", "naive", "seasonal-naive", "moving-average", "ses", "holt", "damped", "holt-winters", "holt-winters-mul", "croston", "sba",
  "tsb", " SBA ", "Auto",
];

/**
 * The argument generator of every function: name -> [argument kinds (Excel's order), number of
 * required parameters]. A function without an entry fails "every function has a generator" below
 * (the list of functions is test/functions/names.ts: every export of functions/functions.ts).
 */
const GENERATORS: Record<string, [Kind[], number]> = {
  EOQ: [[NUM, NUM, NUM, NUM, NUM], 3],
  EOQ_COST: [[NUM, NUM, NUM, NUM, NUM, NUM], 3],
  SAFETY_STOCK: [[NUM, NUM, "prob", NUM, NUM, NUM], 3],
  REORDER_POINT: [[NUM, NUM, NUM, "prob", NUM, NUM], 4],
  MIN_MAX: [[NUM, NUM, NUM, "prob", NUM], 4],
  BULLWHIP_RATIO: [["series", "series", ["variance", "cv", "CV"], "int"], 2],
  TC_1N: [[NUM, NUM, NUM, NUM, NUM, NUM, "single", "single", "single", "single", "prob1", ["total", "detail"], ["normal", "poisson"]], 10],
  BULLWHIP_BOUND: [[NUM, "int", ["ma", "es", "moving-average"], "prob"], 2],
  NORMAL_LOSS: [["x", "x", NUM], 1],
  FILL_RATE: [[NUM, NUM, NUM, "x", NUM], 5],
  TC_1N_OPTIMIZE: [[NUM, NUM, NUM, "prob", NUM, "single", "single", "single", "prob1", ["normal", "poisson"]], 8],
  EOQ_DISCOUNT: [["single", "single", "prob1", "bp", "price"], 5],
  SERIAL_BASE_STOCK: [[NUM, NUM, "single", "single", "single", ["levels", "cost", "Cost"]], 5],
  DEMAND_CLASS: [["history"], 1],
  ABC: [[NUM, "prob", "prob"], 1],
  XYZ: [["history", "prob", NUM], 1],
  FORECAST_ACCURACY: [["history", "history", ["mae", "rmse", "mape", "smape", "wape", "bias", "mase", "MASE"], "history", "int"], 2],
  FORECAST: [["demand", "horizon", FORECAST_METHOD_TEXTS, "season", "parameters"], 2],
  FORECAST_FIT: [["demand", FORECAST_METHOD_TEXTS, "season", "parameters"], 1],
  FORECAST_SAFETY_STOCK: [["demand", NUM, "prob", FORECAST_METHOD_TEXTS, "season", "parameters"], 3],
};

test("every function has a generator, with one kind per parameter", () => {
  expect(FUNCTION_NAMES.length).toBeGreaterThan(0);
  expect(missingFrom(Object.keys(GENERATORS))).toEqual([]);
  expect(missingFrom(FUNCTION_NAMES, Object.keys(GENERATORS))).toEqual([]); // no generator for a function that is gone
  for (const name of FUNCTION_NAMES) expect([name, GENERATORS[name][0].length]).toEqual([name, parameterCount(name)]);
});

// The functions that have a generator; the test above fails for the others.
const CASES: [string, Kind[], number][] = FUNCTION_NAMES.filter((name) => name in GENERATORS).map((name) => [name, ...GENERATORS[name]]);

// Cells: mostly plausible numbers (so that the success paths run too), plus everything else.
const special = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 53,
  1e12,
  -1,
  0.5,
  0.95,
  1,
);
const words = fc.oneof(
  fc.constantFrom("", " ", "cv", "variance", "detail", "total", "poisson", "normal", "es", "ma", "exp-smoothing", "12", "abc", "#N/A"),
  fc.string({ maxLength: 4 }),
);
const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 40 }) },
  { weight: 3, arbitrary: special },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: words },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constantFrom(null, "") },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, {}, [], { type: "Double", basicValue: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom("#N/A", "#REF!").map((c) => new StandInError(c, "from a cell")) },
);

/** One argument as Excel could pass it, for a call whose ranges have n rows. */
const wild = (n: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: cell.map((x) => [[x]]) },
    { weight: 5, arbitrary: fc.array(cell, { minLength: n, maxLength: n }).map((xs) => xs.map((x) => [x])) },
    { weight: 1, arbitrary: cell },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 5 }).map((xs) => [xs]) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 3 })
        .chain((c) => fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: n, maxLength: n })),
    },
    { weight: 1, arbitrary: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 4 }) }, // empty / ragged
  );

const positive = fc.double({ min: 0.01, max: 200, noNaN: true });
const saneCell = (kind: Kind): fc.Arbitrary<unknown> => {
  if (Array.isArray(kind)) return fc.constantFrom(...kind);
  if (kind === "prob" || kind === "prob1") return fc.double({ min: 0.01, max: 0.99, noNaN: true });
  if (kind === "int") return fc.integer({ min: 0, max: 6 });
  if (kind === "x") return fc.double({ min: -50, max: 200, noNaN: true });
  return positive;
};
const blankOr = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: a }, { weight: 1, arbitrary: fc.constantFrom(null, "") });

/** A mostly valid argument of this kind: a single cell, or a column of n (a blank row now and then). */
function sane(kind: Kind, n: number): fc.Arbitrary<unknown> {
  if (kind === "series") {
    return fc.tuple(fc.integer({ min: 2, max: 25 }), fc.integer({ min: 1, max: 3 })).chain(([r, c]) =>
      fc.array(fc.array(blankOr(fc.double({ min: -100, max: 100, noNaN: true })), { minLength: c, maxLength: c }), {
        minLength: r,
        maxLength: r,
      }),
    );
  }
  if (kind === "history") {
    // One series per row (n rows, 6 periods, so that actual, forecast and history pair up), demand-like
    // values with many zeros, blanks at either end, now and then a negative value or a blank inside.
    const demand = fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 40 }) },
      { weight: 2, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) },
      { weight: 1, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) },
    );
    const series = fc
      .tuple(fc.array(demand, { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
      .map(([xs, lead, trail]) => xs.map((x, t) => (t < lead || t >= 6 - trail ? null : x)));
    return fc.array(
      fc.oneof({ weight: 9, arbitrary: series }, { weight: 1, arbitrary: fc.array(blankOr(demand), { minLength: 6, maxLength: 6 }) }),
      {
        minLength: n,
        maxLength: n,
      },
    );
  }
  if (kind === "demand") {
    // Histories for the forecasting functions, kept short (1 to 30 periods) so that 2,000 calls stay
    // quick: one series per row (n rows), or one series down a column; steady, trending, seasonal or
    // intermittent demand, blanks at either end, now and then a negative value or a blank inside.
    const periods = fc.integer({ min: 1, max: 30 });
    const shaped = (p: number) =>
      fc
        .tuple(
          fc.double({ min: 0, max: 200, noNaN: true }),
          fc.double({ min: -3, max: 3, noNaN: true }),
          fc.double({ min: 0, max: 30, noNaN: true }),
          fc.integer({ min: 2, max: 6 }),
          fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: p, maxLength: p }),
        )
        .map(([level, trend, amplitude, m, noise]) =>
          noise.map((e, t) => Math.max(0, Math.round(level + trend * t + amplitude * Math.sin((2 * Math.PI * t) / m) + e))),
        );
    const sparse = (p: number) =>
      fc.array(
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(0) },
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }) },
          { weight: 1, arbitrary: fc.double({ min: -5, max: 1e6, noNaN: true }) },
          { weight: 1, arbitrary: fc.constantFrom(null, "") },
        ),
        { minLength: p, maxLength: p },
      );
    const series = (p: number) =>
      fc
        .tuple(fc.oneof(shaped(p), sparse(p)), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
        .map(([xs, lead, trail]) => (xs as unknown[]).map((x, t) => (t < lead || t >= p - trail ? null : x)));
    const row = (p: number) =>
      fc.oneof({ weight: 9, arbitrary: series(p) }, { weight: 1, arbitrary: fc.constant(new Array(p).fill(null)) });
    return periods.chain((p) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.array(row(p), { minLength: n, maxLength: n }) },
        { weight: 1, arbitrary: series(p).map((xs) => xs.map((x) => [x])) },
      ),
    );
  }
  if (kind === "horizon") return fc.integer({ min: 1, max: 8 }).map((h) => [[h]]);
  if (kind === "season")
    return fc.oneof(
      fc.constant(null),
      fc.integer({ min: 1, max: 4 }).map((m) => [[m]]),
    );
  if (kind === "parameters") {
    // Mostly estimated (omitted); else a row of 1 to 3 numbers (smoothing constants, a window).
    const p = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 6 }));
    return fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.array(p, { minLength: 1, maxLength: 3 }).map((xs) => [xs]) },
    );
  }
  if (kind === "bp")
    return fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 })).map(([a, b]) => [[0], [a], [a + b]]);
  if (kind === "price") return positive.map((c) => [[c], [0.9 * c], [0.8 * c]]);
  const one = saneCell(kind).map((x) => [[x]]);
  if (kind === "single" || kind === "prob1" || Array.isArray(kind)) return one;
  return fc.oneof(
    one,
    fc.array(blankOr(saneCell(kind)), { minLength: n, maxLength: n }).map((xs) => xs.map((x) => [x])),
  );
}

/** Arguments for the kinds, sometimes with trailing ones left out (undefined), rarely even required ones. */
const argumentLists = (kinds: Kind[], required: number): fc.Arbitrary<unknown[]> =>
  fc
    .integer({ min: 1, max: 6 })
    .chain((n) =>
      fc.tuple(
        // About one wild argument per call, so that long argument lists still succeed often.
        fc.tuple(...kinds.map((k) => fc.oneof({ weight: kinds.length, arbitrary: sane(k, n) }, { weight: 1, arbitrary: wild(n) }))),
        fc.oneof(
          { weight: 9, arbitrary: fc.integer({ min: 0, max: kinds.length - required }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: kinds.length }) },
        ),
      ),
    )
    .map(([args, drop]) => args.slice(0, kinds.length - drop));

/** The only text results: the classes of DEMAND_CLASS, ABC and XYZ, and FORECAST_FIT's method names. */
const CLASS_LABELS = new Set(["smooth", "erratic", "intermittent", "lumpy", "A", "B", "C", "X", "Y", "Z"]);
const MODEL_NAME =
  /^(ETS\([AM],(N|A|Ad),[NAM]\)|naive|seasonal-naive|moving-average, window \d+|ses|holt|damped|holt-winters|holt-winters-mul|croston|sba|tsb)$/;

/** The invariant: a non-empty rectangular array of finite numbers, "", class labels (model names for FORECAST_FIT) or Excel errors. */
function problem(result: unknown, name = ""): string | undefined {
  if (!Array.isArray(result) || result.length === 0) return "not a non-empty array";
  const width = Array.isArray(result[0]) ? result[0].length : -1;
  if (width < 1) return "first row empty or not an array";
  for (const row of result) {
    if (!Array.isArray(row) || row.length !== width) return "not rectangular";
    for (const x of row) {
      if (x === "" || (typeof x === "number" && Number.isFinite(x)) || (typeof x === "string" && CLASS_LABELS.has(x))) continue;
      if (name === "FORECAST_FIT" && typeof x === "string" && MODEL_NAME.test(x)) continue;
      if (!(x instanceof StandInError)) return `bad cell ${String(x)}`;
      if (!SCM_CODES.has(x.code) && x.code !== "#REF!") return `unknown error code ${x.code}`;
      if ((x.code === "#NUM!" || x.code === "#DIV/0!") && x.message !== undefined) return `${x.code} with a message`;
      if ((x.code === "#VALUE!" || x.code === "#N/A") && !x.message) return `${x.code} without a message`;
    }
  }
  return undefined;
}

describe.each(CASES)("%s", (name, kinds, required) => {
  test("2,000 random argument lists: valid cells only, never a throw", async () => {
    await fc.assert(
      fc.asyncProperty(argumentLists(kinds, required), async (args) => {
        const p = problem(await callFunction(name, args), name);
        if (p) throw new Error(`${name}: ${p}`);
      }),
      { numRuns: 2000, seed: 20240611 + kinds.length * 31 + required },
    );
  });
});

test("the invariant catches what it should (the property test can fail)", () => {
  expect(problem([[1, NaN]])).toBe("bad cell NaN");
  expect(problem([[1], [1, 2]])).toBe("not rectangular");
  expect(problem([])).toBe("not a non-empty array");
  expect(problem([[undefined]])).toBe("bad cell undefined");
  expect(problem([[new StandInError("#NUM!", "m")]])).toBe("#NUM! with a message");
  expect(problem([[1, "", new StandInError("#VALUE!", "m")]])).toBeUndefined();
  expect(problem([["lumpy", "A", "Z"]])).toBeUndefined();
  expect(problem([["Lumpy"]])).toBe("bad cell Lumpy");
  expect(problem([["ETS(A,Ad,N)", 0.5, "", "", 0.98, 1, 2, 3, 4]], "FORECAST_FIT")).toBeUndefined();
  expect(problem([["moving-average, window 3"]], "FORECAST_FIT")).toBeUndefined();
  expect(problem([["ETS(A,Ad,N)"]], "XYZ")).toBe("bad cell ETS(A,Ad,N)");
  expect(problem([["ETS(X,N,N)"]], "FORECAST_FIT")).toBe("bad cell ETS(X,N,N)");
});
