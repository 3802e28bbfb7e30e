/**
 * A planner's SKU table from a CSV file (RFC 4180), as `npm run plan` reads it: UTF-8 with or without
 * a byte-order mark, comma- or semicolon-separated (decided by the header line: the one that occurs
 * more often there outside quotes), fields in double quotes where they hold the separator, a quote
 * ("" inside quotes) or a line break, records ending in CRLF or LF. Every problem is one line that
 * names the line of the file and says what to do. Its size is bounded while it is read: the parse
 * stops as soon as a limit is passed, so a huge file costs no more than the limit.
 *
 * Values: an empty (or blank) field is null; a field that looks like a number (digits, an optional
 * sign, decimal point, exponent, thousands commas, a trailing %) is that number, read by the
 * engine's cellNumber ("1,200" 1200, "25%" 0.25); anything else stays text. In a semicolon-separated
 * file a comma is the decimal separator and a point groups thousands ("12,5" is 12.5, "1.200,5" is
 * 1200.5, "1.200" is 1200), the way Excel writes CSV where the list separator is a semicolon.
 */
import { cellNumber, type Cell } from "../src/plan/skus";
import { stripBom } from "./files";

export type Delimiter = "," | ";";

export interface CsvLimits {
  /** Data rows (the header not counted). */
  maxRows: number;
  /** Data rows x columns of the header. */
  maxCells: number;
  /** Columns: a sheet has 16,384. */
  maxColumns: number;
  /** Characters in one field: a cell holds 32,767. */
  maxFieldLength: number;
}

/** The header and the data rows as text (null for an empty field), each row as wide as the header. */
export interface CsvText {
  delimiter: Delimiter;
  headers: (string | null)[];
  rows: (string | null)[][];
}

export type CsvResult = { ok: true; csv: CsvText } | { ok: false; message: string };

const n = (x: number): string => x.toLocaleString("en-US");

/** The separator of the header line (its first record): the more frequent of "," and ";" outside quotes. */
function detectDelimiter(text: string): { delimiter: Delimiter; tabs: boolean } {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === "\n" || c === "\r") break;
    else if (c === ",") commas++;
    else if (c === ";") semicolons++;
    else if (c === "\t") tabs++;
  }
  return { delimiter: semicolons > commas ? ";" : ",", tabs: tabs > 0 && commas === 0 && semicolons === 0 };
}

/** Splits CSV text into the header and the data rows, within the limits. */
export function parseCsv(input: string, limits: CsvLimits): CsvResult {
  const text = stripBom(input);
  const { delimiter, tabs } = detectDelimiter(text.replace(/^(?:[ \t]*(?:\r\n|\n|\r))+/, ""));
  if (tabs) return { ok: false, message: "the header is separated by tabs: save the table as CSV (comma- or semicolon-separated)" };
  const unquoted = new RegExp(`[^${delimiter}\\r\\n"]*`, "y");
  const blankLine = /[ \t]*(?:\r\n|\n|\r|$)/y;
  const records: (string | null)[][] = [];
  let width = 0;
  let i = 0;
  let line = 1;
  const fail = (message: string): CsvResult => ({ ok: false, message });
  while (i < text.length) {
    // An empty or blank line is no record.
    blankLine.lastIndex = i;
    if (blankLine.test(text)) {
      i = blankLine.lastIndex;
      line++;
      continue;
    }
    const recordLine = line;
    const fields: (string | null)[] = [];
    for (;;) {
      let field: string;
      if (text[i] === '"') {
        const openedAt = line;
        let buf = "";
        i++;
        for (;;) {
          const j = text.indexOf('"', i);
          if (j < 0)
            return fail(`line ${openedAt}: a quoted field is not closed: end it with a double quote (and double each quote inside it: "")`);
          const part = text.slice(i, j);
          for (let k = part.indexOf("\n"); k >= 0; k = part.indexOf("\n", k + 1)) line++;
          buf += part;
          if (buf.length > limits.maxFieldLength) break;
          if (text[j + 1] === '"') {
            buf += '"';
            i = j + 2;
          } else {
            i = j + 1;
            break;
          }
        }
        if (buf.length > limits.maxFieldLength) {
          return fail(
            `line ${openedAt}, field ${fields.length + 1}: more than ${n(limits.maxFieldLength)} characters, more than a cell holds`,
          );
        }
        const next = text[i];
        if (i < text.length && next !== delimiter && next !== "\r" && next !== "\n") {
          return fail(`line ${line}: text after the closing quote of a field: quote the whole field, and double each quote inside it ("")`);
        }
        field = buf;
      } else {
        unquoted.lastIndex = i;
        unquoted.exec(text);
        field = text.slice(i, unquoted.lastIndex);
        i = unquoted.lastIndex;
        if (text[i] === '"') {
          return fail(
            `line ${line}, field ${fields.length + 1}: a quote inside an unquoted field: put the field in quotes and double the quote ("ab""c")`,
          );
        }
      }
      if (field.length > limits.maxFieldLength) {
        return fail(`line ${line}, field ${fields.length + 1}: more than ${n(limits.maxFieldLength)} characters, more than a cell holds`);
      }
      fields.push(field.trim() === "" ? null : field);
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    // The record's end: CRLF, LF or CR.
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    line++;
    if (records.length === 0) {
      width = fields.length;
      if (width > limits.maxColumns) {
        return fail(`line ${recordLine}: the header has ${n(width)} columns, more than the ${n(limits.maxColumns)} a sheet has`);
      }
    } else {
      if (fields.length > width) {
        if (fields.slice(width).some((f) => f !== null)) {
          return fail(
            `line ${recordLine}: ${n(fields.length)} fields, but the header has ${n(width)}: quote a value that holds the separator ("${delimiter}"), or give the extra column a header`,
          );
        }
        fields.length = width;
      }
      while (fields.length < width) fields.push(null);
      const rows = records.length; // data rows so far, this one included
      if (rows > limits.maxRows) {
        return fail(`more than ${n(limits.maxRows)} rows of SKUs, the most a plan takes: split the table`);
      }
      if (rows * width > limits.maxCells) {
        return fail(
          `more than ${n(limits.maxCells)} cells (rows x columns), the most a plan takes: with ${n(width)} columns at most ${n(Math.floor(limits.maxCells / width))} rows; drop columns the plan does not use, or split the table`,
        );
      }
    }
    records.push(fields);
  }
  if (records.length === 0) return fail("the file is empty: its first line must be the header (SKU, On hand, Lead time, ...)");
  return { ok: true, csv: { delimiter, headers: records[0], rows: records.slice(1) } };
}

/** A number with a decimal comma and grouping points ("1.234,5", "12,5%"), as a plain one ("1234.5"); else null. */
function decimalComma(t: string): string | null {
  const m = /^([+-]?)([1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(\d+))?(%?)$/.exec(t);
  return m ? `${m[1]}${m[2].replace(/\./g, "")}${m[3] !== undefined ? `.${m[3]}` : ""}${m[4]}` : null;
}

/** Text that looks like a decimal number: sign, digits (thousands commas), point, exponent, %. */
const NUMBER_TEXT = /^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;

/** A field's value: null, a number when it looks like one (see the file comment), else its text. */
export function csvValue(field: string | null, delimiter: Delimiter): Cell {
  if (field === null) return null;
  const t = field.trim();
  const plain = delimiter === ";" ? (decimalComma(t) ?? (t.includes(",") ? null : t)) : t;
  if (plain !== null && NUMBER_TEXT.test(plain)) {
    const x = cellNumber(plain);
    if (x !== undefined) return x;
  }
  return field;
}
