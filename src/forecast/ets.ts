/**
 * Exponential smoothing state space models with estimated parameters, ETS(error, trend, season)
 * (Hyndman, Koehler, Ord & Snyder 2008, "Forecasting with exponential smoothing: the state space
 * approach", Springer: chapter 2 for the models, 5 for estimation, 7 for model selection; Hyndman,
 * Akram & Archibald 2008 for the admissible region). The recursions, the likelihood, the bounds,
 * the starting values and the information criteria are those of R's forecast package `ets()`
 * (version 8.20: R/ets.R, src/etscalc.c, src/etsTargetFunction.cpp), so its fits can be compared
 * with R's directly (test/forecast/ets.test.ts, fixtures from scripts/forecast/make-ets-fixtures.R).
 *
 * Models: error A or M; trend N, A or Ad (damped); season N, A or M (m from 2 to 24). Per period,
 * with q = l + phi b (phi = 1 for A, b = 0 for N) and s the seasonal state of m periods ago:
 *   forecast      f = q (+ s, or * s)
 *   error         e = y - f (A) or (y - f) / f (M)
 *   level         l' = q + alpha (p - q), p = y (- s, or / s)
 *   trend         b' = phi b + (beta / alpha)(l' - l - phi b)
 *   season        s' = s + gamma (t - s), t = y - q (or y / q)
 * (the error-correction form with the ETS parameters: beta here is alpha times the beta of Holt's
 * method and of the `parameters` row; the fit reports that one).
 *
 * Estimation (R's ets(), opt.crit "lik", bounds "both"): minimise
 *   L = n log(sum e^2) (+ 2 sum log|f| for multiplicative errors)
 * over alpha, beta, gamma, phi and the initial states (l0, b0, s_0..s_(m-2); the last seasonal state
 * makes them sum to 0, or m) by Nelder-Mead (optimize.ts), within the usual bounds (alpha, beta,
 * gamma in [1e-4, 0.9999], beta <= alpha, gamma <= 1 - alpha, phi in [0.8, 0.98]) and the admissible
 * region (for seasonal models, the characteristic polynomial's roots inside the unit circle;
 * admissible() below); multiplicative seasonal states must stay >= 0. Differences from R, each
 * tested against R's fits (test/forecast/ets.test.ts: our AICc is R's or lower):
 * - beta is searched as alpha * b and gamma as (1 - alpha) * g, b and g in the box, so that the
 *   box-clipping optimiser meets beta <= alpha and gamma <= 1 - alpha as bounds;
 * - additive errors without a season: the initial states are solved by least squares at each
 *   evaluation (concentratedPlain), and the search is over the parameters only, from the best of a
 *   small grid (gridStart); multiplicative errors without a season keep those states (auto.ts fits
 *   them from the additive model's estimates);
 * - the simplex starts with steps scaled per variable, stops at 1e-3 on L (absolute), and auto.ts
 *   starts a model from a related model's optimum (warmStart);
 * - multiplicative errors need forecasts > 0 (R lets a fit drive them to 0 or below when one outlier
 *   dominates the errors).
 * Together they make a table's automatic forecasts some 60 times faster than R's (BENCHMARKS.md).
 * AICc = L + 2k + 2k(k + 1) / (n - k - 1), k the number of estimated values plus one (sigma).
 *
 * Forecasts: the state space model's point forecasts (l + phi_h b, with the seasonal state of the
 * same season); R's forecast.ets() reports the same for every model except multiplicative
 * seasonality, where its mean adds terms in sigma^2 beyond one season (negligible for planning,
 * 0.03% in AirPassengers' second season).
 */
import { minimize } from "./optimize";
import { initialStates } from "./etsInit";
import { Series } from "./types";

export type EtsError = "A" | "M";
export type EtsTrend = "N" | "A" | "Ad";
export type EtsSeason = "N" | "A" | "M";

export interface EtsSpec {
  error: EtsError;
  trend: EtsTrend;
  season: EtsSeason;
  /** Season length: 1 when season is "N", 2..24 otherwise. */
  m: number;
}

/** The largest season an ETS model takes (R's ets() ignores seasonality above 24). */
export const MAX_ETS_SEASON = 24;

/** R's ets() bounds. */
const LOWER = 1e-4;
const UPPER = 0.9999;
const PHI_LOWER = 0.8;
const PHI_UPPER = 0.98;
/** R's cap on Nelder-Mead's function evaluations (etsmodel's maxit). */
const MAX_EVALUATIONS = 2000;
const TOL = 1e-10;
const HUGE = 1e10;
/**
 * Nelder-Mead's tolerance on L, absolute: the data's units add a constant to L (2n log k for data
 * times k), so a tolerance relative to L would stop at different points for the same history in
 * other units. R stops at sqrt(eps) ~ 1.5e-8 relative; 1e-3 is about 1e-6 of L for 104 periods of
 * typical data, far below the AICc differences that choose a model, and saves a third of the
 * evaluations; the test set's accuracy is unchanged (test/forecast/ets.test.ts).
 */
const ETS_TOLERANCE = 1e-3;

/** A fit's estimates, before the last pass over the history (completeFit) that keeps every state. */
export interface EtsEstimate {
  spec: EtsSpec;
  /** ETS parameters (beta = alpha times the Holt beta); beta 0 without trend, gamma 0 without season, phi 1 unless damped. */
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** Initial states: level, trend, and the m seasonal states in R's order (s_1 .. s_m, s_m the one used first). */
  level0: number;
  trend0: number;
  season0: Float64Array;
  /** -2 log-likelihood up to a constant (R's e$lik), AICc, the number of estimated values k (with sigma). */
  lik: number;
  aicc: number;
  k: number;
}

export interface EtsFit extends EtsEstimate {
  /** One-step fitted values and errors y - fitted (in units of demand). */
  fitted: Float64Array;
  residuals: Float64Array;
  /** States after each period t = 0..n (index 0: the initial states): level, trend; seasonal states by period (see seasonAt). */
  levels: Float64Array;
  trends: Float64Array;
  /** seasons[p + m] = the seasonal state made at period p (p = -m..n-1; the first m are the initial states). */
  seasons: Float64Array;
  /** R's sigma2: sum(e^2) / (n - estimated values), e the model's errors (relative for M errors). */
  sigma2: number;
}

/** "ETS(A,Ad,N)". */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/**
 * The admissible region of a seasonal model (R's admissible(), etsTargetFunction.cpp): the easy
 * tests, then every root of
 *   z^(m+1) + (a + b - phi) z^m + (a + b - a phi) (z^(m-1) + ... + z^2) + (a + b - a phi + g - 1) z + phi (1 - a - g)
 * at most 1 + 1e-10 in modulus (a, b, g the ETS alpha, beta, gamma). R finds the roots; here the
 * Schur-Cohn test decides the same question without them.
 */
export function admissibleSeasonal(alpha: number, beta: number, gamma: number, phi: number, m: number): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  const d = 1 - 1 / phi - alpha;
  if (gamma < Math.max(d, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // Coefficients, lowest power first, of P(r z) with r = 1 + 1e-10: roots of P within r <=> roots of this within 1.
  const deg = m + 1;
  const c = new Float64Array(deg + 1);
  c[deg] = 1;
  c[deg - 1] = alpha + beta - phi;
  for (let k = 2; k <= m - 1; k++) c[k] = alpha + beta - alpha * phi;
  c[1] = alpha + beta - alpha * phi + gamma - 1;
  c[0] = phi * (1 - alpha - gamma);
  return rootsWithinUnitCircle(c, 1 + 1e-10);
}

/**
 * Whether every root of sum c[k] z^k (c[deg] != 0) has modulus < radius: the Schur-Cohn recursion
 * (Henrici 1974, Applied and Computational Complex Analysis I, section 6.8): |c0| < |cn|, then the same
 * for (cn p(z) - c0 p*(z)) / z, p* the reversed polynomial. O(deg^2), no roots computed.
 */
export function rootsWithinUnitCircle(coefficients: ArrayLike<number>, radius = 1): boolean {
  let k = coefficients.length - 1;
  const a = new Float64Array(k + 1);
  let r = 1;
  for (let i = 0; i <= k; i++) {
    a[i] = coefficients[i] * r;
    r *= radius;
  }
  const next = new Float64Array(k);
  while (k > 0) {
    const c0 = a[0];
    const cn = a[k];
    if (!(Math.abs(c0) < Math.abs(cn))) return false;
    // (cn p(z) - c0 p*(z)) / z, scaled by its leading coefficient cn^2 - c0^2 > 0.
    const lead = cn * cn - c0 * c0;
    for (let i = 0; i < k; i++) next[i] = (cn * a[i + 1] - c0 * a[k - 1 - i]) / lead;
    for (let i = 0; i < k; i++) a[i] = next[i];
    k--;
  }
  return true;
}

/**
 * The likelihood L of the model on y with these ETS parameters and initial states (season0 in R's
 * order, m values), or NaN when a forecast is not a finite number. With `out`, also the fitted
 * values, residuals and states by period.
 */
function filter(
  y: Series,
  spec: EtsSpec,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  season0: ArrayLike<number>,
  ring: Float64Array,
  out?: EtsFit,
): number {
  const n = y.length;
  const m = spec.m;
  const hasTrend = spec.trend !== "N";
  const addSeason = spec.season === "A";
  const mulSeason = spec.season === "M";
  const seasonal = addSeason || mulSeason;
  const mulError = spec.error === "M";
  const bRatio = hasTrend ? beta / alpha : 0;
  // ring[j] is the seasonal state used next (m periods ago): R's s_m first.
  if (seasonal) for (let i = 0; i < m; i++) ring[i] = season0[m - 1 - i];
  if (out) {
    for (let i = 0; i < m && seasonal; i++) out.seasons[i] = ring[i];
    out.levels[0] = level0;
    out.trends[0] = trend0;
  }
  let l = level0;
  let b = hasTrend ? trend0 : 0;
  let j = 0;
  let sse = 0;
  let logs = 0;
  for (let t = 0; t < n; t++) {
    const phib = hasTrend ? phi * b : 0;
    const q = l + phib;
    const s = seasonal ? ring[j] : 0;
    const f = addSeason ? q + s : mulSeason ? q * s : q;
    const x = y[t];
    const e = mulError ? (x - f) / f : x - f;
    if (!(e - e === 0) || (mulError && f <= 0)) return NaN; // f not finite; or not > 0 with multiplicative errors
    sse += e * e;
    if (mulError) logs += Math.log(Math.abs(f));
    const p = addSeason ? x - s : mulSeason ? (Math.abs(s) < TOL ? HUGE : x / s) : x;
    const level = q + alpha * (p - q);
    if (hasTrend) b = phib + bRatio * (level - l - phib);
    if (seasonal) {
      const z = addSeason ? x - q : Math.abs(q) < TOL ? HUGE : x / q;
      ring[j] = s + gamma * (z - s);
      if (out) out.seasons[t + m] = ring[j];
      if (++j === m) j = 0;
    }
    l = level;
    if (out) {
      out.fitted[t] = f;
      out.residuals[t] = x - f;
      out.levels[t + 1] = l;
      out.trends[t + 1] = b;
    }
  }
  let lik = n * Math.log(sse);
  if (mulError) lik += 2 * logs;
  if (out) out.sigma2 = sse;
  return Math.max(lik, -1e10); // R: "avoid perfect fits"
}

/**
 * filter()'s likelihood for a non-seasonal model, without the outputs: the optimiser's inner loop
 * (some 500 runs a fit). The same recursions in error-correction form, carrying the forecast f and
 * the trend's next increment d = phi b: with u = y - f (the level's update is l + phi b + alpha u
 * and the trend's phi b + beta u, beta the ETS beta),
 *   f' = f + phi d + (alpha + phi beta) u,   d' = phi d + phi beta u,
 * which shortens the chain of dependent operations from one period to the next (the loop is bound
 * by that latency, not by the operation count).
 */
function filterPlain(y: Series, mulError: boolean, alpha: number, bRatio: number, phi: number, level0: number, trend0: number): number {
  const n = y.length;
  const beta = alpha * bRatio;
  const c1 = alpha + phi * beta;
  const c2 = phi * beta;
  let d = phi * trend0;
  let f = level0 + d;
  let sse = 0;
  let logs = 0;
  let prod = 1; // product of |f| since the last log: one Math.log per ~100 periods, not per period
  for (let t = 0; t < n; t++) {
    const u = y[t] - f;
    const e = mulError ? u / f : u;
    if (!(e - e === 0) || (mulError && f <= 0)) return NaN;
    sse += e * e;
    if (mulError) {
      prod *= f < 0 ? -f : f;
      if (prod > 1e100 || prod < 1e-100) {
        logs += Math.log(prod);
        prod = 1;
      }
    }
    f = f + phi * d + c1 * u;
    d = phi * d + c2 * u;
  }
  const lik = n * Math.log(sse) + (mulError ? 2 * (logs + Math.log(prod)) : 0);
  return Math.max(lik, -1e10);
}

/**
 * The likelihood of a non-seasonal model with additive errors at its best initial states, which it
 * also returns (states[0] = l0, states[1] = b0). The one-step errors are linear in (l0, b0): the
 * filter started from 0 gives errors u~, and the states' effect on the forecast follows the
 * homogeneous recursion (u = -f): e = u~ - a l0 - c b0. So sum e^2 is least squares in (l0, b0),
 * solved exactly per evaluation (Hyndman et al. 2008, section 5.2: the initial states of a linear
 * model are a regression given the parameters), and Nelder-Mead searches alpha, beta and phi only:
 * a third of the evaluations of the joint search, to the same or a lower optimum. When the states
 * cannot be told apart (alpha near 1 forgets them at once), b0 is 0 and l0 alone is fitted.
 */
function concentratedPlain(y: Series, alpha: number, bRatio: number, phi: number, hasTrend: boolean, states: Float64Array): number {
  const n = y.length;
  const beta = alpha * bRatio;
  const c1 = alpha + phi * beta;
  const c2 = phi * beta;
  const k1 = 1 - c1;
  let f = 0; // the filter from zero states
  let d = 0;
  let fa = 1; // the forecast's response to l0 = 1 (and its trend part)
  let da = 0;
  let fc = phi; // ... to b0 = 1
  let dc = phi;
  let suu = 0;
  let saa = 0;
  let sac = 0;
  let scc = 0;
  let sau = 0;
  let scu = 0;
  for (let t = 0; t < n; t++) {
    const u = y[t] - f;
    suu += u * u;
    saa += fa * fa;
    sau += fa * u;
    if (hasTrend) {
      sac += fa * fc;
      scc += fc * fc;
      scu += fc * u;
      const fc1 = k1 * fc + phi * dc;
      dc = phi * dc - c2 * fc;
      fc = fc1;
    }
    f = f + phi * d + c1 * u;
    d = phi * d + c2 * u;
    const fa1 = k1 * fa + phi * da;
    da = phi * da - c2 * fa;
    fa = fa1;
  }
  let l0 = sau / saa;
  let b0 = 0;
  let sse = suu - l0 * sau;
  const det = saa * scc - sac * sac;
  if (hasTrend && det > 1e-10 * saa * scc) {
    l0 = (scc * sau - sac * scu) / det;
    b0 = (saa * scu - sac * sau) / det;
    sse = suu - l0 * sau - b0 * scu;
  }
  states[0] = l0;
  states[1] = b0;
  if (!(sse - sse === 0) || !(l0 - l0 === 0) || !(b0 - b0 === 0)) return NaN;
  return Math.max(n * Math.log(Math.max(sse, 0)), -1e10);
}

/** Estimated values of the model: alpha, beta?, gamma?, phi? and the states l0, b0?, s_0..s_(m-2). */
export function estimatedCount(spec: EtsSpec): number {
  const hasTrend = spec.trend !== "N";
  const seasonal = spec.season !== "N";
  return 1 + (hasTrend ? 1 : 0) + (seasonal ? 1 : 0) + (spec.trend === "Ad" ? 1 : 0) + 1 + (hasTrend ? 1 : 0) + (seasonal ? spec.m - 1 : 0);
}

/**
 * Fits the model to y (no blanks, finite; positive for multiplicative errors or season). Undefined
 * when there are too few periods for it (R: estimated values >= n - 1) or no admissible fit was
 * found. `warm`: a related model's fit to start from (warmStart); otherwise R's starting values.
 */
export function estimateEts(y: Series, spec: EtsSpec, warm?: EtsEstimate): EtsEstimate | undefined {
  const n = y.length;
  const { m } = spec;
  const hasTrend = spec.trend !== "N";
  const damped = spec.trend === "Ad";
  const seasonal = spec.season !== "N";
  const mulSeason = spec.season === "M";
  const np = estimatedCount(spec);
  if (np >= n - 1 || (seasonal && (m < 2 || m > MAX_ETS_SEASON || n < 4))) return undefined;

  const init = initialStates(y, hasTrend, seasonal ? m : 1, mulSeason);
  // Variables: alpha, b (beta = alpha b), g (gamma = (1 - alpha) g), phi, l0, b0, s_0..s_(m-2).
  const iB = 1;
  const iG = 2;
  const iPhi = 3;
  const iL = 4;
  const iT = 5;
  const iS = 6;
  const nv = iS + (seasonal ? m - 1 : 0);
  const x0 = new Float64Array(nv);
  const lower = new Float64Array(nv);
  const upper = new Float64Array(nv);
  const steps = new Float64Array(nv);
  // R's initparam(): alpha 0.2 (/ m for seasonal models) of the way up, beta 0.1 of the way to alpha,
  // gamma 0.05 of the way to 1 - alpha, phi 0.99 of the way up.
  const alpha0 = LOWER + (0.2 * (UPPER - LOWER)) / (seasonal ? m : 1);
  x0[0] = alpha0;
  lower[0] = LOWER;
  upper[0] = UPPER;
  const fix = (i: number, v: number): void => {
    x0[i] = lower[i] = upper[i] = v;
  };
  if (hasTrend) {
    const beta0 = LOWER + 0.1 * (Math.min(UPPER, alpha0) - LOWER);
    x0[iB] = beta0 / alpha0;
    lower[iB] = LOWER;
    upper[iB] = 1;
  } else fix(iB, 0);
  if (seasonal) {
    const gamma0 = LOWER + 0.05 * (Math.min(UPPER, 1 - alpha0) - LOWER);
    x0[iG] = gamma0 / (1 - alpha0);
    lower[iG] = LOWER;
    upper[iG] = UPPER;
  } else fix(iG, 0);
  if (damped) {
    x0[iPhi] = PHI_LOWER + 0.99 * (PHI_UPPER - PHI_LOWER);
    lower[iPhi] = PHI_LOWER;
    upper[iPhi] = PHI_UPPER;
  } else fix(iPhi, 1);
  // The states: unbounded, steps on the scale of the data.
  let scale = 0;
  for (let t = 0; t < n; t++) scale += Math.abs(y[t]);
  scale = scale / n || 1;
  x0[iL] = init.level;
  lower[iL] = -Infinity;
  upper[iL] = Infinity;
  if (hasTrend) {
    x0[iT] = init.trend;
    lower[iT] = -Infinity;
    upper[iT] = Infinity;
  } else fix(iT, 0);
  for (let i = 0; i < m - 1 && seasonal; i++) {
    x0[iS + i] = init.season[i];
    lower[iS + i] = -Infinity;
    upper[iS + i] = Infinity;
  }
  if (warm !== undefined) warmStart(warm, spec, x0, lower, upper);
  for (let i = 0; i < nv; i++) {
    if (lower[i] === upper[i]) continue;
    if (i < iL) steps[i] = 0.1 * (upper[i] - lower[i]);
    else if (i === iL) steps[i] = 0.1 * Math.max(Math.abs(x0[i]), scale);
    else if (i === iT) steps[i] = 0.1 * Math.max(Math.abs(x0[i]), scale / n);
    else steps[i] = mulSeason ? 0.05 : 0.1 * Math.max(Math.abs(x0[i]), 0.1 * scale);
  }

  // Additive errors without a season: the states are solved per evaluation (concentratedPlain).
  const concentrate = !seasonal && spec.error === "A";
  const solved = new Float64Array(2);
  // Multiplicative errors without a season, started from the additive model's fit: its initial
  // states (least squares, above) are kept and only the parameters searched; the states' likelihood
  // is flat near there, and searching them too costs half the evaluations of a table's fits (for the
  // same accuracy on the test set).
  const keepStates = !seasonal && spec.error === "M" && warm !== undefined && warm.spec.error === "A";
  if (concentrate || keepStates) {
    lower[iL] = upper[iL] = x0[iL];
    lower[iT] = upper[iT] = x0[iT];
    steps[iL] = steps[iT] = 0;
  }
  const ring = new Float64Array(Math.max(m, 1));
  const season0 = new Float64Array(Math.max(m, 1));
  /** Fills season0 (R's s_1..s_m) from the variables; false when a multiplicative state is negative. */
  const seasonFrom = (x: ArrayLike<number>): boolean => {
    if (!seasonal) return true;
    let sum = 0;
    for (let i = 0; i < m - 1; i++) {
      season0[i] = x[iS + i];
      sum += x[iS + i];
    }
    season0[m - 1] = (mulSeason ? m : 0) - sum;
    if (mulSeason) for (let i = 0; i < m; i++) if (season0[i] < 0) return false;
    return true;
  };
  const target = (x: Float64Array): number => {
    const alpha = x[0];
    const beta = alpha * x[iB];
    const gamma = (1 - alpha) * x[iG];
    if (seasonal && !admissibleSeasonal(alpha, beta, gamma, x[iPhi], m)) return Infinity;
    if (!seasonFrom(x)) return Infinity;
    const lik = seasonal
      ? filter(y, spec, alpha, beta, gamma, x[iPhi], x[iL], x[iT], season0, ring)
      : concentrate
        ? concentratedPlain(y, alpha, x[iB], x[iPhi], hasTrend, solved)
        : filterPlain(y, true, alpha, x[iB], x[iPhi], x[iL], x[iT]);
    return Number.isNaN(lik) ? Infinity : lik;
  };
  if (concentrate) gridStart(target, x0, iB, hasTrend);
  const best = minimize(target, x0, {
    lower,
    upper,
    steps,
    maxEvaluations: MAX_EVALUATIONS,
    tolerance: 0,
    absoluteTolerance: ETS_TOLERANCE,
  });
  if (!Number.isFinite(best.value)) return undefined;

  const x = best.x;
  const alpha = x[0];
  if (concentrate) {
    concentratedPlain(y, alpha, x[iB], x[iPhi], hasTrend, solved);
    x[iL] = solved[0];
    x[iT] = solved[1];
  }
  seasonFrom(x);
  const k = np + 1;
  // The optimiser's value is the likelihood at x (the states solved, for a concentrated model).
  return {
    spec,
    alpha,
    beta: alpha * x[iB],
    gamma: (1 - alpha) * x[iG],
    phi: x[iPhi],
    level0: x[iL],
    trend0: x[iT],
    season0: season0.slice(0, seasonal ? m : 0),
    lik: best.value,
    aicc: best.value + 2 * k + (2 * k * (k + 1)) / (n - k - 1),
    k,
  };
}

/** The fit with every state, fitted value and residual: one pass of runEts with the estimates. */
export function completeFit(y: Series, e: EtsEstimate): EtsFit {
  const n = y.length;
  const fit = runEts(y, e.spec, e.alpha, e.beta, e.gamma, e.phi, e.level0, e.trend0, e.season0);
  const np = e.k - 1;
  fit.k = e.k;
  fit.sigma2 = (fit.sigma2 * n) / (n - np); // R: sum(e^2) / (n - length(par))
  fit.aicc = fit.lik + 2 * e.k + (2 * e.k * (e.k + 1)) / (n - e.k - 1);
  return fit;
}

/** estimateEts and completeFit: a model fitted to y, every state kept. */
export function fitEts(y: Series, spec: EtsSpec, warm?: EtsEstimate): EtsFit | undefined {
  const e = estimateEts(y, spec, warm);
  return e === undefined ? undefined : completeFit(y, e);
}

/**
 * The model with these ETS parameters and initial states (season0: R's s_1..s_m, m values) run over
 * y, every state kept: a fit's last pass, and the given-parameter methods' state space form (for
 * their lead-time errors). k is 0 (nothing estimated) and sigma2 the plain mean of e^2; fitEts sets both.
 */
export function runEts(
  y: Series,
  spec: EtsSpec,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  season0: ArrayLike<number>,
): EtsFit {
  const n = y.length;
  const m = spec.season === "N" ? 0 : spec.m;
  const fit: EtsFit = {
    spec,
    alpha,
    beta,
    gamma,
    phi,
    level0,
    trend0,
    season0: Float64Array.from({ length: m }, (_, i) => season0[i]),
    lik: 0,
    aicc: Infinity,
    k: 0,
    fitted: new Float64Array(n),
    residuals: new Float64Array(n),
    levels: new Float64Array(n + 1),
    trends: new Float64Array(n + 1),
    seasons: new Float64Array(m === 0 ? 0 : n + m),
    sigma2: 0,
  };
  fit.lik = filter(y, spec, alpha, beta, gamma, phi, level0, trend0, season0, new Float64Array(Math.max(m, 1)), fit);
  fit.sigma2 /= n;
  return fit;
}

/**
 * Starts a fit from a related model's optimum (auto.ts fits ETS(A,A,N) before ETS(A,Ad,N) and
 * ETS(M,A,N), say): the shared parameters and states, clipped into this model's box; the rest keep
 * R's starting values. The same simplex steps follow, so the search still looks around.
 */
function warmStart(warm: EtsEstimate, spec: EtsSpec, x0: Float64Array, lower: Float64Array, upper: Float64Array): void {
  const clip = (i: number, v: number): void => {
    if (lower[i] < upper[i] && Number.isFinite(v)) x0[i] = Math.min(Math.max(v, lower[i]), upper[i]);
  };
  const w = warm.spec;
  clip(0, warm.alpha);
  if (w.trend !== "N") clip(1, warm.beta / warm.alpha);
  if (w.season !== "N" && spec.season !== "N") clip(2, warm.gamma / (1 - warm.alpha));
  if (w.trend === "Ad") clip(3, warm.phi);
  clip(4, warm.level0);
  if (w.trend !== "N") clip(5, warm.trend0);
  if (w.season === spec.season && w.m === spec.m) for (let i = 0; i < spec.m - 1; i++) clip(6 + i, warm.season0[i]);
}

/**
 * A concentrated model's search is over alpha and b (= beta / alpha) only, cheap enough to look
 * before starting: the best of R's (or the warm) start and a 3 x 3 grid of alpha and b (3 alphas
 * without a trend) becomes Nelder-Mead's start. The likelihood can have a basin in each corner
 * (uspop: alpha = beta = 1 and alpha = 1, beta = 0), and the simplex stays in the one it starts in.
 */
function gridStart(target: (x: Float64Array) => number, x0: Float64Array, iB: number, hasTrend: boolean): void {
  const trial = Float64Array.from(x0);
  let best = target(trial);
  let alpha = x0[0];
  let b = x0[iB];
  for (const a of GRID) {
    for (const bb of hasTrend ? GRID : [x0[iB]]) {
      trial[0] = a;
      trial[iB] = bb;
      const v = target(trial);
      if (v < best) {
        best = v;
        alpha = a;
        b = bb;
      }
    }
  }
  x0[0] = alpha;
  x0[iB] = b;
}

const GRID = [0.1, 0.5, 0.9];

/** phi + phi^2 + ... + phi^h (h for phi = 1). */
export function dampSum(phi: number, h: number): number {
  if (phi === 1) return h;
  let s = 0;
  let p = 1;
  for (let i = 0; i < h; i++) {
    p *= phi;
    s += p;
  }
  return s;
}

/**
 * The forecast of period origin + k (k = 0, 1, ...) made after period origin - 1, from the states
 * stored by the fit (origin = n: the forecasts beyond the history).
 */
export function etsForecastAt(fit: EtsFit, origin: number, k: number, damp = dampSum(fit.phi, k + 1)): number {
  const { spec } = fit;
  const l = fit.levels[origin];
  const b = fit.trends[origin];
  let f = spec.trend === "N" ? l : l + damp * b;
  if (spec.season !== "N") {
    const m = spec.m;
    const p = origin + k - m * (Math.floor(k / m) + 1); // the last period of the same season before the origin
    const s = fit.seasons[p + m];
    f = spec.season === "A" ? f + s : f * s;
  }
  return f;
}

/** The next `horizon` forecasts after the history (the damping sum carried along: O(horizon)). */
export function etsForecasts(fit: EtsFit, horizon: number): Float64Array {
  const n = fit.fitted.length;
  const out = new Float64Array(horizon);
  let damp = 0;
  let p = 1;
  for (let k = 0; k < horizon; k++) {
    p *= fit.phi;
    damp += fit.phi === 1 ? 1 : p;
    out[k] = etsForecastAt(fit, n, k, damp);
  }
  return out;
}
