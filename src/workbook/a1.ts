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
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) &&
    !/^[A-Za-z]{1,3}[0-9]+$/.test(name) &&
    !/^[Rr][0-9]*([Cc][0-9]*)?$/.test(name) &&
    !/^[Cc][0-9]*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Cross-sheet reference: ("Stage 1", "B2") -> "'Stage 1'!B2". */
export const onSheet = (sheet: string, ref: string): string => `${quoteSheet(sheet)}!${ref}`;

/** Characters Excel forbids in sheet names, and control characters (tabs, line breaks, escapes), which spreadsheets rename. */
const BAD_SHEET_CHARS = /[\\/?*[\]:\u0000-\u001f\u007f-\u009f]/g;
/** Excel's limit, in UTF-16 code units. */
const MAX_SHEET_NAME = 31;

/**
 * A valid sheet name: forbidden and control characters replaced by spaces, at most 31 characters cut
 * between code points (never through a surrogate pair), no quote at either end (checked after the
 * cut, which can expose one), and not "History", which Excel reserves.
 */
export function safeSheetName(name: string): string {
  let s = name.replace(BAD_SHEET_CHARS, " ").trim();
  if (s.length > MAX_SHEET_NAME) {
    let end = MAX_SHEET_NAME;
    if (/[\uDC00-\uDFFF]/.test(s[end]) && /[\uD800-\uDBFF]/.test(s[end - 1])) end--;
    s = s.slice(0, end);
  }
  s = s.replace(/^['\s]+|['\s]+$/g, "");
  if (s.toLowerCase() === "history") s = "History (SCM)";
  return s.length > 0 ? s : "Sheet";
}
