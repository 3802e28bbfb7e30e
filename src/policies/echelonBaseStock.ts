/**
 * Echelon base stock (Clark & Scarf 1960; Snyder & Shen, Fundamentals of Supply Chain Theory,
 * section 6.2): every period, order up to a fixed level of the stage's echelon inventory position,
 * its own position plus the echelon positions of the stages it supplies (after their orders of
 * the period). SCM.SERIAL_BASE_STOCK gives the optimal levels of a serial chain.
 */
import { FMT } from "../workbook/styles";
import { atLeast } from "../workbook/validation";
import { knownDemand, type PolicyDefinition } from "./definition";
import { KNOWN_MEAN, levelMinus } from "./rows";
import { baseStockOrder } from "./baseStock";

export interface EchelonBaseStockPolicy {
  type: "echelon-base-stock";
  /** Echelon base-stock level: this stage, the stages downstream of it and the goods between them. */
  level: number;
}

/** The order: level - echelon IP (the base-stock rule on the echelon position). */
export const echelonBaseStockOrder = baseStockOrder;

export const echelonBaseStock: PolicyDefinition<EchelonBaseStockPolicy> = {
  type: "echelon-base-stock",
  label: "Echelon base stock",
  describe: () => "echelon base stock (on the echelon inventory position)",
  schema: { required: ["level"], properties: { level: { type: "number" } } },
  resolve: (p, d) => knownDemand(d, [p.level], { echelon: true }),
  inputs: () => [
    KNOWN_MEAN,
    {
      key: "EchelonBaseStock",
      label: "Echelon base-stock level",
      help: "order up to this echelon inventory position (this stage and all it supplies)",
      kind: "input",
      value: (p) => p.level,
      validation: () => atLeast(-1e15, "Echelon base-stock level"),
      numFmt: FMT.asTyped,
    },
  ],
  derived: () => [],
  sheet: {
    forecast: (_p, x) => x.n("KnownMean"),
    target: (_p, x) => x.n("EchelonBaseStock"),
    order: (_p, x) => levelMinus(x, "echelonPosition"),
  },
  fields: [
    {
      key: "level",
      label: "Echelon base-stock level",
      hint: "Orders bring the stock here and downstream, and on order, up to this level.",
      start: (m) => Math.round(m * 4),
    },
  ],
};
