/**
 * The task pane's Monte Carlo pool: Web Workers running simWorker.js, one per core but one (left to
 * Excel), at least one. terminate() stops them at once, whatever they are running.
 */
import type { BlockPool, PoolReply } from "../../src/sim/parallel";

export interface WebWorkerPool extends BlockPool {
  terminate(): void;
}

/** Workers for this machine: hardwareConcurrency - 1, at least 1, at most 16. */
export const paneWorkers = (cores: number | undefined): number => Math.max(1, Math.min(16, (cores || 2) - 1));

export function startWebWorkerPool(url: string, size: number): WebWorkerPool {
  const workers = Array.from({ length: size }, () => new Worker(url));
  // The block a worker is running fails if the worker does (a script that does not load, a crash).
  const fail: ((e: Error) => void)[] = workers.map(() => () => {});
  workers.forEach((w, i) => {
    w.onerror = (e) => fail[i](new Error(`the simulation worker failed: ${e.message || `could not load ${url}`}`));
  });
  return {
    size,
    runners(scenario, replications) {
      return workers.map((w, i) => {
        w.postMessage({ type: "scenario", scenario, replications });
        return (block) =>
          new Promise<Float64Array>((resolve, reject) => {
            fail[i] = reject;
            w.onmessage = (e: MessageEvent<PoolReply>) =>
              e.data.type === "rows" ? resolve(e.data.rows) : reject(new Error(e.data.message));
            w.postMessage({ type: "block", ...block });
          });
      });
    },
    terminate() {
      for (const w of workers) w.terminate();
    },
  };
}
