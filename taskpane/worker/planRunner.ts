/**
 * The pane's side of the plan computation: in the plan worker, or (tests, and a page where workers
 * cannot start) on the page itself after the current event, so that the pane can paint first.
 */
import { computePlan } from "./planCompute";
import type { PlanComputed, PlanRequest, PlanWorkerMessage } from "./planProtocol";

export class PlanCancelled extends Error {
  constructor() {
    super("The plan was cancelled.");
    this.name = "PlanCancelled";
  }
}

export interface RunningPlan {
  result: Promise<PlanComputed>;
  cancel(): void;
}

/** `onProgress`: SKUs planned so far, of `total` (from the worker, every 50 SKUs). */
export type PlanRunner = (req: PlanRequest, onProgress?: (done: number, total: number) => void) => RunningPlan;

/** Computes on the page (no worker). */
export const inPagePlanRunner: PlanRunner = (req, onProgress) => {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reject!: (e: Error) => void;
  const result = new Promise<PlanComputed>((resolve, rej) => {
    reject = rej;
    timer = setTimeout(() => {
      if (cancelled) return;
      try {
        resolve(computePlan(req, onProgress));
      } catch (e) {
        rej(e instanceof Error ? e : new Error(String(e)));
      }
    }, 0);
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
      reject(new PlanCancelled());
    },
  };
};

/** Runs in a Web Worker loaded from `url` (emitted by webpack next to taskpane.html); on the page if no worker can start. */
export function workerPlanRunner(url = "planWorker.js"): PlanRunner {
  return (req, onProgress) => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch {
      return inPagePlanRunner(req, onProgress);
    }
    let reject!: (e: Error) => void;
    const result = new Promise<PlanComputed>((resolve, rej) => {
      reject = rej;
      worker.onmessage = (e: MessageEvent<PlanWorkerMessage>) => {
        if (e.data.type === "progress") onProgress?.(e.data.done, e.data.total);
        else if (e.data.type === "done") resolve(e.data.computed);
        else rej(new Error(e.data.message));
      };
      worker.onerror = (e) => rej(new Error(`the plan worker failed: ${e.message || `could not load ${url}`}`));
    });
    worker.postMessage(req);
    result.then(
      () => worker.terminate(),
      () => worker.terminate(),
    );
    return {
      result,
      cancel: () => {
        worker.terminate();
        reject(new PlanCancelled());
      },
    };
  };
}
