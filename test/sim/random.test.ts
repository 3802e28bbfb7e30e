/**
 * Random numbers: xoshiro128** against its published reference output (Blackman & Vigna), seeding
 * by (seed, replication, stream), the deterministic log / exp, and the demand distributions against
 * their exact distribution functions (normal: Phi via src/stats/normal.ts; Poisson: exact pmf).
 */
import { demandSeries, simulateOnce } from "../../src/sim";
import { detExp, detLog } from "../../src/sim/detmath";
import { demandSource } from "../../src/sim/demand";
import { fillNormal, standardNormal } from "../../src/sim/normalDraw";
import { Rng } from "../../src/sim/rng";
import { normCdf } from "../../src/stats/normal";
import { valid } from "./helpers";

describe("xoshiro128**", () => {
  test("reference output for the state (1, 2, 3, 4)", () => {
    // first outputs of the reference C implementation (prng.di.unimi.it), as used in rand_xoshiro's tests
    const r = new Rng();
    r.setState(1, 2, 3, 4);
    const out = Array.from({ length: 10 }, () => r.nextU32());
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  test("a (seed, replication, stream) triple always gives the same stream; different triples differ", () => {
    const take = (s: number, r: number, k: number) => {
      const g = new Rng(s, r, k);
      return Array.from({ length: 5 }, () => g.nextU32());
    };
    expect(take(1, 7, 0)).toEqual(take(1, 7, 0));
    const seen = new Set([take(1, 7, 0), take(2, 7, 0), take(1, 8, 0), take(1, 7, 1), take(0, 0, 0)].map((a) => a.join()));
    expect(seen.size).toBe(5);
  });

  test("uniforms lie in [0, 1) and (0, 1); their mean and variance are those of U(0, 1)", () => {
    const g = new Rng(3, 0, 0);
    const n = 200000;
    let m = 0;
    let v = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = g.uniform();
      const o = g.open01();
      if (!(u >= 0 && u < 1 && o > 0 && o < 1)) outside++;
      m += u;
      v += (u - 0.5) ** 2;
    }
    expect(outside).toBe(0);
    expect(Math.abs(m / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(v / n - 1 / 12)).toBeLessThan(0.002);
  });
});

describe("deterministic elementary functions", () => {
  test("detLog and detExp agree with Math.log / Math.exp to a few ulps", () => {
    const g = new Rng(9, 0, 0);
    const { exp, log, abs, max } = Math; // one global lookup (tests run in a vm context)
    let worstLog = 0;
    let worstExp = 0;
    for (let i = 0; i < 20000; i++) {
      const x = exp((g.uniform() - 0.5) * 1400);
      worstLog = max(worstLog, abs(detLog(x) - log(x)) / max(1, abs(log(x))));
      const y = (g.uniform() - 0.6) * 1400;
      const e = exp(y);
      if (e > 1e-300) worstExp = max(worstExp, abs(detExp(y) - e) / e);
    }
    expect(worstLog).toBeLessThanOrEqual(4e-16);
    expect(worstExp).toBeLessThanOrEqual(4e-16);
    expect(detLog(1)).toBe(0);
    expect(detExp(0)).toBe(1);
    expect(detLog(0)).toBe(-Infinity);
  });
});

/** Pearson chi-square over bins with expected probabilities p (sum 1). */
function chiSquare(counts: number[], p: number[], n: number): number {
  return counts.reduce((s, c, i) => s + (c - n * p[i]) ** 2 / (n * p[i]), 0);
}

describe("demand distributions", () => {
  test("ziggurat normal draws follow Phi: chi-square over 40 equiprobable-ish bins, tails included", () => {
    const g = new Rng(21, 0, 0);
    const edges = Array.from({ length: 39 }, (_, i) => -3.8 + (7.6 * i) / 38); // 38 inner bins + 2 tails
    const p: number[] = [];
    for (let i = 0; i <= edges.length; i++) {
      const lo = i === 0 ? -Infinity : edges[i - 1];
      const hi = i === edges.length ? Infinity : edges[i];
      p.push((hi === Infinity ? 1 : normCdf(hi)) - (lo === -Infinity ? 0 : normCdf(lo)));
    }
    const counts = new Array(p.length).fill(0);
    const n = 1_000_000;
    let beyond = 0;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(g);
      if (z > 3.442619855899 || z < -3.442619855899) beyond++; // the ziggurat's tail algorithm
      let b = 0;
      while (b < edges.length && z >= edges[b]) b++;
      counts[b]++;
    }
    // 39 degrees of freedom: the 99.9% point of chi-square(39) is 72.05
    expect(chiSquare(counts, p, n)).toBeLessThan(72.05);
    expect(beyond).toBeGreaterThan(300); // 2 (1 - Phi(3.4426)) n = 576 expected
  });

  test("fillNormal gives the very draws of standardNormal, tails and wedges included, and leaves the generator where they do", () => {
    let slow = 0;
    for (let seed = 0; seed < 40; seed++) {
      const a = new Rng(seed, 3, 1);
      const b = new Rng(seed, 3, 1);
      const n = 5000;
      const out = new Float64Array(n + 2);
      fillNormal(a, out, 1, n, 7, 3, false);
      for (let i = 0; i < n; i++) {
        const z = standardNormal(b);
        if (Math.abs(z) > 3.442619855899) slow++;
        expect(out[1 + i]).toBe(7 + 3 * z);
      }
      expect([out[0], out[n + 1]]).toEqual([0, 0]);
      expect(a.nextU32()).toBe(b.nextU32());
    }
    expect(slow).toBeGreaterThan(50); // the tail path ran
  });

  test("normal demand: mean + sd Z, truncated at zero unless told otherwise", () => {
    const src = demandSource({ distribution: "normal", mean: 10, sd: 10 }, 1);
    const out = new Float64Array(10000);
    src.fill(new Rng(1, 0, 0), out, 0, out.length);
    const zeros = out.filter((x) => x === 0).length;
    expect(Math.min(...out)).toBe(0);
    // P(N(10, 10) < 0) = Phi(-1) = 0.1587
    expect(Math.abs(zeros / out.length - normCdf(-1))).toBeLessThan(0.015);
    const raw = new Float64Array(10000);
    demandSource({ distribution: "normal", mean: 10, sd: 10, truncateAtZero: false }, 1).fill(new Rng(1, 0, 0), raw, 0, raw.length);
    expect(Math.min(...raw)).toBeLessThan(0);
  });

  test.each([0.5, 7, 200])("Poisson(%f) draws against the exact pmf (chi-square)", (mean) => {
    const src = demandSource({ distribution: "poisson", mean }, 1);
    const n = 200000;
    const out = new Float64Array(n);
    src.fill(new Rng(4, 0, 0), out, 0, n);
    const pmf = (k: number) => {
      let lp = -mean + k * Math.log(mean);
      for (let i = 2; i <= k; i++) lp -= Math.log(i);
      return Math.exp(lp);
    };
    // bins: k values with expected count >= 50, the rest pooled into two tails
    const keys: number[] = [];
    for (let k = 0; k < mean + 20 * Math.sqrt(mean) + 20; k++) if (n * pmf(k) >= 50) keys.push(k);
    const lo = keys[0];
    const hi = keys[keys.length - 1];
    const p = keys.map(pmf);
    let below = 0;
    for (let k = 0; k < lo; k++) below += pmf(k);
    p.unshift(below);
    p.push(1 - p.reduce((a, x) => a + x, 0));
    const counts = new Array(p.length).fill(0);
    let notCounts = 0;
    for (const x of out) {
      if (!(x >= 0 && x === (x | 0))) notCounts++;
      counts[x < lo ? 0 : x > hi ? p.length - 1 : x - lo + 1]++;
    }
    expect(notCounts).toBe(0);
    const df = p.length - 1;
    // 99.9% point of chi-square(df), Wilson-Hilferty approximation (accurate to a few % here)
    const crit = df * (1 - 2 / (9 * df) + 3.0902 * Math.sqrt(2 / (9 * df))) ** 3;
    expect(
      chiSquare(
        counts,
        p.map((x) => Math.max(x, 1e-300)),
        n,
      ),
    ).toBeLessThan(crit);
    expect(src.mean).toBe(mean);
    expect(src.sd).toBeCloseTo(Math.sqrt(mean), 12);
  });

  test("step and series demands", () => {
    const out = new Float64Array(6);
    demandSource({ distribution: "step", before: 4, after: 8, at: 4 }, 6).fill(new Rng(), out, 0, 6);
    expect(Array.from(out)).toEqual([4, 4, 4, 4, 8, 8]);
    const s = demandSource({ distribution: "series", values: [1, 2, 3, 4, 5, 6, 7] }, 6);
    s.fill(new Rng(), out, 0, 6);
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.mean).toBe(3.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(17.5 / 5), 12);
  });
});

describe("demandSeries", () => {
  const sc = valid({
    name: "d",
    network: "distribution",
    periods: 30,
    seed: 77,
    demand: { distribution: "normal", mean: 20, sd: 5 },
    stages: [
      { name: "DC", leadTime: 2, initialInventory: 100, holdingCost: 1, backlogCost: 1, policy: { type: "base-stock", level: 200 } },
      { name: "S1", leadTime: 1, initialInventory: 30, holdingCost: 1, backlogCost: 1, policy: { type: "base-stock", level: 40 } },
      {
        name: "S2",
        leadTime: 1,
        initialInventory: 30,
        holdingCost: 1,
        backlogCost: 1,
        policy: { type: "base-stock", level: 40 },
        demand: { distribution: "poisson", mean: 9 },
      },
    ],
  });

  test("one series per store, exactly the demand simulateOnce uses, the same on every call", () => {
    const d = demandSeries(sc, 3);
    expect(d).toHaveLength(2);
    const tr = simulateOnce(sc, 3);
    expect(tr.demandStages).toEqual([1, 2]);
    expect(Array.from(tr.demand[0])).toEqual(Array.from(d[0]));
    expect(Array.from(tr.demand[1])).toEqual(Array.from(d[1]));
    expect(Array.from(tr.stages[2].demand)).toEqual(Array.from(d[1]));
    expect(Array.from(demandSeries(sc, 3)[1])).toEqual(Array.from(d[1]));
    expect(Array.from(demandSeries(sc, 4)[1])).not.toEqual(Array.from(d[1]));
  });

  test("a store's stream does not depend on the other stores", () => {
    const more = valid({ ...sc, stages: [...sc.stages, { ...sc.stages[1], name: "S3" }] });
    expect(Array.from(demandSeries(more, 3)[1])).toEqual(Array.from(demandSeries(sc, 3)[1]));
  });
});
