/**
 * Bad input costs no more than good input (the figures are in BENCHMARKS.md, from bench/functions.bench.ts):
 * an element outside the engine's domain is rejected before the engine is called (a thrown exception
 * per element made a column of bad rows about 10x slower than a column of good ones), and the
 * elements of one call share their error objects. Each spec's `reject` must agree with its engine:
 * the last test compares every element-wise spec with and without it.
 */
import * as F from "../../functions/functions";
import { lift, LiftedSpec } from "../../functions/broadcast";
import { ELEMENTWISE_NAMES, missingFrom } from "./names";
import { installCustomFunctionsStandIn, isErr, show } from "./standIn";

beforeAll(installCustomFunctionsStandIn);

const ROWS = 1048576; // a whole column

function column(value: (i: number) => unknown, rows = ROWS): unknown[][] {
  const c: unknown[][] = new Array(rows);
  for (let i = 0; i < rows; i++) c[i] = [value(i)];
  return c;
}

/** The spec with its engine call counted. */
function counted(spec: LiftedSpec): { spec: LiftedSpec; calls: () => number } {
  let n = 0;
  return {
    spec: {
      ...spec,
      compute: (v, out, at) => {
        n++;
        spec.compute(v, out, at);
      },
    },
    calls: () => n,
  };
}

describe("a whole column of bad elements", () => {
  const demand = column((i) => 100 + (i % 1000));
  const cases: [string, LiftedSpec, unknown[], string][] = [
    ["EOQ, production_rate below demand_rate", F.EOQ_SPEC, [demand, [[8]], [[0.225]], null, column(() => 50)], "#NUM!"],
    [
      "EOQ, text in demand_rate",
      F.EOQ_SPEC,
      [column(() => "n/a"), [[8]], [[0.225]], null, null],
      "#VALUE!: demand_rate must be a number, not text",
    ],
    ["SAFETY_STOCK, service_level 1.2", F.SAFETY_STOCK_SPEC, [demand, [[2]], column(() => 1.2), null, null, null], "#NUM!"],
  ];

  test.each(cases)("%s: the engine is never called and every cell holds the same error object", (_, spec, args, expected) => {
    const { spec: s, calls } = counted(spec);
    const r = lift(s, args);
    expect(r.length).toBe(ROWS);
    expect(show(r[0][0])).toBe(expected);
    expect(calls()).toBe(0);
    expect(new Set(r.map((row) => row[0])).size).toBe(1);
  });

  test("a single-cell error argument: one object for every element", () => {
    const r = lift(F.SAFETY_STOCK_SPEC, [demand, [[2]], [["95%"]], null, null, null]);
    expect(show(r[0][0])).toBe("#VALUE!: service_level must be a number, not text");
    expect(new Set(r.map((row) => row[0])).size).toBe(1);
  });
});

describe("reject agrees with the engine", () => {
  // Boundary-rich values: each domain check sits at one of them (>= 0, > 0, (0, 1), integer >= 1, |rho| < 1, alpha in (0, 1]).
  const NUMBERS: readonly unknown[] = [-2, -1, -0.5, -1e-300, -0, 0, 1e-300, 0.5, 0.95, 1, 1.2, 2, 3, 4.5, 10, 1300, 1e6, 1e300, null];
  const METHODS: readonly unknown[] = ["ma", "es", "moving-average", "exp-smoothing", "bogus", null];
  const SPECS: [string, LiftedSpec][] = [
    ["EOQ", F.EOQ_SPEC],
    ["EOQ_COST", F.EOQ_COST_SPEC],
    ["SAFETY_STOCK", F.SAFETY_STOCK_SPEC],
    ["REORDER_POINT", F.REORDER_POINT_SPEC],
    ["MIN_MAX", F.MIN_MAX_SPEC],
    ["FILL_RATE", F.FILL_RATE_SPEC],
    ["NORMAL_LOSS", F.NORMAL_LOSS_SPEC],
    ["BULLWHIP_BOUND", F.BULLWHIP_BOUND_SPEC],
  ];

  test("covers every element-wise function (test/functions/names.ts)", () => {
    expect(
      missingFrom(
        SPECS.map(([name]) => name),
        ELEMENTWISE_NAMES,
      ),
    ).toEqual([]);
  });

  test.each(SPECS)("%s: 50,000 random elements, the same cells with and without reject; the engine rejects none of the rest", (_, spec) => {
    expect(spec.reject).toBeDefined();
    let seed = 12345;
    const pick = <T>(xs: readonly T[]): T => xs[(seed = (seed * 16807) % 2147483647) % xs.length];
    const rows = 50000;
    const args = spec.args.map((a) => column(() => pick(a.text ? METHODS : NUMBERS), rows));
    // What the engine still throws once reject has run: only a result too large to represent, which
    // reject does not predict (a reject that lets a domain failure through is slow, not wrong).
    const thrown = new Set<string>();
    const withReject = lift(
      {
        ...spec,
        compute: (v, out, at) => {
          try {
            spec.compute(v, out, at);
          } catch (e) {
            thrown.add((e as Error).message);
            throw e;
          }
        },
      },
      args,
    );
    const engineOnly = lift({ ...spec, reject: undefined }, args);
    for (const message of thrown) expect(message).toMatch(/is not a finite number: the inputs are out of range$/);
    let errors = 0;
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < spec.width; c++) {
        const a = withReject[i][c];
        const b = engineOnly[i][c];
        if (isErr(a)) errors++;
        if (show(a) !== show(b)) throw new Error(`row ${i + 1} (${args.map((x) => String(x[i][0])).join(", ")}): ${show(a)} vs ${show(b)}`);
      }
    }
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(rows * spec.width); // and some valid elements
  });
});
