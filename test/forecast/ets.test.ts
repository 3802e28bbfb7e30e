/**
 * The estimated exponential-smoothing engine (src/forecast/ets.ts, etsInit.ts, auto.ts,
 * estimate.ts) against independent computations and against R's forecast package:
 * - rootsWithinUnitCircle (Schur-Cohn) against a root finder written here (Aberth-Ehrlich), and
 *   admissibleSeasonal against R's admissible() logic run with that root finder (and R's own answers);
 * - initialStates against R's forecast:::initstate(), runEts with R's fitted parameters and initial
 *   states against R's fitted values and likelihood, fitEts's AICc against R's
 *   (test/fixtures/forecast/ets-detail.json, scripts/forecast/make-ets-detail-fixtures.R);
 * - the automatic forecasts' accuracy (MASE) against R's ets() on every case of
 *   test/fixtures/forecast/ets.json (scripts/forecast/make-ets-fixtures.R; the per-series table:
 *   npx tsx scripts/forecast/compare-ets.ts);
 * - auto's edge cases, and the other methods' estimated parameters against brute force.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DomainError } from "../../src/errors";
import { autoCandidates, fitCandidates, key } from "../../src/forecast/auto";
import { admissibleSeasonal, EtsSpec, fitEts, rootsWithinUnitCircle, runEts } from "../../src/forecast/ets";
import { initialStates } from "../../src/forecast/etsInit";
import { INTERMITTENT_LOWER, INTERMITTENT_UPPER, MAX_WINDOW } from "../../src/forecast/estimate";
import { fitForecast } from "../../src/forecast/fit";
import { forecastGiven } from "../../src/forecast/given";
import { FittedModel } from "../../src/forecast/model";
import { GivenMethod } from "../../src/forecast/types";
import { expectDomainError } from "../engine/helpers";
import { compareCase, ETS_FIXTURE_FILE, isSimulated, mase, meanOf, readEtsFixture } from "./mase";
import { normal, prng, relClose } from "./util";

// ---- helpers ------------------------------------------------------------------------------------

/** The indices where a and e differ by more than tol (relative, scale >= floor). */
function mismatches(a: ArrayLike<number>, e: ArrayLike<number>, tol: number, floor = 1): string[] {
  if (a.length !== e.length) return [`length ${a.length}, expected ${e.length}`];
  const out: string[] = [];
  for (let i = 0; i < e.length; i++) if (!relClose(a[i], e[i], tol, floor)) out.push(`[${i}] ${a[i]} vs ${e[i]}`);
  return out;
}

const auto = (y: ArrayLike<number>, m = 1): FittedModel => fitForecast(y, { method: "auto", seasonLength: m });

// ---- an independent root finder -----------------------------------------------------------------

/**
 * All roots of sum c[k] z^k (c lowest power first, c[deg] != 0) by the Aberth-Ehrlich iteration
 * (simultaneous Newton steps with the repulsion of the other roots), then a few plain Newton steps.
 */
function polyRoots(c: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const n = c.length - 1;
  const a = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) a[k] = c[k] / c[n];
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  // Start on a circle of the roots' geometric mean size, at angles offset from the axes.
  let r0 = 0;
  for (let k = 0; k < n; k++) r0 = Math.max(r0, Math.pow(Math.abs(a[k]), 1 / (n - k)));
  r0 = r0 || 1;
  for (let i = 0; i < n; i++) {
    const th = (2 * Math.PI * i) / n + 0.4;
    re[i] = r0 * Math.cos(th);
    im[i] = r0 * Math.sin(th);
  }
  /** p(z)/p'(z) at z = (x, y). */
  const ratio = (x: number, y: number): [number, number] => {
    let pr = 1;
    let pi = 0;
    let dr = 0;
    let di = 0;
    for (let k = n - 1; k >= 0; k--) {
      // d = d z + p; p = p z + a_k
      const ndr = dr * x - di * y + pr;
      const ndi = dr * y + di * x + pi;
      dr = ndr;
      di = ndi;
      const npr = pr * x - pi * y + a[k];
      const npi = pr * y + pi * x;
      pr = npr;
      pi = npi;
    }
    const den = dr * dr + di * di;
    if (den === 0) return [0, 0];
    return [(pr * dr + pi * di) / den, (pi * dr - pr * di) / den];
  };
  for (let iter = 0; iter < 200; iter++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const [nr, ni] = ratio(re[i], im[i]);
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const dx = re[i] - re[j];
        const dy = im[i] - im[j];
        const d = dx * dx + dy * dy;
        sr += dx / d;
        si -= dy / d;
      }
      // w = N / (1 - N S)
      const qr = 1 - (nr * sr - ni * si);
      const qi = -(nr * si + ni * sr);
      const qd = qr * qr + qi * qi;
      const wr = (nr * qr + ni * qi) / qd;
      const wi = (ni * qr - nr * qi) / qd;
      re[i] -= wr;
      im[i] -= wi;
      moved = Math.max(moved, Math.hypot(wr, wi) / Math.max(1, Math.hypot(re[i], im[i])));
    }
    if (moved < 1e-12) break;
  }
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      const [nr, ni] = ratio(re[i], im[i]);
      re[i] -= nr;
      im[i] -= ni;
    }
  }
  return { re, im };
}

function maxModulus(c: ArrayLike<number>): number {
  const { re, im } = polyRoots(c);
  let mx = 0;
  for (let i = 0; i < re.length; i++) mx = Math.max(mx, Math.hypot(re[i], im[i]));
  return mx;
}

/** Coefficients (lowest first) of lead * prod (z - root), roots given by modulus and angle (angle not 0 or pi: a conjugate pair). */
function fromRoots(roots: { r: number; th: number }[], lead: number): number[] {
  let p = [lead];
  const times = (q: number[]): void => {
    const out = new Array<number>(p.length + q.length - 1).fill(0);
    for (let i = 0; i < p.length; i++) for (let j = 0; j < q.length; j++) out[i + j] += p[i] * q[j];
    p = out;
  };
  for (const { r, th } of roots) {
    if (th === 0 || th === Math.PI) times([-r * Math.cos(th), 1]);
    else times([r * r, -2 * r * Math.cos(th), 1]);
  }
  return p;
}

/** R's admissible() (forecast 8.20, R/ets.R) for a seasonal model, with our root finder for polyroot(). */
function admissibleR(alpha: number, beta: number, gamma: number, phi: number, m: number): { ok: boolean; maxRoot?: number } {
  if (phi < 0 || phi > 1 + 1e-8) return { ok: false };
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return { ok: false };
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return { ok: false };
  if (beta < -(1 - phi) * (gamma / m + alpha)) return { ok: false };
  const P = [phi * (1 - alpha - gamma), alpha + beta - alpha * phi + gamma - 1];
  for (let k = 0; k < m - 2; k++) P.push(alpha + beta - alpha * phi);
  P.push(alpha + beta - phi, 1);
  const maxRoot = maxModulus(P);
  return { ok: !(maxRoot > 1 + 1e-10), maxRoot };
}

describe("the test's root finder", () => {
  test("finds the roots a polynomial was built from", () => {
    const roots = [
      { r: 0.5, th: 0 },
      { r: 0.999, th: 1.1 },
      { r: 1.001, th: 2.5 },
      { r: 2, th: Math.PI },
      { r: 0.3, th: 0.2 },
    ];
    const c = fromRoots(roots, -3);
    const { re, im } = polyRoots(c);
    const found = Array.from(re, (x, i) => Math.hypot(x, im[i])).sort((a, b) => a - b);
    const want = [0.3, 0.3, 0.5, 0.999, 0.999, 1.001, 1.001, 2];
    expect(mismatches(found, want, 1e-10)).toEqual([]);
  });
});

// ---- Schur-Cohn ---------------------------------------------------------------------------------

describe("rootsWithinUnitCircle (Schur-Cohn)", () => {
  test("2,000 random real polynomials of degree 2..25: the same answer as the root finder", () => {
    const u = prng(20260601);
    const z = normal(u);
    const disagreements: string[] = [];
    let within = 0;
    let skipped = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const deg = 2 + Math.floor(u() * 24);
      const kind = trial % 4;
      let c: number[];
      let truth: boolean | undefined;
      if (kind === 0) {
        // random coefficients (roots near the unit circle, some outside)
        c = Array.from({ length: deg + 1 }, () => z());
      } else {
        // chosen roots in conjugate pairs (and a real one for odd degrees): inside at radius up to
        // 0.999 (kind 1: some exactly at 0.999), one pair or root pushed to 1.001 (kind 2), or
        // anywhere in [0, 1.5] (kind 3)
        const roots: { r: number; th: number }[] = [];
        let left = deg;
        while (left > 0) {
          const th = left === 1 ? (u() < 0.5 ? 0 : Math.PI) : 0.05 + u() * (Math.PI - 0.1);
          const r = kind === 3 ? 1.5 * u() : u() < 0.4 ? 0.999 : 0.999 * Math.sqrt(u());
          roots.push({ r, th });
          left -= left === 1 ? 1 : 2;
        }
        if (kind === 2) roots[Math.floor(u() * roots.length)].r = 1.001;
        c = fromRoots(roots, (u() < 0.5 ? -1 : 1) * (0.1 + 10 * u()));
        truth = kind === 3 ? roots.every((x) => x.r < 1) : kind === 1;
      }
      const mx = maxModulus(c);
      const schur = rootsWithinUnitCircle(c);
      if (Math.abs(mx - 1) < 1e-9) {
        skipped++; // too close to the circle for either method to be sure (random coefficients only)
        continue;
      }
      const finder = mx < 1;
      if (finder) within++;
      if (schur !== finder || (truth !== undefined && truth !== finder)) {
        disagreements.push(`trial ${trial} deg ${deg} kind ${kind}: schur ${schur}, max |root| ${mx}, built ${truth}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(skipped).toBeLessThan(5);
    expect(within).toBeGreaterThan(500); // both answers well represented
    expect(2000 - skipped - within).toBeGreaterThan(500);
  });

  test("a radius other than 1: roots within radius r", () => {
    const u = prng(7);
    for (let trial = 0; trial < 300; trial++) {
      const deg = 2 + Math.floor(u() * 12);
      const roots: { r: number; th: number }[] = [];
      for (let left = deg; left > 0; left -= left === 1 ? 1 : 2) roots.push({ r: 3 * u(), th: left === 1 ? 0 : 0.1 + 3 * u() });
      const c = fromRoots(roots, 1 + u());
      const mx = Math.max(...roots.map((x) => x.r));
      for (const radius of [0.5, 1.7, 2.5]) {
        if (Math.abs(mx - radius) < 1e-6) continue;
        expect(rootsWithinUnitCircle(c, radius)).toBe(mx < radius);
      }
    }
  });

  test("degree 0 and 1, and a root on the circle", () => {
    expect(rootsWithinUnitCircle([5])).toBe(true);
    expect(rootsWithinUnitCircle([0.5, 1])).toBe(true); // z = -0.5
    expect(rootsWithinUnitCircle([-2, 1])).toBe(false); // z = 2
    expect(rootsWithinUnitCircle([1, 0, 1])).toBe(false); // z = +-i, on the circle: not strictly inside
    expect(rootsWithinUnitCircle([-1, 1])).toBe(false); // z = 1
  });
});

// ---- the admissible region ------------------------------------------------------------------------

interface DetailFixture {
  generator: string;
  r: string;
  forecast: string;
  initstate: {
    name: string;
    frequency: number;
    y: number[];
    trendtype: "N" | "A";
    seasontype: "N" | "A" | "M";
    names: string[];
    states: number[];
  }[];
  fits: {
    name: string;
    frequency: number;
    train: number[];
    method: string;
    error: "A" | "M";
    trend: "N" | "A";
    season: "N" | "A" | "M";
    damped: boolean;
    m: number;
    par_names: string[];
    par: number[];
    state_names: string[];
    states0: number[];
    fitted: number[];
    lik: number;
    aicc: number;
    sigma2: number;
  }[];
  admissible: { alpha: number; beta: number; gamma: number; phi: number; m: number; admissible: boolean; max_root: number }[];
}

const DETAIL_FILE = path.join(__dirname, "..", "fixtures", "forecast", "ets-detail.json");
const DETAIL_SCRIPT = path.join(__dirname, "..", "..", "scripts", "forecast", "make-ets-detail-fixtures.R");
const detail = JSON.parse(fs.readFileSync(DETAIL_FILE, "utf8")) as DetailFixture;

describe("admissibleSeasonal", () => {
  test("equals R's admissible() logic (computed with the test's root finder) on 3,000 random parameter sets", () => {
    const u = prng(424242);
    const disagreements: string[] = [];
    let rootStage = 0;
    let admissibleCount = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const m = 2 + Math.floor(u() * 23);
      const phi = trial % 5 === 0 ? 0.7 + 0.35 * u() : u() < 0.5 ? 1 : 0.8 + 0.2 * u();
      const alpha = u();
      const beta = alpha * (trial % 7 === 0 ? -0.3 + 1.3 * u() : u());
      const gamma = (1 - alpha) * (trial % 3 === 0 ? -0.1 + 1.5 * u() : u());
      const r = admissibleR(alpha, beta, gamma, phi, m);
      if (r.maxRoot !== undefined) {
        rootStage++;
        if (Math.abs(r.maxRoot - (1 + 1e-10)) < 1e-9) continue; // on the edge: a question of rounding
      }
      if (r.ok) admissibleCount++;
      const ours = admissibleSeasonal(alpha, beta, gamma, phi, m);
      if (ours !== r.ok)
        disagreements.push(
          `alpha ${alpha} beta ${beta} gamma ${gamma} phi ${phi} m ${m}: ours ${ours}, R ${r.ok} (max |root| ${r.maxRoot})`,
        );
    }
    expect(disagreements).toEqual([]);
    expect(rootStage).toBeGreaterThan(1500); // most cases reach the polynomial
    expect(admissibleCount).toBeGreaterThan(500);
    expect(rootStage - admissibleCount).toBeGreaterThan(300);
  });

  test("equals R's own admissible() on the fixture's 400 cases", () => {
    expect(detail.admissible.length).toBe(400);
    const disagreements = detail.admissible
      .filter((c) => Math.abs(c.max_root - (1 + 1e-10)) > 1e-9)
      .filter((c) => admissibleSeasonal(c.alpha, c.beta, c.gamma, c.phi, c.m) !== c.admissible)
      .map((c) => JSON.stringify(c));
    expect(disagreements).toEqual([]);
    const yes = detail.admissible.filter((c) => c.admissible).length;
    expect(yes).toBeGreaterThan(100);
    expect(yes).toBeLessThan(300);
  });
});

// ---- initial states -----------------------------------------------------------------------------

describe("initialStates equals R's forecast:::initstate()", () => {
  test("the fixture covers both paths and every trend and season", () => {
    const kinds = new Set(
      detail.initstate.map((c) => `${c.trendtype}${c.seasontype}${c.frequency > 1 && c.y.length < 3 * c.frequency ? "short" : ""}`),
    );
    for (const k of ["NN", "AN", "NA", "AA", "NM", "AM", "NAshort", "AAshort", "NMshort", "AMshort"]) expect(kinds).toContain(k);
    expect(detail.initstate.some((c) => c.frequency === 2 && c.seasontype !== "N")).toBe(true);
  });

  test.each(detail.initstate.map((c) => [`${c.name} trend ${c.trendtype} season ${c.seasontype}`, c] as const))("%s", (_label, c) => {
    const seasonal = c.seasontype !== "N";
    const s = initialStates(c.y, c.trendtype === "A", seasonal ? c.frequency : 1, c.seasontype === "M");
    const ours = [s.level, ...(c.trendtype === "A" ? [s.trend] : []), ...Array.from(s.season)];
    const names = ["l", ...(c.trendtype === "A" ? ["b"] : []), ...Array.from(s.season, (_, i) => `s${i}`)];
    expect(names).toEqual(c.names);
    expect(mismatches(ours, c.states, 1e-8)).toEqual([]);
  });
});

// ---- the filter and the fit ---------------------------------------------------------------------

describe.each(detail.fits.map((c) => [`${c.name} ${c.method}`, c] as const))("R's fit of %s", (_label, c) => {
  const spec: EtsSpec = {
    error: c.error,
    trend: c.damped ? "Ad" : c.trend,
    season: c.season,
    m: c.season === "N" ? 1 : c.frequency,
  };
  const par = (name: string, otherwise: number): number => {
    const i = c.par_names.indexOf(name);
    return i < 0 ? otherwise : c.par[i];
  };
  const state = (name: string): number => c.states0[c.state_names.indexOf(name)];
  const season0 = spec.season === "N" ? [] : Array.from({ length: spec.m }, (_, i) => state(`s${i + 1}`));

  test("runEts with R's parameters and initial states gives R's fitted values, likelihood and sigma2", () => {
    const fit = runEts(
      c.train,
      spec,
      par("alpha", NaN),
      par("beta", 0),
      par("gamma", 0),
      par("phi", 1),
      state("l"),
      spec.trend === "N" ? 0 : state("b"),
      season0,
    );
    expect(mismatches(fit.fitted, c.fitted, 1e-8)).toEqual([]);
    expect(relClose(fit.lik, c.lik, 1e-8)).toBe(true);
    const n = c.train.length;
    expect(relClose((fit.sigma2 * n) / (n - c.par.length), c.sigma2, 1e-8)).toBe(true);
  });

  // The optimiser's own likelihood (a separate, faster filter for non-seasonal models) must be the
  // one runEts computes: started at R's optimum, a fit can only go down from R's AICc.
  test("fitEts started at R's optimum ends at R's AICc or lower", () => {
    const atR = runEts(
      c.train,
      spec,
      par("alpha", NaN),
      par("beta", 0),
      par("gamma", 0),
      par("phi", 1),
      state("l"),
      spec.trend === "N" ? 0 : state("b"),
      season0,
    );
    const fit = fitEts(c.train, spec, atR);
    expect(fit).toBeDefined();
    expect(fit!.aicc).toBeLessThanOrEqual(c.aicc + 1e-6 * Math.abs(c.aicc));
  });

  // Started as auto starts it (a damped trend from the undamped optimum, multiplicative errors from
  // the additive ones): from R's own start Nelder-Mead can settle in another basin, as R's can.
  test("fitEts, started as auto starts it, reaches an AICc no worse than R's + 0.5", () => {
    const fit = fitCandidates(c.train, c.frequency).get(key(spec));
    expect(fit).toBeDefined();
    expect(fit!.aicc).toBeLessThanOrEqual(c.aicc + 0.5);
    expect(fit!.k).toBe(c.par.length + 1);
  });
});

// ---- accuracy against R -------------------------------------------------------------------------

describe("auto against R's ets() (test/fixtures/forecast/ets.json)", () => {
  const fixture = readEtsFixture();
  const rows = fixture.cases.map(compareCase);

  test("our MASE of R's forecasts is R's MASE (forecast::accuracy())", () => {
    expect(fixture.cases.length).toBe(75);
    const bad = fixture.cases.filter((c) => !relClose(mase(c.train, c.test, c.forecasts, c.frequency), c.mase, 1e-12)).map((c) => c.name);
    expect(bad).toEqual([]);
  });

  test("every forecast is a finite number", () => {
    const bad = rows.filter((r) => r.forecasts.length !== r.c.horizon || !r.forecasts.every(Number.isFinite)).map((r) => r.c.name);
    expect(bad).toEqual([]);
  });

  test("mean MASE at most 1.02 x R's", () => {
    const ours = meanOf(rows.map((r) => r.mase));
    const theirs = meanOf(rows.map((r) => r.c.mase));
    const part = (sim: boolean): string => {
      const sel = rows.filter((r) => isSimulated(r.c) === sim);
      return `${meanOf(sel.map((r) => r.mase)).toFixed(3)} vs R ${meanOf(sel.map((r) => r.c.mase)).toFixed(3)}`;
    };
    console.log(
      `ETS accuracy (${rows.length} series): mean MASE ${ours.toFixed(4)} vs R ${theirs.toFixed(4)}, ratio ${(ours / theirs).toFixed(4)}; ` +
        `real ${part(false)}, simulated ${part(true)}; same model as R ${rows.filter((r) => r.model === r.c.model).length} of ${rows.length} ` +
        "(per series: npx tsx scripts/forecast/compare-ets.ts)",
    );
    expect(ours).toBeLessThanOrEqual(1.02 * theirs);
  });
});

// ---- auto: edge cases ---------------------------------------------------------------------------

/** Forecasts within [min - range, max + range] of the history. */
function withinWidened(f: ArrayLike<number>, y: ArrayLike<number>): boolean {
  const lo = Math.min(...Array.from(y));
  const hi = Math.max(...Array.from(y));
  const r = hi - lo;
  return Array.from(f).every((v) => Number.isFinite(v) && v >= lo - r && v <= hi + r);
}

describe("auto: edge cases", () => {
  test("a constant series forecasts the constant; all zeros forecast 0", () => {
    for (const v of [7.5, 1e9, -3, 1e-6]) {
      const f = auto(new Array(30).fill(v)).forecast(12);
      expect(Array.from(f)).toEqual(new Array(12).fill(v));
    }
    expect(Array.from(auto(new Array(24).fill(0), 12).forecast(5))).toEqual([0, 0, 0, 0, 0]);
  });

  test("one period forecasts its value", () => {
    expect(Array.from(auto([42]).forecast(3))).toEqual([42, 42, 42]);
    expect(Array.from(auto([42], 12).forecast(3))).toEqual([42, 42, 42]);
  });

  test("2 to 6 periods: no wild forecast (within [min, max] of the history widened by its range)", () => {
    const u = prng(99);
    const shapes = [
      (t: number): number => 10 + 30 * u() + 0 * t,
      (t: number): number => 100 + 20 * t + 5 * u(),
      (t: number): number => 100 - 15 * t + 5 * u(),
      (t: number): number => (t % 2 === 0 ? 10 : 50),
      (t: number): number => (t === 0 ? 1000 : 10 + u()),
    ];
    for (let n = 2; n <= 6; n++) {
      for (const shape of shapes) {
        const y = Array.from({ length: n }, (_, t) => shape(t));
        for (const m of [1, 4, 12]) {
          const f = auto(y, m).forecast(12);
          if (!withinWidened(f, y)) throw new Error(`n ${n} m ${m} y ${y}: forecasts ${Array.from(f)}`);
        }
      }
    }
  });

  test("a series with one huge outlier: finite forecasts, within the history's range, not negative", () => {
    const u = prng(5);
    const base = Array.from({ length: 60 }, () => 100 + 10 * (u() - 0.5));
    for (const at of [5, 30, 59]) {
      const y = base.slice();
      y[at] = 1e6;
      const f = auto(y).forecast(12);
      const ok = Array.from(f).every((v) => Number.isFinite(v) && v >= 0 && v <= 1e6);
      if (!ok) throw new Error(`outlier at ${at}: ${auto(y).name} forecasts ${Array.from(f)}`);
    }
  });

  test("multiplicative-error fits keep positive one-step forecasts on positive data (one huge outlier)", () => {
    // With one error dominating sum(e^2), the likelihood n log(sum e^2) + 2 sum log|f| falls without
    // bound as other forecasts f approach 0 (and past it): a fit there is degenerate, not a better
    // fit, and its forecasts can turn negative.
    const u = prng(5);
    const y = Array.from({ length: 60 }, () => 100 + 10 * (u() - 0.5));
    y[30] = 1e6;
    const problems: string[] = [];
    for (const trend of ["N", "A", "Ad"] as const) {
      const fit = fitEts(y, { error: "M", trend, season: "N", m: 1 });
      if (fit === undefined) continue;
      const bad = Array.from(fit.fitted).filter((f) => !(f > 0)).length;
      if (bad > 0) problems.push(`ETS(M,${trend},N): ${bad} fitted values <= 0 (AICc ${fit.aicc.toFixed(1)})`);
    }
    expect(problems).toEqual([]);
  });

  test("negative values mixed in (returns): additive models only, finite forecasts within the range", () => {
    const u = prng(11);
    const z = normal(u);
    const y = Array.from({ length: 80 }, () => 0.005 + 0.03 * z());
    expect(y.some((v) => v < 0) && y.some((v) => v > 0)).toBe(true);
    expect(autoCandidates(y, 4).every((s) => s.error === "A" && s.season !== "M")).toBe(true);
    const model = auto(y, 4);
    expect(model.name).toMatch(/^ETS\(A,/);
    expect(withinWidened(model.forecast(8), y)).toBe(true);
  });

  test("intermittent demand (ADI > 1.32) gets sba", () => {
    const u = prng(3);
    const y = Array.from({ length: 60 }, () => (u() < 0.3 ? 1 + Math.round(9 * u()) : 0));
    const k = y.filter((v) => v > 0).length;
    let last = y.length - 1;
    while (y[last] === 0) last--;
    expect((last + 1) / k).toBeGreaterThan(1.32);
    for (const m of [1, 12]) expect(auto(y, m).name).toBe("sba");
  });

  test("a seasonal series shorter than 2m + 2 gets no seasonal model; 2m + 2 periods may", () => {
    const u = prng(17);
    const make = (n: number): number[] => Array.from({ length: n }, (_, t) => 100 + 40 * Math.sin((2 * Math.PI * t) / 12) + 2 * u());
    for (const n of [13, 20, 25]) {
      expect(autoCandidates(make(n), 12).every((s) => s.season === "N")).toBe(true);
      expect(auto(make(n), 12).name).not.toMatch(/,[AM]\)$/);
    }
    expect(autoCandidates(make(26), 12).some((s) => s.season !== "N")).toBe(true);
  });

  test("season_length 52 with 104 periods gets no seasonal model (m > 24)", () => {
    const u = prng(19);
    const y = Array.from({ length: 104 }, (_, t) => 100 + 40 * Math.sin((2 * Math.PI * t) / 52) + 3 * u());
    expect(autoCandidates(y, 52).every((s) => s.season === "N" && s.m === 1)).toBe(true);
    const model = auto(y, 52);
    expect(model.name).toMatch(/^ETS\(.,.+,N\)$/);
    expect(model.forecast(52).every(Number.isFinite)).toBe(true);
  });

  describe("scale invariance: forecasts of k*y are k times those of y (1e-6 relative), values around 1e9 and 1e-6", () => {
    const fixture = readEtsFixture();
    const train = (name: string): number[] => fixture.cases.find((c) => c.name === name)!.train;
    const cases = [
      ["additive (nottem, ETS(A,N,A))", train("nottem"), 12],
      ["multiplicative (AirPassengers, ETS(M,*,M))", train("AirPassengers"), 12],
      ["non-seasonal (BJsales, ETS(A,Ad,N))", train("BJsales"), 1],
    ] as const;
    test.each(cases)("%s", (_label, y, m) => {
      const base = auto(y, m);
      const fb = base.forecast(12);
      const mean = meanOf(Array.from(y));
      const problems: string[] = [];
      for (const k of [1000, 1e9 / mean, 1e-6 / mean]) {
        const model = auto(
          y.map((v) => v * k),
          m,
        );
        if (model.name !== base.name) problems.push(`k ${k}: ${model.name} vs ${base.name}`);
        const f = model.forecast(12);
        const bad = mismatches(
          f,
          Array.from(fb, (v) => v * k),
          1e-6,
          0,
        );
        if (bad.length > 0) problems.push(`k ${k}: ${bad[0]} (${bad.length} of 12)`);
      }
      expect(problems).toEqual([]);
    });
  });

  test("an exactly linear series: the trend is recovered", () => {
    for (const [a, b, n, m] of [
      [10, 2, 30, 1],
      [1000, -3.5, 40, 1],
      [50, 0.25, 48, 12],
      [5, 1, 20, 4],
    ]) {
      const y = Array.from({ length: n }, (_, t) => a + b * t);
      const f = auto(y, m).forecast(10);
      expect(
        mismatches(
          f,
          Array.from({ length: 10 }, (_, k) => a + b * (n + k)),
          1e-6,
        ),
      ).toEqual([]);
    }
  });
});

// ---- estimate.ts ----------------------------------------------------------------------------------

describe("estimated parameters of the other methods", () => {
  /** Brute force: the one-step MSE of every window 1..min(24, n - 1) over periods min(24, n - 1)..n-1, direct means. */
  function bruteWindow(y: number[]): { best: number; mse: number[] } {
    const n = y.length;
    const top = Math.min(MAX_WINDOW, n - 1);
    const mse: number[] = [NaN];
    let best = 1;
    for (let w = 1; w <= top; w++) {
      let ss = 0;
      for (let t = top; t < n; t++) {
        let s = 0;
        for (let i = t - w; i < t; i++) s += y[i];
        ss += (y[t] - s / w) ** 2;
      }
      mse.push(ss / (n - top));
      if (mse[w] < mse[best]) best = w;
    }
    return { best, mse };
  }

  test("moving average: the window with the least one-step MSE (brute force)", () => {
    const u = prng(31);
    const z = normal(u);
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + Math.floor(u() * 100);
      let level = 100;
      const drift = trial % 3 === 0 ? 0 : 3 * z();
      const y = Array.from({ length: n }, () => {
        level += drift + (trial % 2 === 0 ? 0.2 : 3) * z();
        return level + 5 * z();
      });
      const model = fitForecast(y, { method: "moving-average" });
      const { best, mse } = bruteWindow(y);
      expect(model.window).toBeGreaterThanOrEqual(1);
      expect(model.window).toBeLessThanOrEqual(Math.min(MAX_WINDOW, n - 1));
      // the same window, or one whose MSE ties it to rounding
      if (model.window !== best) expect(relClose(mse[model.window!], mse[best], 1e-12)).toBe(true);
    }
    expect(fitForecast([5], { method: "moving-average" }).window).toBe(1);
    expect(fitForecast([5, 7], { method: "moving-average" }).window).toBe(1);
  });

  /** In-sample one-step MSE of an intermittent method with given parameters (over its fitted periods). */
  function intermittentMse(method: "croston" | "sba" | "tsb", y: number[], p: number[]): number {
    const r = forecastGiven(method, y, 1, { parameters: p });
    let s = 0;
    let k = 0;
    for (let t = 0; t < y.length; t++) {
      if (Number.isNaN(r.fitted[t])) continue;
      s += (y[t] - r.fitted[t]) ** 2;
      k++;
    }
    return s / k;
  }

  test.each(["croston", "sba", "tsb"] as const)("%s: alphas within [0.05, 0.3], at the grid minimum of the MSE", (method) => {
    const u = prng(method.length * 1000 + 1);
    const grid = (lo: number, hi: number, k: number): number[] => Array.from({ length: k + 1 }, (_, i) => lo + ((hi - lo) * i) / k);
    for (let trial = 0; trial < 12; trial++) {
      const p = 0.15 + 0.4 * u();
      const n = 30 + Math.floor(u() * 90);
      const y: number[] = Array.from({ length: n }, () => (u() < p ? Math.round(1 + 20 * u() * u()) : 0));
      if (!y.some((v) => v > 0)) y[n - 1] = 3;
      const model = fitForecast(y, { method });
      const est = method === "tsb" ? [model.alpha!, model.beta!] : [model.alpha!];
      for (const a of est) {
        expect(a).toBeGreaterThanOrEqual(INTERMITTENT_LOWER);
        expect(a).toBeLessThanOrEqual(INTERMITTENT_UPPER);
      }
      let gridMin = Infinity;
      const g = grid(INTERMITTENT_LOWER, INTERMITTENT_UPPER, method === "tsb" ? 50 : 250);
      if (method === "tsb") for (const a of g) for (const b of g) gridMin = Math.min(gridMin, intermittentMse(method, y, [a, b]));
      else for (const a of g) gridMin = Math.min(gridMin, intermittentMse(method, y, [a]));
      const ours = intermittentMse(method, y, est);
      if (!(ours <= gridMin * (1 + 1e-3))) throw new Error(`${method} trial ${trial}: MSE ${ours} at ${est}, grid minimum ${gridMin}`);
    }
  });

  test("named ETS methods without parameters fit the ETS model of the same forecasts", () => {
    const u = prng(41);
    const y = Array.from({ length: 48 }, (_, t) => (100 + t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 4)) + 3 * u());
    const names: Record<string, string> = {
      ses: "ETS(A,N,N)",
      holt: "ETS(A,A,N)",
      damped: "ETS(A,Ad,N)",
      "holt-winters": "ETS(A,A,A)",
      "holt-winters-mul": "ETS(M,A,M)",
    };
    for (const [method, name] of Object.entries(names)) {
      const model = fitForecast(y, { method: method as GivenMethod, seasonLength: 4 });
      expect(model.name).toBe(name);
      expect(model.aicc).toBeDefined();
      expect(model.forecast(8).every(Number.isFinite)).toBe(true);
    }
  });

  test("too short for the named ETS methods: DomainError na with the minimum length", () => {
    // estimated values (smoothing parameters + initial states, the last seasonal one implied) + 2,
    // and two full seasons for Holt-Winters
    const minimum = (method: string, m: number): number => {
      switch (method) {
        case "ses":
          return 2 + 2;
        case "holt":
          return 4 + 2;
        case "damped":
          return 5 + 2;
        default:
          return Math.max(3 + 2 + (m - 1) + 2, 2 * m);
      }
    };
    const cases: [string, number][] = [
      ["ses", 1],
      ["holt", 1],
      ["damped", 1],
      ["holt-winters", 4],
      ["holt-winters", 12],
      ["holt-winters-mul", 4],
      ["holt-winters-mul", 12],
    ];
    for (const [method, m] of cases) {
      const min = minimum(method, m);
      const y = Array.from({ length: min }, (_, t) => 50 + 10 * Math.sin(t) + t);
      expect(() => fitForecast(y, { method: method as GivenMethod, seasonLength: m })).not.toThrow();
      expectDomainError(
        () => fitForecast(y.slice(0, min - 1), { method: method as GivenMethod, seasonLength: m }),
        "na",
        new RegExp(`at least ${min} periods`),
      );
    }
  });

  test("the estimated multiplicative methods refuse data <= 0", () => {
    const y = Array.from({ length: 24 }, (_, t) => 50 + 10 * Math.sin(t));
    y[5] = 0;
    let thrown: unknown;
    try {
      fitForecast(y, { method: "holt-winters-mul", seasonLength: 4 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).kind).toBe("num");
  });
});

// ---- the committed fixtures are the scripts' output ------------------------------------------------

const rscript = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
const haveR = !rscript.error && rscript.status === 0;
const freshTest = haveR ? test : test.skip;

describe("make-ets-detail-fixtures.R", () => {
  freshTest(
    haveR
      ? "a fresh run of scripts/forecast/make-ets-detail-fixtures.R equals the committed ets-detail.json"
      : "a fresh run of make-ets-detail-fixtures.R equals the committed ets-detail.json (SKIPPED: Rscript is not on PATH; apt-get install r-cran-forecast r-cran-jsonlite)",
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ets-detail-"));
      try {
        const out = path.join(dir, "ets-detail.json");
        const res = spawnSync("Rscript", [DETAIL_SCRIPT, out], { encoding: "utf8", timeout: 110000 });
        if (res.status !== 0) throw new Error(`Rscript failed (${res.status}): ${res.stderr}`);
        const fresh = JSON.parse(fs.readFileSync(out, "utf8")) as DetailFixture;
        if (fresh.r !== detail.r || fresh.forecast !== detail.forecast) {
          console.warn(
            `make-ets-detail-fixtures.R ran under ${fresh.r}, forecast ${fresh.forecast}; the committed fixtures come from ${detail.r}, forecast ${detail.forecast}`,
          );
          expect(fresh.fits.map((f) => f.method)).toEqual(detail.fits.map((f) => f.method));
        } else {
          // the same R and forecast package: the same bits (else rerun the script and review the diff)
          expect(fs.readFileSync(out, "utf8")).toBe(fs.readFileSync(DETAIL_FILE, "utf8"));
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

const ETS_SCRIPT = path.join(__dirname, "..", "..", "scripts", "forecast", "make-ets-fixtures.R");

describe("make-ets-fixtures.R", () => {
  freshTest(
    haveR
      ? "a fresh run of scripts/forecast/make-ets-fixtures.R equals the committed ets.json"
      : "a fresh run of make-ets-fixtures.R equals the committed ets.json (SKIPPED: Rscript is not on PATH; apt-get install r-cran-forecast r-cran-jsonlite)",
    () => {
      const committed = readEtsFixture();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ets-"));
      try {
        const out = path.join(dir, "ets.json");
        const res = spawnSync("Rscript", [ETS_SCRIPT, out], { encoding: "utf8", timeout: 110000 });
        if (res.status !== 0) throw new Error(`Rscript failed (${res.status}): ${res.stderr}`);
        const fresh = readEtsFixture(out);
        if (fresh.r !== committed.r || fresh.forecast !== committed.forecast) {
          console.warn(
            `make-ets-fixtures.R ran under ${fresh.r}, forecast ${fresh.forecast}; the committed fixtures come from ${committed.r}, forecast ${committed.forecast}`,
          );
          expect(fresh.cases.map((c) => c.name)).toEqual(committed.cases.map((c) => c.name));
        } else {
          // the same R and forecast package: the same bits (else rerun the script and review the diff)
          expect(fs.readFileSync(out, "utf8")).toBe(fs.readFileSync(ETS_FIXTURE_FILE, "utf8"));
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120000,
  );
});
