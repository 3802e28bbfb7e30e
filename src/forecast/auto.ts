/**
 * method "auto" (ARCHITECTURE.md section 6.6): the model a planner would pick, per series.
 * - A constant history (all zeros included): its value, flat (R's ets() returns ses with alpha
 *   0.99999 for a constant series).
 * - Intermittent demand, ADI > 1.32 (Syntetos, Boylan & Croston 2005's cut-off; demand >= 0): SBA
 *   with alpha estimated (estimate.ts), the method their study found best for such series.
 * - Otherwise the ETS model with the lowest AICc among those R's ets() considers by default
 *   (Hyndman et al. 2008, chapter 7): errors A and M, trends N, A and Ad, seasons N, A and M, without
 *   the unstable ETS(A,*,M); multiplicative ones only for data > 0; seasonal ones only for a season
 *   of 2 to 24 periods and at least two full seasons plus two periods.
 * - At most 6 periods (R's ets(): fewer than the smallest model's values + 4): SES with alpha
 *   fitted by least squares and l0 = y1, rather than R's choice between SES and Holt (a trend read
 *   from six points is the wild forecast a planner cannot use).
 */
import { ADI_CUTOFF } from "../classify/demandClass";
import { completeFit, EtsEstimate, EtsFit, EtsSpec, EtsTrend, estimateEts, MAX_ETS_SEASON } from "./ets";
import { estimateIntermittent } from "./estimate";
import { forecastGiven } from "./given";
import { FittedModel } from "./model";
import { minimize } from "./optimize";
import { etsModel, resultModel } from "./summary";
import { checkSeries, Series } from "./types";

/** Histories this short get SES (R's ets() does not optimise below 7 periods either). */
export const TINY_SERIES = 6;
const TRENDS: readonly EtsTrend[] = ["N", "A", "Ad"];

/** ADI of a non-negative history with some demand: periods up to the last demand / demands; undefined if any value is negative or all are 0. */
function adi(y: Series): number | undefined {
  let k = 0;
  let last = -1;
  for (let t = 0; t < y.length; t++) {
    if (y[t] < 0) return undefined;
    if (y[t] !== 0) {
      k++;
      last = t;
    }
  }
  return k === 0 ? undefined : (last + 1) / k;
}

/** The ETS models auto compares for this history. */
export function autoCandidates(y: Series, m: number): EtsSpec[] {
  const n = y.length;
  let positive = true;
  for (let t = 0; t < n; t++) if (!(y[t] > 0)) positive = false;
  const seasonal = m >= 2 && m <= MAX_ETS_SEASON && n >= 2 * m + 2;
  const out: EtsSpec[] = [];
  for (const error of positive ? (["A", "M"] as const) : (["A"] as const)) {
    for (const trend of TRENDS) {
      for (const season of seasonal ? (["N", "A", "M"] as const) : (["N"] as const)) {
        if (error === "A" && season === "M") continue; // restricted: infinite forecast variance
        if (season === "M" && !positive) continue;
        out.push({ error, trend, season, m: season === "N" ? 1 : m });
      }
    }
  }
  return out;
}

/**
 * The model whose optimum starts each fit (fitEts's warm start): the same model with additive
 * errors (a non-seasonal one then keeps its least-squares initial states), else with the trend
 * undamped. Saves most of the likelihood evaluations, at no cost in accuracy on the test set
 * (test/forecast/ets.test.ts).
 */
function warmKey(spec: EtsSpec): string | undefined {
  if (spec.error === "M" && spec.season !== "M") return key({ ...spec, error: "A" });
  if (spec.trend === "Ad") return key({ ...spec, trend: "A" });
  return undefined;
}

export const key = (spec: EtsSpec): string => spec.error + spec.trend + spec.season;

/** Every candidate's fit (autoCandidates), keyed "MAdN" (error, trend, season), each warm-started as warmKey says. */
export function fitCandidates(y: Series, m: number): Map<string, EtsEstimate> {
  const fits = new Map<string, EtsEstimate>();
  for (const spec of autoCandidates(y, m)) {
    const from = warmKey(spec);
    const fit = estimateEts(y, spec, from === undefined ? undefined : fits.get(from));
    if (fit !== undefined) fits.set(key(spec), fit);
  }
  return fits;
}

/** The ETS fit with the lowest AICc, or undefined when none fits. */
export function bestEts(y: Series, m: number): EtsFit | undefined {
  let best: EtsEstimate | undefined;
  for (const fit of fitCandidates(y, m).values()) {
    if (Number.isFinite(fit.aicc) && (best === undefined || fit.aicc < best.aicc)) best = fit;
  }
  return best === undefined ? undefined : completeFit(y, best);
}

/** SES with alpha by least squares (l0 = y1): the tiny-history model, and the fallback. */
function leastSquaresSes(y: Series, alphaIfConstant?: number): FittedModel {
  let alpha = alphaIfConstant;
  if (alpha === undefined) {
    const p = new Float64Array(1);
    const best = minimize(
      (x) => {
        p[0] = x[0];
        const r = forecastGiven("ses", y, 1, { parameters: p });
        let s = 0;
        for (let t = 0; t < y.length; t++) s += r.residuals[t] * r.residuals[t];
        return s;
      },
      [0.5],
      { lower: [1e-4], upper: [0.9999], maxEvaluations: 200 },
    );
    alpha = best.x[0];
  }
  const parameters = [alpha];
  const result = forecastGiven("ses", y, 1, { parameters });
  const forecast = (h: number): Float64Array => forecastGiven("ses", y, h, { parameters }).forecasts;
  return resultModel(result, y, { alpha }, alphaIfConstant === undefined ? 1 : 0, forecast, {
    linear: { alpha, beta: 0, gamma: 0, phi: 1, m: 1 },
  });
}

export function autoForecast(y: Series, m: number): FittedModel {
  checkSeries(y, 1, "auto");
  const n = y.length;
  let constant = true;
  for (let t = 1; t < n; t++) if (y[t] !== y[0]) constant = false;
  if (constant) return leastSquaresSes(y, 0.99999);
  const a = adi(y);
  if (a !== undefined && a > ADI_CUTOFF) return estimateIntermittent("sba", y);
  if (n <= TINY_SERIES) return leastSquaresSes(y);
  const best = bestEts(y, m);
  return best === undefined ? leastSquaresSes(y) : etsModel(best, y);
}
