/**
 * The error of the forecast of demand summed over a lead time (src/forecast/summary.ts,
 * safetyStock.ts):
 * - linear models (SES, Holt, damped, additive Holt-Winters): the closed form linearLeadTimeFactor
 *   against the same variance written out from the state space matrices F, g, w (built here, and
 *   checked against the engine's filter), L = 1..20; FittedModel.leadTimeSd = sigma * sqrt(factor);
 *   L = 1 gives sigma; a fractional L interpolates the variance;
 * - the empirical path: naive on a long simulated random walk, whose L-period cumulative error
 *   variance is sigma^2 L(L+1)(2L+1)/6;
 * - forecastSafetyStock = normInv(p) * leadTimeSd, and its argument errors.
 */
import { EtsSpec, runEts } from "../../src/forecast/ets";
import { fitForecast } from "../../src/forecast/fit";
import { FittedModel } from "../../src/forecast/model";
import { forecastSafetyStock, forecastSafetyStockDomainError, MAX_LEAD_TIME } from "../../src/forecast/safetyStock";
import { linearLeadTimeFactor, LinearWeights } from "../../src/forecast/summary";
import { normInv } from "../../src/stats/normal";
import { expectDomainError } from "../engine/helpers";
import { normal, prng, relClose } from "./util";

/** The checks here are relative to |e| alone: relClose with no floor of 1 (its default). */
const NO_FLOOR = 1e-300;

// ---- the state space form, built here ---------------------------------------------------------

/**
 * The linear innovations state space model (Hyndman et al. 2008, chapter 3) of an additive-error
 * ETS model: y_t = w' x_(t-1) + e_t, x_t = F x_(t-1) + g e_t, with the state
 * x = (l, b?, s_1 .. s_m?), s_1 the most recent seasonal state and s_m the one of the next period.
 */
interface StateSpace {
  F: number[][];
  g: number[];
  w: number[];
}

function stateSpace(p: LinearWeights, trend: boolean, seasonal: boolean): StateSpace {
  const m = seasonal ? p.m : 0;
  const dim = 1 + (trend ? 1 : 0) + m;
  const F = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  const g = new Array<number>(dim).fill(0);
  const w = new Array<number>(dim).fill(0);
  const iB = 1;
  const iS = trend ? 2 : 1; // s_1
  // level: l_t = l + phi b + alpha e
  F[0][0] = 1;
  g[0] = p.alpha;
  w[0] = 1;
  if (trend) {
    F[0][iB] = p.phi;
    F[iB][iB] = p.phi; // b_t = phi b + beta e
    g[iB] = p.beta;
    w[iB] = p.phi;
  }
  if (seasonal) {
    F[iS][iS + m - 1] = 1; // s_1 (new) = s_m (old) + gamma e
    g[iS] = p.gamma;
    for (let i = 1; i < m; i++) F[iS + i][iS + i - 1] = 1; // s_(i+1) = s_i
    w[iS + m - 1] = 1;
  }
  return { F, g, w };
}

const matVec = (A: number[][], v: number[]): number[] => A.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));
const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);

/**
 * var(sum_(h=1..L) error of the h-step forecast) / sigma^2, from the matrices: the h-step error is
 * e_(n+h) + sum_(j=1..h-1) w' F^(j-1) g e_(n+h-j), so innovation e_(n+i) enters the sum with the
 * coefficient 1 + sum_(j=1..L-i) w' F^(j-1) g; the variance is the sum of their squares.
 */
function leadTimeFactorFromMatrices(ss: StateSpace, L: number): number {
  // c[j] = w' F^(j-1) g, j = 1..L-1
  const c: number[] = [0];
  let v = ss.g.slice();
  for (let j = 1; j < L; j++) {
    c.push(dot(ss.w, v));
    v = matVec(ss.F, v);
  }
  let total = 0;
  for (let i = 1; i <= L; i++) {
    let coef = 1;
    for (let j = 1; j <= L - i; j++) coef += c[j];
    total += coef * coef;
  }
  return total;
}

/** Runs the matrices over y from x0: the one-step forecasts w' x_(t-1). */
function runStateSpace(ss: StateSpace, x0: number[], y: number[]): number[] {
  let x = x0.slice();
  return y.map((yt) => {
    const f = dot(ss.w, x);
    const e = yt - f;
    x = matVec(ss.F, x).map((xi, i) => xi + ss.g[i] * e);
    return f;
  });
}

interface LinearCase {
  label: string;
  method: "ses" | "holt" | "damped" | "holt-winters";
  /** Given parameters, the `parameters` row's convention (Holt's beta). */
  parameters: number[];
  m: number;
}

const CASES: LinearCase[] = [
  { label: "SES", method: "ses", parameters: [0.3], m: 1 },
  { label: "SES, alpha near 1", method: "ses", parameters: [0.95], m: 1 },
  { label: "Holt", method: "holt", parameters: [0.4, 0.2], m: 1 },
  { label: "damped", method: "damped", parameters: [0.5, 0.3, 0.85], m: 1 },
  { label: "additive Holt-Winters, m = 4", method: "holt-winters", parameters: [0.3, 0.1, 0.2], m: 4 },
  { label: "additive Holt-Winters, m = 12", method: "holt-winters", parameters: [0.2, 0.05, 0.3], m: 12 },
];

/** The ETS weights of a case (ETS beta = alpha times Holt's beta). */
function weights(c: LinearCase): LinearWeights {
  const [alpha, beta = 0, third = 0] = c.parameters;
  return {
    alpha,
    beta: c.method === "ses" ? 0 : alpha * beta,
    gamma: c.method === "holt-winters" ? third : 0,
    phi: c.method === "damped" ? third : 1,
    m: c.method === "holt-winters" ? c.m : 1,
  };
}

const hasTrend = (c: LinearCase): boolean => c.method !== "ses";
const isSeasonal = (c: LinearCase): boolean => c.method === "holt-winters";

function demand(n: number, m: number, seed: number): number[] {
  const u = prng(seed);
  const z = normal(u);
  let level = 200;
  return Array.from({ length: n }, (_, t) => {
    level += 0.5 + 2 * z();
    return level + (m > 1 ? 25 * Math.sin((2 * Math.PI * t) / m) : 0) + 8 * z();
  });
}

describe.each(CASES.map((c) => [c.label, c] as const))("%s", (_label, c) => {
  const w = weights(c);
  const ss = stateSpace(w, hasTrend(c), isSeasonal(c));
  const y = demand(60, c.m, 1234 + c.m);

  test("the matrices built here run the engine's filter (runEts's fitted values)", () => {
    const spec: EtsSpec = {
      error: "A",
      trend: c.method === "ses" ? "N" : c.method === "damped" ? "Ad" : "A",
      season: isSeasonal(c) ? "A" : "N",
      m: isSeasonal(c) ? c.m : 1,
    };
    // seasonal states summing to 0, R's order s_1 .. s_m
    const season0 = isSeasonal(c) ? Array.from({ length: c.m }, (_, i) => 10 * Math.cos(i + 1)) : [];
    if (isSeasonal(c)) {
      const mean = season0.reduce((a, b) => a + b, 0) / c.m;
      for (let i = 0; i < c.m; i++) season0[i] -= mean;
    }
    const fit = runEts(y, spec, w.alpha, w.beta, w.gamma, w.phi, 190, hasTrend(c) ? 1.5 : 0, season0);
    const x0 = [190, ...(hasTrend(c) ? [1.5] : []), ...season0];
    const ours = runStateSpace(ss, x0, y);
    for (let t = 0; t < y.length; t++) expect(relClose(fit.fitted[t], ours[t], 1e-12, NO_FLOOR)).toBe(true);
  });

  test("linearLeadTimeFactor equals the sum of squared innovation coefficients, L = 1..20", () => {
    for (let L = 1; L <= 20; L++) {
      const closed = linearLeadTimeFactor(w, L);
      const direct = leadTimeFactorFromMatrices(ss, L);
      if (!relClose(closed, direct, 1e-12, NO_FLOOR)) throw new Error(`L ${L}: closed form ${closed}, matrices ${direct}`);
    }
  });

  test("a fitted model's leadTimeSd is sigma * sqrt(factor); L = 1 gives sigma", () => {
    const model = fitForecast(y, { method: c.method, seasonLength: c.m, parameters: c.parameters });
    expect(model.sigma).toBeGreaterThan(0);
    expect(relClose(model.leadTimeSd(1), model.sigma, 1e-14, NO_FLOOR)).toBe(true);
    for (let L = 1; L <= 20; L++) {
      expect(relClose(model.leadTimeSd(L), model.sigma * Math.sqrt(leadTimeFactorFromMatrices(ss, L)), 1e-12, NO_FLOOR)).toBe(true);
    }
  });

  test("a fractional lead time interpolates the variance between whole periods", () => {
    const model = fitForecast(y, { method: c.method, seasonLength: c.m, parameters: c.parameters });
    const v = (L: number): number => model.leadTimeSd(L) ** 2;
    for (const L of [0.25, 0.5, 0.999]) expect(relClose(v(L), L * v(1), 1e-12, NO_FLOOR)).toBe(true);
    for (const L of [1.5, 2.3, 7.75, 19.1]) {
      const lo = Math.floor(L);
      expect(relClose(v(L), v(lo) + (L - lo) * (v(lo + 1) - v(lo)), 1e-12, NO_FLOOR)).toBe(true);
    }
    // increasing in L
    let last = 0;
    for (let L = 0.5; L <= 20; L += 0.5) {
      expect(model.leadTimeSd(L)).toBeGreaterThan(last);
      last = model.leadTimeSd(L);
    }
  });
});

test("estimated linear ETS models use the same closed form with their ETS parameters", () => {
  const y = demand(60, 4, 77);
  for (const method of ["ses", "holt", "damped", "holt-winters"] as const) {
    const model = fitForecast(y, { method, seasonLength: 4 });
    const c: LinearCase = {
      label: method,
      method,
      parameters:
        method === "ses"
          ? [model.alpha!]
          : method === "holt"
            ? [model.alpha!, model.beta!]
            : method === "damped"
              ? [model.alpha!, model.beta!, model.phi!]
              : [model.alpha!, model.beta!, model.gamma!],
      m: 4,
    };
    const ss = stateSpace(weights(c), hasTrend(c), isSeasonal(c));
    expect(relClose(model.leadTimeSd(1), model.sigma, 1e-14, NO_FLOOR)).toBe(true);
    for (const L of [2, 5, 13])
      expect(relClose(model.leadTimeSd(L), model.sigma * Math.sqrt(leadTimeFactorFromMatrices(ss, L)), 1e-10, NO_FLOOR)).toBe(true);
  }
});

// ---- the empirical path --------------------------------------------------------------------------

describe("naive on a long random walk: the cumulative error variance grows like sigma^2 L(L+1)(2L+1)/6", () => {
  const n = 200000;
  const u = prng(2026);
  const z = normal(u);
  const sigma = 3;
  const y = new Float64Array(n);
  let level = 1000;
  for (let t = 0; t < n; t++) {
    level += sigma * z();
    y[t] = level;
  }
  const model: FittedModel = fitForecast(y, { method: "naive" });

  test("L = 1: the one-step sd (sigma)", () => {
    expect(relClose(model.leadTimeSd(1), model.sigma, 1e-12, NO_FLOOR)).toBe(true);
    expect(relClose(model.sigma, sigma, 0.01, NO_FLOOR)).toBe(true);
  });

  test("L = 1..20 within sampling tolerance", () => {
    const problems: string[] = [];
    for (let L = 1; L <= 20; L++) {
      const ratio = model.leadTimeSd(L) ** 2 / ((model.sigma ** 2 * L * (L + 1) * (2 * L + 1)) / 6);
      // The estimate averages ~n overlapping L-period sums: relative sd about sqrt(2 L / n) (0.014 at L = 20).
      const tol = 5 * Math.sqrt((2 * L) / n);
      if (Math.abs(ratio - 1) > tol) problems.push(`L ${L}: ratio ${ratio} (tolerance ${tol})`);
    }
    expect(problems).toEqual([]);
  });
});

test("L = 1 gives sigma for the methods on the empirical path too (the sd of the one-step error both ways)", () => {
  const y = demand(60, 4, 91);
  const u = prng(92);
  const intermittent = Array.from({ length: 60 }, () => (u() < 0.3 ? 1 + Math.round(9 * u()) : 0));
  const cases: [string, FittedModel][] = [
    ["naive", fitForecast(y, { method: "naive" })],
    ["seasonal-naive", fitForecast(y, { method: "seasonal-naive", seasonLength: 4 })],
    ["holt-winters-mul (given)", fitForecast(y, { method: "holt-winters-mul", seasonLength: 4, parameters: [0.3, 0.1, 0.2] })],
    ["moving-average (estimated window)", fitForecast(y, { method: "moving-average" })],
    ["sba (estimated alpha)", fitForecast(intermittent, { method: "sba" })],
    ["holt-winters-mul (estimated, ETS(M,A,M))", fitForecast(y, { method: "holt-winters-mul", seasonLength: 4 })],
  ];
  const problems = cases
    .filter(([, model]) => !relClose(model.leadTimeSd(1), model.sigma, 1e-12, NO_FLOOR))
    .map(([label, model]) => `${label}: leadTimeSd(1) ${model.leadTimeSd(1)}, sigma ${model.sigma}`);
  expect(problems).toEqual([]);
});

// ---- forecastSafetyStock ------------------------------------------------------------------------

describe("forecastSafetyStock", () => {
  const y = demand(48, 4, 5);
  const models: [string, FittedModel][] = [
    ["ses (given)", fitForecast(y, { method: "ses", parameters: [0.3] })],
    ["holt-winters (given)", fitForecast(y, { method: "holt-winters", seasonLength: 4, parameters: [0.3, 0.1, 0.2] })],
    ["naive", fitForecast(y, { method: "naive" })],
    ["auto", fitForecast(y, { method: "auto", seasonLength: 4 })],
  ];

  test.each(models)("%s: normInv(p) * leadTimeSd(L)", (_label, model) => {
    for (const p of [0.5, 0.8, 0.95, 0.999]) {
      for (const L of [0.5, 1, 2.5, 6, 12]) {
        const ss = forecastSafetyStock(model, L, p);
        expect(relClose(ss, normInv(p) * model.leadTimeSd(L), 1e-14, NO_FLOOR) || (p === 0.5 && ss === 0)).toBe(true);
      }
    }
    // below 50%: negative (z < 0)
    expect(forecastSafetyStock(model, 3, 0.2)).toBeLessThan(0);
  });

  test("argument errors: lead_time in (0, MAX_LEAD_TIME], service_level in (0, 1)", () => {
    const model = models[0][1];
    for (const L of [0, -1, MAX_LEAD_TIME + 1, NaN, Infinity]) {
      expectDomainError(() => forecastSafetyStock(model, L, 0.95), "num", /lead_time must be more than 0/);
      expect(forecastSafetyStockDomainError(L, 0.95)?.kind).toBe("num");
    }
    for (const p of [0, 1, -0.1, 1.5, NaN]) {
      expectDomainError(() => forecastSafetyStock(model, 2, p), "num", /service_level must be between 0 and 1/);
      expect(forecastSafetyStockDomainError(2, p)?.kind).toBe("num");
    }
    expect(forecastSafetyStockDomainError(MAX_LEAD_TIME, 0.95)).toBeUndefined();
    expectDomainError(() => model.leadTimeSd(0), "num", /lead_time must be more than 0/);
    expectDomainError(() => model.leadTimeSd(-2), "num", /lead_time must be more than 0/);
  });

  test("0 when the model fits the history exactly", () => {
    const flat = fitForecast(new Array(20).fill(5), { method: "auto" });
    expect(flat.sigma).toBe(0);
    expect(forecastSafetyStock(flat, 4, 0.95)).toBe(0);
  });
});

describe("the empirical lead-time error near the history's length (review findings)", () => {
  test("never decreases as the lead time grows: SBA on intermittent demand, naive on a short history", () => {
    const sbaModel = fitForecast([0, 3, 0, 0, 5, 0, 2, 0, 0, 4, 0, 0, 6, 0, 1, 0, 0, 3, 0, 5]);
    expect(sbaModel.name).toBe("sba");
    const naive = fitForecast([12, 15, 11, 18, 14, 13, 16, 19, 12, 14, 17, 15], { method: "naive" });
    for (const m of [sbaModel, naive]) {
      let last = 0;
      for (let L = 1; L <= 40; L++) {
        const sd = m.leadTimeSd(L);
        expect(sd).toBeGreaterThanOrEqual(last);
        last = sd;
      }
    }
  });

  test("a single period is too short to measure the error: no sd, and the safety stock is #N/A", () => {
    const m = fitForecast([3]);
    expect([m.sigma, m.mae, m.rmse].every(Number.isNaN)).toBe(true);
    expect(() => forecastSafetyStock(m, 2, 0.95)).toThrow(/too short to measure the forecast error/);
  });
});
