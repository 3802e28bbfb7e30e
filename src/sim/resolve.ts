/**
 * Resolved parameters: every number the engine uses for a stage, derived once from the scenario
 * (topology, defaults that follow the demand, the protection period, and the policy's numbers from
 * its definition in src/policies). Exported so that the workbook writer puts exactly these values
 * into its Inputs sheet.
 */
import { definitionOf, type PolicyNumbers } from "../policies";
import { pushPlanOf } from "../policies/push";
import { pushRole } from "./pushPull";
import { customerStages, demandSource, stageDemandSpec } from "./demand";
import { Scenario } from "./types";

export interface ResolvedStage extends PolicyNumbers {
  index: number;
  name: string;
  /** Supplier stage index; -1 = the outside supplier, which always delivers in full. */
  supplier: number;
  /** Stages that order from this one, in processing order; empty when it faces customers. */
  downstream: number[];
  /** Index into demandSeries / Trace.demand when the stage faces customers, else -1. */
  demandStream: number;
  /** Customer demand streams this stage ultimately serves (its bullwhip denominator, its shared signal). */
  servesStreams: number[];
  /** Mean and sd per period of the demand the stage faces (upstream / DC: of the total customer demand). */
  demandMean: number;
  demandSd: number;
  initialFlow: number;
  /** Periods after which the supplier sees this stage's order: 0 with VMI or the outside supplier, else the supplier's orderDelay. */
  orderVisibleAfter: number;
  /**
   * Protection period C = leadTime + orderVisibleAfter + orderEvery - 1: an order placed in t can
   * arrive at t + leadTime + orderVisibleAfter at the earliest, and the next order is placed in t + orderEvery.
   */
  coverage: number;
  /** The engine computes the stage's echelon position: it, or a stage upstream of it, orders on one. */
  echelonNeeded: boolean;
  /**
   * Push mode (serial chains, scenario.pushPullBoundary): the stage ships its plan, its forecast of
   * end demand, to the stage below, and the top stage produces it; its forecast numbers above are
   * then its pushPlan's and its policy is not used.
   */
  pushes: boolean;
  /** Its supplier pushes: it orders nothing and its replenishment is what is pushed to it. */
  receivesPush: boolean;
  /** Push mode: periods before the stage learns of customer demand. */
  infoLag: number;
}

/** Processing order within a period: downstream stages first, so orders placed in t can be seen in t. */
export function processingOrder(s: Scenario): number[] {
  const ks = s.stages.map((_, k) => k);
  return s.network === "serial" ? ks : ks.slice(1).concat([0]);
}

export function resolveParameters(s: Scenario): ResolvedStage[] {
  const n = s.stages.length;
  const serial = s.network === "serial";
  const cust = customerStages(s);
  const sources = cust.map((k) => demandSource(stageDemandSpec(s, k), s.periods));
  const allStreams = cust.map((_, i) => i);
  let totalMean = 0;
  let totalVar = 0;
  for (const src of sources) {
    totalMean += src.mean;
    totalVar += src.sd * src.sd;
  }
  const out: ResolvedStage[] = [];
  for (let k = 0; k < n; k++) {
    const st = s.stages[k];
    const supplier = serial ? (k + 1 < n ? k + 1 : -1) : k === 0 ? -1 : 0;
    const downstream = serial ? (k > 0 ? [k - 1] : []) : k === 0 ? allStreams.map((i) => cust[i]) : [];
    const demandStream = cust.indexOf(k);
    const servesStreams = demandStream >= 0 && !serial ? [demandStream] : allStreams;
    const own = demandStream >= 0 && !serial;
    const demandMean = own ? sources[demandStream].mean : totalMean;
    const demandSd = own ? sources[demandStream].sd : Math.sqrt(totalVar);
    // Push mode: stages above the boundary push; the stage below a pushing one receives.
    const role = (j: number) => (serial ? pushRole(s.pushPullBoundary, n, j) : "pulls");
    const pushes = role(k) === "pushes";
    const receivesPush = supplier >= 0 && role(supplier) === "pushes";
    const orderVisibleAfter = supplier < 0 || st.vmi || receivesPush ? 0 : s.stages[supplier].orderDelay;
    const coverage = st.leadTime + orderVisibleAfter + st.orderEvery - 1;
    const numbers = definitionOf(st.policy).resolve(st.policy, { mean: demandMean, sd: demandSd, coverage });
    const plan = pushPlanOf(st.pushPlan);
    if (pushes) {
      Object.assign(numbers, {
        forecast: plan.forecast,
        window: plan.window,
        alpha: plan.alpha,
        sampleSigma: false,
        keepsWindow: plan.forecast === "moving-average",
        initialForecast: demandMean,
        echelon: false,
      });
    } else if (receivesPush) {
      // The boundary orders nothing: it keeps no forecast of its own (its forecast is the known mean).
      Object.assign(numbers, { forecast: "known", window: 1, sampleSigma: false, keepsWindow: false, echelon: false });
    }
    out.push({
      index: k,
      name: st.name,
      supplier,
      downstream,
      demandStream,
      servesStreams,
      demandMean,
      demandSd,
      initialFlow: st.initialFlow ?? demandMean,
      orderVisibleAfter,
      coverage,
      echelonNeeded: false,
      pushes,
      receivesPush,
      infoLag: pushes ? plan.infoLag : 0,
      ...numbers,
    });
  }
  // A stage's echelon position is needed where it or any stage upstream of it orders on one.
  for (const k of processingOrder(s).slice().reverse()) {
    const sup = out[k].supplier;
    out[k].echelonNeeded = out[k].echelon || (sup >= 0 && out[sup].echelonNeeded);
  }
  return out;
}
