/**
 * The task pane's Monte Carlo pool: Web Workers running simWorker.js, one per core but one (left to
 * Excel), at least one. terminate() stops them at once, whatever they are running; a worker that
 * fails fails its block and every later one (WorkerLink).
 */
import { WorkerLink, type BlockPool, type PoolReply } from "../../src/sim/parallel";

export interface WebWorkerPool extends BlockPool {
  terminate(): void;
}

/** Workers for this machine: hardwareConcurrency - 1, at least 1, at most 16. */
export const paneWorkers = (cores: number | undefined): number => Math.max(1, Math.min(16, (cores || 2) - 1));

export function startWebWorkerPool(url: string, size: number): WebWorkerPool {
  const workers = Array.from({ length: size }, () => new Worker(url));
  const links = workers.map((w) => {
    const link = new WorkerLink((m) => w.postMessage(m));
    w.onmessage = (e: MessageEvent<PoolReply>) => link.reply(e.data);
    w.onerror = (e) => link.fail(new Error(`the simulation worker failed: ${e.message || `could not load ${url}`}`));
    return link;
  });
  return {
    size,
    runners: (scenario, replications) => links.map((l) => l.runner(scenario, replications)),
    terminate() {
      for (const w of workers) w.terminate();
    },
  };
}
