/**
 * Build: the workbook plan through Excel.run, then the Monte Carlo replications in the worker, then
 * the Results sheet and its comparison chart. A write that fails removes every sheet this build
 * created (the model's too when the results write fails); a cancel keeps the model sheets, which are
 * complete and live, and writes no results.
 */
import type { Scenario, ScenarioInput } from "../../src/sim/types";
import { validateScenario } from "../../src/sim/validate";
import { planWorkbook } from "../../src/workbook";
import { buildResultsPlan } from "../excel/resultsPlan";
import { applyPlan, ApplyReport, BuildError, Clash, cleanUpBuild, ExcelRun } from "../excel/writer";
import type { Variant } from "../model/levers";
import { Progress, SimRunner, SimulationCancelled } from "../worker/simRunner";

export type Phase = "writing" | "simulating" | "results";

export interface BuildRequest {
  scenario: ScenarioInput;
  /** Stored beside the scenario (the wizard's own settings). */
  wizard: unknown;
  variants: Variant[];
  replications: number;
}

export interface BuildHooks {
  onPhase(phase: Phase): void;
  onProgress(p: Progress): void;
  /** Lets the caller cancel the simulation. */
  onCancellable(cancel: (() => void) | null): void;
}

export type BuildOutcome =
  { status: "built"; sheets: string[]; clashes: Clash[]; compared: string[] } | { status: "cancelled"; sheets: string[]; clashes: Clash[] };

export async function build(run: ExcelRun, simulateIn: SimRunner, req: BuildRequest, hooks: BuildHooks): Promise<BuildOutcome> {
  const v = validateScenario(req.scenario);
  if (!v.ok) throw new Error(`The scenario is not valid: ${v.errors.join("; ")}`);
  const scenario: Scenario = v.scenario;
  // No monteCarlo: the Monte Carlo means run in the worker after the model is written and go to the
  // Results sheet (values, so colleagues without the add-in see them); the Summary points there.
  const { plan } = planWorkbook(scenario);

  hooks.onPhase("writing");
  const model: ApplyReport = await applyPlan(run, plan, { group: "model", scenario, wizard: req.wizard });
  const modelSheets = model.sheets.map((s) => s.name);

  hooks.onPhase("simulating");
  const running = simulateIn(
    { type: "run", variants: req.variants, replications: req.replications, seed: scenario.seed },
    hooks.onProgress,
  );
  hooks.onCancellable(running.cancel);
  let results;
  try {
    results = await running.results;
  } catch (e) {
    if (e instanceof SimulationCancelled) return { status: "cancelled", sheets: modelSheets, clashes: model.clashes };
    throw e;
  } finally {
    hooks.onCancellable(null);
  }

  hooks.onPhase("results");
  try {
    const report = await applyPlan(run, buildResultsPlan(results, plan.styles), { group: "results", activate: false });
    return {
      status: "built",
      sheets: [...modelSheets, ...report.sheets.map((s) => s.name)],
      clashes: [...model.clashes, ...report.clashes],
      compared: results.map((r) => r.label),
    };
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    // The results write cleaned up its own sheets; the model sheets this build created go too.
    const created = new Set(model.sheets.filter((s) => s.created).map((s) => s.name));
    const cleanup = await cleanUpBuild(run, model.before, created, new Set(model.createdNames));
    const removed = [...e.removedSheets, ...cleanup.removedSheets];
    const problem = cleanup.problem ? ` Clean-up could not finish: ${cleanup.problem}.` : "";
    throw new BuildError(
      `The build failed while writing the results: ${e.message.replace(/^The build failed while [^:]*: /, "")}${
        cleanup.removedSheets.length > 0
          ? ` The model sheets this build had created were removed too (${cleanup.removedSheets.join(", ")}).`
          : ""
      }${problem}`,
      e.step,
      removed,
      e.cause,
      cleanup.problem,
    );
  }
}
