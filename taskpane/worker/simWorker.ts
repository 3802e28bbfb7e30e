/**
 * The simulation worker (dist/simWorker.js): runs the Monte Carlo replications off the task pane's
 * UI thread. Cancel is worker.terminate() from the pane: a replication loop cannot read messages
 * while it runs, and terminate stops it at once.
 */
import type { RunRequest, WorkerMessage } from "./protocol";
import { runVariants } from "./runVariants";

const scope = self as unknown as { onmessage: ((e: MessageEvent<RunRequest>) => void) | null; postMessage: (m: WorkerMessage) => void };

scope.onmessage = (e) => {
  try {
    runVariants(e.data, (m) => scope.postMessage(m));
  } catch (err) {
    scope.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
