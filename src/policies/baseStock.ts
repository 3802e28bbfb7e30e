/** Base stock: every period, order up to a fixed level of the inventory position. */
import { FMT } from "../workbook/styles";
import { atLeast } from "../workbook/validation";
import { knownDemand, type PolicyDefinition } from "./definition";
import { KNOWN_MEAN, levelMinus } from "./rows";

export interface BaseStockPolicy {
  type: "base-stock";
  level: number;
}

/** Base stock: order level - IP (passes demand through once IP = level). */
export function baseStockOrder(level: number, position: number): number {
  return level - position;
}

export const baseStock: PolicyDefinition<BaseStockPolicy> = {
  type: "base-stock",
  label: "Base stock",
  describe: () => "base stock",
  schema: { required: ["level"], properties: { level: { type: "number" } } },
  resolve: (p, d) => knownDemand(d, [p.level]),
  inputs: () => [
    KNOWN_MEAN,
    {
      key: "BaseStock",
      label: "Base-stock level",
      help: "order up to this inventory position",
      kind: "input",
      value: (p) => p.level,
      validation: () => atLeast(-1e15, "Base-stock level"),
      numFmt: FMT.asTyped,
    },
  ],
  derived: () => [],
  sheet: {
    forecast: (_p, x) => x.n("KnownMean"),
    target: (_p, x) => x.n("BaseStock"),
    order: (_p, x) => levelMinus(x, "position"),
  },
  fields: [
    {
      key: "level",
      label: "Base-stock level",
      hint: "Orders bring stock on hand and on order up to this level.",
      start: (m) => Math.round(m * 4),
    },
  ],
};
