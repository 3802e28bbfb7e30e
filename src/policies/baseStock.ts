/**
 * Base stock, on the stage's own inventory position (`base-stock`) or on its echelon position
 * (`echelon-base-stock`: Clark & Scarf 1960; Snyder & Shen, Fundamentals of Supply Chain Theory,
 * section 6.2): every period, order up to a fixed level. The echelon position is the stage's own
 * plus the echelon positions of the stages it supplies after their orders of the period (the
 * engine's step 5); SCM.SERIAL_BASE_STOCK gives the optimal echelon levels of a serial chain.
 */
import { FMT } from "../workbook/styles";
import { atLeast } from "../workbook/validation";
import { knownDemand, type PolicyDefinition } from "./definition";
import { KNOWN_MEAN } from "./rows";

export interface BaseStockPolicy {
  type: "base-stock";
  level: number;
}

export interface EchelonBaseStockPolicy {
  type: "echelon-base-stock";
  /** Echelon base-stock level: this stage, the stages downstream of it and the goods between them. */
  level: number;
}

/** Base stock: order level - IP (passes demand through once IP = level); on the echelon IP for the echelon policy. */
export function baseStockOrder(level: number, position: number): number {
  return level - position;
}

/** The two policies differ in the position they order on and in their words. */
function levelPolicy<P extends BaseStockPolicy | EchelonBaseStockPolicy>(
  type: P["type"],
  w: { label: string; level: string; describe: string; key: string; help: string; hint: string },
): PolicyDefinition<P> {
  const echelon = type === "echelon-base-stock";
  return {
    type,
    label: w.label,
    describe: () => w.describe,
    schema: { required: ["level"], properties: { level: { type: "number" } } },
    resolve: (p, d) => knownDemand(d, [p.level], { echelon }),
    inputs: () => [
      KNOWN_MEAN,
      {
        key: w.key,
        label: w.level,
        help: w.help,
        kind: "input",
        value: (p) => p.level,
        validation: () => atLeast(-1e15, w.level),
        numFmt: FMT.asTyped,
      },
    ],
    derived: () => [],
    sheet: {
      forecast: (_p, x) => x.n("KnownMean"),
      target: (_p, x) => x.n(w.key),
      order: (_p, x) => `${x.cur("target")}-${x.cur(echelon ? "echelonPosition" : "position")}`,
    },
    fields: [{ key: "level", label: w.level, hint: w.hint, start: (m) => Math.round(m * 4) }],
  };
}

export const baseStock = levelPolicy<BaseStockPolicy>("base-stock", {
  label: "Base stock",
  level: "Base-stock level",
  describe: "base stock",
  key: "BaseStock",
  help: "order up to this inventory position",
  hint: "Orders bring stock on hand and on order up to this level.",
});

export const echelonBaseStock = levelPolicy<EchelonBaseStockPolicy>("echelon-base-stock", {
  label: "Echelon base stock",
  level: "Echelon base-stock level",
  describe: "echelon base stock (on the echelon inventory position)",
  key: "EchelonBaseStock",
  help: "order up to this echelon inventory position (this stage and all it supplies)",
  hint: "Orders bring the stock here and downstream, and on order, up to this level.",
});
