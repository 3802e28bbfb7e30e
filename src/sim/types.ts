import type { NormalizedPolicy, Policy } from "../policies";

/**
 * Scenario, trace and result types of the multi-echelon simulation.
 *
 * `ScenarioInput` is what a user writes (JSON, optional fields may be left out);
 * `Scenario` is the same document after `validateScenario`, with every default filled in, which is
 * what the engine, the workbook writer and the task pane read. scenario.schema.json is the
 * published contract for the input; keep the two in step.
 */

export type NetworkKind = "serial" | "distribution";

/** Customer demand per period. */
export type DemandSpec =
  /** iid normal draws; `truncateAtZero` (default true) replaces a negative draw by 0. */
  | { distribution: "normal"; mean: number; sd: number; truncateAtZero?: boolean }
  /** iid Poisson draws. */
  | { distribution: "poisson"; mean: number }
  /**
   * `before` in periods 0 .. at-1, `after` from period `at` on (the beer game: 4, then 8 from week 5 = period 4);
   * with `sd` > 0, plus normal noise of that sd (negative draws set to 0): a shift in a noisy demand.
   */
  | { distribution: "step"; before: number; after: number; at: number; sd?: number }
  /** Fixed values, one per period (at least `periods` of them). */
  | { distribution: "series"; values: number[] };

export type {
  BaseStockPolicy,
  EchelonBaseStockPolicy,
  ForecastMethod,
  MinMaxPolicy,
  NormalizedPolicy,
  OrderUpToPolicy,
  Policy,
  PolicyType,
  SQPolicy,
  StermanPolicy,
} from "../policies";

export interface StageInput {
  name: string;
  /** A shipment sent in period s arrives at the start of period s + leadTime (>= 1). */
  leadTime: number;
  /** Periods before this stage sees the demand placed on it (default 0). */
  orderDelay?: number;
  initialInventory: number;
  /** Units per period in every in-transit slot and order slip at the start (default: stage demand mean). */
  initialFlow?: number;
  holdingCost: number;
  backlogCost: number;
  /**
   * Per unit per period on the goods shipped to this stage and not yet received, counted at the
   * end of each period (Clark & Scarf charge them the upstream stage's local holding cost); the
   * in-transit cost is reported apart from the holding cost. Default 0.
   */
  inTransitHoldingCost?: number;
  policy: Policy;
  /** Order batching: orders are rounded up to full cases of this size (no rounding when absent). */
  caseSize?: number;
  /** Order batching: the stage orders only in periods t with t mod orderEvery = orderPhase (default 1, 0). */
  orderEvery?: number;
  orderPhase?: number;
  /** For t < fixedOrderPeriods the stage orders exactly initialFlow (the board game's first weeks). */
  fixedOrderPeriods?: number;
  /** While its supplier owes it goods, the stage multiplies its orders by factor (>= 1). */
  shortageGaming?: { factor: number };
  /** Price promotion: in these periods the stage buys forwardBuy periods of forecast demand ahead. */
  promotion?: { periods: number[]; forwardBuy: number };
  /** Vendor-managed inventory: the supplier sets this stage's replenishment from its sales and stock. */
  vmi?: boolean;
  /** Distribution networks: a store's own customer demand (default: the scenario's demand). */
  demand?: DemandSpec;
  /** Used when the stage pushes (upstream of the scenario's pushPullBoundary): its forecast of end demand. */
  pushPlan?: PushPlan;
}

/** A pushing stage's plan: its forecast of end (customer) demand, which it ships and (at the top) produces. */
export interface PushPlan {
  /** Default "moving-average". */
  forecast?: "moving-average" | "exp-smoothing";
  /** Moving-average window (default 4). */
  window?: number;
  /** Exponential-smoothing weight (default 0.3). */
  alpha?: number;
  /** Periods before the stage learns of customer demand: it plans from the demand of t - infoLag and before (default 0). */
  infoLag?: number;
}

export interface ScenarioInput {
  $schema?: string;
  name: string;
  description?: string;
  network: NetworkKind;
  periods?: number;
  warmup?: number;
  replications?: number;
  seed?: number;
  allowReturns?: boolean;
  informationSharing?: boolean;
  /**
   * Serial chains: the stages upstream of stages[pushPullBoundary] push, it and the stages below
   * pull (0: pure push down to the stage facing customers). Default: the last stage, nothing pushes.
   */
  pushPullBoundary?: number;
  demand: DemandSpec;
  stages: StageInput[];
}

/**
 * A stage after validation: scalar defaults filled in. Values derived from the demand (initialFlow,
 * a policy's mean / sd / initialForecast) stay optional so that they follow the demand when it is
 * edited; `resolveParameters` gives the numbers the engine uses.
 */
export interface Stage extends StageInput {
  orderDelay: number;
  policy: NormalizedPolicy;
  orderEvery: number;
  orderPhase: number;
  fixedOrderPeriods: number;
  vmi: boolean;
}

/**
 * A validated scenario: the input with every scalar default filled in. It still conforms to the
 * schema, so validateScenario(scenario) accepts it again unchanged (the workbook stores it as is).
 */
export interface Scenario extends ScenarioInput {
  periods: number;
  warmup: number;
  replications: number;
  seed: number;
  allowReturns: boolean;
  informationSharing: boolean;
  stages: Stage[];
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** One replication, period by period. Arrays have `periods` entries; see engine.ts for the step order. */
export interface StageTrace {
  name: string;
  /** Step 1: goods arriving at the start of the period. */
  received: Float64Array;
  /** Step 2: demand seen this period (customer demand, or downstream orders after orderDelay). */
  demand: Float64Array;
  /** Step 3: units shipped (to customers, or summed over the downstream stages). */
  shipped: Float64Array;
  /** Step 3: end-of-period on-hand and backlog (what costs accrue on). */
  onHand: Float64Array;
  backlog: Float64Array;
  /** Step 4: demand signal the forecast was updated with, and the per-period forecast after the update. */
  signal: Float64Array;
  forecast: Float64Array;
  /** Step 5: inventory position onHand - backlog + pipeline before the order. */
  position: Float64Array;
  /**
   * Step 5: echelon inventory position before the order: the position plus, for each stage it
   * supplies, that stage's echelon position after its order of the period. Computed where this
   * stage or one upstream of it orders on echelon positions, else 0.
   */
  echelonPosition: Float64Array;
  /** Step 5: the policy's level (order-up-to S_t, base-stock level, s, min-max lower, Sterman S'). */
  target: Float64Array;
  /** Step 5: order placed on the supplier. */
  orders: Float64Array;
  /** End of period: ordered but not yet received (includes this period's order). */
  pipeline: Float64Array;
  /** End of period: shipped to this stage and not yet received (after the supplier's shipment of the period). */
  inTransit: Float64Array;
}

export interface Trace {
  scenario: string;
  periods: number;
  /** Customer demand series used (same as demandSeries); demandStages[i] is the stage that faces demand[i]. */
  demand: Float64Array[];
  demandStages: number[];
  stages: StageTrace[];
}

/** Mean over replications and a 95% Student-t confidence interval (null with fewer than 2 replications). */
export interface Stat {
  mean: number;
  ci95: [number, number] | null;
  sd: number;
  n: number;
}

export interface StageCosts {
  holding: Stat;
  backlog: Stat;
  /** inTransitHoldingCost x the goods in transit to the stage. */
  inTransit: Stat;
  total: Stat;
}

export interface StageResult {
  name: string;
  /** Var(orders of the stage) / Var(customer demand it serves), periods >= warmup, per replication. */
  bullwhip: Stat;
  /** Share of demand (units) shipped in the period it was seen. */
  fillRate: Stat;
  avgOnHand: Stat;
  avgBacklog: Stat;
  /** Goods shipped to the stage and not yet received, at the end of the period. */
  avgInTransit: Stat;
  /** Sums over periods >= warmup (the measuredPeriods of the Result); total = holding + backlog + inTransit. */
  cost: StageCosts;
  /** The same costs per measured period: each replication's sum divided by measuredPeriods. */
  costPerPeriod: StageCosts;
}

export interface Result {
  scenario: string;
  periods: number;
  warmup: number;
  seed: number;
  /** Replications completed (fewer than asked when cancelled). */
  replications: number;
  cancelled: boolean;
  stages: StageResult[];
  /** Total cost of the whole network per replication (sum over the measured periods). */
  totalCost: Stat;
  /** Periods the measures are taken over: periods - warmup. */
  measuredPeriods: number;
  /** totalCost per measured period. */
  totalCostPerPeriod: Stat;
}

export interface SimulateOptions {
  replications?: number;
  seed?: number;
  /** Called with (done, total) at most about 100 times, and once at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Polled between batches of at most 16 replications; true stops the run and returns what has been accumulated. */
  shouldCancel?: () => boolean;
}
