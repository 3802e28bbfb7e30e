/*
 * Custom-function adapters against hand-written loops over the same arrays, measured in the same run:
 * - BULLWHIP_RATIO over two 1,000,000-row columns (number[][] of [x] rows, as Excel passes a column)
 *   vs one loop computing the same ratio the same way (Welford's running variance, as SeriesStats).
 *   Target: <= 1.5x.
 * - SAFETY_STOCK spilled over 100,000 SKU rows vs one loop calling jStat.normal.inv per row and
 *   building the same output. Targets: < 100 ms and <= 3x.
 * - Bad input over a whole column (1,048,576 rows), every element an error, against the same call with
 *   valid values: EOQ with production_rate below demand_rate, EOQ with text in demand_rate, SAFETY_STOCK
 *   with a service level above 1. Target: error path <= 2x the valid path.
 * The adapters are imported as modules: the same code webpack bundles. Writes its section of
 * BENCHMARKS.md. Run: npm run bench -- functions
 */
import { cpus, loadavg } from "os";
import { recordBenchmark } from "./record";
import { jStat } from "jstat";
import { BULLWHIP_RATIO, EOQ, SAFETY_STOCK } from "../functions/functions";

// The adapters build errors with Excel's CustomFunctions.Error; outside Excel a stand-in is enough.
const g = globalThis as unknown as { CustomFunctions?: unknown };
if (g.CustomFunctions === undefined) {
  g.CustomFunctions = {
    Error: class {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    },
  };
}

const COMMAND = "npm run bench -- functions";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Median wall time (ms) of `reps` runs after `warmup` runs; a and b alternate so both see the same noise. */
function pair(a: () => unknown, b: () => unknown, warmup: number, reps: number): [number, number] {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < reps; i++) {
    for (const [f, t] of i % 2
      ? ([
          [a, ta],
          [b, tb],
        ] as const)
      : ([
          [b, tb],
          [a, ta],
        ] as const)) {
      const t0 = performance.now();
      f();
      t.push(performance.now() - t0);
    }
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1];
  return [median(ta), median(tb)];
}

interface Row {
  what: string;
  adapter: number;
  baseline: number;
  target: string;
  ok: boolean;
}

function bullwhip(): Row {
  const N = 1_000_000;
  const rnd = lcg(42);
  const orders: number[][] = new Array(N);
  const demand: number[][] = new Array(N);
  for (let i = 0; i < N; i++) {
    demand[i] = [100 + 10 * rnd()];
    orders[i] = [100 + 30 * rnd()];
  }
  const adapter = () => BULLWHIP_RATIO(orders, demand)[0][0] as number;
  // The hand-written single loop: both columns at once, Welford's update inlined.
  const baseline = (): number => {
    let n1 = 0, m1 = 0, q1 = 0, n2 = 0, m2 = 0, q2 = 0; // prettier-ignore
    for (let i = 0; i < N; i++) {
      const x = orders[i][0];
      if (typeof x === "number") {
        const d = x - m1;
        m1 += d / ++n1;
        q1 += d * (x - m1);
      }
      const y = demand[i][0];
      if (typeof y === "number") {
        const d = y - m2;
        m2 += d / ++n2;
        q2 += d * (y - m2);
      }
    }
    return q1 / (n1 - 1) / (q2 / (n2 - 1));
  };
  const a = adapter();
  const b = baseline();
  if (!(Math.abs(a - b) <= 1e-12 * b)) throw new Error(`BULLWHIP_RATIO ${a} differs from the baseline ${b}`);
  const [ta, tb] = pair(adapter, baseline, 3, 15);
  return { what: "BULLWHIP_RATIO, two 1,000,000-row columns", adapter: ta, baseline: tb, target: "<= 1.5x", ok: ta <= 1.5 * tb };
}

function safetyStock(perRowServiceLevel: boolean): Row {
  const N = 100_000;
  const rnd = lcg(7);
  const sd: number[][] = new Array(N);
  const lt: number[][] = new Array(N);
  const sl: number[][] = new Array(N);
  for (let i = 0; i < N; i++) {
    sd[i] = [5 + 100 * rnd()];
    lt[i] = [1 + Math.floor(10 * rnd())];
    sl[i] = [0.8 + 0.19 * rnd()];
  }
  const level = perRowServiceLevel ? sl : [[0.95]];
  const adapter = () => SAFETY_STOCK(sd, lt, level);
  // The same spill built by hand: z = jStat.normal.inv(level) per row, times sigma sqrt(L).
  const baseline = (): number[][] => {
    const out: number[][] = new Array(N);
    for (let i = 0; i < N; i++) {
      const p = perRowServiceLevel ? sl[i][0] : 0.95;
      out[i] = [jStat.normal.inv(p, 0, 1) * sd[i][0] * Math.sqrt(lt[i][0])];
    }
    return out;
  };
  const a = adapter();
  const b = baseline();
  for (let i = 0; i < N; i++) {
    if (!(Math.abs((a[i][0] as number) - b[i][0]) <= 1e-9 * Math.abs(b[i][0]))) throw new Error(`SAFETY_STOCK row ${i} differs`);
  }
  const [ta, tb] = pair(adapter, baseline, 5, 21);
  return {
    what: `SAFETY_STOCK, 100,000 SKU rows, ${perRowServiceLevel ? "a service level per row" : "one service level (0.95)"}`,
    adapter: ta,
    baseline: tb,
    target: "< 100 ms and <= 3x",
    ok: ta < 100 && ta <= 3 * tb,
  };
}

interface ErrorPathRow {
  what: string;
  valid: number;
  error: number;
}

const WHOLE_COLUMN = 1_048_576;

function column(value: (i: number) => unknown): unknown[][] {
  const c: unknown[][] = new Array(WHOLE_COLUMN);
  for (let i = 0; i < WHOLE_COLUMN; i++) c[i] = [value(i)];
  return c;
}

/** Each error kind against the same call with valid values in the same places (same shapes, same varying arguments). */
function errorPaths(): ErrorPathRow[] {
  const rnd = lcg(11);
  const demand = column(() => 100 + 1000 * rnd());
  const sd = column(() => 5 + 100 * rnd());
  const K = [[8]];
  const h = [[0.225]];
  const production = column(() => 5000);
  const slowProduction = column(() => 50);
  const text = column(() => "n/a");
  const level = column(() => 0.95);
  const levelOver1 = column(() => 1.2);
  const cases: [string, () => unknown[][], () => unknown[][], string][] = [
    [
      "EOQ, production_rate below demand_rate (#NUM!)",
      () => EOQ(demand, K, h, undefined, production),
      () => EOQ(demand, K, h, undefined, slowProduction),
      "#NUM!",
    ],
    ["EOQ, text in demand_rate (#VALUE!)", () => EOQ(demand, K, h), () => EOQ(text, K, h), "#VALUE!"],
    [
      "SAFETY_STOCK, service_level above 1 in every row (#NUM!)",
      () => SAFETY_STOCK(sd, [[2]], level),
      () => SAFETY_STOCK(sd, [[2]], levelOver1),
      "#NUM!",
    ],
  ];
  const rows: ErrorPathRow[] = [];
  for (const [what, valid, error, code] of cases) {
    // Check what is timed: numbers on the valid path, the expected error in every cell on the other.
    const v = valid();
    const e = error();
    if (v.length !== WHOLE_COLUMN || !v.every((r) => typeof r[0] === "number")) throw new Error(`${what}: not all numbers`);
    if (e.length !== WHOLE_COLUMN || !e.every((r) => (r[0] as { code?: string }).code === code)) throw new Error(`${what}: not ${code}`);
    const [tv, te] = pair(valid, error, 1, 7);
    rows.push({ what, valid: tv, error: te });
  }
  return rows;
}

function errorTable(rows: ErrorPathRow[]): string {
  const lines = [
    "| case (1,048,576 rows, every element an error) | valid path (median ms) | error path (median ms) | error / valid | target | met |",
    "|---|---:|---:|---:|---|---|",
  ];
  for (const r of rows) {
    const ratio = r.error / r.valid;
    const met = ratio <= 2 ? "yes" : "NO";
    lines.push(`| ${r.what} | ${r.valid.toFixed(0)} | ${r.error.toFixed(0)} | ${ratio.toFixed(2)}x | <= 2x | ${met} |`);
  }
  return lines.join("\n");
}

function table(rows: Row[]): string {
  const lines = ["| case | adapter (median ms) | hand-written loop (median ms) | ratio | target | met |", "|---|---:|---:|---:|---|---|"];
  for (const r of rows) {
    lines.push(
      `| ${r.what} | ${r.adapter.toFixed(1)} | ${r.baseline.toFixed(1)} | ${(r.adapter / r.baseline).toFixed(2)}x | ${r.target} | ${r.ok ? "yes" : "NO"} |`,
    );
  }
  return lines.join("\n");
}

export async function run(): Promise<void> {
  const rows = [bullwhip(), safetyStock(false), safetyStock(true)];
  const t = table(rows);
  console.log(t);
  const e = errorTable(errorPaths());
  console.log(e);
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const markdown = [
    `Command: \`${COMMAND}\` (medians of 15 runs for BULLWHIP_RATIO, 21 for SAFETY_STOCK, after warm-up; adapter and`,
    `baseline alternate). Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} x ${cpu},`,
    `load average ${loadavg()[0].toFixed(1)} at the end (other jobs share the cores: compare the ratios, measured in the same run).`,
    "",
    t,
    "",
    "Baselines: BULLWHIP_RATIO against one loop over both arrays with Welford's running variance inlined",
    "(the update SeriesStats makes); SAFETY_STOCK against one loop calling `jStat.normal.inv` per row and",
    "building the same `[[value]]` rows. The adapter results are checked equal to the baseline's first.",
    "With one service level the engine computes z once (it remembers the last one), hence faster than the",
    "baseline; with a level per row both invert the normal per row, and jStat's inverse dominates both.",
    "",
    "Bad input: medians of 7 runs after one warm-up, valid and error paths alternating. The valid path is",
    "the same call with valid values in the same places: production_rate 5,000 instead of 50 (demand_rate",
    '100-1,100), numbers instead of "n/a", a service level of 0.95 instead of 1.2. Both paths are checked',
    "first: numbers in every cell on one, the expected error in every cell on the other. A bad element",
    "costs no exception (coercion returns the cell's error; each element-wise spec's `reject` checks the",
    "engine's domain before calling it) and the elements of a call share their error objects.",
    "",
    e,
  ].join("\n");
  recordBenchmark("functions.bench", "## Custom functions", markdown);
}
