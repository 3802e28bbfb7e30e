/**
 * The pane's side of the simulation: starts the workers, turns the run's messages into progress
 * and results, and cancels by terminating the workers.
 */
import type { VariantResult } from "../excel/resultsPlan";
import type { RunRequest, WorkerMessage } from "./protocol";
import { runVariants } from "./runVariants";
import { paneWorkers, startWebWorkerPool } from "./webWorkerPool";

export class SimulationCancelled extends Error {
  constructor() {
    super("The simulation was cancelled.");
    this.name = "SimulationCancelled";
  }
}

export interface Progress {
  /** 0..1 over all variants. */
  fraction: number;
  variant: number;
  variants: number;
  done: number;
  total: number;
}

export interface RunningSimulation {
  results: Promise<VariantResult[]>;
  cancel(): void;
}

export type SimRunner = (req: RunRequest, onProgress: (p: Progress) => void) => RunningSimulation;

/** Collects a worker's messages into results (shared by the worker runner and the tests). */
export function collector(onProgress: (p: Progress) => void) {
  const results: VariantResult[] = [];
  let resolve!: (r: VariantResult[]) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<VariantResult[]>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const handle = (m: WorkerMessage) => {
    if (m.type === "progress") onProgress({ fraction: (m.variant + m.done / m.total) / m.variants, ...m });
    else if (m.type === "variant") results[m.index] = { label: m.label, result: m.result };
    else if (m.type === "done") resolve(results.filter(Boolean));
    else reject(new Error(m.message));
  };
  return { promise, handle, reject };
}

/**
 * Runs on a pool of Web Workers loaded from `url` (emitted by webpack next to taskpane.html), one
 * per core but one; this thread folds their blocks in replication order, so the results are the same
 * on any number of workers. Cancel terminates them all at once.
 */
export function workerRunner(url = "simWorker.js"): SimRunner {
  return (req, onProgress) => {
    // No more workers than replications: a worker without a block would only cost its start.
    const cores = typeof navigator === "undefined" ? undefined : navigator.hardwareConcurrency;
    const pool = startWebWorkerPool(url, Math.min(paneWorkers(cores), req.replications));
    const c = collector(onProgress);
    let cancelled = false;
    void runVariants(req, c.handle, pool, () => cancelled);
    c.promise.then(
      () => pool.terminate(),
      () => pool.terminate(),
    );
    return {
      results: c.promise,
      cancel: () => {
        cancelled = true;
        pool.terminate();
        c.reject(new SimulationCancelled());
      },
    };
  };
}
