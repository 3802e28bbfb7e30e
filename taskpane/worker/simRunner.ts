/**
 * The pane's side of the simulation: starts the worker, turns its messages into progress and
 * results, and cancels by terminating it.
 */
import type { VariantResult } from "../excel/resultsPlan";
import type { RunRequest, WorkerMessage } from "./protocol";

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

/** Runs in a Web Worker loaded from `url` (emitted by webpack next to taskpane.html). */
export function workerRunner(url = "simWorker.js"): SimRunner {
  return (req, onProgress) => {
    const worker = new Worker(url);
    const c = collector(onProgress);
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => c.handle(e.data);
    worker.onerror = (e) => c.reject(new Error(`the simulation worker failed: ${e.message || "could not load simWorker.js"}`));
    worker.postMessage(req);
    c.promise.then(
      () => worker.terminate(),
      () => worker.terminate(),
    );
    return {
      results: c.promise,
      cancel: () => {
        worker.terminate();
        c.reject(new SimulationCancelled());
      },
    };
  };
}
