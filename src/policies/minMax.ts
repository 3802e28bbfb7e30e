/**
 * Min-max, the paper's upper/lower control (src/inventory/minMax.ts, shared with SCM.MIN_MAX): the
 * limits over the protection period from the known demand, orders in full cases of B.
 */
import { minMaxInto } from "../inventory/minMax";
import { normInv } from "../stats/normal";
import { FMT } from "../workbook/styles";
import { atLeast } from "../workbook/validation";
import { CASE_SLACK_TEXT, fullCasesDown } from "./cases";
import { knownDemand, type PolicyDefinition, type PolicyRow } from "./definition";
import { KNOWN_MEAN, KNOWN_SD, SERVICE_LEVEL } from "./rows";

export interface MinMaxPolicy {
  type: "min-max";
  /** Default 0.95. */
  serviceLevel?: number;
  /** Case size B of the order quantity (default 1). */
  caseSize?: number;
  /** Known demand mean and sd per period (default: the stage's demand mean and sd). */
  mean?: number;
  sd?: number;
}

export type MinMaxNormalized = MinMaxPolicy & Required<Pick<MinMaxPolicy, "serviceLevel" | "caseSize">>;

/**
 * When IP <= lower, order full cases of B so that the stock expected when the order arrives
 * (IP + order - mu C) does not exceed the upper limit: order = B floor((upper + mu C - IP)/B).
 * At IP = lower this is exactly orderQty.
 */
export function minMaxOrder(position: number, lower: number, upper: number, meanOverCoverage: number, caseSize: number): number {
  if (position > lower) return 0;
  return fullCasesDown(upper + meanOverCoverage - position, caseSize);
}

type P = MinMaxNormalized;

const derived = (key: string, label: string, help: string, formula: PolicyRow<P>["formula"]): PolicyRow<P> => ({
  key,
  label,
  help,
  kind: "derived",
  formula,
  numFmt: FMT.qty,
});

const DERIVED: PolicyRow<P>[] = [
  derived(
    "MinMaxSafety",
    "Min-max safety stock",
    "z sd sqrt(C)",
    (n) => `NORM.S.INV(${n("ServiceLevel")})*${n("KnownSd")}*SQRT(${n("Coverage")})`,
  ),
  derived("MeanOverCoverage", "Mean demand over C", "known mean x C", (n) => `${n("KnownMean")}*${n("Coverage")}`),
  derived(
    "MinMaxLower",
    "Min-max lower limit",
    "mean over C + safety stock: order when the position is at or below it",
    (n) => `${n("MeanOverCoverage")}+${n("MinMaxSafety")}`,
  ),
  derived("MinMaxQty", "Min-max order quantity", "mean over C rounded up to full cases (1e-9 slack, as SCM.MIN_MAX)", (n) => {
    const c = `${n("MeanOverCoverage")}/${n("MinMaxCase")}`;
    return `-INT(-(${c}-${CASE_SLACK_TEXT}*MAX(1,${c})))*${n("MinMaxCase")}`;
  }),
  derived("MinMaxUpper", "Min-max upper limit", "order quantity + safety stock", (n) => `${n("MinMaxQty")}+${n("MinMaxSafety")}`),
];

export const minMax: PolicyDefinition<P> = {
  type: "min-max",
  label: "Min-max",
  describe: () => "min-max (upper/lower control)",
  schema: {
    properties: {
      serviceLevel: { $ref: "#/definitions/serviceLevel", default: 0.95 },
      caseSize: { type: "number", exclusiveMinimum: 0, default: 1 },
      mean: { type: "number", minimum: 0 },
      sd: { type: "number", minimum: 0 },
    },
  },
  ordersCases: true,
  resolve: (p, d) => {
    const knownMean = p.mean ?? d.mean;
    const knownSd = p.sd ?? d.sd;
    const [lower, qty, upper] = minMaxInto([0, 0, 0], knownMean, knownSd, d.coverage, p.serviceLevel, p.caseSize);
    return knownDemand(d, [lower, qty, upper, p.caseSize], { z: normInv(p.serviceLevel), knownMean, knownSd });
  },
  inputs: () => [
    SERVICE_LEVEL,
    KNOWN_MEAN,
    KNOWN_SD,
    {
      key: "MinMaxCase",
      label: "Min-max case size B",
      help: "the min-max policy orders full cases of B",
      kind: "input",
      value: (p) => p.caseSize,
      validation: () => atLeast(1e-9, "Case size B"),
      numFmt: FMT.asTyped,
    },
  ],
  derived: () => DERIVED,
  sheet: {
    forecast: (_p, x) => x.n("KnownMean"),
    target: (_p, x) => x.n("MinMaxLower"),
    order: (_p, x) => {
      const pos = x.cur("position");
      const cases = `(${x.n("MinMaxUpper")}+${x.n("MeanOverCoverage")}-${pos})/${x.n("MinMaxCase")}`;
      return `IF(${pos}>${x.cur("target")},0,INT(${cases}+${CASE_SLACK_TEXT}*MAX(1,ABS(${cases})))*${x.n("MinMaxCase")})`;
    },
  },
  fields: [
    { key: "serviceLevel", label: "Service level", hint: "Chance of no stock-out in a cycle, e.g. 0.95." },
    { key: "caseSize", label: "Case size", hint: "Orders are whole cases of this many units." },
  ],
};
