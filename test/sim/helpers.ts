/** Scenario builders and Monte Carlo assertions shared by the simulation tests. */
import { readFileSync } from "fs";
import { join } from "path";
import { Scenario, ScenarioInput, Stat, StageInput, validateScenario } from "../../src/sim";

export function preset(file: string): ScenarioInput {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "scenarios", file), "utf8"));
}

export function valid(input: unknown): Scenario {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`scenario rejected: ${v.errors.join("; ")}`);
  return v.scenario;
}

/** An order-up-to stage with a constant safety term (serviceLevel 0.5: z = 0). */
export function outStage(name: string, leadTime: number, policy: Record<string, unknown> = {}): StageInput {
  return {
    name,
    leadTime,
    initialInventory: 0,
    holdingCost: 1,
    backlogCost: 1,
    policy: { type: "order-up-to", forecast: "moving-average", window: 4, serviceLevel: 0.5, ...policy },
  } as StageInput;
}

/** The closed-form set-up: iid normal demand (not truncated), returns allowed, long horizons. */
export function closedFormScenario(stages: StageInput[], extra: Partial<ScenarioInput> = {}): Scenario {
  return valid({
    name: "closed form",
    network: "serial",
    periods: 5000,
    warmup: 100,
    replications: 40,
    seed: 2000,
    allowReturns: true,
    demand: { distribution: "normal", mean: 100, sd: 20, truncateAtZero: false },
    stages,
    ...extra,
  });
}

/**
 * The value lies inside the 95% confidence interval, and the interval is tight (half-width at most
 * maxRelHalfWidth of the value), so that the check cannot pass merely because the run was short.
 */
export function expectInCi(s: Stat, value: number, maxRelHalfWidth: number): void {
  if (s.ci95 === null) throw new Error("no confidence interval");
  const [lo, hi] = s.ci95;
  const half = (hi - lo) / 2;
  if (!(half <= maxRelHalfWidth * Math.abs(value))) {
    throw new Error(`CI [${lo}, ${hi}] too wide for a test of ${value} (half-width ${half})`);
  }
  if (!(lo <= value && value <= hi)) throw new Error(`${value} outside the 95% CI [${lo}, ${hi}] (mean ${s.mean})`);
}

/** Two stats whose 95% intervals do not overlap, a below b. */
export function expectClearlyBelow(a: Stat, b: Stat): void {
  if (a.ci95 === null || b.ci95 === null) throw new Error("no confidence interval");
  if (!(a.ci95[1] < b.ci95[0])) {
    throw new Error(`expected ${a.mean} [${a.ci95}] clearly below ${b.mean} [${b.ci95}]`);
  }
}
