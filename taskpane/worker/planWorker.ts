/**
 * The plan worker (dist/planWorker.js): forecasts and plans every SKU, and lays out the Plan sheet,
 * off the task pane's UI thread (5,000 SKUs take about a second; the pane stays responsive). Cancel
 * is worker.terminate() from the pane.
 */
import { computePlan } from "./planCompute";
import type { PlanRequest, PlanWorkerMessage } from "./planProtocol";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PlanRequest>) => void) | null;
  postMessage: (m: PlanWorkerMessage) => void;
};

scope.onmessage = (e) => {
  try {
    const progress = (done: number, total: number): void => scope.postMessage({ type: "progress", done, total });
    scope.postMessage({ type: "done", computed: computePlan(e.data, progress) });
  } catch (err) {
    scope.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
