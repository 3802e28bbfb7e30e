/**
 * The Monte Carlo API: Student-t intervals (published t quantiles), reproducibility (same seed,
 * same result; replication r alone), options (replications, seed, progress, cancel), and the
 * agreement of simulate's per-replication measures with a trace of the same replication.
 */
import { simulate, simulateOnce, Trace } from "../../src/sim";
import { Engine, N_MEASURES } from "../../src/sim/engine";
import { Accumulators, summarize, tQuantile975 } from "../../src/sim/stats";
import { expectInCi, preset, valid } from "./helpers";

describe("statistics", () => {
  test("t quantiles for the 95% interval (two-sided) match the published table", () => {
    // Student's t table, 0.975 quantile (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2)
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(4)).toBeCloseTo(2.776, 3);
    expect(tQuantile975(9)).toBeCloseTo(2.262, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3);
    expect(tQuantile975(100)).toBeCloseTo(1.984, 3);
  });

  test("mean, sample sd and mean -/+ t sd / sqrt(n) of 1..5 (hand computed), NaN skipped", () => {
    const acc = new Accumulators(1);
    for (const x of [1, 2, NaN, 3, 4, 5]) acc.push(0, x);
    const s = acc.stat(0);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    // t(0.975, 4) = 2.7764451051977987 (R: qt(0.975, 4)); jStat's inverse is good to about 1e-9
    const half = (2.7764451051977987 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(s.ci95![0]).toBeCloseTo(3 - half, 7);
    expect(s.ci95![1]).toBeCloseTo(3 + half, 7);
  });

  test("no interval below two values", () => {
    expect(summarize(1, 7, 0)).toMatchObject({ mean: 7, ci95: null, n: 1 });
    expect(summarize(0, 0, 0).ci95).toBeNull();
  });
});

describe("simulate", () => {
  const sc = valid({ ...preset("baseline-serial.json"), replications: 30 });

  test("results do not depend on how replications are batched inside the engine (bit for bit)", () => {
    const K = sc.stages.length;
    const batched = new Engine(sc, 16);
    batched.run(5, 11); // replications 5..15 side by side, a partial batch
    const alone = new Engine(sc, 1);
    for (let r = 0; r < 11; r++) {
      alone.run(5 + r, 1);
      expect(Array.from(batched.measures.slice(r * K * N_MEASURES, (r + 1) * K * N_MEASURES))).toEqual(Array.from(alone.measures));
      expect(batched.networkCost[r]).toBe(alone.networkCost[0]);
    }
  });

  test("same seed, same result; another seed, another result", () => {
    expect(simulate(sc)).toEqual(simulate(sc));
    const other = simulate(sc, { seed: 2 });
    expect(other.seed).toBe(2);
    expect(other.stages[3].bullwhip.mean).not.toBe(simulate(sc).stages[3].bullwhip.mean);
  });

  test("replication r is reproducible alone: the trace of r gives the measures the Monte Carlo run used", () => {
    const measure = (tr: Trace, k: number, W: number) => {
      const v = (xs: Float64Array) => {
        const a = Array.from(xs.slice(W));
        const m = a.reduce((s, x) => s + x, 0) / a.length;
        return a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1);
      };
      const s = tr.stages[k];
      const cost =
        s.onHand.slice(W).reduce((a, x) => a + x, 0) * sc.stages[k].holdingCost +
        s.backlog.slice(W).reduce((a, x) => a + x, 0) * sc.stages[k].backlogCost;
      return { bullwhip: v(s.orders) / v(tr.demand[0]), cost };
    };
    // the mean over replications 0..2 equals the mean of the three traces' measures
    const r3 = simulate(sc, { replications: 3 });
    for (let k = 0; k < 4; k++) {
      const m = [0, 1, 2].map((r) => measure(simulateOnce(sc, r), k, sc.warmup));
      expect(r3.stages[k].bullwhip.mean).toBeCloseTo(m.reduce((a, x) => a + x.bullwhip, 0) / 3, 9);
      expect(r3.stages[k].cost.total.mean).toBeCloseTo(m.reduce((a, x) => a + x.cost, 0) / 3, 6);
    }
    // and a trace does not depend on which replications ran before
    expect(simulateOnce(sc, 2)).toEqual(simulateOnce(sc, 2));
  });

  test("replications option, progress reports and cancellation", () => {
    const calls: [number, number][] = [];
    const r = simulate(sc, { replications: 250, onProgress: (d, t) => calls.push([d, t]) });
    expect(r.replications).toBe(250);
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.length).toBeLessThanOrEqual(126);
    expect(calls[calls.length - 1]).toEqual([250, 250]);
    let polls = 0;
    const c = simulate(sc, { replications: 1000, shouldCancel: () => ++polls > 3 });
    expect(c.cancelled).toBe(true);
    expect(c.replications).toBeGreaterThan(0);
    expect(c.replications).toBeLessThan(1000);
    expect(c.stages[0].bullwhip.n).toBe(c.replications);
    // what was completed is exactly the first replications of an uncancelled run
    expect(c.stages[0].bullwhip.mean).toBeCloseTo(simulate(sc, { replications: c.replications }).stages[0].bullwhip.mean, 12);
  });

  test("a bad scenario or option is a DomainError naming the field", () => {
    expect(() => simulate({ ...sc, periods: 1 })).toThrow(/periods must be >= 2/);
    expect(() => simulate(sc, { replications: 0 })).toThrow(/replications must be an integer >= 1/);
    expect(() => simulateOnce(sc, -1)).toThrow(/replication must be an integer/);
  });

  test("fill rate, stocks and costs of the Chen set-up are consistent with its symmetric costs", () => {
    const chen = simulate(valid({ ...preset("chen-moving-average.json"), periods: 1000, replications: 10 }));
    for (const s of chen.stages) {
      expect(s.fillRate.mean).toBeGreaterThan(0);
      expect(s.fillRate.mean).toBeLessThan(1);
      // holding and backlog cost 1 each: total = sum of on-hand and backlog over the 950 measured periods
      expect(s.cost.total.mean).toBeCloseTo((s.avgOnHand.mean + s.avgBacklog.mean) * 950, 6);
    }
  });

  test("the HAVI preset: fill rates near the 95% design for every store, the DC serves from stock", () => {
    const r = simulate(valid({ ...preset("havi-1n.json"), replications: 10 }));
    expect(r.stages).toHaveLength(21);
    for (const s of r.stages.slice(1)) expect(s.fillRate.mean).toBeGreaterThan(0.95);
    expect(r.stages[0].fillRate.mean).toBeGreaterThan(0.95);
    // min-max batching in cases of 10 makes store orders lumpier than their demand
    for (const s of r.stages.slice(1)) expect(s.bullwhip.ci95![0]).toBeGreaterThan(1);
  });

  test("the reference decentralized values (ARCHITECTURE.md section 10.1) from the Chen preset (2.50, 7.38, 24.07)", () => {
    const r = simulate(valid({ ...preset("chen-moving-average.json"), periods: 5000, replications: 40 }));
    [2.5, 7.375, 24.0625].forEach((x, k) => expectInCi(r.stages[k].bullwhip, x, 0.01));
  });
});
