/**
 * Simulation engine throughput (stage-periods per second, single thread) against a hand-written
 * minimal order-up-to loop over the same stage-periods, measured in the same run; the same cases on
 * a pool of 1 and of 2 worker threads (the speed-up); and heap growth across replication counts
 * (the Monte Carlo summary must not keep per-replication data).
 */
import { availableParallelism } from "os";
import { readFileSync } from "fs";
import { join } from "path";
import { runInNewContext } from "vm";
import { setFlagsFromString } from "v8";
import { MonteCarloRun, runOnPool, simulate, validateScenario, Scenario, ScenarioInput, StageInput } from "../src/sim";
import { startThreadPool, type ThreadPool } from "../cli/threadPool";

function preset(file: string): ScenarioInput {
  return JSON.parse(readFileSync(join(__dirname, "..", "scenarios", file), "utf8"));
}

function checked(input: ScenarioInput): Scenario {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.errors.join("; "));
  return v.scenario;
}

/** baseline-serial.json (4 stages, order-up-to on an 8-period moving average, 95% service) over 52 periods. */
function serialCase(replications: number): Scenario {
  return checked({ ...preset("baseline-serial.json"), periods: 52, warmup: 0, replications });
}

/** havi-1n.json scaled to 200 stores (the 20 store profiles repeated), 365 days. */
function distributionCase(): Scenario {
  const p = preset("havi-1n.json");
  const stores = p.stages.slice(1);
  const many: StageInput[] = Array.from({ length: 200 }, (_, j) => ({ ...stores[j % stores.length], name: `Store ${j + 1}` }));
  const dc = { ...p.stages[0], policy: { type: "base-stock" as const, level: 50000 }, initialInventory: 10000 };
  return checked({ ...p, periods: 365, warmup: 0, replications: 100, stages: [dc, ...many] });
}

/** Best of `runs` timings (ms) after `warmups` untimed runs: the machine is shared and noisy. */
function best(fn: () => void, warmups: number, runs: number): number {
  for (let i = 0; i < warmups; i++) fn();
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/**
 * The baseline: the least code that simulates the same chain (4 stages, lead time 2, order-up-to on
 * a p-period moving average with a sample-sd safety term, no returns), demand precomputed.
 * No statistics, levers or generality: an upper bound for what the engine's loop can reach.
 */
function minimalLoop(reps: number, T: number, K: number, p: number, demand: Float64Array): number {
  const L = 2;
  const zs = 1.6448536269514722 * Math.sqrt(L);
  const onHand = new Float64Array(K);
  const back = new Float64Array(K);
  const pipe = new Float64Array(K);
  const arr = new Float64Array(K * L);
  const ord = new Float64Array(K);
  const win = new Float64Array(K * p);
  let check = 0;
  for (let r = 0; r < reps; r++) {
    onHand.fill(100);
    back.fill(0);
    pipe.fill(L * 100);
    arr.fill(100);
    ord.fill(100);
    win.fill(100);
    for (let t = 0; t < T; t++) {
      const slot = t % L;
      const ws = t % p;
      for (let k = 0; k < K; k++) {
        const rcv = arr[k * L + slot];
        let oh = onHand[k] + rcv;
        pipe[k] -= rcv;
        const inc = k === 0 ? demand[r * T + t] : ord[k - 1];
        const net = oh - back[k] - inc;
        oh = net > 0 ? net : 0;
        const b = net < 0 ? -net : 0;
        const ship = back[k] + inc - b;
        back[k] = b;
        onHand[k] = oh;
        if (k > 0) arr[(k - 1) * L + slot] = ship;
        win[k * p + ws] = inc;
        let s = 0;
        for (let i = 0; i < p; i++) s += win[k * p + i];
        const m = s / p;
        let ss = 0;
        for (let i = 0; i < p; i++) {
          const d = win[k * p + i] - m;
          ss += d * d;
        }
        let q = L * m + zs * Math.sqrt(ss / (p - 1)) - (oh - b + pipe[k]);
        if (q < 0) q = 0;
        pipe[k] += q;
        ord[k] = q;
        if (k === K - 1) arr[k * L + slot] = q;
        check += q;
      }
    }
  }
  return check;
}

function gcFunction(): () => void {
  setFlagsFromString("--expose_gc");
  return runInNewContext("gc") as () => void;
}

const mps = (stagePeriods: number, ms: number) => (stagePeriods / ms / 1000).toFixed(1);

/** Runs the cases in turn, `rounds` times (after one untimed round), keeping each case's best time. */
function interleaved(cases: Record<string, () => void>, rounds: number): Record<string, number> {
  const bestMs: Record<string, number> = {};
  for (const fn of Object.values(cases)) fn();
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) {
      const t0 = performance.now();
      fn();
      const dt = performance.now() - t0;
      bestMs[name] = Math.min(bestMs[name] ?? Infinity, dt);
    }
  }
  return bestMs;
}

export async function run(): Promise<void> {
  // 1. 4-stage serial chain, 52 periods, 10,000 replications: the preset (95% service, sigma
  //    estimated) and the same chain with a constant safety term (z = 0, no sd to estimate).
  const serial = serialCase(10_000);
  const serialZ0 = checked({
    ...serial,
    stages: serial.stages.map((st) => ({ ...st, policy: { ...st.policy, serviceLevel: 0.5 } as typeof st.policy })),
  });
  const sp1 = 4 * 52 * 10_000;
  // Baseline demand drawn once, outside the timing.
  const demand = new Float64Array(52 * 10_000);
  let x = 2463534242;
  for (let i = 0; i < demand.length; i++) {
    // xorshift32 + sum of 12 uniforms: any demand with mean 100, sd 20 will do for a baseline
    let u = 0;
    for (let j = 0; j < 12; j++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      u += (x >>> 0) / 4294967296;
    }
    demand[i] = 100 + 20 * (u - 6);
  }
  const window = (serial.stages[0].policy as { window: number }).window;
  const t = interleaved(
    {
      engine: () => simulate(serial),
      engineZ0: () => simulate(serialZ0),
      baseline: () => minimalLoop(10_000, 52, 4, window, demand),
    },
    8,
  );

  // 2. A DC and 200 stores over 365 days, 100 replications.
  const dist = distributionCase();
  const sp2 = 201 * 365 * 100;
  const tDist = best(() => simulate(dist), 1, 4);

  const n = (v: number) => v.toLocaleString("en-US");
  console.log("| case | stage-periods | best time | stage-periods/s |");
  console.log("|---|---:|---:|---:|");
  console.log(
    `| engine: 4-stage serial (baseline-serial.json: order-up-to, ${window}-period moving average, 95% service, sd estimated), 52 periods, 10,000 replications | ${n(sp1)} | ${t.engine.toFixed(0)} ms | ${mps(sp1, t.engine)} M |`,
  );
  console.log(
    `| engine: same chain, serviceLevel 0.5 (no safety term) | ${n(sp1)} | ${t.engineZ0.toFixed(0)} ms | ${mps(sp1, t.engineZ0)} M |`,
  );
  console.log(
    `| baseline: minimal order-up-to loop, same chain and stage-periods, demand precomputed | ${n(sp1)} | ${t.baseline.toFixed(0)} ms | ${mps(sp1, t.baseline)} M |`,
  );
  console.log(
    `| engine: DC + 200 stores (havi-1n.json profiles, min-max), 365 days, 100 replications | ${n(sp2)} | ${tDist.toFixed(0)} ms | ${mps(sp2, tDist)} M |`,
  );
  console.log(`engine / baseline speed (serial, 95% service): ${(t.baseline / t.engine).toFixed(2)}`);

  // 3. The same cases, larger, on a pool of worker threads (src/sim/parallel.ts, cli/threadPool.ts):
  // the pools are started and warmed first; each timing is a whole run, blocks folded in order.
  const pools = new Map<number, ThreadPool>([1, 2].map((w) => [w, startThreadPool(w)]));
  const onPool = async (s: Scenario, workers: number) => {
    const run = new MonteCarloRun(s);
    const t0 = performance.now();
    await runOnPool(run, pools.get(workers)!.runners(run.scenario, run.total));
    return performance.now() - t0;
  };
  const poolCases: [string, Scenario, number][] = [
    ["4-stage serial, 52 periods, 100,000 replications", serialCase(100_000), 4 * 52 * 100_000],
    ["DC + 200 stores, 365 days, 400 replications", { ...dist, replications: 400 }, sp2 * 4],
  ];
  console.log(`\n| case (worker threads; this machine has ${availableParallelism()} cores) | 1 worker | 2 workers | speed-up |`);
  console.log("|---|---:|---:|---:|");
  for (const [label, s, sp] of poolCases) {
    for (const w of [1, 2]) await onPool(s, w); // warm-up: JIT in every thread
    const times = { 1: Infinity, 2: Infinity };
    for (let i = 0; i < 3; i++) for (const w of [1, 2] as const) times[w] = Math.min(times[w], await onPool(s, w));
    console.log(
      `| ${label} | ${times[1].toFixed(0)} ms (${mps(sp, times[1])} M/s) | ${times[2].toFixed(0)} ms (${mps(sp, times[2])} M/s) | ${(times[1] / times[2]).toFixed(2)}x |`,
    );
  }
  for (const pool of pools.values()) await pool.close();

  // 4. Heap after the run minus heap before it, across replication counts (after a full GC each side).
  const gc = gcFunction();
  console.log("\n| replications (4-stage serial, 52 periods) | heap before | heap after | growth |");
  console.log("|---:|---:|---:|---:|");
  for (const reps of [1_000, 10_000, 100_000]) {
    const sc = serialCase(reps);
    gc();
    const before = process.memoryUsage().heapUsed;
    const r = simulate(sc);
    gc();
    const after = process.memoryUsage().heapUsed;
    if (r.replications !== reps) throw new Error("replications lost");
    const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
    console.log(`| ${reps.toLocaleString("en-US")} | ${kb(before)} | ${kb(after)} | ${kb(after - before)} |`);
  }
}
