/**
 * The headline of a build, shown beside the Build button: the bullwhip of the top stage (the most
 * upstream stage of a serial chain, the DC of a 1-N network) and the total cost of the baseline,
 * and, when scenarios are compared, the one with the lowest total cost. The figures are the engine's
 * Monte Carlo means (the Results sheet has them all, with confidence intervals).
 */
import type { Result } from "../../src/sim/types";

export interface ScenarioFigures {
  label: string;
  /** The top stage's name and its bullwhip ratio (mean over replications). */
  topStage: string;
  bullwhip: number;
  /** The network's total cost, summed over the measured periods (periods - warmup), mean over replications. */
  totalCost: number;
  measuredPeriods: number;
}

export interface Headline {
  baseline: ScenarioFigures;
  /** Every compared scenario, baseline first. */
  scenarios: ScenarioFigures[];
  /** The compared scenario with the lowest total cost (null when only the baseline ran). */
  best: (ScenarioFigures & { saving: number }) | null;
}

/** The stage whose bullwhip the headline shows: the last of a serial chain, the DC (the first) of a 1-N network. */
export function topStageIndex(network: "serial" | "distribution", stages: number): number {
  return network === "serial" ? stages - 1 : 0;
}

function figures(label: string, result: Result, network: "serial" | "distribution"): ScenarioFigures {
  const top = result.stages[topStageIndex(network, result.stages.length)];
  return {
    label,
    topStage: top?.name ?? "",
    bullwhip: top?.bullwhip.mean ?? NaN,
    totalCost: result.totalCost.mean,
    measuredPeriods: result.periods - result.warmup,
  };
}

/** The headline of the results of a build (baseline first), or null when there are none. */
export function headline(results: { label: string; result: Result }[], network: "serial" | "distribution"): Headline | null {
  if (results.length === 0) return null;
  const scenarios = results.map((r) => figures(r.label, r.result, network));
  const baseline = scenarios[0];
  let best: Headline["best"] = null;
  if (scenarios.length > 1) {
    const lowest = scenarios.reduce((a, b) => (b.totalCost < a.totalCost ? b : a));
    best = { ...lowest, saving: baseline.totalCost - lowest.totalCost };
  }
  return { baseline, scenarios, best };
}

/** A compared scenario's figures side by side with the others' (push vs pull): the network's, from the engine's means. */
export interface SideBySide {
  label: string;
  /** Average units on hand, summed over the stages. */
  onHand: number;
  /** Fill rate of the stage facing customers (the first of a serial chain). */
  fillRate: number;
  /** Bullwhip ratio of the top stage (the most upstream of a chain). */
  bullwhip: number;
  /** The network's cost per measured period. */
  costPerPeriod: number;
}

/** The figures of each compared scenario of a serial chain, in the order they ran. */
export function sideBySide(results: { label: string; result: Result }[]): SideBySide[] {
  return results.map(({ label, result }) => ({
    label,
    onHand: result.stages.reduce((a, st) => a + st.avgOnHand.mean, 0),
    fillRate: result.stages[0]?.fillRate.mean ?? NaN,
    bullwhip: result.stages.at(-1)?.bullwhip.mean ?? NaN,
    costPerPeriod: result.totalCostPerPeriod.mean,
  }));
}

/** A share for the pane: 0.9051 -> "90.5%". */
export function formatShare(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : "n/a";
}

/** A figure for the pane: grouped thousands, two decimals below 100, none above. */
export function formatFigure(v: number): string {
  if (!Number.isFinite(v)) return "n/a";
  const digits = Math.abs(v) >= 100 ? 0 : 2;
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
