/**
 * The period loop. Within period t the stages are processed downstream first (serial: stages[0],
 * stages[1], ...; distribution: the stores, then the DC), and each stage runs these steps in order
 * (ARCHITECTURE.md section 8.1):
 *
 *  1. receive   onHand += shipment sent to it in t - leadTime (initialFlow for t < leadTime);
 *               pipeline -= the same amount.
 *  2. observe   demand seen = customer demand of t - orderDelay (customer-facing stages), or the
 *               sum over downstream stages j of order_j(t - orderVisibleAfter_j); initialFlow
 *               before period 0.
 *  3. ship      required_j = backlog owed to j + demand from j. One downstream party (customers,
 *               or a serial stage): net = onHand - required; onHand = max(net, 0);
 *               backlog = max(-net, 0); shipped = required - backlog. Several (a DC short of
 *               stock): if sum required <= onHand everyone is served in full, else every store gets
 *               required_j * (onHand / sum required) and onHand = 0 (rationing proportional to
 *               what each store asks for). Shipments to j arrive in t + leadTime_j.
 *               Costs accrue on this end-of-period onHand and backlog.
 *  4. forecast  signal = customer demand of t it ultimately serves (information sharing), else
 *               the demand seen in step 2 (with VMI on a downstream stage: that stage's demand
 *               seen instead of its order). moving-average: mean of the last `window` signals,
 *               the window pre-filled with initialForecast; exp-smoothing: F = alpha s + (1 - alpha) F,
 *               F(-1) = initialForecast; known: the known mean; Sterman: Le = theta s + (1 - theta) Le.
 *               sigma (order-up-to): the sample sd (n - 1) of the same window when sigma is "sample"
 *               and z != 0, else the known sd. (Window sums are updated in O(1) and recomputed
 *               exactly whenever the window wraps: equal to AVERAGE / STDEV.S up to rounding.)
 *  5. order     position IP = onHand - backlog + pipeline. In t < fixedOrderPeriods: initialFlow.
 *               Outside the ordering periods (t mod orderEvery != orderPhase): 0. Otherwise the
 *               policy (policies.ts; order-up-to: S = C F + (z sqrt(C)) sigma, order S - IP,
 *               C = leadTime + orderVisibleAfter + orderEvery - 1), then + forwardBuy * forecast in a promotion period, then
 *               max(0, .) unless returns are allowed, then x gamingFactor while the supplier owes
 *               this stage goods (backlog at the end of t - 1), then up to full cases.
 *               pipeline += order. The outside supplier ships it at once (arrives t + leadTime).
 *               The policy's rule is in its file in src/policies; the echelon base-stock rule
 *               orders on the echelon position IP + the echelon positions of the stages it
 *               supplies after their orders of t (downstream stages are processed first).
 *  Push mode    (pushPullBoundary, src/policies/push.ts) a pushing stage skips steps 2-3 above: it
 *               plans from the customer demand of t - infoLag (step 4's forecast, made first), ships
 *               min(onHand, plan) to the stage below with no backlog, and writes that stage's
 *               replenishment (its pipeline, order sums and trace), since it ran earlier in t; the
 *               top pushing stage orders its plan, and a stage below a pushing one orders nothing.
 *  Costs        holding on the end-of-period onHand, backlog on the backlog, and in-transit
 *               holding on the goods shipped to the stage and not yet received at the end of the
 *               period (the shipments of t - leadTime + 1 .. t), summed without a per-period pass
 *               (finishMeasures).
 *
 * Everything is preallocated per Engine and reused across replications: no allocation per period.
 * simulate() runs a batch of replications side by side (each with its own state and draws, the
 * same operations in the same order as alone): parameters and branches are then shared.
 */
import { Rng } from "./rng";
import { customerStages, demandSource, DemandSource, stageDemandSpec } from "./demand";
import { assertNever, type ForecastMethod, type PolicyType } from "../policies";
import * as baseStockRule from "../policies/baseStock";
import * as cases from "../policies/cases";
import * as minMaxRule from "../policies/minMax";
import * as orderUpToRule from "../policies/orderUpTo";
import * as sQRule from "../policies/sQ";
import * as stermanRule from "../policies/sterman";
import { processingOrder, resolveParameters, ResolvedStage } from "./resolve";
import { Scenario, StageTrace, Trace } from "./types";

// Bound once at load: tsx / esbuild turn imported names into getters, which the hot loop would
// otherwise call every stage-period.
const { baseStockOrder } = baseStockRule;
const { fullCasesUp } = cases;
const { minMaxOrder } = minMaxRule;
const { orderUpToLevel } = orderUpToRule;
const { sQOrder } = sQRule;
const { stermanOrder } = stermanRule;
// Math functions bound once: a global lookup per call is slow inside vm contexts (jest runs tests
// in one) and costs a property load elsewhere.
const sqrt = Math.sqrt;
// One-pass sums of squares lose digits to cancellation: their rounding error is below about
// n eps sum(x^2), far below this fraction of it. A deviation sum within it is a flat series (0).
const CANCELLATION = 1e-10;

// Codes and per-stage field offsets are const enums: the compilers (tsc, esbuild/tsx) inline them
// as literals. Module-level consts would be module-cell loads in the hot loop under an ESM loader.

/** Policies and forecasts as small integers (one dispatch per stage-period). */
const enum Pol {
  OrderUpTo = 0,
  SQ = 1,
  MinMax = 2,
  Sterman = 3,
  BaseStock = 4,
  EchelonBaseStock = 5,
  // Push mode (not policy types: the stage's role in a push-pull chain overrides its policy).
  PushPlan = 6, // the top pushing stage produces its plan
  Receive = 7, // its supplier pushes: it orders nothing
}
const enum Fc {
  MovingAverage = 0,
  ExpSmoothing = 1,
  Known = 2,
}
// Exhaustive by type: a policy or forecast without a code does not compile.
const POL: { readonly [T in PolicyType]: Pol } = {
  "order-up-to": Pol.OrderUpTo,
  "s-Q": Pol.SQ,
  "min-max": Pol.MinMax,
  sterman: Pol.Sterman,
  "base-stock": Pol.BaseStock,
  "echelon-base-stock": Pol.EchelonBaseStock,
};
const FC: { readonly [M in ForecastMethod]: Fc } = {
  "moving-average": Fc.MovingAverage,
  "exp-smoothing": Fc.ExpSmoothing,
  known: Fc.Known,
};

/** Lever flags per stage: the common case (none) skips every lever test in one branch. */
const enum Lever {
  Fixed = 1,
  BatchPeriod = 2,
  Promotion = 4,
  Gaming = 8,
  Cases = 16,
}

// Per-stage blocks: stage k's fields live at k * Stride + field in three arrays (state, float
// parameters, integer parameters and cursors). A handful of arrays instead of fifty keeps the hot
// loop's working set in registers; that, more than anything, sets the speed.

/** Float state. */
const enum S {
  OnHand = 0,
  Pipe = 1, // ordered, not yet received
  Owed = 2, // backlog the supplier of k owes k
  CustBack = 3, // backlog k owes its customers
  Seen = 4, // demand seen by k this period (the VMI signal of its supplier)
  Fc = 5, // exp-smoothing forecast / Sterman's Le
  SumQ = 6, // per-replication sums over periods >= warmup (orders shifted by initialFlow)
  SumQ2 = 7,
  SumOnHand = 8,
  SumBacklog = 9,
  SumDemand = 10,
  SumFilled = 11,
  WSum = 12, // sum over the window of (signal - initialForecast)
  WSum2 = 13, // sum over the window of (signal - initialForecast)^2
  Ech = 14, // echelon position after this period's order (where needed)
  Stride = 15,
}

/** Float parameters. */
const enum F {
  Alpha = 0,
  Z = 1,
  Coverage = 2,
  ZSqrtCoverage = 3, // z sqrt(C)
  KnownMean = 4,
  KnownSd = 5,
  P1 = 6, // the rule's parameters (PolicyNumbers.params)
  P2 = 7,
  P3 = 8,
  P4 = 9,
  Flow = 10,
  CaseSize = 11,
  Gaming = 12,
  ForwardBuy = 13,
  InitForecast = 14,
  InitInventory = 15,
  Hold = 16,
  Back = 17,
  MeanCoverage = 18, // knownMean * coverage (min-max)
  InvWindow = 19, // 1 / window
  InvWindow1 = 20, // 1 / (window - 1)
  Transit = 21, // in-transit holding cost per unit and period
  Stride = 22,
}

/** Integer parameters and ring cursors. */
const enum I {
  Lead = 0,
  OrderDelay = 1,
  Supplier = 2,
  Stream = 3, // demand stream faced, -1 for internal suppliers
  DownStart = 4,
  DownCount = 5,
  Vmi = 6,
  ServesAll = 7, // serves every stream (serial, DC) rather than its own
  Policy = 8,
  Forecast = 9,
  Window = 10,
  SampleSigma = 11,
  Every = 12,
  Phase = 13,
  FixedN = 14,
  Levers = 15,
  ArrOff = 16, // shipments in transit to k: arr[ArrOff + (t mod leadTime)]
  OrdOff = 17, // orders placed by k: ord[OrdOff + (t mod OrdLen)]
  OrdLen = 18, // orderVisibleAfter + 1
  WinOff = 19, // last Window demand signals: win[WinOff + (t mod Window)]
  ArrCur = 20,
  OrdCur = 21,
  WinCur = 22,
  NeedEch = 23, // 1: keep the echelon position (this stage or one upstream orders on it)
  Pushes = 24, // 1: ships its plan to the stage below (push mode)
  InfoLag = 25, // push mode: periods before it learns of customer demand
  Stride = 26,
}

/** Per-replication measures of one stage (computed over periods >= warmup). */
export const M_BULLWHIP = 0;
export const M_FILL_RATE = 1;
export const M_AVG_ON_HAND = 2;
export const M_AVG_BACKLOG = 3;
export const M_HOLDING = 4;
export const M_BACKLOG_COST = 5;
export const M_TOTAL_COST = 6;
export const M_AVG_IN_TRANSIT = 7;
export const M_TRANSIT_COST = 8;
export const N_MEASURES = 9;

export class Engine {
  readonly scenario: Scenario;
  readonly resolved: ResolvedStage[];
  readonly nStages: number;
  readonly periods: number;
  /** Replications run side by side (each has its own state; parameters and branches are shared). */
  readonly batch: number;
  /** measures[(r * nStages + k) * N_MEASURES + m]: replication r of the last batch, stage k. */
  readonly measures: Float64Array;
  /** Total network cost of replication r of the last batch (periods >= warmup). */
  readonly networkCost: Float64Array;

  private rng = new Rng();
  private sources: DemandSource[];
  private nStreams: number;
  private order: Int32Array; // processing order within a period
  private demand: Float64Array; // demand[((stream * batch) + r) * T + t]
  private totalDemand: Float64Array; // summed over streams: [r * T + t]
  private streamVar: Float64Array; // [stream * batch + r]
  private totalVar: Float64Array; // [r]

  // State of stage k in replication r of the batch at ((k * batch) + r) * S.Stride; parameters
  // at k * F.Stride and k * I.Stride; ring-buffer slot s of stage k, replication r at
  // (offset_k + s) * batch + r.
  private st: Float64Array;
  private pf: Float64Array;
  private pi: Int32Array;
  private down: Int32Array;
  private arr: Float64Array;
  private ord: Float64Array;
  private win: Float64Array;
  // At the start of period warmup, per stage and replication: the pipeline, and the first arrivals
  // weighted (snapshotTransit; read by finishMeasures). Apart from `st`: the loop never touches it.
  private snap: Float64Array;
  private promo: Uint8Array; // promo[k * T + t]; empty without promotions
  // scratch per downstream stage of a DC, refreshed every period: state base, order and arrival slots, VMI
  private dBase: Int32Array;
  private dOrd: Int32Array;
  private dArr: Int32Array;
  private dVmi: Int32Array;
  private dReq: Float64Array; // what each store requires this period (replication r being processed)
  private allowReturns: boolean;
  private sharing: boolean;
  private warmup: number;

  constructor(scenario: Scenario, batch = 1) {
    const s = (this.scenario = scenario);
    const T = (this.periods = s.periods);
    const K = (this.nStages = s.stages.length);
    const B = (this.batch = Math.max(1, Math.floor(batch)));
    const res = (this.resolved = resolveParameters(s));
    const cust = customerStages(s);
    this.nStreams = cust.length;
    this.sources = cust.map((k) => demandSource(stageDemandSpec(s, k), T));
    this.order = Int32Array.from(processingOrder(s));
    this.demand = new Float64Array(this.nStreams * B * T);
    this.totalDemand = new Float64Array(B * T);
    this.streamVar = new Float64Array(this.nStreams * B);
    this.totalVar = new Float64Array(B);
    this.measures = new Float64Array(B * K * N_MEASURES);
    this.networkCost = new Float64Array(B);
    this.allowReturns = s.allowReturns;
    this.sharing = s.informationSharing;
    this.warmup = s.warmup;
    this.st = new Float64Array(K * B * S.Stride);
    this.snap = new Float64Array(K * B * 2);
    const pf = (this.pf = new Float64Array(K * F.Stride));
    const pi = (this.pi = new Int32Array(K * I.Stride));
    this.promo = new Uint8Array(0);

    const downs: number[] = [];
    let arrSize = 0;
    let ordSize = 0;
    let winSize = 0;
    for (let k = 0; k < K; k++) {
      const st = s.stages[k];
      const r = res[k];
      const f = k * F.Stride;
      const i = k * I.Stride;
      pi[i + I.Lead] = st.leadTime;
      pi[i + I.OrderDelay] = st.orderDelay;
      pi[i + I.Supplier] = r.supplier;
      pi[i + I.Stream] = r.demandStream;
      pi[i + I.DownStart] = downs.length;
      pi[i + I.DownCount] = r.downstream.length;
      downs.push(...r.downstream);
      pi[i + I.Vmi] = st.vmi ? 1 : 0;
      pi[i + I.ServesAll] = s.network === "distribution" && k > 0 ? 0 : 1;
      pf[f + F.Z] = r.z;
      pf[f + F.Coverage] = r.coverage;
      pf[f + F.ZSqrtCoverage] = r.z * Math.sqrt(r.coverage);
      pf[f + F.KnownMean] = r.knownMean;
      pf[f + F.KnownSd] = r.knownSd;
      pf[f + F.MeanCoverage] = r.knownMean * r.coverage;
      pf[f + F.Flow] = r.initialFlow;
      pf[f + F.InitForecast] = r.initialForecast;
      pf[f + F.InitInventory] = st.initialInventory;
      pf[f + F.Hold] = st.holdingCost;
      pf[f + F.Back] = st.backlogCost;
      pf[f + F.CaseSize] = st.caseSize ?? 0;
      pf[f + F.Gaming] = st.shortageGaming ? st.shortageGaming.factor : 1;
      pf[f + F.ForwardBuy] = st.promotion ? st.promotion.forwardBuy : 0;
      pi[i + I.Every] = st.orderEvery;
      pi[i + I.Phase] = st.orderPhase;
      pi[i + I.FixedN] = st.fixedOrderPeriods;
      const promoted = st.promotion !== undefined && st.promotion.periods.length > 0;
      if (promoted) {
        if (this.promo.length === 0) this.promo = new Uint8Array(K * T);
        for (const t of st.promotion!.periods) this.promo[k * T + t] = 1;
      }
      pi[i + I.Levers] =
        (st.fixedOrderPeriods > 0 ? Lever.Fixed : 0) |
        (st.orderEvery > 1 ? Lever.BatchPeriod : 0) |
        (promoted ? Lever.Promotion : 0) |
        (st.shortageGaming && st.shortageGaming.factor !== 1 ? Lever.Gaming : 0) |
        (st.caseSize !== undefined ? Lever.Cases : 0);
      // The policy's numbers (src/policies, via resolve.ts): its code, forecast and rule parameters.
      pi[i + I.Policy] = POL[st.policy.type];
      pi[i + I.Forecast] = FC[r.forecast];
      pi[i + I.Window] = r.window;
      pf[f + F.InvWindow] = 1 / r.window;
      pf[f + F.InvWindow1] = r.window > 1 ? 1 / (r.window - 1) : 0;
      pf[f + F.Alpha] = r.alpha;
      pi[i + I.SampleSigma] = r.sampleSigma ? 1 : 0;
      pf[f + F.P1] = r.params[0];
      pf[f + F.P2] = r.params[1];
      pf[f + F.P3] = r.params[2];
      pf[f + F.P4] = r.params[3];
      pi[i + I.NeedEch] = r.echelonNeeded ? 1 : 0;
      pf[f + F.Transit] = st.inTransitHoldingCost ?? 0;
      // Push mode: the role overrides the policy (resolve.ts already gave the plan's forecast).
      if (r.receivesPush) pi[i + I.Policy] = Pol.Receive;
      else if (r.pushes) pi[i + I.Policy] = Pol.PushPlan;
      pi[i + I.Pushes] = r.pushes ? 1 : 0;
      pi[i + I.InfoLag] = r.infoLag;
      pi[i + I.ArrOff] = arrSize;
      arrSize += st.leadTime;
      pi[i + I.OrdOff] = ordSize;
      pi[i + I.OrdLen] = r.orderVisibleAfter + 1;
      ordSize += r.orderVisibleAfter + 1;
      pi[i + I.WinOff] = winSize;
      winSize += pi[i + I.Window];
    }
    this.down = Int32Array.from(downs);
    const maxDown = res.reduce((m, r) => Math.max(m, r.downstream.length), 0);
    this.dBase = new Int32Array(maxDown);
    this.dOrd = new Int32Array(maxDown);
    this.dArr = new Int32Array(maxDown);
    this.dVmi = new Int32Array(maxDown);
    this.dReq = new Float64Array(maxDown);
    this.arr = new Float64Array(arrSize * B);
    this.ord = new Float64Array(ordSize * B);
    this.win = new Float64Array(winSize * B);
  }

  /** Customer demand of replications rep0 .. rep0 + nb - 1 (each from its own streams). */
  private drawDemand(rep0: number, nb: number): void {
    const T = this.periods;
    const B = this.batch;
    const seed = this.scenario.seed;
    const tot = this.totalDemand;
    const dem = this.demand;
    tot.fill(0);
    for (let r = 0; r < nb; r++) {
      for (let i = 0; i < this.nStreams; i++) {
        this.rng.reseed(seed, rep0 + r, i);
        const off = (i * B + r) * T;
        this.sources[i].fill(this.rng, dem, off, T, tot, r * T);
      }
    }
  }

  private reset(): void {
    const { st, pf, pi, arr, ord, win } = this;
    const B = this.batch;
    st.fill(0);
    for (let k = 0; k < this.nStages; k++) {
      const f = k * F.Stride;
      const i = k * I.Stride;
      const flow = pf[f + F.Flow];
      for (let r = 0; r < B; r++) {
        const b = (k * B + r) * S.Stride;
        st[b + S.OnHand] = pf[f + F.InitInventory];
        // In transit: leadTime shipments; order slips the supplier has not seen yet: orderVisibleAfter.
        st[b + S.Pipe] = (pi[i + I.Lead] + pi[i + I.OrdLen] - 1) * flow;
        st[b + S.Fc] = pf[f + F.InitForecast];
      }
      arr.fill(flow, pi[i + I.ArrOff] * B, (pi[i + I.ArrOff] + pi[i + I.Lead]) * B);
      ord.fill(flow, pi[i + I.OrdOff] * B, (pi[i + I.OrdOff] + pi[i + I.OrdLen]) * B);
      // The window holds signal - initialForecast: pre-filled with zeros, its sums start at exactly 0.
      win.fill(0, pi[i + I.WinOff] * B, (pi[i + I.WinOff] + pi[i + I.Window]) * B);
      pi[i + I.ArrCur] = 0;
      pi[i + I.OrdCur] = 0;
      pi[i + I.WinCur] = 0;
    }
  }

  /** Customer demand drawn for replication `r` of the last batch: stream i at demand[(i * batch + r) * periods + t]. */
  demandOfLastRun(): Float64Array {
    return this.demand;
  }

  /**
   * Replications rep0 .. rep0 + nb - 1 (nb <= batch), side by side. Fills `measures` and
   * `networkCost`; with `trace` (nb = 1), also every per-period value.
   */
  run(rep0: number, nb = 1, trace: Trace | null = null): void {
    const B = this.batch;
    if (!(nb >= 1 && nb <= B)) throw new RangeError(`nb must be from 1 to ${B}`);
    if (trace !== null && nb !== 1) throw new RangeError("a trace holds one replication");
    this.drawDemand(rep0, nb);
    this.reset();
    const T = this.periods;
    const K = this.nStages;
    const W = this.warmup;
    const { order, st, pf, pi, down, arr, ord, win, promo, dBase, dOrd, dArr, dVmi, dReq } = this;
    const D = this.demand;
    const totalD = this.totalDemand;
    const allowReturns = this.allowReturns;
    const sharing = this.sharing;
    const tr: StageTrace[] | null = trace ? trace.stages : null;

    for (let t = 0; t < T; t++) {
      if (t === W) this.snapshotTransit(nb);
      const measure = t >= W;
      for (let oi = 0; oi < K; oi++) {
        const k = order[oi];
        const f = k * F.Stride;
        const i = k * I.Stride;
        // Parameters of stage k, the same for every replication of the batch.
        const aSlot = (pi[i + I.ArrOff] + pi[i + I.ArrCur]) * B; // + r
        const sIdx = pi[i + I.Stream];
        const orderDelay = pi[i + I.OrderDelay];
        const flow = pf[f + F.Flow];
        const nDown = pi[i + I.DownCount];
        const downStart = pi[i + I.DownStart];
        // the single downstream stage j of a serial chain
        const j1 = nDown === 1 ? down[downStart] : -1;
        const ij1 = j1 * I.Stride;
        const j1Ord = j1 >= 0 ? (pi[ij1 + I.OrdOff] + pi[ij1 + I.OrdCur]) * B : 0; // j advanced its cursor: (t - visibleAfter) mod len
        const j1ac = j1 >= 0 ? pi[ij1 + I.ArrCur] : 0; // j's slot of period t is the one before its advanced cursor
        const j1Arr = j1 >= 0 ? (pi[ij1 + I.ArrOff] + (j1ac === 0 ? pi[ij1 + I.Lead] - 1 : j1ac - 1)) * B : 0;
        const j1Vmi = j1 >= 0 && pi[ij1 + I.Vmi] === 1;
        const servesAll = pi[i + I.ServesAll] === 1;
        const pol = pi[i + I.Policy] as Pol;
        const fk = pi[i + I.Forecast] as Fc;
        const sample = pi[i + I.SampleSigma] === 1;
        const movingWindow = fk === Fc.MovingAverage || sample;
        const needEch = pi[i + I.NeedEch] === 1;
        const pushes = pi[i + I.Pushes] === 1;
        const infoLag = pi[i + I.InfoLag];
        // Its orders are what its supplier pushes: summed there, later in the period.
        const receives = pol === Pol.Receive;
        const p = pi[i + I.Window];
        const wCur = pi[i + I.WinCur];
        const wSlot = (pi[i + I.WinOff] + wCur) * B; // + r
        const wRecompute = wCur === p - 1;
        const wBase = pi[i + I.WinOff] * B;
        const c0 = pf[f + F.InitForecast];
        const invW = pf[f + F.InvWindow];
        const invW1 = pf[f + F.InvWindow1];
        const alpha = pf[f + F.Alpha];
        const coverage = pf[f + F.Coverage];
        const zsc = pf[f + F.ZSqrtCoverage];
        const knownMean = pf[f + F.KnownMean];
        const knownSd = pf[f + F.KnownSd];
        const p1 = pf[f + F.P1];
        const p2 = pf[f + F.P2];
        const p3 = pf[f + F.P3];
        const p4 = pf[f + F.P4];
        // Its supplier reads what it saw (VMI): stored only then.
        const seenRead = pi[i + I.Vmi] === 1;
        const meanCoverage = pf[f + F.MeanCoverage];
        const lev = pi[i + I.Levers];
        const fixed = (lev & Lever.Fixed) !== 0 && t < pi[i + I.FixedN];
        const idle = (lev & Lever.BatchPeriod) !== 0 && t % pi[i + I.Every] !== pi[i + I.Phase];
        const promoNow = (lev & Lever.Promotion) !== 0 && promo[k * T + t] === 1;
        const external = pi[i + I.Supplier] < 0;
        const oSlot = (pi[i + I.OrdOff] + pi[i + I.OrdCur]) * B; // + r
        if (nDown > 1) {
          // a DC: where each store's order and shipment sit this period, the same for every replication
          for (let q = 0; q < nDown; q++) {
            const j = down[downStart + q];
            const ij = j * I.Stride;
            dBase[q] = j * B * S.Stride;
            dOrd[q] = (pi[ij + I.OrdOff] + pi[ij + I.OrdCur]) * B;
            const ac = pi[ij + I.ArrCur]; // j's slot of period t is the one before its advanced cursor
            dArr[q] = (pi[ij + I.ArrOff] + (ac === 0 ? pi[ij + I.Lead] - 1 : ac - 1)) * B;
            dVmi[q] = pi[ij + I.Vmi];
          }
        }

        for (let r = 0; r < nb; r++) {
          const b = (k * B + r) * S.Stride;

          // 1. receive
          const received = arr[aSlot + r];
          let oh = st[b + S.OnHand] + received;
          const pipe = st[b + S.Pipe] - received; // stored once, with the order, in step 5

          // 2. observe demand, 3. ship
          let incoming = 0;
          let shipped = 0;
          let filled = 0;
          let backlog = 0;
          let signal: number;
          if (sIdx >= 0) {
            incoming = t >= orderDelay ? D[(sIdx * B + r) * T + t - orderDelay] : flow;
            const old = st[b + S.CustBack];
            const required = old + incoming;
            const net = oh - required;
            oh = net > 0 ? net : 0;
            backlog = net < 0 ? -net : 0;
            shipped = required - backlog;
            st[b + S.CustBack] = backlog;
            const fresh = shipped - old;
            filled = fresh <= 0 ? 0 : fresh < incoming ? fresh : incoming;
            signal = incoming;
          } else if (pushes) {
            // 2. plan: a pushing stage (serial, above the retailer) sees the customer demand of
            // t - infoLag, not orders; it ships after its forecast (below).
            const lt = t - infoLag;
            signal = lt >= 0 ? totalD[r * T + lt] : c0;
          } else if (j1 >= 0) {
            const bj = (j1 * B + r) * S.Stride;
            incoming = ord[j1Ord + r];
            const old = st[bj + S.Owed];
            const required = old + incoming;
            const net = oh - required;
            oh = net > 0 ? net : 0;
            backlog = net < 0 ? -net : 0;
            shipped = required - backlog;
            st[bj + S.Owed] = backlog;
            arr[j1Arr + r] = shipped;
            const fresh = shipped - old;
            filled = fresh <= 0 ? 0 : fresh < incoming ? fresh : incoming;
            signal = j1Vmi ? st[bj + S.Seen] : incoming;
          } else {
            let total = 0;
            signal = 0;
            const rs = r * S.Stride;
            for (let q = 0; q < nDown; q++) {
              const bj = dBase[q] + rs;
              const inc = ord[dOrd[q] + r];
              incoming += inc;
              signal += dVmi[q] === 1 ? st[bj + S.Seen] : inc;
              const req = st[bj + S.Owed] + inc;
              dReq[q] = req;
              total += req;
            }
            // Rationing: each store gets the share onHand / total of what it requires (orders >= 0 here).
            const share = total <= oh ? 1 : oh / total;
            for (let q = 0; q < nDown; q++) {
              const bj = dBase[q] + rs;
              const req = dReq[q];
              const old = st[bj + S.Owed];
              const slot = dArr[q] + r;
              if (share === 1) {
                // served in full: the backlog is cleared and the new order filled on time
                st[bj + S.Owed] = 0;
                shipped += req;
                arr[slot] = req;
                filled += req - old;
              } else {
                const inc = req - old;
                const sent = req * share;
                const left = req - sent;
                st[bj + S.Owed] = left;
                backlog += left;
                shipped += sent;
                arr[slot] = sent;
                const fresh = sent - old;
                filled += fresh <= 0 ? 0 : fresh < inc ? fresh : inc;
              }
            }
            oh = share === 1 ? oh - total : 0;
          }
          st[b + S.OnHand] = oh;
          if (seenRead) st[b + S.Seen] = incoming;

          // 4. forecast
          if (sharing && !pushes) signal = servesAll ? totalD[r * T + t] : D[(sIdx * B + r) * T + t];
          let forecast: number;
          let sigma = 0;
          let mean = 0;
          if (movingWindow) {
            // Window sums kept up to date in O(1) and recomputed exactly whenever the window wraps,
            // so rounding never accumulates over more than `window` updates.
            const y = signal - c0;
            const yOld = win[wSlot + r];
            win[wSlot + r] = y;
            let s1: number;
            let s2: number;
            if (wRecompute) {
              s1 = 0;
              s2 = 0;
              for (let w = 0; w < p; w++) {
                const v = win[wBase + w * B + r];
                s1 += v;
                s2 += v * v;
              }
            } else {
              s1 = st[b + S.WSum] + (y - yOld);
              s2 = st[b + S.WSum2] + (y * y - yOld * yOld);
            }
            st[b + S.WSum] = s1;
            st[b + S.WSum2] = s2;
            const m1 = s1 * invW;
            mean = c0 + m1;
            if (sample) {
              // sample sd (n - 1) of the window: (sum y^2 - n ybar^2) / (n - 1), y = signal - c
              let num = s2 - s1 * m1;
              if (num <= CANCELLATION * s2) {
                // The one-pass sums cancelled (a flat window leaves a rounding residue, not 0):
                // recompute two-pass about the window's first value, so a flat window gives
                // sigma = 0 exactly, as STDEV.S does.
                const y0 = win[wBase + r];
                let a = 0;
                for (let w = 0; w < p; w++) a += win[wBase + w * B + r] - y0;
                const mw = a * invW;
                num = 0;
                for (let w = 0; w < p; w++) {
                  const e = win[wBase + w * B + r] - y0 - mw;
                  num += e * e;
                }
              }
              sigma = num > 0 ? sqrt(num * invW1) : 0;
            }
          }

          switch (fk) {
            case Fc.MovingAverage:
              forecast = mean;
              break;
            case Fc.ExpSmoothing:
              forecast = st[b + S.Fc] = alpha * signal + (1 - alpha) * st[b + S.Fc];
              break;
            case Fc.Known:
              forecast = knownMean;
              break;
            default:
              assertNever(fk);
          }
          if (!sample) sigma = knownSd;
          if (pushes) {
            const plan = forecast > 0 ? forecast : 0;
            // 3. ship the plan: what it can of it to the stage below; the rest is not owed.
            // The stage below orders nothing: its replenishment (its "orders") is this shipment.
            incoming = plan;
            shipped = plan < oh ? plan : oh;
            oh -= shipped;
            filled = shipped;
            const bj = (j1 * B + r) * S.Stride;
            arr[j1Arr + r] = shipped;
            st[bj + S.Pipe] += shipped;
            if (measure) {
              const dq = shipped - pf[j1 * F.Stride + F.Flow]; // shifted, as the stage's own orders
              st[bj + S.SumQ] += dq;
              st[bj + S.SumQ2] += dq * dq;
            }
            if (tr !== null) {
              tr[j1].orders[t] = shipped;
              tr[j1].pipeline[t] += shipped;
            }
            st[b + S.OnHand] = oh;
          }

          // 5. order
          const position = oh - backlog + pipe;
          // Echelon position: this stage's plus its downstream stages' (after their orders of t).
          let echelon = 0;
          if (needEch) {
            echelon = position;
            if (j1 >= 0) echelon += st[(j1 * B + r) * S.Stride + S.Ech];
            else if (nDown > 1) for (let q = 0; q < nDown; q++) echelon += st[dBase[q] + r * S.Stride + S.Ech];
          }
          let target: number;
          let q: number;
          switch (pol) {
            case Pol.OrderUpTo:
              target = orderUpToLevel(forecast, coverage, zsc, sigma);
              q = target - position;
              break;
            case Pol.MinMax:
              target = p1;
              q = minMaxOrder(position, target, p3, meanCoverage, p4);
              break;
            case Pol.SQ:
              target = p1;
              q = sQOrder(position, target, p2);
              break;
            case Pol.BaseStock:
              target = p1;
              q = baseStockOrder(target, position);
              break;
            case Pol.EchelonBaseStock:
              target = p1;
              q = baseStockOrder(target, echelon);
              break;
            case Pol.Sterman:
              target = p3;
              q = stermanOrder(forecast, p1, target, oh - backlog, p2, pipe);
              break;
            case Pol.PushPlan:
              target = q = forecast > 0 ? forecast : 0;
              break;
            case Pol.Receive:
              // Set by the supplier's push later in the period.
              target = pushes && forecast > 0 ? forecast : 0;
              q = 0;
              break;
            default:
              assertNever(pol);
          }
          if (lev === 0) {
            if (!allowReturns && q < 0) q = 0;
          } else if (fixed) {
            q = flow;
          } else if (idle) {
            q = 0;
          } else {
            if (promoNow) q += pf[f + F.ForwardBuy] * forecast;
            if (!allowReturns && q < 0) q = 0;
            if ((lev & Lever.Gaming) !== 0 && st[b + S.Owed] > 0) q *= pf[f + F.Gaming];
            if ((lev & Lever.Cases) !== 0 && q > 0) q = fullCasesUp(q, pf[f + F.CaseSize]);
          }
          st[b + S.Pipe] = pipe + q;
          if (needEch) st[b + S.Ech] = echelon + q;
          if (external)
            arr[aSlot + r] = q; // the outside supplier ships at once
          else ord[oSlot + r] = q;

          if (measure) {
            const dq = receives ? 0 : q - flow; // shifted: no cancellation in the variance
            st[b + S.SumQ] += dq;
            st[b + S.SumQ2] += dq * dq;
            st[b + S.SumOnHand] += oh;
            st[b + S.SumBacklog] += backlog;
            if (incoming > 0) st[b + S.SumDemand] += incoming;
            st[b + S.SumFilled] += filled;
          }
          if (tr !== null) {
            const x = tr[k];
            x.received[t] = received;
            x.demand[t] = incoming;
            x.shipped[t] = shipped;
            x.onHand[t] = oh;
            x.backlog[t] = backlog;
            x.signal[t] = signal;
            x.forecast[t] = forecast;
            x.position[t] = position;
            x.echelonPosition[t] = echelon;
            x.target[t] = target;
            x.orders[t] = q;
            x.pipeline[t] = pipe + q;
          }
        }
        // Advance k's ring cursors to period t + 1 (its supplier, processed later in this period,
        // reads k's order and writes k's shipment relative to them).
        let c = pi[i + I.ArrCur] + 1;
        pi[i + I.ArrCur] = c === pi[i + I.Lead] ? 0 : c;
        c = pi[i + I.OrdCur] + 1;
        pi[i + I.OrdCur] = c === pi[i + I.OrdLen] ? 0 : c;
        c = wCur + 1;
        pi[i + I.WinCur] = c === p ? 0 : c;
      }
      if (tr !== null) this.traceInTransit(tr, t);
    }
    this.finishMeasures(nb);
  }

  /**
   * At the start of period warmup: each stage's pipeline, and the arrivals due in W .. W + L - 1
   * weighted by L - min(L, a - W) (what they fall short of being in transit for L measured periods;
   * arrivals from T on are counted from the ring at the end instead).
   */
  private snapshotTransit(nb: number): void {
    const { st, pi, arr, snap } = this;
    const B = this.batch;
    const W = this.warmup;
    const T = this.periods;
    for (let k = 0; k < this.nStages; k++) {
      const i = k * I.Stride;
      const L = pi[i + I.Lead];
      for (let r = 0; r < nb; r++) {
        const b = (k * B + r) * S.Stride;
        const w = (k * B + r) * 2;
        snap[w] = st[b + S.Pipe];
        let early = 0;
        for (let a = W; a < W + L && a < T; a++) early += (L - (a - W)) * arr[(pi[i + I.ArrOff] + (a % L)) * B + r];
        snap[w + 1] = early;
      }
    }
  }

  /** Goods in transit to each stage at the end of period t: the shipments in its arrival ring (replication 0). */
  private traceInTransit(tr: StageTrace[], t: number): void {
    const { pi, arr } = this;
    for (let k = 0; k < this.nStages; k++) {
      const i = k * I.Stride;
      let sum = 0;
      for (let j = 0; j < pi[i + I.Lead]; j++) sum += arr[(pi[i + I.ArrOff] + j) * this.batch];
      tr[k].inTransit[t] = sum;
    }
  }

  /** Bullwhip, fill rate, averages and costs of the replications just run. */
  private finishMeasures(nb: number): void {
    const T = this.periods;
    const W = this.warmup;
    const B = this.batch;
    const K = this.nStages;
    const n = T - W;
    const nS = this.nStreams;
    const { st, pf, pi } = this;
    const out = this.measures;
    for (let r = 0; r < nb; r++) {
      // Customer demand variance per stream and in total over periods >= warmup; one pass on values
      // shifted by the stream's mean (no cancellation), the total only when there are several streams.
      for (let i = 0; i <= nS; i++) {
        if (i === nS && nS === 1) {
          this.totalVar[r] = this.streamVar[r];
          break;
        }
        const src = i < nS ? this.demand : this.totalDemand;
        const base = i < nS ? (i * B + r) * T : r * T;
        // Two passes (mean, then squared deviations) about the first measured value, as VAR.S:
        // a constant series gives exactly 0 and the ratio stays undefined.
        const c = src[base + W];
        let s1 = 0;
        for (let t = W; t < T; t++) s1 += src[base + t] - c;
        const m = s1 / n;
        let s2 = 0;
        for (let t = W; t < T; t++) {
          const d = src[base + t] - c - m;
          s2 += d * d;
        }
        const v = s2 / (n - 1);
        if (i < nS) this.streamVar[i * B + r] = v > 0 ? v : 0;
        else this.totalVar[r] = v > 0 ? v : 0;
      }
      let networkCost = 0;
      for (let k = 0; k < K; k++) {
        const b = (k * B + r) * S.Stride;
        const f = k * F.Stride;
        const i = k * I.Stride;
        const sq = st[b + S.SumQ];
        // Orders are summed in one pass; a residue within the cancellation bound is a flat series.
        const devQ = st[b + S.SumQ2] - (sq * sq) / n;
        const varQ = devQ > CANCELLATION * st[b + S.SumQ2] ? devQ / (n - 1) : 0;
        const varD = pi[i + I.ServesAll] === 1 ? this.totalVar[r] : this.streamVar[pi[i + I.Stream] * B + r];
        const o = (r * K + k) * N_MEASURES;
        out[o + M_BULLWHIP] = varD > 0 ? (varQ > 0 ? varQ : 0) / varD : NaN;
        out[o + M_FILL_RATE] = st[b + S.SumDemand] > 0 ? st[b + S.SumFilled] / st[b + S.SumDemand] : 1;
        out[o + M_AVG_ON_HAND] = st[b + S.SumOnHand] / n;
        out[o + M_AVG_BACKLOG] = st[b + S.SumBacklog] / n;
        // Goods in transit at the end of each measured period, summed without a per-period pass.
        // A shipment arriving in a was in transit at the end of c(a) measured periods: min(L, a - W)
        // for a < T, T - max(a - L, W) for the arrivals still in the ring at the end. The receipts of
        // the measured periods are the orders minus the pipeline's growth (every order enters the
        // pipeline, every receipt leaves it): R = sum q - Pipe(end) + Pipe(start of W). So the sum
        // is L R, less the shortfall of the first arrivals (snapshotTransit), plus the ring's.
        const lead = pi[i + I.Lead];
        const w = (k * B + r) * 2;
        const received = st[b + S.SumQ] + n * pf[f + F.Flow] - st[b + S.Pipe] + this.snap[w];
        let transit = lead * received - this.snap[w + 1];
        for (let a = T; a < T + lead; a++) {
          const from = a - lead > W ? a - lead : W;
          transit += this.arr[(pi[i + I.ArrOff] + (a % lead)) * B + r] * (T - from);
        }
        const hold = pf[f + F.Hold] * st[b + S.SumOnHand];
        const back = pf[f + F.Back] * st[b + S.SumBacklog];
        const transitCost = pf[f + F.Transit] * transit;
        out[o + M_HOLDING] = hold;
        out[o + M_BACKLOG_COST] = back;
        out[o + M_AVG_IN_TRANSIT] = transit / n;
        out[o + M_TRANSIT_COST] = transitCost;
        out[o + M_TOTAL_COST] = hold + back + transitCost;
        networkCost += hold + back + transitCost;
      }
      this.networkCost[r] = networkCost;
    }
  }
}

/** Empty per-period arrays for simulateOnce. */
export function newTrace(s: Scenario): Trace {
  const T = s.periods;
  const f = () => new Float64Array(T);
  return {
    scenario: s.name,
    periods: T,
    demand: [],
    demandStages: customerStages(s),
    stages: s.stages.map((st) => ({
      name: st.name,
      received: f(),
      demand: f(),
      shipped: f(),
      onHand: f(),
      backlog: f(),
      signal: f(),
      forecast: f(),
      position: f(),
      echelonPosition: f(),
      target: f(),
      orders: f(),
      pipeline: f(),
      inTransit: f(),
    })),
  };
}
