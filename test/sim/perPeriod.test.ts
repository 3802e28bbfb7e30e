/**
 * Costs per measured period beside the sums over the measured periods (textbook and stockpyl
 * convention): each replication's sum divided by periods - warmup, summarised over the same
 * replications; the existing fields are unchanged.
 */
import { simulate, simulateOnce } from "../../src/sim";
import { preset, valid } from "./helpers";

describe("costs per period", () => {
  const sc = valid({ ...preset("baseline-serial.json"), periods: 120, warmup: 20, replications: 7, seed: 9 });
  const r = simulate(sc);

  test("measuredPeriods is periods - warmup; per-period costs are the sums / measuredPeriods, replication by replication", () => {
    expect(r.measuredPeriods).toBe(100);
    // the mean of the per-replication quotients
    const perRep = [0, 1, 2, 3, 4, 5, 6].map((rep) => {
      const t = simulateOnce(sc, rep);
      return t.stages.map((s, k) => {
        const sum = (xs: Float64Array) => Array.from(xs.slice(sc.warmup)).reduce((a, x) => a + x, 0);
        return (sum(s.onHand) * sc.stages[k].holdingCost + sum(s.backlog) * sc.stages[k].backlogCost) / 100;
      });
    });
    r.stages.forEach((st, k) => {
      const mean = perRep.reduce((a, x) => a + x[k], 0) / perRep.length;
      expect(st.costPerPeriod.total.mean).toBeCloseTo(mean, 9);
      for (const part of ["holding", "backlog", "inTransit", "total"] as const) {
        const sum = st.cost[part];
        const per = st.costPerPeriod[part];
        expect(per.n).toBe(sum.n);
        expect(per.mean).toBeCloseTo(sum.mean / 100, 12);
        expect(per.sd).toBeCloseTo(sum.sd / 100, 12);
        expect(per.ci95![0]).toBeCloseTo(sum.ci95![0] / 100, 12);
        expect(per.ci95![1]).toBeCloseTo(sum.ci95![1] / 100, 12);
      }
    });
    expect(r.totalCostPerPeriod.mean).toBeCloseTo(r.totalCost.mean / 100, 12);
    expect(r.totalCostPerPeriod.ci95![1]).toBeCloseTo(r.totalCost.ci95![1] / 100, 12);
  });

  test("the existing fields keep their shape", () => {
    for (const s of r.stages) expect(Object.keys(s.cost)).toEqual(["holding", "backlog", "inTransit", "total"]);
    expect(Object.keys(r.stages[0].costPerPeriod)).toEqual(["holding", "backlog", "inTransit", "total"]);
  });
});
