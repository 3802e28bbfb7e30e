/**
 * SERIAL_BASE_STOCK: the per-stage columns (one row per stage, downstream first) read as TC_1N reads
 * its per-store columns (functions/tables.ts), then the Chen-Zheng recursion (src/inventory/serialBaseStock.ts).
 */
import { parseSerialOutput, serialBaseStock } from "../src/inventory/serialBaseStock";
import { requiredNumber, scalarText } from "./excelArgs";
import { errorResult, finiteCells } from "./broadcast";
import { readStoreRows } from "./tables";

/** [[S*_j, s_j]] per stage, or [[C*]] with output "cost". */
export function serialBaseStockCells(
  echelon_holding_costs: unknown,
  lead_times: unknown,
  stockout_cost: unknown,
  mean_demand: unknown,
  sd_demand: unknown,
  output?: unknown,
): unknown[][] {
  try {
    const mode = parseSerialOutput(scalarText(output, "output"));
    const rows = readStoreRows([echelon_holding_costs, lead_times], ["echelon_holding_costs", "lead_times"], "stage");
    const r = serialBaseStock(
      rows.map((row) => row[0]),
      rows.map((row) => row[1]),
      requiredNumber(stockout_cost, "stockout_cost"),
      requiredNumber(mean_demand, "mean_demand"),
      requiredNumber(sd_demand, "sd_demand"),
    );
    if (mode === "cost") return finiteCells([[r.cost]]);
    return finiteCells(r.echelon.map((S, j) => [S, r.local[j]]));
  } catch (e) {
    return errorResult(e);
  }
}
