/**
 * Customer demand series. Each customer-facing stage (stages[0] of a serial chain, every store of
 * a distribution network) draws from its own stream (seed, replication, stream index), so a
 * store's demand does not change when another store is added, and replication r can be drawn alone.
 */
import * as normalDraw from "./normalDraw";
import { Rng } from "./rng";
import { DemandSpec, Scenario } from "./types";

// Bound once: tsx / esbuild compile imported names to getters, called per draw otherwise.
const { fillNormal, standardNormal } = normalDraw;

/**
 * Fills out[offset .. offset + periods - 1] with one replication's demand and, with `sum`, adds each
 * value to sum[sumOffset + t] (the total over a DC's stores, in the same pass).
 */
export interface DemandSource {
  readonly mean: number;
  readonly sd: number;
  fill(rng: Rng, out: Float64Array, offset: number, periods: number, sum?: Float64Array | null, sumOffset?: number): void;
}

/** Adds out[offset + t] to sum[sumOffset + t]: the sources that do not do it while drawing. */
function addTo(out: Float64Array, offset: number, periods: number, sum: Float64Array | null | undefined, sumOffset: number): void {
  if (sum) for (let t = 0; t < periods; t++) sum[sumOffset + t] += out[offset + t];
}

/** Normal draws (ziggurat, normalDraw.ts), in period order: demand t = mean + sd Z_t. */
class NormalSource implements DemandSource {
  constructor(
    readonly mean: number,
    readonly sd: number,
    private truncate: boolean,
  ) {}

  fill(rng: Rng, out: Float64Array, offset: number, periods: number, sum: Float64Array | null = null, sumOffset = 0): void {
    fillNormal(rng, out, offset, periods, this.mean, this.sd, this.truncate, sum, sumOffset);
  }
}

/** A level that steps from `before` to `after` in period `at`, with normal noise of sd (negative draws set to 0). */
class NoisyStepSource implements DemandSource {
  readonly mean: number;

  constructor(
    private before: number,
    private after: number,
    private at: number,
    readonly sd: number,
  ) {
    this.mean = before;
  }

  fill(rng: Rng, out: Float64Array, offset: number, periods: number, sum: Float64Array | null = null, sumOffset = 0): void {
    const { before, after, at, sd } = this;
    for (let i = 0; i < periods; i++) {
      const x = (i < at ? before : after) + sd * standardNormal(rng);
      out[offset + i] = x < 0 ? 0 : x;
    }
    addTo(out, offset, periods, sum, sumOffset);
  }
}

/**
 * Poisson draws by inversion on a precomputed distribution table covering all but ~1e-17 of the
 * mass; the pmf is built outward from the mode with ratios lambda/k (no exp, no log), so the
 * table, and the draws, are the same on every engine.
 */
class PoissonSource implements DemandSource {
  readonly sd: number;
  private lo: number;
  private cdf: Float64Array;
  private guide: Int32Array;

  constructor(readonly mean: number) {
    this.sd = Math.sqrt(mean);
    const mode = Math.floor(mean);
    const up: number[] = [];
    let p = 1;
    for (let k = mode; p > 1e-17; k++) {
      up.push(p);
      p = (p * mean) / (k + 1);
    }
    const down: number[] = [];
    p = 1;
    for (let k = mode; k > 0; k--) {
      p = (p * k) / mean;
      if (p <= 1e-17) break;
      down.push(p);
    }
    this.lo = mode - down.length;
    const pmf = down.reverse().concat(up);
    let total = 0;
    for (const q of pmf) total += q;
    this.cdf = new Float64Array(pmf.length);
    let acc = 0;
    for (let i = 0; i < pmf.length; i++) {
      acc += pmf[i];
      this.cdf[i] = acc / total;
    }
    const m = pmf.length;
    this.guide = new Int32Array(m);
    let k = 0;
    for (let i = 0; i < m; i++) {
      while (this.cdf[k] <= i / m && k < m - 1) k++;
      this.guide[i] = k;
    }
  }

  fill(rng: Rng, out: Float64Array, offset: number, periods: number, sum: Float64Array | null = null, sumOffset = 0): void {
    const cdf = this.cdf;
    const guide = this.guide;
    const m = guide.length;
    const last = cdf.length - 1;
    for (let i = 0; i < periods; i++) {
      const u = rng.uniform();
      // The guide table (Chen & Asau 1974) starts the search at the first k with cdf[k] > floor(u m)/m.
      let k = guide[(u * m) | 0]; // u * m < m <= 2^31: | 0 truncates like floor
      while (cdf[k] <= u && k < last) k++;
      out[offset + i] = this.lo + k;
    }
    addTo(out, offset, periods, sum, sumOffset);
  }
}

class FixedSource implements DemandSource {
  readonly mean: number;
  readonly sd: number;

  constructor(
    private values: (t: number) => number,
    periods: number,
    mean?: number,
    sd?: number,
  ) {
    let m = 0;
    for (let t = 0; t < periods; t++) m += values(t);
    m /= periods;
    let ss = 0;
    for (let t = 0; t < periods; t++) ss += (values(t) - m) ** 2;
    this.mean = mean ?? m;
    this.sd = sd ?? (periods > 1 ? Math.sqrt(ss / (periods - 1)) : 0);
  }

  fill(_rng: Rng, out: Float64Array, offset: number, periods: number, sum: Float64Array | null = null, sumOffset = 0): void {
    for (let t = 0; t < periods; t++) out[offset + t] = this.values(t);
    addTo(out, offset, periods, sum, sumOffset);
  }
}

/**
 * The generator of one demand spec, and the mean and sd the policies take as "known":
 * normal: mean, sd; poisson: mean, sqrt(mean); step: `before`, its noise sd (the level the chain starts in);
 * series: mean and sample sd of its first `periods` values.
 */
export function demandSource(spec: DemandSpec, periods: number): DemandSource {
  switch (spec.distribution) {
    case "normal":
      return new NormalSource(spec.mean, spec.sd, spec.truncateAtZero !== false);
    case "poisson":
      return new PoissonSource(spec.mean);
    case "step": {
      const { before, after, at } = spec;
      if (spec.sd) return new NoisyStepSource(before, after, at, spec.sd);
      return new FixedSource((t) => (t < at ? before : after), periods, before, 0);
    }
    case "series": {
      const v = spec.values;
      return new FixedSource((t) => v[t], periods);
    }
  }
}

/** Stages that face customers: [0] in a serial chain, the stores 1..N in a distribution network. */
export function customerStages(s: Scenario): number[] {
  if (s.network === "serial") return [0];
  return s.stages.map((_, k) => k).slice(1);
}

/** Demand spec of customer-facing stage k. */
export function stageDemandSpec(s: Scenario, k: number): DemandSpec {
  return s.stages[k].demand ?? s.demand;
}

/**
 * Customer demand of one replication, one series per customer-facing stage (in the order of
 * customerStages): exactly the values simulateOnce(scenario, replication) uses.
 */
export function demandSeries(scenario: Scenario, replication = 0): Float64Array[] {
  const rng = new Rng();
  return customerStages(scenario).map((k, i) => {
    const out = new Float64Array(scenario.periods);
    rng.reseed(scenario.seed, replication, i);
    demandSource(stageDemandSpec(scenario, k), scenario.periods).fill(rng, out, 0, scenario.periods);
    return out;
  });
}
