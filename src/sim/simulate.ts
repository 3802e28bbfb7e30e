/**
 * Public entry points: one replication with every per-period value (simulateOnce), and the Monte
 * Carlo summary over replications (simulate), whose memory does not grow with the replications.
 */
import { DomainError } from "../errors";
import {
  Engine,
  M_BACKLOG_COST,
  M_AVG_BACKLOG,
  M_AVG_IN_TRANSIT,
  M_AVG_ON_HAND,
  M_BULLWHIP,
  M_FILL_RATE,
  M_HOLDING,
  M_TOTAL_COST,
  M_TRANSIT_COST,
  N_MEASURES,
  newTrace,
} from "./engine";
import { customerStages, demandSeries as drawDemandSeries } from "./demand";
import { Accumulators, divided } from "./stats";
import { Result, Scenario, SimulateOptions, StageResult, Trace } from "./types";
import { validateScenario } from "./validate";
import { runSizeProblem } from "./limits";

/**
 * Replications per engine pass: up to 16 share the per-stage work, as long as their demand draws
 * (streams x periods each) stay within 2^21 numbers (16 MB: a DC with 200 stores over 365 days still runs 16).
 */
export function batchSize(streams: number, periods: number, replications: number): number {
  return Math.max(1, Math.min(16, replications, Math.floor(2_097_152 / (streams * periods))));
}

/** Validates (and fills defaults); a scenario that fails throws DomainError("value") with every message. */
export function checkedScenario(scenario: unknown): Scenario {
  const v = validateScenario(scenario);
  if (!v.ok) throw new DomainError("value", `invalid scenario: ${v.errors.join("; ")}`);
  return v.scenario;
}

function checkReplication(replication: number): void {
  if (!Number.isInteger(replication) || replication < 0 || replication > 0xffffffff) {
    throw new DomainError("num", `replication must be an integer from 0 to 4294967295; got ${replication}`);
  }
}

/**
 * Customer demand draws of one replication, one series per customer-facing stage (in the order of
 * customerStages): the values simulateOnce(scenario, replication) uses, for the workbook to write.
 */
export function demandSeries(scenario: Scenario, replication = 0): Float64Array[] {
  checkReplication(replication);
  return drawDemandSeries(checkedScenario(scenario), replication);
}

/** One replication (replication 0 is the one the workbook lays out), with every per-period value. */
export function simulateOnce(scenario: Scenario, replication = 0): Trace {
  checkReplication(replication);
  const s = checkedScenario(scenario);
  const engine = new Engine(s, 1);
  const trace = newTrace(s);
  engine.run(replication, 1, trace);
  const all = engine.demandOfLastRun();
  const T = s.periods;
  trace.demand = trace.demandStages.map((_, i) => all.slice(i * T, (i + 1) * T));
  return trace;
}

/**
 * A Monte Carlo run that advances in steps, so that a caller can yield between them (to react to an
 * interrupt or a Cancel button) without the engine knowing about event loops. simulate() is the
 * same run in one go. Its size is checked before the first replication (MAX_RUN_WORK).
 */
export class MonteCarloRun {
  readonly total: number;
  /** The scenario as run: validated, with the seed of the options. */
  readonly scenario: Scenario;
  private readonly s: Scenario;
  private engineOf: Engine | null = null;
  private readonly acc: Accumulators;
  private done = 0;

  constructor(scenario: Scenario, options: Pick<SimulateOptions, "replications" | "seed"> = {}) {
    let s = checkedScenario(scenario);
    const reps = options.replications ?? s.replications;
    if (!Number.isInteger(reps) || reps < 1) throw new DomainError("num", `replications must be an integer >= 1; got ${reps}`);
    const tooBig = runSizeProblem(s.periods, s.stages.length, reps);
    if (tooBig) throw new DomainError("num", tooBig);
    if (options.seed !== undefined) {
      if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
        throw new DomainError("num", `seed must be an integer from 0 to 4294967295; got ${options.seed}`);
      }
      s = { ...s, seed: options.seed };
    }
    this.s = this.scenario = s;
    this.total = reps;
    this.acc = new Accumulators(s.stages.length * N_MEASURES + 1);
  }

  get completed(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /**
   * The engine, made at the first step (a run folded from a pool's blocks never needs one). A batch
   * of replications runs side by side; results do not depend on the batch size.
   */
  private get engine(): Engine {
    const s = this.s;
    return (this.engineOf ??= new Engine(s, batchSize(customerStages(s).length, s.periods, this.total)));
  }

  /** Runs the next engine batch (at most 16 replications); returns the replications completed so far. */
  step(): number {
    const { engine, acc } = this;
    const KM = this.s.stages.length * N_MEASURES;
    const nb = Math.min(engine.batch, this.total - this.done);
    if (nb <= 0) return this.done;
    engine.run(this.done, nb);
    const m = engine.measures;
    for (let r = 0; r < nb; r++) {
      const o = r * KM;
      for (let i = 0; i < KM; i++) acc.push(i, m[o + i]);
      acc.push(KM, engine.networkCost[r]);
    }
    this.done += nb;
    return this.done;
  }

  /**
   * Folds the next `count` replications, run elsewhere (parallel.ts), into the statistics: `rows`
   * holds each one's stage measures then its network cost, in the order step() pushes them, so the
   * statistics are the same, bit for bit, as if this run had stepped through them.
   */
  fold(rows: Float64Array, count: number): number {
    const W = this.s.stages.length * N_MEASURES + 1;
    if (!(count >= 0 && count <= this.total - this.done && rows.length === count * W)) {
      throw new DomainError("value", `a block of ${count} replications does not fit the run (${this.done} of ${this.total} done)`);
    }
    for (let r = 0, o = 0; r < count; r++) for (let i = 0; i < W; i++, o++) this.acc.push(i, rows[o]);
    this.done += count;
    return this.done;
  }

  /** Mean and 95% CI of every measure over the replications completed (cancelled when not all). */
  result(): Result {
    const { s, acc } = this;
    const K = s.stages.length;
    // Costs are sums over the measured periods; per period, each replication's sum / n.
    const n = s.periods - s.warmup;
    const stages: StageResult[] = s.stages.map((st, k) => {
      const o = k * N_MEASURES;
      const cost = {
        holding: acc.stat(o + M_HOLDING),
        backlog: acc.stat(o + M_BACKLOG_COST),
        inTransit: acc.stat(o + M_TRANSIT_COST),
        total: acc.stat(o + M_TOTAL_COST),
      };
      return {
        name: st.name,
        bullwhip: acc.stat(o + M_BULLWHIP),
        fillRate: acc.stat(o + M_FILL_RATE),
        avgOnHand: acc.stat(o + M_AVG_ON_HAND),
        avgBacklog: acc.stat(o + M_AVG_BACKLOG),
        avgInTransit: acc.stat(o + M_AVG_IN_TRANSIT),
        cost,
        costPerPeriod: {
          holding: divided(cost.holding, n),
          backlog: divided(cost.backlog, n),
          inTransit: divided(cost.inTransit, n),
          total: divided(cost.total, n),
        },
      };
    });
    const totalCost = acc.stat(K * N_MEASURES);
    return {
      scenario: s.name,
      periods: s.periods,
      warmup: s.warmup,
      seed: s.seed,
      replications: this.done,
      cancelled: !this.finished,
      stages,
      totalCost,
      measuredPeriods: n,
      totalCostPerPeriod: divided(totalCost, n),
    };
  }
}

/**
 * Replications 0 .. n-1 of the scenario (n = options.replications ?? scenario.replications), with
 * options.seed replacing the scenario's seed. Per stage: mean and 95% CI of each measure.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): Result {
  const run = new MonteCarloRun(scenario, options);
  const reps = run.total;
  const every = Math.max(1, Math.ceil(reps / 100));
  while (!run.finished) {
    if (options.shouldCancel && options.shouldCancel()) break;
    const before = run.completed;
    const done = run.step();
    // about 100 reports over the run, and always the last one
    if (options.onProgress && (Math.floor(done / every) > Math.floor(before / every) || done === reps)) options.onProgress(done, reps);
  }
  return run.result();
}
