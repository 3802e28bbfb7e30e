/**
 * Safety stock, reorder point, min-max, fill rate and cycle service level against Snyder & Shen
 * (via stockpyl), Chopra & Meindl (Supply Chain Management, ch. 12 "Managing uncertainty in a supply
 * chain: safety inventory"; ch. 11 in editions before the 5th) and the published standard normal values.
 */
import { cycleServiceLevel, fillRate } from "../../src/inventory/fillRate";
import { minMax, minMaxInto } from "../../src/inventory/minMax";
import { reorderPoint, safetyFactor, safetyStock } from "../../src/inventory/safetyStock";
import { normalLoss, normalLossAt } from "../../src/stats/normal";
import { expectAbs, expectDomainError, expectRel } from "./helpers";

// Published quantiles of the standard normal (e.g. any z table; Abramowitz & Stegun 26.2).
const Z95 = 1.6448536269514722;
const Z90 = 1.2815515655446004;

describe("SAFETY_STOCK and REORDER_POINT", () => {
  test("safety factor is the normal quantile", () => {
    expectRel(safetyFactor(0.95), Z95, 1e-9);
    expectRel(safetyFactor(0.9), Z90, 1e-9);
    expectRel(safetyFactor(0.1), -Z90, 1e-9);
  });

  test("Snyder & Shen Example 5.1: r = 190.3369965715624 at service level p/(p+h)", () => {
    // D = 1300/year, tau = 150 per sqrt(year), L = 1/12 year: lead-time demand N(D L, tau sqrt(L)).
    const sl = 7.5 / (7.5 + 0.225);
    expectRel(reorderPoint(1300, 150, 1 / 12, sl), 190.3369965715624);
  });

  test("Snyder & Shen Examples 4.3 / Problem 4.1: newsvendor S* is REORDER_POINT over one period", () => {
    expectRel(reorderPoint(50, 8, 1, 0.7 / (0.7 + 0.18)), 56.603955927433887);
    expectRel(reorderPoint(900, 60, 1, 79 / (79 + 43)), 922.7214038234755);
  });

  test("Chopra & Meindl phone retailer: ROP 6,000 -> safety stock 1,000, CSL 0.921", () => {
    // Weekly demand 2,500, sd 500, lead time 2 weeks.
    const csl = cycleServiceLevel(2500, 500, 2, 6000);
    expectAbs(csl, 0.921, 5e-4);
    // Round trip at that service level: safety stock = ROP - mu L exactly.
    expectRel(safetyStock(500, 2, csl), 6000 - 2500 * 2);
    expectRel(reorderPoint(2500, 500, 2, csl), 6000);
  });

  test("Chopra & Meindl, Lego at Walmart (continuous review): CSL 90% -> safety inventory 906", () => {
    // Weekly demand 2,500, sd 500, lead time 2 weeks.
    expectAbs(safetyStock(500, 2, 0.9), 906, 0.5);
    expectAbs(reorderPoint(2500, 500, 2, 0.9), 5906, 0.5);
  });

  test("Chopra & Meindl, Lego at Walmart (periodic review): T=4, L=2 -> ss 942, order-up-to 12,942", () => {
    // Weekly demand 2,000, sd 300, review every 4 weeks, lead time 2 weeks, CSL 90%.
    expectAbs(safetyStock(300, 2, 0.9, 2000, undefined, 4), 942, 0.5);
    expectAbs(reorderPoint(2000, 300, 2, 0.9, undefined, 4), 12942, 0.5);
  });

  test("Chopra & Meindl, Dell / Seagate (lead-time variability): ss for s_L = 7..0 days", () => {
    // Daily demand 2,500, sd 500, L = 7 days, CSL 90%; published table of ss against s_L.
    const published: [number, number][] = [
      [7, 22491],
      [6, 19298],
      [5, 16109],
      [4, 12927],
      [3, 9760],
      [2, 6628],
      [1, 3625],
      [0, 1695],
    ];
    for (const [sL, ss] of published) expectAbs(safetyStock(500, 7, 0.9, 2500, sL), ss, 0.5);
  });

  test("the formula with every term: z sqrt((L+R) sigma^2 + mu^2 sigma_L^2)", () => {
    expectRel(safetyStock(4, 3, 0.95, 20, 0.5, 2), Z95 * Math.sqrt(5 * 16 + 400 * 0.25), 1e-9);
    // sd_lead_time = 0 needs no mean; a service level below 0.5 gives a negative safety stock.
    expectRel(safetyStock(4, 3, 0.95, undefined, 0), Z95 * 4 * Math.sqrt(3), 1e-9);
    expect(safetyStock(4, 3, 0.1)).toBeLessThan(0);
  });

  test("a 50% service level carries no safety stock: z = NORM.S.INV(0.5) = 0 exactly, not a residue", () => {
    expect(safetyFactor(0.5)).toBe(0);
    expect(safetyStock(500, 2, 0.5)).toBe(0);
    expect(reorderPoint(100, 500, 2, 0.5)).toBe(200);
    expect(minMax(100, 500, 2, 0.5, 1)).toEqual([200, 200, 200]);
  });

  test("domain errors name the argument", () => {
    for (const sl of [0, 1, 1.2, -0.1]) {
      expectDomainError(() => safetyStock(500, 2, sl), "num", /service_level must be between 0 and 1 \(exclusive\)/);
    }
    // A valid call in between must not let a cached z hide an invalid service level.
    safetyStock(500, 2, 0.95);
    expectDomainError(() => safetyStock(500, 2, NaN), "num", /service_level must be a finite number/);
    expectDomainError(() => safetyStock(-1, 2, 0.95), "num", /sd_demand must be >= 0/);
    expectDomainError(() => safetyStock(500, -2, 0.95), "num", /lead_time must be >= 0/);
    expectDomainError(() => safetyStock(500, 2, 0.95, undefined, 1), "value", /mean_demand is required when sd_lead_time > 0/);
    expectDomainError(() => safetyStock(500, 2, 0.95, 10, -1), "num", /sd_lead_time must be >= 0/);
    expectDomainError(() => safetyStock(500, 2, 0.95, -10), "num", /mean_demand must be >= 0/);
    expectDomainError(() => safetyStock(500, 2, 0.95, 10, 1, -1), "num", /review_period must be >= 0/);
    expectDomainError(() => reorderPoint(-1, 500, 2, 0.95), "num", /mean_demand must be >= 0/);
    expectDomainError(() => reorderPoint(undefined as unknown as number, 500, 2, 0.95), "value", /mean_demand is required/);
    expectDomainError(() => safetyStock(1e200, 1e200, 0.95), "num", /safety stock is not a finite number/);
  });
});

describe("MIN_MAX (ARCHITECTURE.md section 6.4)", () => {
  test("lower = mu L + z sigma sqrt(L); order = full cases of mu L; upper = order + z sigma sqrt(L)", () => {
    // mu=10, sigma=4, L=4, 95%, cases of 12: mu L = 40 -> 4 cases = 48; z sigma sqrt(L) = 8 z.
    const [lower, qty, upper] = minMax(10, 4, 4, 0.95, 12);
    expectRel(lower, 40 + 8 * Z95, 1e-9);
    expect(qty).toBe(48);
    expectRel(upper, 48 + 8 * Z95, 1e-9);
  });

  test("case size 1 by default; an exact number of cases is not rounded up by binary noise", () => {
    expect(minMax(10, 4, 4, 0.95)[1]).toBe(40);
    expect(minMax(10.2, 0, 4, 0.95)[1]).toBe(41);
    // 0.1 * 3 = 0.30000000000000004 in binary: still exactly 3 cases of 0.1.
    expectRel(minMax(0.1, 0, 3, 0.95, 0.1)[1], 0.3, 1e-12);
  });

  test("the zero-allocation variant writes into the caller's array", () => {
    const out = [0, 0, 0];
    expect(minMaxInto(out, 10, 4, 4, 0.95, 12)).toBe(out);
    expect(out).toEqual(minMax(10, 4, 4, 0.95, 12));
  });

  test("domain errors", () => {
    expectDomainError(() => minMax(10, 4, 4, 0.95, 0), "num", /case_size must be > 0/);
    expectDomainError(() => minMax(-10, 4, 4, 0.95), "num", /mean_demand must be >= 0/);
    expectDomainError(() => minMax(10, 4, 4, 1), "num", /service_level must be between 0 and 1/);
  });
});

describe("FILL_RATE and cycle service level, (r, Q) with normal lead-time demand", () => {
  const SIGMA_L = 500 * Math.SQRT2; // 707.1

  test("Chopra & Meindl phone retailer: ESC 25.13, fill rate 0.9975", () => {
    expectAbs(normalLossAt(6000, 5000, SIGMA_L), 25.13, 0.005);
    expectAbs(fillRate(2500, 500, 2, 6000, 10000), 0.9975, 5e-5);
  });

  test("Chopra & Meindl table: safety inventory needed for a fill rate (Q = 10,000)", () => {
    // Published: fill rate 97.5% -> ss 67; 98% -> 183; 98.5% -> 321; 99% -> 499; 99.5% -> 767.
    // The ss are rounded to units; one unit moves the fill rate by at most 1/Q = 1e-4.
    const published: [number, number][] = [
      [0.975, 67],
      [0.98, 183],
      [0.985, 321],
      [0.99, 499],
      [0.995, 767],
    ];
    for (const [fr, ss] of published) expectAbs(fillRate(2500, 500, 2, 5000 + ss, 10000), fr, 5e-5);
  });

  test("Silver, Pyke & Thomas eq. 6.28, exact form: (1 - fill) Q = sigma_L (G(k) - G(k + Q/sigma_L))", () => {
    // A low fill rate, where the second term matters: k = -1, Q = sigma_L.
    const [mu, sigma, L, Q] = [100, 30, 4, 60];
    const sL = sigma * Math.sqrt(L);
    const r = mu * L - sL;
    const short = sL * (normalLoss(-1) - normalLoss(0));
    expectRel(fillRate(mu, sigma, L, r, Q), 1 - short / Q, 1e-12);
    // With the reference values G(-1.4) and G(0): k = -1.4, Q = 1.4 sigma_L.
    const fr = fillRate(mu, sigma, L, mu * L - 1.4 * sL, 1.4 * sL);
    expectRel(fr, 1 - (1.436668142708465 - 0.3989422804014327) / 1.4);
  });

  test("deterministic demand (sigma = 0): short max(mu L - r, 0) per cycle", () => {
    expectRel(fillRate(10, 0, 2, 15, 10), 0.5, 1e-12); // 5 of 10 short
    expect(fillRate(10, 0, 2, 25, 10)).toBe(1);
    expect(fillRate(10, 0, 2, 5, 10)).toBe(0);
    expect(cycleServiceLevel(10, 0, 2, 20)).toBe(1);
    expect(cycleServiceLevel(10, 0, 2, 19)).toBe(0);
  });

  test("domain errors", () => {
    expectDomainError(() => fillRate(2500, 500, 2, 6000, 0), "num", /order_qty must be > 0/);
    expectDomainError(() => fillRate(2500, 500, 2, NaN, 10000), "num", /reorder_point must be a finite number/);
    expectDomainError(() => fillRate(2500, -500, 2, 6000, 10000), "num", /sd_demand must be >= 0/);
    expectDomainError(() => cycleServiceLevel(2500, 500, -2, 6000), "num", /lead_time must be >= 0/);
  });
});
