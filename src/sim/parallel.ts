/**
 * Monte Carlo on a pool of workers (Web Workers in the task pane, worker_threads on the command
 * line), with the same result, bit for bit, on any number of them:
 * - each replication draws from its own seeded streams (rng.ts), and the engine's batches run
 *   replications side by side without mixing them, so a replication's measures do not depend on
 *   which worker ran it or with which others;
 * - the workers send back each replication's measures, and the caller folds them into the
 *   statistics in replication order (MonteCarloRun.fold), as one thread does.
 * The scheduling is here; the transport (postMessage) is the caller's. Memory stays bounded: no
 * more than two blocks per worker run ahead of the last one folded.
 */
import { DomainError } from "../errors";
import { Engine, N_MEASURES } from "./engine";
import { customerStages } from "./demand";
import { batchSize, checkedScenario, MonteCarloRun } from "./simulate";
import type { Result, Scenario, SimulateOptions } from "./types";

/** Numbers per replication in a block: every stage's measures, then the network cost. */
export const rowWidth = (stages: number): number => stages * N_MEASURES + 1;

/** Replications run where a block is asked for (a worker): one engine per scenario, reused. */
export class ReplicationBlocks {
  private readonly engine: Engine;
  private readonly width: number;

  constructor(scenario: Scenario, replications: number) {
    const s = checkedScenario(scenario);
    this.engine = new Engine(s, batchSize(customerStages(s).length, s.periods, replications));
    this.width = rowWidth(s.stages.length);
  }

  /** The measures of replications rep0 .. rep0 + count - 1, one row each (rowWidth numbers). */
  run(rep0: number, count: number): Float64Array {
    const { engine, width } = this;
    const KM = width - 1;
    const out = new Float64Array(count * width);
    for (let done = 0; done < count;) {
      const nb = Math.min(engine.batch, count - done);
      engine.run(rep0 + done, nb);
      for (let r = 0; r < nb; r++) {
        const o = (done + r) * width;
        out.set(engine.measures.subarray(r * KM, (r + 1) * KM), o);
        out[o + KM] = engine.networkCost[r];
      }
      done += nb;
    }
    return out;
  }
}

/** A block of replications to run: rep0 .. rep0 + count - 1. */
export interface Block {
  rep0: number;
  count: number;
}

/** Runs a block on one worker of the pool; resolves with its rows. */
export type BlockRunner = (block: Block) => Promise<Float64Array>;

/**
 * Replications per block: enough work (about 2 million stage-periods, some 50 ms) that a message
 * costs little against it, few enough that every worker gets several blocks.
 */
export function blockSize(s: Scenario, total: number, workers: number): number {
  const perRep = s.periods * s.stages.length;
  const byWork = Math.max(1, Math.floor(2_000_000 / perRep));
  const byShare = Math.max(1, Math.ceil(total / (4 * workers)));
  // Whole engine batches: a partial batch costs its per-stage work for fewer replications.
  const batch = batchSize(customerStages(s).length, s.periods, total);
  const size = Math.max(1, Math.min(byWork, byShare, total));
  return size > batch ? size - (size % batch) : size;
}

export interface PoolOptions extends Pick<SimulateOptions, "onProgress" | "shouldCancel"> {
  /** Replications per block (default: blockSize). */
  block?: number;
}

/**
 * Runs the replications of `run` on the workers, each taking the next block when it is free, and
 * folds the blocks in replication order as they complete. Resolves with the statistics of the
 * replications folded (all of them unless shouldCancel stopped the hand-out: then the blocks in
 * flight are still folded, and the result says cancelled). A worker's failure rejects.
 */
export async function runOnPool(run: MonteCarloRun, workers: BlockRunner[], options: PoolOptions = {}): Promise<Result> {
  if (workers.length === 0) throw new DomainError("value", "a pool needs at least one worker");
  const total = run.total;
  const size = options.block ?? blockSize(run.scenario, total, workers.length);
  if (!Number.isInteger(size) || size < 1) throw new DomainError("value", `block must be a whole number of replications >= 1; got ${size}`);
  // At most this many replications run ahead of the last one folded: a slow worker holds the others
  // back rather than letting finished blocks pile up.
  const ahead = 2 * workers.length * size;
  const waiting = new Map<number, Block & { rows: Float64Array }>();
  let wake: (() => void)[] = [];
  const wakeAll = () => {
    const w = wake;
    wake = [];
    for (const f of w) f();
  };
  let next = run.completed;
  let stopped = false;
  const foldReady = () => {
    for (let b = waiting.get(run.completed); b; b = waiting.get(run.completed)) {
      waiting.delete(b.rep0);
      run.fold(b.rows, b.count);
      options.onProgress?.(run.completed, total);
    }
    wakeAll();
  };
  const serve = async (worker: BlockRunner) => {
    while (!stopped && next < total) {
      if (next - run.completed >= ahead) {
        await new Promise<void>((resolve) => wake.push(resolve));
        continue;
      }
      if (options.shouldCancel?.()) {
        stopped = true;
        break;
      }
      const block = { rep0: next, count: Math.min(size, total - next) };
      next += block.count;
      let rows: Float64Array;
      try {
        rows = await worker(block);
      } catch (e) {
        // One worker's failure stops the hand-out to the others.
        stopped = true;
        wakeAll();
        throw e;
      }
      waiting.set(block.rep0, { ...block, rows });
      foldReady();
    }
    wakeAll();
  };
  await Promise.all(workers.map(serve));
  return run.result();
}

/** Workers that run blocks of one scenario at a time (worker threads, Web Workers, or this thread). */
export interface BlockPool {
  readonly size: number;
  /** Gives every worker the scenario; then one runner per worker, for runOnPool. */
  runners(scenario: Scenario, replications: number): BlockRunner[];
}

/**
 * A pool of `size` workers in this thread (no parallelism: for tests, and where workers cannot be
 * started); each block runs when the event loop gets to it.
 */
export function localPool(size = 1): BlockPool {
  return {
    size,
    runners(scenario, replications) {
      return Array.from({ length: size }, () => {
        const blocks = new ReplicationBlocks(scenario, replications);
        return (block: Block) =>
          new Promise<Float64Array>((resolve, reject) =>
            setTimeout(() => {
              try {
                resolve(blocks.run(block.rep0, block.count));
              } catch (e) {
                reject(e);
              }
            }, 0),
          );
      });
    },
  };
}

/** Messages between the pool and a worker: a scenario, then blocks of it. */
export type PoolRequest = { type: "scenario"; scenario: Scenario; replications: number } | { type: "block"; rep0: number; count: number };
export type PoolReply = { type: "rows"; rep0: number; rows: Float64Array } | { type: "error"; message: string };

/**
 * The pool's side of one worker, whatever carries the messages (worker_threads, Web Workers): one
 * block in flight at a time. The transport calls reply() with each message and fail() when the
 * worker dies; from then on the block in flight and every later one fail at once.
 */
export class WorkerLink {
  private dead: Error | null = null;
  private pending: { resolve: (rows: Float64Array) => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly post: (m: PoolRequest) => void) {}

  reply(m: PoolReply): void {
    const p = this.pending;
    this.pending = null;
    if (m.type === "rows") p?.resolve(m.rows);
    else if (p) p.reject(new Error(m.message));
    else this.fail(new Error(m.message)); // a scenario it could not take
  }

  fail(e: Error): void {
    this.dead ??= e;
    const p = this.pending;
    this.pending = null;
    p?.reject(e);
  }

  /** Gives the worker a scenario; returns its runner for runOnPool. */
  runner(scenario: Scenario, replications: number): BlockRunner {
    this.post({ type: "scenario", scenario, replications });
    return (block) =>
      this.dead
        ? Promise.reject(this.dead)
        : new Promise<Float64Array>((resolve, reject) => {
            this.pending = { resolve, reject };
            this.post({ type: "block", ...block });
          });
  }
}

/** A worker's side, whatever carries the messages: keeps the scenario's engine between blocks. */
export class PoolWorkerState {
  private blocks: ReplicationBlocks | null = null;

  handle(m: PoolRequest): PoolReply | null {
    try {
      if (m.type === "scenario") {
        this.blocks = null; // a scenario that fails leaves none, not the previous one
        this.blocks = new ReplicationBlocks(m.scenario, m.replications);
        return null;
      }
      if (!this.blocks) return { type: "error", message: "a block was asked for before its scenario" };
      return { type: "rows", rep0: m.rep0, rows: this.blocks.run(m.rep0, m.count) };
    } catch (e) {
      return { type: "error", message: (e as Error).message };
    }
  }
}
