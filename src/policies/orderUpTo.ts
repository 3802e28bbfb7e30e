/**
 * Order-up-to: S = C F + z sqrt(C) sigma over the protection period C, from a moving-average,
 * exponential-smoothing or known forecast; the order is S - IP.
 */
import { normInv } from "../stats/normal";
import { FMT } from "../workbook/styles";
import type { ForecastMethod, PolicyDefinition, PolicyRow } from "./definition";
import { ALPHA, INITIAL_FORECAST, KNOWN_MEAN, KNOWN_SD, SERVICE_LEVEL, smoothingFormula, WINDOW } from "./rows";

export interface OrderUpToPolicy {
  type: "order-up-to";
  /** Default "moving-average". */
  forecast?: ForecastMethod;
  /** Moving-average window p, and the window of the sample sd (default 4). */
  window?: number;
  /** Exponential-smoothing weight (default 0.3). */
  alpha?: number;
  /** Cycle service level; z = normInv(serviceLevel), exactly 0 at 0.5 (default 0.95). */
  serviceLevel?: number;
  /** sigma_hat: "sample" sd of the demand signal over the last `window` periods (default), or "known". */
  sigma?: "sample" | "known";
  /** Known mean (forecast "known") and sd (sigma "known"); default: the stage's demand mean and sd. */
  mean?: number;
  sd?: number;
  /** Forecast before any observation: the value that pre-fills the window (default: stage demand mean). */
  initialForecast?: number;
}

export type OrderUpToNormalized = OrderUpToPolicy &
  Required<Pick<OrderUpToPolicy, "forecast" | "window" | "alpha" | "serviceLevel" | "sigma">>;

/**
 * Order-up-to level S = C F + (z sqrt(C)) sigma: the forecast per period F over the protection
 * period C plus the safety term; zSqrtC = z sqrt(C) is a constant of the stage (exactly 0 when z = 0).
 * The order is S - IP.
 */
export function orderUpToLevel(forecast: number, coverage: number, zSqrtC: number, sigma: number): number {
  return coverage * forecast + zSqrtC * sigma;
}

type P = OrderUpToNormalized;

const DERIVED: PolicyRow<P>[] = [
  { key: "SqrtCoverage", label: "sqrt(C)", help: "", kind: "derived", formula: (n) => `SQRT(${n("Coverage")})`, numFmt: FMT.ratio },
  {
    key: "Z",
    label: "Safety factor z",
    help: "exactly 0 at service level 0.5",
    kind: "derived",
    formula: (n) => `IF(${n("ServiceLevel")}=0.5,0,NORM.S.INV(${n("ServiceLevel")}))`,
    numFmt: FMT.ratio,
  },
  {
    key: "ZSqrtCoverage",
    label: "z sqrt(C)",
    help: "safety stock per unit of sigma",
    kind: "derived",
    formula: (n) => `${n("Z")}*${n("SqrtCoverage")}`,
    numFmt: FMT.ratio,
  },
];

const keepsWindow = (p: P) => p.forecast === "moving-average" || p.sigma === "sample";

export const orderUpTo: PolicyDefinition<P> = {
  type: "order-up-to",
  label: "Order-up-to",
  describe: (p) => `order-up-to, ${p.forecast} forecast, ${p.sigma === "sample" ? "sample" : "known"} sd`,
  schema: {
    properties: {
      forecast: { enum: ["moving-average", "exp-smoothing", "known"], default: "moving-average" },
      window: { type: "integer", minimum: 1, maximum: 1000, default: 4 },
      alpha: { type: "number", exclusiveMinimum: 0, maximum: 1, default: 0.3 },
      serviceLevel: { $ref: "#/definitions/serviceLevel", default: 0.95 },
      sigma: { enum: ["sample", "known"], default: "sample" },
      mean: { type: "number", minimum: 0 },
      sd: { type: "number", minimum: 0 },
      initialForecast: { type: "number", minimum: 0 },
    },
  },
  check: (p) =>
    p.sigma === "sample" && p.window < 2 && p.serviceLevel !== 0.5
      ? `window must be at least 2 when sigma is "sample" and serviceLevel is not 0.5 (sample sd needs two values); got ${p.window}`
      : null,
  resolve: (p, d) => {
    const z = normInv(p.serviceLevel);
    return {
      z,
      knownMean: p.mean ?? d.mean,
      knownSd: p.sd ?? d.sd,
      initialForecast: p.initialForecast ?? d.mean,
      forecast: p.forecast,
      alpha: p.alpha,
      window: p.window,
      // At z = 0 the target has no safety term: no sd is estimated.
      sampleSigma: p.sigma === "sample" && z !== 0,
      keepsWindow: keepsWindow(p),
      echelon: false,
      params: [0, 0, 0, 0],
    };
  },
  inputs: (p) => [
    ...(keepsWindow(p) ? [WINDOW] : []),
    ...(p.forecast === "exp-smoothing" ? [ALPHA] : []),
    SERVICE_LEVEL,
    ...(p.forecast === "known" ? [KNOWN_MEAN] : []),
    ...(p.sigma === "known" ? [KNOWN_SD] : []),
    ...(keepsWindow(p) || p.forecast === "exp-smoothing" ? [INITIAL_FORECAST] : []),
  ],
  derived: () => DERIVED,
  sheet: {
    forecast: (p, x) =>
      p.forecast === "moving-average"
        ? `AVERAGE(${x.window})`
        : p.forecast === "exp-smoothing"
          ? smoothingFormula(x, "Alpha")
          : x.n("KnownMean"),
    // The engine estimates sigma only when z != 0 (at z = 0 the target has no safety term).
    sigma: (p, x) => (p.sigma === "sample" ? `IF(${x.n("Z")}=0,0,STDEV.S(${x.window}))` : x.n("KnownSd")),
    // S = C F + (z sqrt(C)) sigma; at z = 0 the safety term is exactly 0.
    target: (_p, x) => `${x.n("Coverage")}*${x.cur("forecast")}+${x.n("ZSqrtCoverage")}*${x.cur("sigma")}`,
    order: (_p, x) => `${x.cur("target")}-${x.cur("position")}`,
  },
  fields: [
    { key: "forecast", label: "Forecast method", choices: ["moving-average", "exp-smoothing"] },
    { key: "window", label: "Window (p periods)", integer: true, hint: "Periods averaged; also the spread of demand." },
    { key: "alpha", label: "Smoothing (alpha)", hint: "Weight of the latest demand, above 0 and at most 1." },
    { key: "serviceLevel", label: "Service level", hint: "Chance of no stock-out in a cycle, e.g. 0.95." },
  ],
};
