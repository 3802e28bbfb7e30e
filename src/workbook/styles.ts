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

export const FMT = {
  qty: "0.00",
  int: "0",
  ratio: "0.0000",
  pct: "0.00%",
  money: "#,##0.00",
  text: "@",
} as const;
