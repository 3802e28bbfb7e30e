/**
 * BULLWHIP_RATIO from data (hand-computed series) and BULLWHIP_BOUND closed forms (Chen, Drezner,
 * Ryan & Simchi-Levi 2000; Chen, Ryan & Simchi-Levi 2000; Lee, Padmanabhan & Whang 1997).
 */
import fc from "fast-check";
import { bullwhipBound, mmseAr1Ratio, parseBoundMethod } from "../../src/bullwhip/bounds";
import { SeriesStats, bullwhipFromStats, bullwhipRatio, parseBullwhipMethod } from "../../src/bullwhip/ratio";
import { expectDomainError, expectRel } from "./helpers";

describe("BULLWHIP_RATIO", () => {
  // orders 1,3,5,7: mean 4, squared deviations 9+1+1+9 = 20, sample variance 20/3.
  // demand 2,4,6:   mean 4, squared deviations 4+0+4 = 8, sample variance 4.
  const orders = [1, 3, 5, 7];
  const demand = [2, 4, 6];

  test("variance ratio of a hand-computed pair of series: (20/3) / 4", () => {
    expectRel(bullwhipRatio(orders, demand), 5 / 3, 1e-14);
    expectRel(bullwhipRatio(orders, demand, "Variance"), 5 / 3, 1e-14);
  });

  test("cv method: (sqrt(20/3)/4) / (2/4)", () => {
    expectRel(bullwhipRatio(orders, demand, "cv"), Math.sqrt(20 / 3) / 2, 1e-14);
    expectRel(bullwhipRatio(orders, demand, " CV "), Math.sqrt(20 / 3) / 2, 1e-14);
  });

  test("warmup drops the first k values of each series", () => {
    expectRel(bullwhipRatio([100, -40, ...orders], [50, 9, ...demand], "variance", 2), 5 / 3, 1e-14);
    expect(bullwhipRatio([100, ...orders], [50, ...demand], "variance", 1)).not.toBeCloseTo(
      bullwhipRatio([100, ...orders], [50, ...demand], "variance", 0),
    );
  });

  test("the streaming accumulator gives the same result without copying", () => {
    const o = new SeriesStats();
    const d = new SeriesStats(1);
    orders.forEach((x) => o.push(x));
    [999, ...demand].forEach((x) => d.push(x));
    expect(o.n).toBe(4);
    expect(d.n).toBe(3);
    expectRel(o.mean(), 4, 1e-15);
    expectRel(d.variance(), 4, 1e-15);
    expectRel(bullwhipFromStats(o, d, "variance"), 5 / 3, 1e-14);
    expectRel(bullwhipFromStats(o, d, "cv"), Math.sqrt(20 / 3) / 2, 1e-14);
  });

  test("Welford stays exact for values around 1e9 with a small variance", () => {
    // 0..9 repeated 100,000 times on top of 1e9: population variance 8.25.
    const n = 1_000_000;
    const s = new SeriesStats();
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = 1e9 + (i % 10);
      s.push(x);
      sum += x;
      sumSq += x * x;
    }
    const exact = (8.25 * n) / (n - 1);
    expectRel(s.variance(), exact, 1e-9);
    expectRel(s.mean(), 1e9 + 4.5, 1e-15);
    // The textbook one-pass formula fails here, so the test above can fail.
    const naive = (sumSq - (sum * sum) / n) / (n - 1);
    expect(Math.abs(naive - exact) / exact).toBeGreaterThan(0.01);
  });

  test("matches a two-pass variance on random series (seeded)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), (xs) => {
        const s = new SeriesStats();
        xs.forEach((x) => s.push(x));
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
        expect(Math.abs(s.variance() - v)).toBeLessThanOrEqual(1e-9 * Math.max(v, 1e-3));
      }),
      { seed: 1997, numRuns: 200 },
    );
  });

  test('"na": fewer than two values in a series (after warmup)', () => {
    expectDomainError(() => bullwhipRatio(orders, [5]), "na", /demand needs at least two numbers/);
    expectDomainError(() => bullwhipRatio([], demand), "na", /orders needs at least two numbers/);
    expectDomainError(() => bullwhipRatio(orders, demand, "variance", 2), "na", /demand needs at least two/);
  });

  test('"div0": constant demand, or a zero mean with the cv method', () => {
    expectDomainError(() => bullwhipRatio(orders, [3, 3, 3]), "div0", /demand has zero variance/);
    expectDomainError(() => bullwhipRatio(orders, [3, 3, 3], "cv"), "div0", /demand has zero variance/);
    expect(bullwhipRatio(orders, [-1, 1])).toBeCloseTo(10 / 3, 14); // variance method: fine
    expectDomainError(() => bullwhipRatio(orders, [-1, 1], "cv"), "div0", /demand has a zero mean/);
    expectDomainError(() => bullwhipRatio([-2, 2], demand, "cv"), "div0", /orders have a zero mean/);
    expect(bullwhipRatio([5, 5, 5], demand)).toBe(0); // smooth orders: ratio 0, not an error
  });

  test("bad method, warmup, or non-finite data", () => {
    expectDomainError(() => parseBullwhipMethod("std"), "value", /method must be "variance" or "cv"/);
    expect(parseBullwhipMethod(undefined)).toBe("variance");
    expect(parseBullwhipMethod("")).toBe("variance");
    expectDomainError(() => bullwhipRatio(orders, demand, "ratio"), "value", /method/);
    expectDomainError(() => bullwhipRatio(orders, demand, "variance", -1), "num", /warmup must be an integer >= 0/);
    expectDomainError(() => bullwhipRatio(orders, demand, "variance", 1.5), "num", /warmup must be an integer >= 0/);
    expectDomainError(() => bullwhipRatio([1, NaN, 3], demand), "num", /orders must contain only finite numbers/);
    expectDomainError(() => bullwhipRatio(orders, [1, Infinity]), "num", /demand must contain only finite numbers/);
  });
});

describe("BULLWHIP_BOUND (bullwhip closed forms, ARCHITECTURE.md section 10.1)", () => {
  test("moving average, iid demand (Chen, Drezner, Ryan & Simchi-Levi 2000, Thm 2.2)", () => {
    expectRel(bullwhipBound(1, 1), 5);
    expectRel(bullwhipBound(2, 4), 2.5);
    expectRel(bullwhipBound(3, 10, "moving-average"), 1.78);
    expectRel(bullwhipBound(2, 4, "MA", 0), 2.5);
  });

  test("moving average, AR(1) demand rho = 0.5, L=2, p=4: 2.40625", () => {
    expectRel(bullwhipBound(2, 4, "moving-average", 0.5), 2.40625);
  });

  test("exponential smoothing (Chen, Ryan & Simchi-Levi 2000): L=2, alpha=0.2 -> 1.9778", () => {
    expectRel(bullwhipBound(2, 0.2, "exp-smoothing"), 1 + 0.8 + (2 * 0.04 * 4) / 1.8, 1e-14);
    expect(bullwhipBound(2, 0.2, "ES")).toBeCloseTo(1.9778, 4);
    expectRel(bullwhipBound(2, 0.2, "Exponential Smoothing"), bullwhipBound(2, 0.2, "es"), 1e-15);
  });

  test("centralized multi-stage ratios use the cumulative lead time (L_i = 2, p = 4: 2.5, 5.0, 8.5)", () => {
    expectRel(bullwhipBound(2, 4), 2.5);
    expectRel(bullwhipBound(4, 4), 5.0);
    expectRel(bullwhipBound(6, 4), 8.5);
  });

  test("MMSE, AR(1) (Lee, Padmanabhan & Whang 1997): rho 0.5, v 1 -> 2.3125", () => {
    expectRel(mmseAr1Ratio(0.5, 1), 2.3125);
    expect(mmseAr1Ratio(0, 3)).toBe(1);
  });

  test("method aliases", () => {
    expect(parseBoundMethod(undefined)).toBe("moving-average");
    expect(parseBoundMethod("Moving Average")).toBe("moving-average");
    expect(parseBoundMethod("exp_smoothing")).toBe("exp-smoothing");
  });

  test("domain errors", () => {
    expectDomainError(() => bullwhipBound(2, 0), "num", /forecast_param must be an integer >= 1/);
    expectDomainError(() => bullwhipBound(2, 2.5), "num", /forecast_param must be an integer >= 1/);
    expectDomainError(() => bullwhipBound(-1, 4), "num", /lead_time must be >= 0/);
    expectDomainError(() => bullwhipBound(2, 4, "ma", 1), "num", /rho must be between -1 and 1/);
    expectDomainError(() => bullwhipBound(2, 0, "es"), "num", /forecast_param \(alpha\) must be in \(0, 1\]/);
    expectDomainError(() => bullwhipBound(2, 1.2, "es"), "num", /forecast_param \(alpha\)/);
    expectDomainError(() => bullwhipBound(2, 0.2, "es", 0.5), "num", /rho must be 0 or omitted/);
    expectDomainError(() => bullwhipBound(2, 4, "arima"), "value", /method must be "moving-average"/);
    expectDomainError(() => mmseAr1Ratio(1, 1), "num", /rho must be between -1 and 1/);
    expectDomainError(() => mmseAr1Ratio(0.5, -1), "num", /v must be an integer >= 0/);
  });
});
