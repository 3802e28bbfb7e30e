/**
 * Monte Carlo on a pool (src/sim/parallel.ts): for any number of workers, finishing in any order,
 * the result is the single thread's, bit for bit. The workers here are PoolWorkerState objects
 * behind promises that resolve after random delays (out of order); the real threads, in the
 * `simulate` command, are tested in test/sim/cli.test.ts.
 */
import beerGame from "../../scenarios/beer-game.json";
import havi from "../../scenarios/havi-1n.json";
import {
  MonteCarloRun,
  PoolWorkerState,
  runOnPool,
  simulate,
  WorkerLink,
  type BlockRunner,
  type PoolRequest,
  type Scenario,
} from "../../src/sim";
import { valid } from "./helpers";

/** n in-process workers that answer after 0-3 ms, so blocks complete out of order. */
function fakePool(n: number, scenario: Scenario, replications: number, log?: number[]): BlockRunner[] {
  let seed = 12345;
  const delay = () => new Promise<void>((res) => setTimeout(res, (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 4));
  return Array.from({ length: n }, () => {
    const state = new PoolWorkerState();
    state.handle({ type: "scenario", scenario, replications });
    return async (block) => {
      await delay();
      const reply = state.handle({ type: "block", ...block });
      if (!reply || reply.type !== "rows") throw new Error(reply?.message ?? "no reply");
      log?.push(block.rep0);
      return reply.rows;
    };
  });
}

describe("the Monte Carlo pool", () => {
  const cases: [string, Scenario, number][] = [
    ["beer game", valid(beerGame as unknown as Record<string, unknown>), 37],
    ["1-N with 20 restaurants", valid({ ...(havi as unknown as Record<string, unknown>), periods: 60 }), 23],
  ];

  test.each(cases)("%s: 1, 2 and 3 workers give the single thread's JSON, whatever order blocks finish in", async (_name, s, reps) => {
    const alone = JSON.stringify(simulate(s, { replications: reps }));
    for (const workers of [1, 2, 3]) {
      for (const block of [1, 5, 16]) {
        const order: number[] = [];
        const run = new MonteCarloRun(s, { replications: reps });
        const r = await runOnPool(run, fakePool(workers, run.scenario, reps, order), { block });
        expect(JSON.stringify(r)).toBe(alone);
        if (workers > 1 && block === 1) expect(order).not.toEqual([...order].sort((a, b) => a - b)); // out of order
      }
    }
  });

  test("progress counts folded replications; a cancel stops the hand-out and folds what was in flight", async () => {
    const s = cases[0][1];
    const seen: number[] = [];
    let polls = 0;
    const run = new MonteCarloRun(s, { replications: 40 });
    const r = await runOnPool(run, fakePool(2, run.scenario, 40), {
      block: 4,
      onProgress: (done) => seen.push(done),
      shouldCancel: () => ++polls > 4,
    });
    expect(r.cancelled).toBe(true);
    expect(r.replications).toBe(16); // 4 blocks handed out, all folded
    expect(seen).toEqual([4, 8, 12, 16]);
    expect(JSON.stringify(r.stages)).toBe(JSON.stringify(simulate(s, { replications: 16 }).stages));
  });

  test("a worker's failure rejects the run", async () => {
    const run = new MonteCarloRun(cases[0][1], { replications: 10 });
    const failing: BlockRunner = () => Promise.reject(new Error("worker crashed"));
    await expect(runOnPool(run, [failing], { block: 2 })).rejects.toThrow("worker crashed");
  });

  test("a block that does not fit the run is refused, not folded", () => {
    const run = new MonteCarloRun(cases[0][1], { replications: 4 });
    expect(() => run.fold(new Float64Array(3), 1)).toThrow(/does not fit/);
    expect(run.completed).toBe(0);
  });

  test("a slow worker holds the others back: at most two blocks per worker run ahead of the last one folded", async () => {
    const s = cases[0][1];
    const run = new MonteCarloRun(s, { replications: 400 });
    const [fast] = fakePool(1, run.scenario, 400);
    let ahead = 0;
    let first = true;
    const watch =
      (slow: boolean): BlockRunner =>
      async (block) => {
        ahead = Math.max(ahead, block.rep0 + block.count - run.completed);
        if (slow && first) {
          first = false;
          await new Promise((r) => setTimeout(r, 200));
        }
        return fast(block);
      };
    const r = await runOnPool(run, [watch(true), watch(false), watch(false), watch(false)], { block: 5 });
    expect(r.replications).toBe(400);
    expect(ahead).toBeLessThanOrEqual(2 * 4 * 5 + 5);
  });

  test("a block size that is not a whole number >= 1 is refused at once", async () => {
    const run = new MonteCarloRun(cases[0][1], { replications: 4 });
    for (const block of [0, -1, 2.5])
      await expect(runOnPool(run, fakePool(1, run.scenario, 4), { block })).rejects.toThrow(/block must be/);
  });

  test("after one worker fails, the others take no more blocks", async () => {
    const run = new MonteCarloRun(cases[0][1], { replications: 200 });
    let calls = 0;
    const [ok] = fakePool(1, run.scenario, 200);
    const counting: BlockRunner = (b) => (calls++, ok(b));
    const failing: BlockRunner = () => new Promise((_, reject) => setTimeout(() => reject(new Error("crashed")), 5));
    await expect(runOnPool(run, [failing, counting], { block: 2 })).rejects.toThrow("crashed");
    const after = calls;
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(after);
    expect(calls).toBeLessThan(100);
  });

  test("a worker link: a dead worker fails its block and every later one at once; a scenario it refused fails the next block", async () => {
    const sent: PoolRequest[] = [];
    const link = new WorkerLink((m) => sent.push(m));
    const run = link.runner(cases[0][1], 10);
    const inFlight = run({ rep0: 0, count: 2 });
    link.fail(new Error("thread stopped"));
    await expect(inFlight).rejects.toThrow("thread stopped");
    await expect(run({ rep0: 2, count: 2 })).rejects.toThrow("thread stopped");
    expect(sent.map((m) => m.type)).toEqual(["scenario", "block"]);

    const refused = new WorkerLink(() => undefined);
    const r2 = refused.runner(cases[0][1], 10);
    refused.reply({ type: "error", message: "invalid scenario" });
    await expect(r2({ rep0: 0, count: 1 })).rejects.toThrow("invalid scenario");
  });

  test("a worker whose new scenario fails keeps none: its next block is an error, not the old scenario's rows", () => {
    const state = new PoolWorkerState();
    state.handle({ type: "scenario", scenario: cases[0][1], replications: 4 });
    expect(state.handle({ type: "scenario", scenario: { ...cases[0][1], periods: 0 }, replications: 4 })?.type).toBe("error");
    expect(state.handle({ type: "block", rep0: 0, count: 1 })).toEqual({
      type: "error",
      message: "a block was asked for before its scenario",
    });
  });
});
