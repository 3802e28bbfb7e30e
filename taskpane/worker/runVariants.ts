/**
 * Runs the engine's Monte Carlo replications for each variant, reporting progress: the body of the
 * simulation worker, kept free of worker globals so that it can be tested directly.
 */
import { simulate, validateScenario } from "../../src/sim";
import type { RunRequest, WorkerMessage } from "./protocol";

export function runVariants(req: RunRequest, post: (m: WorkerMessage) => void, shouldCancel: () => boolean = () => false): void {
  const n = req.variants.length;
  for (let i = 0; i < n; i++) {
    const { label, scenario } = req.variants[i];
    const v = validateScenario(scenario);
    if (!v.ok) {
      post({ type: "error", message: `${label}: ${v.errors.join("; ")}` });
      return;
    }
    const result = simulate(v.scenario, {
      replications: req.replications,
      seed: req.seed,
      onProgress: (done, total) => post({ type: "progress", variant: i, variants: n, done, total }),
      shouldCancel,
    });
    post({ type: "variant", index: i, label, result });
    if (result.cancelled) break;
  }
  post({ type: "done" });
}
