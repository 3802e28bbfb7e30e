/**
 * Reads the planner's SKU table from the workbook: the selection (header row included), or, when a
 * single cell is selected, the used range of its sheet; or the table at a stored address. The size
 * is checked before any value is read (tableSizeProblem), and the values come in slices of rows, one
 * sync each, so that no response passes Excel on the web's 5 MB limit. Never writes.
 */
import type { Cell } from "../../src/plan/skus";
import { colLetter } from "../../src/workbook/a1";
import { parseBlockAddress, SheetBlock, TableSnapshot, tableSizeProblem } from "../model/planTable";
import type { ExcelRun } from "./writer";

/**
 * Cells per read: numbers come back as about 8 bytes of JSON each, text as its length; 100,000 cells
 * stay well below 5 MB unless the table holds long text.
 */
export const READ_CHUNK_CELLS = 100_000;

export type TableRead = { ok: true; table: TableSnapshot } | { ok: false; problem: string };

const blockAddress = (r1: number, c1: number, r2: number, c2: number) => `${colLetter(c1)}${r1}:${colLetter(c2)}${r2}`;

/** A value as the plan reads it: numbers, text and booleans as they are; anything else blank. */
const toCell = (v: unknown): Cell => (typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : null);

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Reads the block at `address` (a range's address, with its row and column counts). */
async function readBlock(context: Excel.RequestContext, address: string, rowCount: number, columnCount: number): Promise<TableRead> {
  // The size first: whole columns ("Sheet1!A:DJ") are too many rows, whatever else is wrong.
  const size = tableSizeProblem(rowCount - 1, columnCount);
  if (size) return { ok: false, problem: size };
  const block: SheetBlock | null = parseBlockAddress(address);
  if (!block) return { ok: false, problem: `Select one block of cells, the table with its header row (the selection is ${address}).` };
  const sheet = context.workbook.worksheets.getItem(block.sheet);
  const values: Cell[][] = [];
  const perRead = Math.max(1, Math.floor(READ_CHUNK_CELLS / columnCount));
  for (let r = block.r1; r <= block.r2; r += perRead) {
    const slice = sheet.getRange(blockAddress(r, block.c1, Math.min(block.r2, r + perRead - 1), block.c2));
    slice.load("values");
    // One sync per slice on purpose: each response must stay under Excel on the web's 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const row of slice.values) values.push(row.map(toCell));
  }
  const [headers, ...rows] = values;
  return {
    ok: true,
    table: {
      address,
      where: { sheet: block.sheet, headerRow: block.r1, firstCol: block.c1, rows: rows.length },
      headers,
      rows,
    },
  };
}

/** The selected table; a single selected cell stands for the used range of its (the active) sheet. */
export async function readSelectedTable(run: ExcelRun): Promise<TableRead> {
  try {
    return await run(async (context) => {
      const selected = context.workbook.getSelectedRange();
      selected.load("address,rowCount,columnCount");
      await context.sync();
      if (selected.rowCount > 1 || selected.columnCount > 1)
        return readBlock(context, selected.address, selected.rowCount, selected.columnCount);
      const used = context.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true);
      used.load("address,rowCount,columnCount");
      await context.sync();
      if (used.isNullObject) return { ok: false, problem: "The sheet is empty: select your SKU table with its header row." };
      return readBlock(context, used.address, used.rowCount, used.columnCount);
    });
  } catch (e) {
    // Excel refuses getSelectedRange for several areas, or a selection of shapes.
    return {
      ok: false,
      problem: `Could not read the selection (${errorText(e)}): select one block of cells, the table with its header row.`,
    };
  }
}

/** The table at a stored address (the sheet may since be renamed or deleted: then a problem). */
export async function readTableAt(run: ExcelRun, address: string): Promise<TableRead> {
  const block = parseBlockAddress(address);
  if (!block) return { ok: false, problem: `${address} is not the address of a block of cells.` };
  try {
    return await run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(block.sheet);
      await context.sync();
      if (sheet.isNullObject)
        return { ok: false, problem: `The workbook has no sheet \u201c${block.sheet}\u201d any more: select the table again.` };
      return readBlock(context, address, block.r2 - block.r1 + 1, block.c2 - block.c1 + 1);
    });
  } catch (e) {
    return { ok: false, problem: `Could not read ${address} (${errorText(e)}): select the table again.` };
  }
}
