/** Collects the cells of one sheet of a plan. */
import { cell } from "./a1";
import type { CellPlan, ColumnPlan, SheetPlan, SheetRole, StyleName } from "./plan";

export class SheetBuilder {
  readonly cells: CellPlan[] = [];
  readonly columns: ColumnPlan[] = [];

  constructor(
    readonly name: string,
    readonly role: SheetRole,
  ) {}

  value(col: number, row: number, value: number | string | boolean, style?: StyleName, numFmt?: string): string {
    const ref = cell(col, row);
    this.cells.push(strip({ ref, value, style, numFmt }));
    return ref;
  }

  formula(col: number, row: number, formula: string, style?: StyleName, numFmt?: string): string {
    const ref = cell(col, row);
    this.cells.push(strip({ ref, formula, style, numFmt }));
    return ref;
  }

  width(col: string, width: number): void {
    this.columns.push({ col, width });
  }

  build(extra: Partial<SheetPlan> = {}): SheetPlan {
    return { name: this.name, role: this.role, cells: this.cells, columns: this.columns, ...extra };
  }
}

/** Drops undefined fields, so that plans compare and serialise cleanly. */
function strip(c: CellPlan): CellPlan {
  const out: CellPlan = { ref: c.ref };
  if (c.value !== undefined) out.value = c.value;
  if (c.formula !== undefined) out.formula = c.formula;
  if (c.numFmt !== undefined) out.numFmt = c.numFmt;
  if (c.style !== undefined) out.style = c.style;
  return out;
}
