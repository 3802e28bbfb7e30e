/**
 * SERIAL_BASE_STOCK's engine (src/inventory/serialBaseStock.ts): Snyder & Shen Example 6.1 against
 * stockpyl, the one-stage newsvendor, the grid's stability, a Monte Carlo simulation of a two-stage
 * system under echelon base-stock written here independently of the recursion, and the domain errors.
 */
import { serialBaseStock, serialBaseStockInDomain } from "../../src/inventory/serialBaseStock";
import { normInv, normPdf } from "../../src/stats/normal";
import { SERIAL_BASE_STOCK } from "../../functions/functions";
import { installCustomFunctionsStandIn, isErr, StandInError } from "../functions/standIn";
import { expectAbs, expectDomainError, expectRel } from "./helpers";

installCustomFunctionsStandIn();

// Example 6.1: echelon h = 3, 2, 2 and L = 1, 1, 2 (stage 1 first), p = 37.12, demand N(5, 1).
const EX61 = { h: [3, 2, 2], L: [1, 1, 2], p: 37.12, mean: 5, sd: 1 };

describe("Snyder & Shen Example 6.1", () => {
  const r = serialBaseStock(EX61.h, EX61.L, EX61.p, EX61.mean, EX61.sd);

  test("close to stockpyl's discretised optimum", () => {
    // stockpyl (x_num 1000, d_num 100): S* = {1: 6.5144, 2: 12.0123, 3: 22.7002}, C* = 47.6687.
    // Its S*_1 is off by its grid: stage 1 is a newsvendor with critical ratio (p + h'_1 - h_1) / (p + h'_1),
    // S*_1 = 5 + Phi^-1(41.12 / 44.12) = 6.49088, which we match to 1e-5 (next test).
    expectAbs(r.echelon[0], 6.5144, 0.025);
    expectAbs(r.echelon[1], 12.0123, 0.02);
    expectAbs(r.echelon[2], 22.7002, 0.02);
    expectAbs(r.cost, 47.6687, 0.05);
    expect(r.local.map((x) => Math.round(x * 1e4) / 1e4)).toEqual([6.4909, 5.5267, 10.6879]);
    expect(Math.round(r.cost * 1e4) / 1e4).toBe(47.6601);
  });

  test("stage 1 is the newsvendor of the critical ratio (p + h'_2) / (p + h'_1)", () => {
    expectAbs(r.echelon[0], 5 + normInv(41.12 / 44.12), 1e-5);
  });

  test("halving the grid step changes S* and C* by less than 1e-4", () => {
    const fine = serialBaseStock(EX61.h, EX61.L, EX61.p, EX61.mean, EX61.sd, { resolution: 200 });
    for (let j = 0; j < 3; j++) expectAbs(fine.echelon[j], r.echelon[j], 1e-4);
    expectAbs(fine.cost, r.cost, 1e-4);
    // Another case: fractional and unequal lead times, a larger sd.
    const a = serialBaseStock([1, 0.5, 2], [0.5, 3, 1.5], 12, 20, 6);
    const b = serialBaseStock([1, 0.5, 2], [0.5, 3, 1.5], 12, 20, 6, { resolution: 200 });
    for (let j = 0; j < 3; j++) expectAbs(b.echelon[j], a.echelon[j], 1e-4 * 20);
    expectRel(b.cost, a.cost, 1e-5);
  });
});

test("one stage is the newsvendor: S* = mu L + sigma sqrt(L) z, C* = (p + h) sigma sqrt(L) phi(z)", () => {
  for (const [h, L, p, mu, sd] of [
    [3, 4, 37.12, 5, 1],
    [1, 1, 9, 100, 20],
    [0.5, 2.5, 2, 10, 4],
  ]) {
    const z = normInv(p / (p + h));
    const r = serialBaseStock([h], [L], p, mu, sd);
    expectAbs(r.echelon[0], mu * L + sd * Math.sqrt(L) * z, 1e-5 * sd);
    expectRel(r.cost, (p + h) * sd * Math.sqrt(L) * normPdf(z), 1e-7);
    expect(r.local).toEqual(r.echelon);
  }
});

test("deterministic demand (sd 0): S*_j = cumulative lead-time demand, C* = pipeline holding", () => {
  const r = serialBaseStock([3, 2, 2], [1, 1, 2], 37.12, 5, 0);
  expect(r.echelon).toEqual([5, 10, 20]);
  expect(r.local).toEqual([5, 5, 10]);
  expect(r.cost).toBe(2 * 5 + 2 * 10);
  // and sd -> 0 approaches it
  const near = serialBaseStock([3, 2, 2], [1, 1, 2], 37.12, 5, 1e-3);
  for (let j = 0; j < 3; j++) expectAbs(near.echelon[j], r.echelon[j], 0.01);
  expectAbs(near.cost, 30, 0.05);
});

test("a zero lead time: that stage's demand is 0", () => {
  const r = serialBaseStock([3, 2], [1, 0], 37.12, 5, 1);
  expect(r.echelon[1]).toBeLessThanOrEqual(r.echelon[0]);
  expect(Number.isFinite(r.cost)).toBe(true);
});

/** A seeded generator (mulberry32) and normal draws (Box-Muller). */
function normals(seed: number, mean: number, sd: number, n: number): Float64Array {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const th = 2 * Math.PI * u();
    out[i] = mean + sd * r * Math.cos(th);
    if (i + 1 < n) out[i + 1] = mean + sd * r * Math.sin(th);
  }
  return out;
}

/**
 * Two stages under echelon base-stock (S1, S2), simulated physically: each period stage 2 orders up
 * to S2 in echelon position from an unlimited supplier, stage 1 orders up to S1 from stage 2, which
 * ships what it has on hand (backordering the rest); demand hits stage 1 (backorders); a shipment sent
 * in period t with lead time L arrives at the end of period t + L - 1. Cost at the end of each period:
 * local holding h'_1 = h1 + h2 on stage 1's stock, h'_2 = h2 on stage 2's stock and the stock in
 * transit to stage 1, p per unit backordered (= h1 IL1 + h2 IL2_echelon + (p + h1 + h2) B1).
 * Returns the per-period costs after a warm-up.
 */
function simulate(S1: number, S2: number, h: number[], L: number[], p: number, d: Float64Array, warmup: number): Float64Array {
  const T = d.length;
  const arrive1 = new Float64Array(T + L[0] + 2);
  const arrive2 = new Float64Array(T + L[1] + 2);
  let onHand2 = S2 - S1,
    owed2 = 0,
    il1 = S1,
    transit1 = 0,
    transit2 = 0;
  const costs = new Float64Array(T - warmup);
  for (let t = 0; t < T; t++) {
    const q2 = S2 - (onHand2 + transit1 + il1 + transit2);
    transit2 += q2;
    arrive2[t + L[1] - 1] += q2;
    const q1 = S1 - (il1 + transit1 + owed2);
    owed2 += q1;
    const ship = Math.max(0, Math.min(onHand2, owed2));
    onHand2 -= ship;
    owed2 -= ship;
    transit1 += ship;
    arrive1[t + L[0] - 1] += ship;
    il1 -= d[t];
    onHand2 += arrive2[t];
    transit2 -= arrive2[t];
    il1 += arrive1[t];
    transit1 -= arrive1[t];
    if (t >= warmup) {
      const c = (h[0] + h[1]) * Math.max(il1, 0) + h[1] * (onHand2 + transit1) + p * Math.max(-il1, 0);
      costs[t - warmup] = c;
    }
  }
  return costs;
}

/** Mean and standard error by batch means (batches of 2,000 periods). */
function meanSe(x: Float64Array): [number, number] {
  const B = 2000;
  const k = Math.floor(x.length / B);
  const means: number[] = [];
  for (let b = 0; b < k; b++) {
    let s = 0;
    for (let i = b * B; i < (b + 1) * B; i++) s += x[i];
    means.push(s / B);
  }
  const m = means.reduce((a, v) => a + v, 0) / k;
  const v = means.reduce((a, u) => a + (u - m) ** 2, 0) / (k - 1);
  return [m, Math.sqrt(v / k)];
}

describe("two stages against a Monte Carlo simulation (common random numbers)", () => {
  const h = [2, 1];
  const L = [1, 2];
  const p = 20;
  const mu = 10;
  const sd = 3;
  const d = normals(20240611, mu, sd, 402000);
  const r = serialBaseStock(h, L, p, mu, sd);
  const atOpt = simulate(r.echelon[0], r.echelon[1], h, L, p, d, 2000);

  test("the simulated cost at S* matches C* within its confidence interval", () => {
    const [m, se] = meanSe(atOpt);
    expect(Math.abs(m - r.cost)).toBeLessThan(4 * se + 1e-3 * r.cost);
    expect(se).toBeLessThan(0.01 * r.cost);
  });

  test("no level on a grid around S* simulates cheaper beyond the estimate's error", () => {
    for (const d1 of [-2, -1, 0, 1, 2]) {
      for (const d2 of [-3, -1.5, 0, 1.5, 3]) {
        if (d1 === 0 && d2 === 0) continue;
        const other = simulate(r.echelon[0] + d1, r.echelon[1] + d2, h, L, p, d, 2000);
        const diff = new Float64Array(other.length);
        for (let i = 0; i < diff.length; i++) diff[i] = other[i] - atOpt[i];
        const [m, se] = meanSe(diff);
        expect(m).toBeGreaterThan(-3 * se);
      }
    }
  });
});

describe("domain", () => {
  test("errors name the argument", () => {
    expectDomainError(() => serialBaseStock([1, 1], [1, -1], 10, 5, 1), "num", /lead_times \(stage 2\) must be >= 0/);
    expectDomainError(() => serialBaseStock([1], [1], 0, 5, 1), "num", /stockout_cost must be > 0/);
    expectDomainError(() => serialBaseStock([1], [1], 10, 5, -1), "num", /sd_demand must be >= 0/);
    expectDomainError(() => serialBaseStock([1], [1], 10, -5, 1), "num", /mean_demand must be >= 0/);
    expectDomainError(() => serialBaseStock([-1], [1], 10, 5, 1), "num", /echelon_holding_costs must be >= 0/);
    expectDomainError(() => serialBaseStock([1, 2], [1], 10, 5, 1), "value", /2 stages where lead_times has 1/);
    expectDomainError(() => serialBaseStock(new Array(51).fill(1), new Array(51).fill(1), 10, 5, 1), "num", /at most 50 stages/);
    expect(serialBaseStock(new Array(50).fill(1), new Array(50).fill(1), 10, 5, 1).echelon).toHaveLength(50);
    expect(serialBaseStockInDomain([1, 2], [1, 1], 10, 5, 1)).toBe(true);
    expect(serialBaseStockInDomain([1, 2], [1, -1], 10, 5, 1)).toBe(false);
    expect(serialBaseStockInDomain([1], [1], 0, 5, 1)).toBe(false);
  });

  test("the function: Excel errors with messages, blanks", () => {
    const col = (...xs: unknown[]) => xs.map((x) => [x]);
    const err = (cells: unknown[][]) => cells[0][0] as StandInError;
    const ok = SERIAL_BASE_STOCK(col(3, 2, 2), col(1, 1, 2), [[37.12]], [[5]], [[1]]);
    expect(ok).toHaveLength(3);
    expect((ok[0] as number[]).length).toBe(2);
    expect(
      Math.round((SERIAL_BASE_STOCK(col(3, 2, 2), col(1, 1, 2), [[37.12]], [[5]], [[1]], [["cost"]])[0][0] as number) * 1e4) / 1e4,
    ).toBe(47.6601);
    // Trailing blank rows (a range drawn larger than the table) are ignored.
    expect(SERIAL_BASE_STOCK(col(3, 2, 2, null, ""), col(1, 1, 2, "", null), [[37.12]], [[5]], [[1]])).toEqual(ok);
    expect(isErr(SERIAL_BASE_STOCK(col(3, null, 2), col(1, 1, 2), [[37.12]], [[5]], [[1]])[0][0], "#VALUE!")).toBe(true);
    expect(err(SERIAL_BASE_STOCK(col(3, null, 2), col(1, 1, 2), [[37.12]], [[5]], [[1]])).message).toMatch(
      /echelon_holding_costs \(stage 2\) is required/,
    );
    expect(err(SERIAL_BASE_STOCK(col(3, 2), col(1, 1, 2), [[37.12]], [[5]], [[1]])).message).toMatch(
      /3 stages where other stage arguments have 2/,
    );
    expect(isErr(SERIAL_BASE_STOCK(col(3, 2), col(1, -1), [[37.12]], [[5]], [[1]])[0][0], "#NUM!")).toBe(true);
    expect(isErr(SERIAL_BASE_STOCK(col(3), col(1), [[0]], [[5]], [[1]])[0][0], "#NUM!")).toBe(true);
    expect(isErr(SERIAL_BASE_STOCK(col(3), col(1), [[10]], [[5]], [[-1]])[0][0], "#NUM!")).toBe(true);
    expect(isErr(SERIAL_BASE_STOCK(col(3), col(1), [[null]], [[5]], [[1]])[0][0], "#VALUE!")).toBe(true);
    expect(err(SERIAL_BASE_STOCK(col(3), col(1), [[10]], [[5]], [[1]], [["x"]])).message).toMatch(/output must be "levels" or "cost"/);
    const many = col(...new Array(51).fill(1));
    expect(isErr(SERIAL_BASE_STOCK(many, many, [[10]], [[5]], [[1]])[0][0], "#NUM!")).toBe(true);
  });
});
