/** The look of the plan's named styles (both writers apply these). */
import type { CellStyle, StyleName } from "./plan";

export const STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, fontColor: "1F3864" },
  header: { bold: true, fill: "D9E1F2", borderBottom: true, wrap: true, hAlign: "center" },
  label: { bold: true },
  /** What-if inputs: the cells a user is meant to edit. */
  input: { fill: "FFF2CC", fontColor: "000000" },
  /** Derived parameters and simulated values. */
  computed: {},
  /** Data written as values (customer demand, promotion flags): editable history. */
  value: { fill: "E2EFDA" },
  note: { italic: true, fontColor: "595959" },
  /** Cells that need the add-in's SCM functions. */
  addin: { fontColor: "7030A0" },
};

/**
 * Number formats, one per kind of figure (both writers apply them as they are):
 * - int: whole numbers by nature (periods, lags, counts, 0/1 switches);
 * - qty: simulated unit quantities and averages, one decimal: forecasts, averages, order-up-to
 *   orders and rationed shipments are fractional, and a what-if edit can make any simulated
 *   quantity so (a whole-number format would hide it);
 * - units: unit quantities written as values that are all whole (customer demand drawn from a
 *   Poisson or a step, a whole-number history);
 *   (short codes: the stage sheets' formats are a good part of what the task pane sends to Excel)
 * - asTyped: unit-quantity inputs, shown as they are typed (1000, 12.5), whole or not;
 * - ratio, pct, money: ratios and parameters in (0, 1), fill rates, costs.
 */
export const FMT = {
  int: "0",
  qty: "0.0",
  units: "0",
  asTyped: "General",
  ratio: "0.0000",
  pct: "0.00%",
  money: "#,##0.00",
  text: "@",
} as const;

/** `units` when every value is a whole number, else `qty`. */
export function unitsFormat(values: ArrayLike<number>): string {
  for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return FMT.qty;
  return FMT.units;
}
