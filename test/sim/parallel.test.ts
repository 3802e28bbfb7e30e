/**
 * Monte Carlo on a pool (src/sim/parallel.ts): for any number of workers, finishing in any order,
 * the result is the single thread's, bit for bit. The workers here are PoolWorkerState objects
 * behind promises that resolve after random delays (out of order); the real threads, in the
 * `simulate` command, are tested in test/sim/cli.test.ts.
 */
import beerGame from "../../scenarios/beer-game.json";
import havi from "../../scenarios/havi-1n.json";
import { MonteCarloRun, PoolWorkerState, runOnPool, simulate, type BlockRunner, type Scenario } from "../../src/sim";
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
});
