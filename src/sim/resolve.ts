/**
 * Resolved parameters: every number the engine uses for a stage, derived once from the scenario
 * (topology, defaults that follow the demand, z, the protection period, min-max limits).
 * Exported so that the workbook writer puts exactly these values into its Inputs sheet.
 */
import { minMaxInto } from "../inventory/minMax";
import { normInv } from "../stats/normal";
import { customerStages, demandSource, stageDemandSpec } from "./demand";
import { Scenario } from "./types";

export interface ResolvedStage {
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
  initialForecast: number;
  /** Periods after which the supplier sees this stage's order: 0 with VMI or the outside supplier, else the supplier's orderDelay. */
  orderVisibleAfter: number;
  /**
   * Protection period C = leadTime + orderVisibleAfter + orderEvery - 1: an order placed in t can
   * arrive at t + leadTime + orderVisibleAfter at the earliest, and the next order is placed in t + orderEvery.
   */
  coverage: number;
  /** Safety factor normInv(serviceLevel), exactly 0 at serviceLevel 0.5 (order-up-to, min-max); else 0. */
  z: number;
  /** Known demand mean / sd of the policy (its own fields, else demandMean / demandSd). */
  knownMean: number;
  knownSd: number;
  /** min-max limits over the protection period (src/inventory/minMax.ts); null for other policies. */
  minMax: { lower: number; orderQty: number; upper: number } | null;
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
    const orderVisibleAfter = supplier < 0 || st.vmi ? 0 : s.stages[supplier].orderDelay;
    const coverage = st.leadTime + orderVisibleAfter + st.orderEvery - 1;
    const p = st.policy;
    const knownMean = (p.type === "order-up-to" || p.type === "min-max") && p.mean !== undefined ? p.mean : demandMean;
    const knownSd = (p.type === "order-up-to" || p.type === "min-max") && p.sd !== undefined ? p.sd : demandSd;
    const z = p.type === "order-up-to" || p.type === "min-max" ? normInv(p.serviceLevel!) : 0;
    let minMax: ResolvedStage["minMax"] = null;
    if (p.type === "min-max") {
      const lim = minMaxInto([0, 0, 0], knownMean, knownSd, coverage, p.serviceLevel!, p.caseSize);
      minMax = { lower: lim[0], orderQty: lim[1], upper: lim[2] };
    }
    const initialForecast =
      (p.type === "order-up-to" || p.type === "sterman") && p.initialForecast !== undefined ? p.initialForecast : demandMean;
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
      initialForecast,
      orderVisibleAfter,
      coverage,
      z,
      knownMean,
      knownSd,
      minMax,
    });
  }
  return out;
}
