/**
 * Bullwhip closed forms under the engine's timing contract (README, "Timing contract"): order-up-to
 * target = L x forecast, z = 0 (serviceLevel 0.5), returns allowed, iid normal demand.
 *  - moving average over p periods: 1 + 2L/p + 2L^2/p^2 (Chen, Drezner, Ryan & Simchi-Levi 2000,
 *    Management Science 46(3), Theorem 2.2; Snyder & Shen, Fundamentals of Supply Chain Theory, Thm 13.2);
 *  - exponential smoothing: 1 + 2 alpha L + 2 alpha^2 L^2 / (2 - alpha) (Chen, Ryan & Simchi-Levi 2000,
 *    Naval Research Logistics 47);
 *  - multi-stage, centralized: 1 + 2 (sum L)/p + 2 (sum L)^2/p^2, exactly (ARCHITECTURE.md section 10.1: 2.5, 5.0, 8.5);
 *    decentralized: the product of the one-stage ratios is only a lower bound (2.5, 6.25, 15.6).
 * The simulated mean over replications must fall inside its 95% CI, and the CI must be tight.
 */
import { bullwhipBound } from "../../src/bullwhip/bounds";
import { simulate } from "../../src/sim";
import { closedFormScenario, expectInCi, outStage } from "./helpers";

const maRatio = (L: number, p: number) => 1 + (2 * L) / p + (2 * L * L) / (p * p);
const esRatio = (L: number, a: number) => 1 + 2 * a * L + (2 * a * a * L * L) / (2 - a);

describe("one stage: published closed forms", () => {
  test("the formulas give the published check values (ARCHITECTURE.md section 10.1)", () => {
    expect(maRatio(1, 1)).toBeCloseTo(5, 12);
    expect(maRatio(2, 4)).toBeCloseTo(2.5, 12);
    expect(maRatio(3, 10)).toBeCloseTo(1.78, 12);
    expect(esRatio(2, 0.2)).toBeCloseTo(1.9778, 4);
    // the same numbers as the project's BULLWHIP_BOUND (src/bullwhip/bounds.ts)
    expect(bullwhipBound(3, 10)).toBeCloseTo(maRatio(3, 10), 12);
    expect(bullwhipBound(2, 0.2, "exp-smoothing")).toBeCloseTo(esRatio(2, 0.2), 12);
  });

  test.each([
    [1, 1],
    [2, 4],
    [3, 10],
    [4, 2],
  ])("moving average, L = %i, p = %i", (L, p) => {
    const r = simulate(closedFormScenario([outStage("Retailer", L, { window: p })]));
    expectInCi(r.stages[0].bullwhip, maRatio(L, p), 0.01);
  });

  test.each([
    [2, 0.2],
    [1, 0.5],
    [4, 0.1],
  ])("exponential smoothing, L = %i, alpha = %f", (L, alpha) => {
    const r = simulate(closedFormScenario([outStage("Retailer", L, { forecast: "exp-smoothing", alpha })]));
    expectInCi(r.stages[0].bullwhip, esRatio(L, alpha), 0.01);
  });

  test("a positive safety factor with sigma estimated raises the ratio above the z = 0 form (Chen et al.: a lower bound)", () => {
    const r = simulate(closedFormScenario([outStage("Retailer", 2, { serviceLevel: 0.95 })]));
    expect(r.stages[0].bullwhip.ci95![0]).toBeGreaterThan(maRatio(2, 4));
  });
});

describe("three stages, L = 2 and p = 4 at each (Chen et al. 2000)", () => {
  const stages = ["Retailer", "Wholesaler", "Distributor"].map((n) => outStage(n, 2));

  test("centralized (information sharing): 2.5, 5.0, 8.5 exactly", () => {
    const r = simulate(closedFormScenario(stages, { informationSharing: true }));
    let sumL = 0;
    r.stages.forEach((s) => {
      sumL += 2;
      expectInCi(s.bullwhip, maRatio(sumL, 4), 0.01);
    });
    expect(maRatio(2, 4)).toBe(2.5);
    expect(maRatio(4, 4)).toBe(5);
    expect(maRatio(6, 4)).toBe(8.5);
  });

  test("decentralized: ratios grow stage by stage, above the product lower bound and above the centralized ratios", () => {
    const dec = simulate(closedFormScenario(stages));
    const cen = simulate(closedFormScenario(stages, { informationSharing: true }));
    let bound = 1;
    dec.stages.forEach((s, k) => {
      bound *= maRatio(2, 4);
      if (k === 0) {
        expectInCi(s.bullwhip, bound, 0.01); // the retailer sees customer demand either way
      } else {
        expect(s.bullwhip.ci95![0]).toBeGreaterThan(bound); // 6.25, 15.6: lower bounds only
        expect(s.bullwhip.ci95![0]).toBeGreaterThan(cen.stages[k].bullwhip.ci95![1]); // sharing lowers the ratio upstream
        expect(s.bullwhip.mean).toBeGreaterThan(dec.stages[k - 1].bullwhip.mean);
      }
    });
  });

  test("decentralized: the exact variance of the linear order filter (the reference's simulated 7.38 and 24.07)", () => {
    // Under the contract, stage k's orders are q_k(t) = q_{k-1}(t) + (L/p)(q_{k-1}(t) - q_{k-1}(t-p)):
    // the filter g = (1 + L/p) - (L/p) B^p applied k times to iid demand. Var(q_k)/Var(D) is the sum
    // of the squared coefficients of g^k: 2.5, 7.375, 24.0625 for L = 2, p = 4.
    const a = 2 / 4;
    let coef = [1];
    const expected: number[] = [];
    for (let k = 0; k < 3; k++) {
      const next = new Array(coef.length + 1).fill(0);
      coef.forEach((c, i) => {
        next[i] += c * (1 + a);
        next[i + 1] -= c * a;
      });
      coef = next;
      expected.push(coef.reduce((s, c) => s + c * c, 0));
    }
    expect(expected[1]).toBeCloseTo(7.375, 12);
    expect(expected[2]).toBeCloseTo(24.0625, 12);
    const r = simulate(closedFormScenario(stages));
    r.stages.forEach((s, k) => expectInCi(s.bullwhip, expected[k], 0.01));
  });
});

describe("base stock passes demand through", () => {
  test("bullwhip is exactly 1 at every stage once the position has reached the level", () => {
    const stage = (name: string) => ({
      name,
      leadTime: 2,
      initialInventory: 50,
      holdingCost: 1,
      backlogCost: 1,
      policy: { type: "base-stock", level: 400 },
    });
    const r = simulate(
      closedFormScenario([stage("Retailer") as never, stage("Wholesaler") as never, stage("Factory") as never], {
        periods: 200,
        warmup: 1,
        replications: 20,
        allowReturns: false,
        demand: { distribution: "poisson", mean: 100 },
      }),
    );
    for (const s of r.stages) {
      expect(Math.abs(s.bullwhip.mean - 1)).toBeLessThan(1e-12);
      expect(s.bullwhip.sd).toBeLessThan(1e-12);
    }
  });
});
