/** A1 reference helpers: column letters, quoted sheet names, absolute references. */

/** 1 -> "A", 27 -> "AA". */
export function colLetter(index: number): string {
  if (!Number.isInteger(index) || index < 1 || index > 16384) throw new RangeError(`column ${index} is outside 1..16384`);
  let s = "";
  let n = index;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B", 7 -> "B7". */
export const cell = (col: number, row: number): string => `${colLetter(col)}${row}`;

/** "B", 7 -> "$B$7". */
export const absCell = (col: number, row: number): string => `$${colLetter(col)}$${row}`;

/**
 * Sheet name as it must appear in a formula: quoted unless it is a plain identifier that cannot be
 * read as a cell address (Excel's rule, simplified to "letters, digits and _, not starting with a
 * digit, and not looking like A1 or R1C1"). Embedded quotes are doubled.
 */
export function quoteSheet(name: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) && !/^[Rr][0-9]*([Cc][0-9]*)?$/.test(name) && !/^[Cc][0-9]*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Cross-sheet reference: ("Stage 1", "B2") -> "'Stage 1'!B2". */
export const onSheet = (sheet: string, ref: string): string => `${quoteSheet(sheet)}!${ref}`;

/** Characters Excel forbids in sheet names. */
const BAD_SHEET_CHARS = /[\\/?*[\]:]/g;

/** A valid sheet name (<= 31 characters, no forbidden characters, not starting or ending with a quote). */
export function safeSheetName(name: string): string {
  const s = name.replace(BAD_SHEET_CHARS, " ").replace(/^'+|'+$/g, "").trim().slice(0, 31).trim();
  return s.length > 0 ? s : "Sheet";
}
