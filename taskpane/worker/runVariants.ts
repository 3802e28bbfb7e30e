/**
 * Runs the engine's Monte Carlo replications for each variant on a pool of workers, reporting
 * progress: the variants one after another, each spread over every worker (src/sim/parallel.ts), so
 * sweeps and lever comparisons use the whole pool. Kept free of worker globals so that it can be
 * tested with an in-thread pool.
 */
import { localPool, MonteCarloRun, runOnPool, validateScenario, type BlockPool } from "../../src/sim";
import type { RunRequest, WorkerMessage } from "./protocol";

export async function runVariants(
  req: RunRequest,
  post: (m: WorkerMessage) => void,
  pool: BlockPool = localPool(),
  shouldCancel: () => boolean = () => false,
): Promise<void> {
  const n = req.variants.length;
  try {
    for (let i = 0; i < n; i++) {
      const { label, scenario } = req.variants[i];
      const v = validateScenario(scenario);
      if (!v.ok) {
        post({ type: "error", message: `${label}: ${v.errors.join("; ")}` });
        return;
      }
      const run = new MonteCarloRun(v.scenario, { replications: req.replications, seed: req.seed });
      const result = await runOnPool(run, pool.runners(run.scenario, run.total), {
        onProgress: (done, total) => post({ type: "progress", variant: i, variants: n, done, total }),
        shouldCancel,
      });
      post({ type: "variant", index: i, label, result });
      if (result.cancelled) break;
    }
    post({ type: "done" });
  } catch (err) {
    post({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
}
