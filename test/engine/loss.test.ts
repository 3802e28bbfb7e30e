/**
 * Loss functions against the reference values of Snyder & Shen / stockpyl (ARCHITECTURE.md section 10.1),
 * published identities, and brute-force sums (seeded property tests).
 */
import fc from "fast-check";
import { jStat } from "jstat";
import { normalLossFn, poissonCdf, poissonLogPmf, poissonLoss, poissonQuantile } from "../../src/stats/loss";
import { expectAbs, expectDomainError, expectRel } from "./helpers";

describe("NORMAL_LOSS", () => {
  test("standard normal loss G(z) table (Snyder & Shen / stockpyl)", () => {
    const table: [number, number][] = [
      [-1.4, 1.436668142708465],
      [0, 0.3989422804014327],
      [0.3, 0.26676124211721],
      [1, 0.08331547058768629],
      [3.1, 2.672490952231408e-4],
    ];
    for (const [z, g] of table) expectRel(normalLossFn(z), g);
    // stockpyl doctest, printed to 7 decimals.
    expectAbs(normalLossFn(1.3), 0.045528, 5e-8);
  });

  test("Silver, Pyke & Thomas, unit normal loss table: G(0.5) = 0.1978, G(2.0) = 0.008491", () => {
    expectAbs(normalLossFn(0.5), 0.1978, 5e-5);
    expectAbs(normalLossFn(2), 0.008491, 5e-7);
  });

  test("loss of N(mean, sd) at x", () => {
    expectRel(normalLossFn(11, 8, 3), 0.249946411763059);
    expectRel(normalLossFn(10.5, 15, 5), 5.002155685433356);
    expectAbs(normalLossFn(18.6, 15, 3), 0.168307, 5e-7);
  });

  test("Snyder & Shen Example 4.3 / Problem 4.1: newsvendor cost h (S - mu) + (h + p) n(S)", () => {
    const cost = (S: number, h: number, p: number, mu: number, sd: number) => h * (S - mu) + (h + p) * normalLossFn(S, mu, sd);
    expectRel(cost(56.603955927433887, 0.18, 0.7, 50, 8), 1.997605193176645);
    expectRel(cost(40, 0.18, 0.7, 50, 8), 7.356131552870388);
    expectRel(cost(922.7214038234755, 43, 79, 900, 60), 2718.196781782411);
  });

  test("defaults and the deterministic case", () => {
    expect(normalLossFn(0.7, 0, 1)).toBe(normalLossFn(0.7));
    expectRel(normalLossFn(0.7, 0), normalLossFn(0.7), 1e-15); // sd defaults to 1
    expect(normalLossFn(7, 10, 0)).toBe(3);
    expect(normalLossFn(12, 10, 0)).toBe(0);
    // G(-z) = G(z) + z
    expectRel(normalLossFn(-1.4), normalLossFn(1.4) + 1.4, 1e-14);
  });

  test("domain errors", () => {
    expectDomainError(() => normalLossFn(1, 0, -1), "num", /sd must be >= 0/);
    expectDomainError(() => normalLossFn(NaN), "num", /x must be a finite number/);
    expectDomainError(() => normalLossFn(1, Infinity, 1), "num", /mean must be a finite number/);
    expectDomainError(() => normalLossFn(undefined as unknown as number), "value", /x is required/);
  });
});

describe("Poisson loss E[(Y - x)^+]", () => {
  test("reference values (Snyder & Shen / stockpyl)", () => {
    expectRel(poissonLoss(5, 7), 2.292600125697305);
    expectRel(poissonLoss(220, 200), 0.536005857158494);
  });

  test("Snyder & Shen Example 4.7: Poisson(6), h=1, p=4: S* = 8, cost 3.570106945770946", () => {
    // Base-stock cost h (S - mean) + (h + p) n(S); S* = smallest S with F(S) >= p/(p+h).
    expect(poissonQuantile(4 / 5, 6)).toBe(8);
    expectRel(1 * (8 - 6) + 5 * poissonLoss(8, 6), 3.570106945770946);
  });

  test("large mean: E[(Y - m)^+] = m p(m), half the Poisson mean absolute deviation (m = 1e4)", () => {
    // MAD of Poisson(m), integer m: 2 m^(m+1) e^-m / m!  (e.g. Ramasubban 1958). ln m! summed directly.
    for (const m of [200, 10000]) {
      let lnFact = 0;
      for (let k = 2; k <= m; k++) lnFact += Math.log(k);
      expectRel(poissonLoss(m, m), m * Math.exp(m * Math.log(m) - m - lnFact), 1e-9);
    }
  });

  test("piecewise linear in x between integers, slope -(1 - F(k)) on [k, k+1]", () => {
    for (const m of [0.4, 7, 200, 10000]) {
      const k = Math.round(m * 1.1);
      const a = poissonLoss(k, m);
      const b = poissonLoss(k + 1, m);
      expectRel(poissonLoss(k + 0.3, m), 0.7 * a + 0.3 * b, 1e-10);
      expectAbs(a - b, 1 - poissonCdf(k, m), 1e-12);
    }
  });

  test("far tails: tiny but exact, and mean - x far below", () => {
    // x = 300 for mean 200 (7 sd): compare with the direct upper sum in log space.
    let s = 0;
    for (let k = 301; k < 700; k++) s += (k - 300) * Math.exp(poissonLogPmf(k, 200));
    const v = poissonLoss(300, 200);
    expect(v).toBeGreaterThan(0);
    expectRel(v, s, 1e-12);
    expect(poissonLoss(1, 10000)).toBe(9999);
    expect(poissonLoss(-2.5, 3)).toBe(5.5);
    expect(poissonLoss(2, 0)).toBe(0);
    expect(poissonLoss(-2, 0)).toBe(2);
  });

  test("matches a brute-force sum with an independent pmf (jStat's ln Gamma), seeded property", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 60, noNaN: true }), fc.double({ min: -5, max: 150, noNaN: true }), (m, x) => {
        let s = 0;
        for (let k = 0; k < 400; k++) s += Math.max(k - x, 0) * Math.exp(k * Math.log(m) - m - jStat.gammaln(k + 1));
        // jStat's ln Gamma carries ~1e-10 relative error for means near 60; below 1e-280 the
        // reference itself is subnormal, so only its order of magnitude is meaningful.
        if (s > 1e-280) expectRel(poissonLoss(x, m), s, 1e-8);
        else expect(poissonLoss(x, m)).toBeLessThan(1e-279);
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });

  test("cdf and quantile against jStat for small means", () => {
    for (const m of [0.5, 3, 6, 25]) {
      for (let k = 0; k < 60; k++) expectAbs(poissonCdf(k, m), jStat.poisson.cdf(k, m), 1e-12);
      for (const p of [0.05, 0.5, 0.8, 0.99, 0.999999]) {
        const s = poissonQuantile(p, m);
        expect(poissonCdf(s, m)).toBeGreaterThanOrEqual(p);
        if (s > 0) expect(poissonCdf(s - 1, m)).toBeLessThan(p);
      }
    }
  });

  test("domain errors", () => {
    expectDomainError(() => poissonLoss(5, -1), "num", /mean must be >= 0/);
    expectDomainError(() => poissonLoss(NaN, 7), "num", /x must be a finite number/);
    expectDomainError(() => poissonQuantile(1, 7), "num", /p must be between 0 and 1/);
  });
});

describe("Poisson means beyond POISSON_MAX_MEAN", () => {
  // Past 2^53 a unit step no longer changes a double: the sums must refuse, not loop forever.
  it("refuses huge means with #NUM! instead of hanging", () => {
    expectDomainError(() => poissonLoss(9.999999999999998e15, 1e16), "num", /mean/);
    expectDomainError(() => poissonQuantile(0.9, 1e20), "num", /mean/);
    expectDomainError(() => poissonCdf(5, 1e9), "num", /mean/);
  });
  it("still answers at the cap", () => {
    // E[(Y - mean)^+] = mean^(mean+1) e^-mean / mean! ~ sqrt(mean / (2 pi)) for large means.
    expectRel(poissonLoss(1e8, 1e8), Math.sqrt(1e8 / (2 * Math.PI)), 1e-4);
  });
});
