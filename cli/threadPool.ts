/**
 * The command line's Monte Carlo pool: worker_threads running cli/simThread.ts. close() terminates
 * them all; a thread that dies fails its block and every later one (WorkerLink).
 */
import { availableParallelism } from "os";
import { join } from "path";
import { Worker } from "worker_threads";
import { WorkerLink, type BlockPool, type PoolReply } from "../src/sim";

export interface ThreadPool extends BlockPool {
  close(): Promise<void>;
}

/** At most this many threads (a pool larger than the cores only adds switching). */
export const MAX_THREADS = 64;

/** Threads by default: one per core. */
export const defaultThreads = (): number => Math.max(1, availableParallelism());

export function startThreadPool(size: number): ThreadPool {
  // Run from source, a thread registers tsx itself (simThread.cjs): loaders are not inherited.
  const script = join(__dirname, __filename.endsWith(".ts") ? "simThread.cjs" : "simThread.js");
  const workers = Array.from({ length: size }, () => new Worker(script));
  const links = workers.map((w) => {
    const link = new WorkerLink((m) => w.postMessage(m));
    w.on("message", (m: PoolReply) => link.reply(m));
    w.on("error", (e) => link.fail(e));
    w.on("exit", (code) => link.fail(new Error(`a simulation thread stopped (exit code ${code})`)));
    return link;
  });
  return {
    size,
    runners: (scenario, replications) => links.map((l) => l.runner(scenario, replications)),
    async close() {
      workers.forEach((w) => w.removeAllListeners("exit"));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
