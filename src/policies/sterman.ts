/**
 * Sterman's (1989) anchoring and adjustment, the beer game's human ordering:
 * O = max(0, Le + alphaS (S' - S - beta SL)), Le smoothed with weight theta.
 */
import { FMT } from "../workbook/styles";
import { atLeast } from "../workbook/validation";
import type { PolicyDefinition, PolicyRow } from "./definition";
import { INITIAL_FORECAST, smoothingFormula } from "./rows";

export interface StermanPolicy {
  type: "sterman";
  alphaS: number;
  beta: number;
  theta: number;
  /** S', the desired stock (Sterman 1989). */
  desiredInventory: number;
  /** Expected demand before any observation (default: the stage's demand mean). */
  initialForecast?: number;
}

/** O = max(0, Le + alphaS (S' - S - beta SL)), S the effective inventory onHand - backlog, SL the supply line. */
export function stermanOrder(
  expectedDemand: number,
  alphaS: number,
  desiredInventory: number,
  effectiveInventory: number,
  beta: number,
  supplyLine: number,
): number {
  const o = expectedDemand + alphaS * (desiredInventory - effectiveInventory - beta * supplyLine);
  return o > 0 ? o : 0;
}

type P = StermanPolicy;

const row = (
  key: string,
  label: string,
  help: string,
  value: (p: P) => number,
  min: number,
  max: number,
  numFmt: string,
): PolicyRow<P> => ({
  key,
  label,
  help,
  kind: "input",
  value,
  validation: () => atLeast(min, label.replace("Sterman ", ""), max),
  numFmt,
});

export const sterman: PolicyDefinition<P> = {
  type: "sterman",
  label: "Sterman (beer game)",
  describe: () => "Sterman anchoring and adjustment",
  schema: {
    required: ["alphaS", "beta", "theta", "desiredInventory"],
    properties: {
      alphaS: { type: "number", minimum: 0, maximum: 1 },
      beta: { type: "number", minimum: 0, maximum: 1 },
      theta: { type: "number", minimum: 0, maximum: 1 },
      desiredInventory: { type: "number" },
      initialForecast: { type: "number", minimum: 0 },
    },
  },
  // Le is exponential smoothing with weight theta; the rule reads alphaS, beta and S'.
  resolve: (p, d) => ({
    z: 0,
    knownMean: d.mean,
    knownSd: d.sd,
    initialForecast: p.initialForecast ?? d.mean,
    forecast: "exp-smoothing",
    alpha: p.theta,
    window: 1,
    sampleSigma: false,
    keepsWindow: false,
    echelon: false,
    params: [p.alphaS, p.beta, p.desiredInventory, 0],
  }),
  inputs: () => [
    INITIAL_FORECAST,
    row("AlphaS", "Sterman alpha S", "fraction of the stock gap ordered each period", (p) => p.alphaS, 0, 1, FMT.ratio),
    row("Beta", "Sterman beta", "weight of the supply line", (p) => p.beta, 0, 1, FMT.ratio),
    row("Theta", "Sterman theta", "smoothing weight of the newest demand", (p) => p.theta, 0, 1, FMT.ratio),
    row("DesiredInventory", "Sterman desired stock S'", "target effective inventory", (p) => p.desiredInventory, -1e15, 1e15, FMT.asTyped),
  ],
  derived: () => [],
  sheet: {
    forecast: (_p, x) => smoothingFormula(x, "Theta"),
    target: (_p, x) => x.n("DesiredInventory"),
    order: (_p, x) =>
      `MAX(0,${x.cur("forecast")}+${x.n("AlphaS")}*(${x.n("DesiredInventory")}-(${x.cur("onHand")}-${x.cur("backlog")})-${x.n("Beta")}*${x.cur("supplyLine")}))`,
  },
  fields: [
    {
      key: "alphaS",
      label: "Weight on stock gap (alpha S)",
      hint: "Share of the stock gap ordered each period, 0 to 1.",
      start: () => 0.3,
    },
    { key: "beta", label: "Supply line weight (beta)", hint: "How much of the supply line is counted, 0 to 1.", start: () => 0.15 },
    { key: "theta", label: "Forecast weight (theta)", hint: "Weight of the latest demand in the forecast, 0 to 1.", start: () => 0.25 },
    { key: "desiredInventory", label: "Desired stock (S')", start: (m) => Math.round(m * 4) },
  ],
};
