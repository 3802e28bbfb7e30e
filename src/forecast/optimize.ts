/**
 * Bounded Nelder-Mead minimiser for the exponential-smoothing fits (smoothing parameters and initial
 * states, up to ~20 variables; ARCHITECTURE.md section 6.6). It has to fit ETS models to 10,000
 * series of 104 periods in under 20 s on one core, so it allocates nothing per iteration: the
 * simplex, the trial points and the running centroid sum live in a workspace taken from a pool (one
 * per dimension, re-entrant), and a call allocates only the returned point.
 *
 * Why our own and not a package (npm, surveyed for this file):
 * - `fmin` 0.0.4 (BSD-3-Clause): Nelder-Mead without bounds; copies and sorts JavaScript arrays and
 *   tags them with properties every iteration; no types; pulls in a plotting package.
 * - `ml-levenberg-marquardt` 5.1.0 (MIT): bounded, but a least-squares curve fitter (a model of x
 *   fitted to (x, y) data), not a minimiser of a general objective such as an ETS likelihood, and
 *   no feasibility region; depends on ml-matrix.
 * - `optimization-js` 1.5.0 (MIT): no bounded method, a "Powell" that is a coordinate descent in a
 *   Math.random order (not deterministic), and build tools (browserify, jsdoc, travis) as runtime
 *   dependencies.
 * - `lbfgs`, `nelder-mead`: not on npm. L-BFGS-B would also need gradients, which the ETS recursions
 *   do not give as they stand (finite differences cost n evaluations per gradient and fail at the
 *   edge of the admissible region, where the target is +Infinity).
 * The method is small (one loop below), and R's ets() itself uses Nelder-Mead, so our results can be
 * compared with R's directly.
 *
 * The method (Lagarias, Reeds, Wright & Wright 1998, the ordering of fminsearch): reflection 1,
 * expansion 2, contraction 0.5 (outside when the reflected point beats only the worst, inside
 * otherwise), shrink 0.5 towards the best; a new vertex goes after the vertices of equal value.
 * The starting simplex is x0 and x0 + s_i e_i, with s_i a fraction (`initialStep`, 0.1) of variable
 * i's range when both bounds are finite, else of |x0_i| (1 when x0_i is 0), turned inwards at a bound.
 *
 * Bounds. R's forecast package (R/ets.R, src/etsTargetFunction.cpp) runs an unbounded Nelder-Mead
 * (optim's nmmin, reltol sqrt(eps), at most 2000 evaluations) on a target that is +Inf outside the
 * bounds and the admissible region: the simplex only approaches a bound. Here the default
 * `boxMode: "project"` clips every trial point to the box (as Nixtla's statsforecast does), so an
 * optimum on a bound (alpha = 0.9999 is common) is reached exactly and quickly; `"reject"` gives R's
 * behaviour (outside the box is +Infinity). Clipping can flatten the simplex onto a face of the box;
 * when it converges flat on a face, one probe a small step inwards from the best point per such
 * variable tells a true bound optimum (the probe is worse: stop) from a premature one (the probe is
 * better: restart the simplex there, at most `faceRestarts` times).
 *
 * Nelder-Mead can stop early on a ridge or against an oblique feasibility boundary (beta <= alpha):
 * `restarts` starts again from the best point with a fresh simplex of the starting steps (Nash's
 * remedy), until a run gains no more than the tolerance. R does not; it is off by default. An
 * oblique region is better turned into a box by the caller (beta = alpha * b, b in (0, 1]).
 *
 * Infeasible points: `feasible(x)` false, or f returning NaN or +-Infinity, count as +Infinity (R's
 * target returns +Inf for an inadmissible point and caps the likelihood at -1e10; a non-finite value
 * is never a minimum here). Convergence: (worst - best) value in the simplex <= tolerance * |best| +
 * absoluteTolerance, as optim's reltol but relative to the current best rather than the start; then
 * one evaluation at the simplex's centroid must not beat the best by more than that, or the equal
 * values were a tie across the minimum (a start symmetric about it), not convergence.
 * Fixed variables (lower = upper) are left out of the simplex.
 *
 * The x handed to f and feasible is a buffer of the workspace, overwritten after the call: read it,
 * do not keep it. Everything is deterministic (no randomness; the same inputs give the same bits).
 */
import { DomainError } from "../errors";

export interface MinimizeOptions {
  /** Lower bound per variable (-Infinity for none). */
  lower: ArrayLike<number>;
  /** Upper bound per variable (Infinity for none); lower[i] === upper[i] fixes variable i. */
  upper: ArrayLike<number>;
  /** Nelder-Mead iterations (one reflection step, or a shrink, each). Default 200 * n. */
  maxIterations?: number;
  /** Calls of f, a hard cap (R's ets uses 2000). Default: no cap besides maxIterations. */
  maxEvaluations?: number;
  /** Relative tolerance on f (and absolute, unless absoluteTolerance is given). Default sqrt(eps) ~ 1.49e-8, R's reltol. */
  tolerance?: number;
  /** Absolute tolerance on f. Default: tolerance. */
  absoluteTolerance?: number;
  /** Starting step as a fraction of each variable's range (or of |x0_i| when a bound is infinite). Default 0.1. */
  initialStep?: number;
  /** Starting steps per variable, absolute (> 0 unless the variable is fixed); overrides initialStep. */
  steps?: ArrayLike<number>;
  /** Feasibility region inside the box (e.g. ETS's admissible region): false means +Infinity, f is not called. */
  feasible?: (x: Float64Array) => boolean;
  /** "project" (default): trial points are clipped to the box. "reject": outside the box is +Infinity (R's way). */
  boxMode?: "project" | "reject";
  /** Restarts from the best point after convergence, stopping early when one gains no more than the tolerance. Default 0. */
  restarts?: number;
  /** Restarts after converging flat on a face of the box where an inward probe is better (project mode). Default 2. */
  faceRestarts?: number;
}

export interface MinimizeResult {
  /** The best point found (a new array, inside the box). */
  x: Float64Array;
  /** f(x), or Infinity if no feasible point was found. */
  value: number;
  /** Nelder-Mead iterations done. */
  iterations: number;
  /** Calls of f (points rejected by the box or by feasible are not counted). */
  evaluations: number;
  /** True when the tolerance was met; false on an iteration or evaluation limit, or no feasible point. */
  converged: boolean;
}

/** sqrt(2^-52), R's default reltol. */
export const DEFAULT_TOLERANCE = 1.4901161193847656e-8;

const RECOMPUTE_SUM_EVERY = 64; // iterations between exact recomputations of the running vertex sum
const PROBE_STEP = 1e-3; // the inward probe on a face, as a fraction of the starting step

/** Buffers for one dimension n, reused across calls (see the pool below). */
class Workspace {
  readonly rows: Float64Array[]; // the m + 1 vertices (m free variables), rows[0] best ... rows[m] worst
  readonly fv: Float64Array; // their values, ascending
  readonly sum: Float64Array; // sum of all vertices (running, for the centroid)
  readonly cen: Float64Array; // centroid of all but the worst
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly step: Float64Array; // signed starting steps
  readonly free: Int32Array; // indices of the free variables (lower < upper)
  t1: Float64Array; // trial points; swapped with rows when accepted
  t2: Float64Array;
  constructor(readonly n: number) {
    this.rows = [];
    for (let i = 0; i <= n; i++) this.rows.push(new Float64Array(n));
    this.fv = new Float64Array(n + 1);
    this.sum = new Float64Array(n);
    this.cen = new Float64Array(n);
    this.lo = new Float64Array(n);
    this.hi = new Float64Array(n);
    this.step = new Float64Array(n);
    this.free = new Int32Array(n);
    this.t1 = new Float64Array(n);
    this.t2 = new Float64Array(n);
  }
}

/** Free workspaces by dimension. A nested call (f calling minimize) takes another one. */
const pool: Workspace[][] = [];
const POOL_MAX_DIMENSION = 256;

function acquire(n: number): Workspace {
  const free = n <= POOL_MAX_DIMENSION ? pool[n] : undefined;
  return free !== undefined && free.length > 0 ? (free.pop() as Workspace) : new Workspace(n);
}

function release(ws: Workspace): void {
  if (ws.n > POOL_MAX_DIMENSION) return;
  let free = pool[ws.n];
  if (free === undefined) {
    free = [];
    pool[ws.n] = free;
  }
  if (free.length < 4) free.push(ws);
}

function optionCount(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 0) || (value !== Infinity && Math.floor(value) !== value)) {
    throw new DomainError("value", `minimize: ${name} must be a whole number >= 0, got ${value}`);
  }
  return value;
}

function optionPositive(value: number | undefined, fallback: number, name: string, allowZero: boolean): number {
  if (value === undefined) return fallback;
  if (!(allowZero ? value >= 0 : value > 0) || value === Infinity) {
    throw new DomainError("value", `minimize: ${name} must be a finite number ${allowZero ? ">= 0" : "> 0"}, got ${value}`);
  }
  return value;
}

/**
 * Minimises f over the box lower <= x <= upper (and feasible(x), if given) by Nelder-Mead from x0
 * (clipped into the box). Throws DomainError("value") for inconsistent arguments only; whatever f
 * returns is handled.
 */
export function minimize(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: MinimizeOptions): MinimizeResult {
  const n = x0.length;
  const { lower, upper, feasible } = options;
  if (lower.length !== n || upper.length !== n) {
    throw new DomainError(
      "value",
      `minimize: lower and upper need ${n} values (one per variable), got ${lower.length} and ${upper.length}`,
    );
  }
  if (options.boxMode !== undefined && options.boxMode !== "project" && options.boxMode !== "reject") {
    throw new DomainError("value", `minimize: boxMode must be "project" or "reject", got ${String(options.boxMode)}`);
  }
  const project = options.boxMode !== "reject";
  const maxIterations = optionCount(options.maxIterations, 200 * Math.max(n, 1), "maxIterations");
  const maxEvaluations = optionCount(options.maxEvaluations, Infinity, "maxEvaluations");
  const maxRestarts = optionCount(options.restarts, 0, "restarts");
  const maxFaceRestarts = optionCount(options.faceRestarts, 2, "faceRestarts");
  const relTol = optionPositive(options.tolerance, DEFAULT_TOLERANCE, "tolerance", true);
  const absTol = optionPositive(options.absoluteTolerance, relTol, "absoluteTolerance", true);
  const initialStep = optionPositive(options.initialStep, 0.1, "initialStep", false);
  const steps = options.steps;
  if (steps !== undefined && steps.length !== n) {
    throw new DomainError("value", `minimize: steps needs ${n} values (one per variable), got ${steps.length}`);
  }

  const ws = acquire(n);
  try {
    const { rows, fv, sum, cen, lo, hi, step, free } = ws;
    const x = rows[0];

    // Bounds, x0 clipped into the box, the free variables, starting steps (turned inwards at a bound).
    let m = 0;
    for (let i = 0; i < n; i++) {
      const l = +lower[i];
      const u = +upper[i];
      const v = +x0[i];
      if (l !== l || u !== u || !(l <= u) || l === Infinity || u === -Infinity) {
        throw new DomainError("value", `minimize: bounds of variable ${i} must satisfy lower <= upper, got [${l}, ${u}]`);
      }
      if (!(v - v === 0)) throw new DomainError("value", `minimize: x0[${i}] must be finite, got ${v}`);
      lo[i] = l;
      hi[i] = u;
      const xi = v < l ? l : v > u ? u : v;
      x[i] = xi;
      const range = u - l;
      step[i] = 0;
      if (range === 0) continue;
      free[m++] = i;
      let s: number;
      if (steps !== undefined) {
        s = Math.abs(+steps[i]);
        if (!(s > 0) || s === Infinity)
          throw new DomainError("value", `minimize: steps[${i}] must be a finite number > 0, got ${steps[i]}`);
      } else if (range !== Infinity) s = initialStep * range;
      else s = initialStep * (xi !== 0 ? Math.abs(xi) : 1);
      if (s > range) s = range;
      if (xi + s <= u) step[i] = s;
      else if (xi - s >= l) step[i] = -s;
      else step[i] = u - xi >= xi - l ? u - xi : l - xi; // the longer way to a bound
    }
    ws.t1.set(x); // fixed variables keep their value in every buffer
    ws.t2.set(x);

    let evaluations = 0;
    const evaluate = (p: Float64Array): number => {
      if (!project) {
        for (let k = 0; k < m; k++) {
          const i = free[k];
          if (!(p[i] >= lo[i] && p[i] <= hi[i])) return Infinity;
        }
      }
      if (feasible !== undefined && !feasible(p)) return Infinity;
      if (evaluations >= maxEvaluations) return Infinity; // the budget is spent: the loop stops after this step
      evaluations++;
      const v = f(p);
      return v - v === 0 ? v : Infinity; // NaN and +-Infinity are infeasible
    };

    if (m === 0) {
      const value = evaluate(x);
      const out = new Float64Array(n);
      out.set(x);
      return { x: out, value, iterations: 0, evaluations, converged: value < Infinity };
    }

    const clip = (v: number, i: number): number => (v < lo[i] ? lo[i] : v > hi[i] ? hi[i] : v);
    /** p = a + c (a - b) on the free variables, clipped to the box in project mode. */
    const lineTo = (p: Float64Array, a: Float64Array, b: Float64Array, c: number): void => {
      for (let k = 0; k < m; k++) {
        const i = free[k];
        const v = a[i] + c * (a[i] - b[i]);
        p[i] = project ? (v < lo[i] ? lo[i] : v > hi[i] ? hi[i] : v) : v;
      }
    };
    const recomputeSum = (): void => {
      for (let k = 0; k < m; k++) {
        const i = free[k];
        let s = 0;
        for (let j = 0; j <= m; j++) s += rows[j][i];
        sum[i] = s;
      }
    };
    const sortAll = (): void => {
      // Stable insertion sort of the vertices by value (m is small).
      for (let j = 1; j <= m; j++) {
        const r = rows[j];
        const v = fv[j];
        let k = j;
        while (k > 0 && fv[k - 1] > v) {
          rows[k] = rows[k - 1];
          fv[k] = fv[k - 1];
          k--;
        }
        rows[k] = r;
        fv[k] = v;
      }
    };
    /** The vertices other than rows[0]: rows[0] + step_i e_i (the starting simplex and restarts). */
    const buildSimplex = (): void => {
      const best = rows[0];
      for (let j = 1; j <= m; j++) {
        const r = rows[j];
        r.set(best);
        const i = free[j - 1];
        let v = clip(best[i] + step[i], i);
        if (v === best[i]) v = clip(best[i] - step[i], i); // at a bound: turn inwards
        r[i] = v;
        fv[j] = evaluate(r);
      }
      sortAll();
      recomputeSum();
    };
    /** Replaces the worst vertex by trial buffer `which` (1: t1, 2: t2), keeping the order; equal values stay ahead. */
    const accept = (p: Float64Array, value: number, which: 1 | 2): void => {
      const old = rows[m];
      for (let k = 0; k < m; k++) {
        const i = free[k];
        sum[i] += p[i] - old[i];
      }
      let k = m;
      while (k > 0 && fv[k - 1] > value) {
        rows[k] = rows[k - 1];
        fv[k] = fv[k - 1];
        k--;
      }
      rows[k] = p;
      fv[k] = value;
      if (which === 1) ws.t1 = old;
      else ws.t2 = old;
    };
    const shrink = (): void => {
      const best = rows[0];
      for (let j = 1; j <= m; j++) {
        const r = rows[j];
        for (let k = 0; k < m; k++) {
          const i = free[k];
          r[i] = clip(best[i] + 0.5 * (r[i] - best[i]), i); // inside the box (convex) but for rounding
        }
        fv[j] = evaluate(r);
      }
      sortAll();
      recomputeSum();
    };
    /**
     * Called when the vertices' values agree: evaluates the centroid of the simplex. Equal values on
     * a simplex around the minimum (a symmetric valley, a start placed symmetrically about it) are a
     * tie, not convergence, and the centroid shows it: better by more than the tolerance means go on.
     * A better centroid replaces the worst vertex either way. True when the tie is confirmed as convergence.
     */
    const centroidAgrees = (): boolean => {
      const c = ws.t1;
      const inv = 1 / (m + 1);
      for (let k = 0; k < m; k++) {
        const i = free[k];
        c[i] = clip(sum[i] * inv, i); // inside the box (convex) but for rounding
      }
      const fc = evaluate(c);
      if (!(fc < fv[0])) return true;
      const agrees = fv[0] - fc <= relTol * Math.abs(fv[0]) + absTol;
      accept(c, fc, 1);
      return agrees;
    };
    /**
     * After convergence in project mode: for each free variable whose best value is on a bound and
     * whose vertices all lie within the probe distance of it (the simplex flat on that face), evaluate
     * the best point moved the probe distance inwards. If that is better, it becomes the best vertex
     * and the answer is true (restart from it).
     */
    const probeFaces = (): boolean => {
      const best = rows[0];
      const probe = ws.t1;
      for (let k = 0; k < m; k++) {
        const i = free[k];
        const b = best[i];
        if (b !== lo[i] && b !== hi[i]) continue;
        const d = PROBE_STEP * Math.abs(step[i]);
        let flat = true;
        for (let j = 1; j <= m && flat; j++) flat = Math.abs(rows[j][i] - b) <= d;
        if (!flat) continue;
        probe.set(best);
        probe[i] = b === lo[i] ? Math.min(b + d, hi[i]) : Math.max(b - d, lo[i]);
        const fp = evaluate(probe);
        if (fp < fv[0]) {
          rows[0] = probe;
          fv[0] = fp;
          ws.t1 = best;
          return true;
        }
      }
      return false;
    };

    fv[0] = evaluate(x);
    buildSimplex();

    let iterations = 0;
    let converged = false;
    let restarts = 0;
    let faceRestarts = 0;
    let fAtStart = fv[0]; // the best value when the current run (start or restart) began
    const mInv = 1 / m;
    for (;;) {
      const fBest = fv[0];
      if (fBest === Infinity) break; // no feasible vertex: nothing to compare
      if (fv[m] - fBest <= relTol * Math.abs(fBest) + absTol && (evaluations >= maxEvaluations || centroidAgrees())) {
        if (project && faceRestarts < maxFaceRestarts && evaluations < maxEvaluations && probeFaces()) {
          faceRestarts++;
          buildSimplex();
          continue;
        }
        const gained = restarts === 0 || fAtStart - fv[0] > relTol * Math.abs(fv[0]) + absTol;
        if (restarts < maxRestarts && gained && evaluations < maxEvaluations) {
          restarts++;
          fAtStart = fv[0];
          buildSimplex();
          continue;
        }
        converged = true;
        break;
      }
      if (iterations >= maxIterations || evaluations >= maxEvaluations) break;
      iterations++;
      if (iterations % RECOMPUTE_SUM_EVERY === 0) recomputeSum();

      const worst = rows[m];
      for (let k = 0; k < m; k++) {
        const i = free[k];
        cen[i] = (sum[i] - worst[i]) * mInv;
      }
      const xr = ws.t1;
      lineTo(xr, cen, worst, 1);
      const fr = evaluate(xr);
      if (fr < fBest) {
        const xe = ws.t2;
        lineTo(xe, cen, worst, 2);
        const fe = evaluate(xe);
        if (fe < fr) accept(xe, fe, 2);
        else accept(xr, fr, 1);
      } else if (fr < fv[m - 1]) {
        accept(xr, fr, 1);
      } else {
        // Contraction: outside (towards the reflected point) if that beats the worst, else inside.
        const outside = fr < fv[m];
        const xc = ws.t2;
        lineTo(xc, cen, worst, outside ? 0.5 : -0.5);
        const fc = evaluate(xc);
        if (outside ? fc <= fr : fc < fv[m]) accept(xc, fc, 2);
        else shrink();
      }
    }

    const out = new Float64Array(n);
    out.set(rows[0]);
    return { x: out, value: fv[0], iterations, evaluations, converged };
  } finally {
    release(ws);
  }
}
