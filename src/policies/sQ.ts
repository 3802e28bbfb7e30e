/** (s, Q): when the inventory position is at or below s, order enough lots of Q to bring it above s. */
import { FMT } from "../workbook/styles";
import { atLeast } from "../workbook/validation";
import { CASE_SLACK, CASE_SLACK_TEXT } from "./cases";
import { knownDemand, type PolicyDefinition } from "./definition";
import { KNOWN_MEAN } from "./rows";

export interface SQPolicy {
  type: "s-Q";
  reorderPoint: number;
  orderQty: number;
}

const floor = Math.floor;

/**
 * When IP <= s, the smallest number n of lots Q with IP + n Q > s: n = floor((s - IP)/Q) + 1,
 * with the case slack so that a quotient one ulp below an integer counts as that integer.
 */
export function sQOrder(position: number, reorderPoint: number, orderQty: number): number {
  if (position > reorderPoint) return 0;
  const lots = (reorderPoint - position) / orderQty;
  return (floor(lots + CASE_SLACK * (lots > 1 ? lots : 1)) + 1) * orderQty;
}

export const sQ: PolicyDefinition<SQPolicy> = {
  type: "s-Q",
  label: "Reorder point (s, Q)",
  describe: () => "(s, Q)",
  schema: {
    required: ["reorderPoint", "orderQty"],
    properties: { reorderPoint: { type: "number" }, orderQty: { type: "number", exclusiveMinimum: 0 } },
  },
  resolve: (p, d) => knownDemand(d, [p.reorderPoint, p.orderQty]),
  inputs: () => [
    KNOWN_MEAN,
    {
      key: "ReorderPoint",
      label: "Reorder point s",
      help: "order when the inventory position is at or below s",
      kind: "input",
      value: (p) => p.reorderPoint,
      validation: () => atLeast(-1e15, "Reorder point"),
      numFmt: FMT.asTyped,
    },
    {
      key: "OrderQty",
      label: "Order quantity Q",
      help: "lot size; enough lots to bring the position above s",
      kind: "input",
      value: (p) => p.orderQty,
      validation: () => atLeast(1e-9, "Order quantity"),
      numFmt: FMT.asTyped,
    },
  ],
  derived: () => [],
  sheet: {
    forecast: (_p, x) => x.n("KnownMean"),
    target: (_p, x) => x.n("ReorderPoint"),
    order: (_p, x) => {
      const pos = x.cur("position");
      const lots = `(${x.cur("target")}-${pos})/${x.n("OrderQty")}`;
      return `IF(${pos}>${x.cur("target")},0,(INT(${lots}+${CASE_SLACK_TEXT}*MAX(1,${lots}))+1)*${x.n("OrderQty")})`;
    },
  },
  fields: [
    {
      key: "reorderPoint",
      label: "Reorder point (s)",
      hint: "Order when stock on hand and on order falls to s.",
      start: (m) => Math.round(m * 2),
    },
    { key: "orderQty", label: "Order quantity (Q)", start: (m) => Math.round(m * 3) },
  ],
};
