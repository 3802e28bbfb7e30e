/**
 * The command line's Monte Carlo pool: worker_threads running cli/simThread.ts. close() terminates
 * them all.
 */
import { availableParallelism } from "os";
import { join } from "path";
import { Worker } from "worker_threads";
import type { BlockPool, PoolReply } from "../src/sim";

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
  // A thread that dies fails the block it was running (an exception in a thread is an "error" event).
  const failures = workers.map(() => {
    let fail: (e: Error) => void = () => {};
    return { set: (f: (e: Error) => void) => (fail = f), fail: (e: Error) => fail(e) };
  });
  workers.forEach((w, i) => {
    w.on("error", (e) => failures[i].fail(e));
    w.on("exit", (code) => failures[i].fail(new Error(`a simulation thread stopped (exit code ${code})`)));
  });
  return {
    size,
    runners(scenario, replications) {
      return workers.map((w, i) => {
        w.postMessage({ type: "scenario", scenario, replications });
        return (block) =>
          new Promise<Float64Array>((resolve, reject) => {
            failures[i].set(reject);
            w.once("message", (m: PoolReply) => (m.type === "rows" ? resolve(m.rows) : reject(new Error(m.message))));
            w.postMessage({ type: "block", ...block });
          });
      });
    },
    async close() {
      workers.forEach((w) => w.removeAllListeners("exit"));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
