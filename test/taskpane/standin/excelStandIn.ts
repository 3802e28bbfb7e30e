/**
 * An Excel stand-in for tests, built on office-addin-mock: every API object the add-in touches
 * (workbook, worksheets, ranges, charts, tables, names, custom XML parts) is an OfficeMockObject, so
 * methods and load() go through the mock. On top of it the stand-in keeps a small workbook model and
 * behaves like Excel where the tests need it to, at least as strictly as Microsoft documents it:
 *
 * - writes are queued and applied at context.sync(), in order; an operation that fails (or a failure
 *   injected by the test) stops the batch there, leaving the earlier operations applied, as Excel does;
 * - a property can be read only after load() and sync() (reading it earlier throws), and
 *   isNullObject only after a sync;
 * - each request is measured as Excel on the web receives it (see REQUEST_MODEL) and one that passes
 *   5 MB is rejected whole;
 * - text written to cells is parsed like typed input (numbers, dates, times, booleans, errors,
 *   formulas), unless the cell is formatted as text ("@") when the write is applied;
 * - data validation rules, conditional formats, defined names, table names and sheet names follow
 *   Excel's rules, and validationViolations() checks every validated cell against its rule;
 * - formulas are calculated (standInCalculation.ts, over recalc.ts): the workbook as opened, then
 *   after each batch as Excel's automatic calculation would, nothing in a batch that suspends
 *   calculation, everything on Application.calculate("Full" | "FullRebuild"); Range.values shows the
 *   results;
 * - it records every operation, every sync, its payload size, whether calculation was suspended and
 *   whether the workbook needs a recalculation (needsRecalc).
 *
 * Where Microsoft's documentation leaves a rule unclear the stand-in takes the reading under which
 * Excel would fail, and says so where it does.
 *
 * It runs in Node (jest) and, bundled, in the browser for the end-to-end test.
 */
import { OfficeMockObject } from "office-addin-mock";
import { compareOp } from "./recalc";
import { StandInCalculation } from "./standInCalculation";

export const NOT_LOADED = "Error, property was not loaded"; // office-addin-mock's own message

export class StandInError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(
    readonly code: string,
    message: string,
    location: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation: location };
  }
}

const invalid = (message: string, location: string) => new StandInError("InvalidArgument", message, location);

// ---- the workbook model ---------------------------------------------------------------------------

/** How a string written to a cell was read (see parseTypedInput). */
export type TypedAs =
  "number" | "currency" | "percent" | "fraction" | "date" | "time" | "datetime" | "boolean" | "error" | "formula" | "text";

export interface CellModel {
  formula?: string;
  /** For an error cell, the error text (as Range.values returns it); `error` says it is an error. */
  value?: string | number | boolean;
  /** "#N/A", "#DIV/0!", ...: the cell holds an error value. */
  error?: string;
  /** Set when a string was written and Excel read it as something else (or kept it as text on purpose). */
  typedAs?: TypedAs;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fill?: string;
  hAlign?: string;
  wrap?: boolean;
  borderBottom?: string;
}

export interface ValidationModel {
  rule?: unknown;
  prompt?: unknown;
  errorAlert?: unknown;
  ignoreBlanks?: boolean;
}

/** A conditional format of a sheet (only Excel's custom type, "use a formula", is modelled). */
export interface ConditionalFormatModel {
  uid: number;
  /** The cells it applies to: one area ("N16:N315"), or several after a partial clearAll ("A1:A3,A8:A9"). */
  address: string;
  type: string;
  /** The rule's formula as set ("=$N16=\"Order now\""). */
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
}

export interface ChartModel {
  uid: number;
  name: string;
  type: string;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  series: { name: string; values?: string; xValues?: string }[];
  position?: [string, string];
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: string;
  cells: Map<string, CellModel>;
  charts: ChartModel[];
  columnWidths: Map<string, number>;
  /** Hidden columns, by letter. */
  hiddenColumns: Set<string>;
  freeze: { rows: number; cols: number } | null;
  validations: Map<string, ValidationModel>;
  conditionalFormats: ConditionalFormatModel[];
}

export interface TableModel {
  uid: number;
  name: string;
  sheetId: string;
  address: string;
  style?: string;
  showFilterButton?: boolean;
}

export interface NameModel {
  name: string;
  formula: string;
  comment?: string;
}

export interface XmlPartModel {
  id: string;
  namespace: string;
  xml: string;
}

export interface OpRecord {
  sync: number;
  location: string;
  args: unknown[];
  calcSuspended: boolean;
}

/** What one sync sent: bytes as counted (REQUEST_MODEL), object paths and actions in it. */
export interface RequestStats {
  sync: number;
  bytes: number;
  objectPaths: number;
  actions: number;
}

export interface StandInOptions {
  /** The user's workbook before the test. */
  sheets?: { name: string; id?: string; cells?: Record<string, string | number | boolean>; visibility?: string }[];
  names?: NameModel[];
  tables?: { name: string; sheet: string; address: string }[];
  xmlParts?: { namespace: string; xml: string }[];
  /** The cells selected by the user (sheet name and address). */
  selection?: { sheet: string; address: string };
  /** The active sheet (default: the first visible one). */
  activeSheet?: string;
  /** Request limit in bytes (Excel on the web: 5 MB). */
  payloadLimit?: number;
  /** Fails the operation for which this returns true, as Excel would (the batch stops there). */
  failWhen?: (op: { location: string; args: unknown[] }) => boolean;
  /** The same as data (for the browser): fail the nth (1-based) operation at this location. */
  failAt?: { location: string; nth: number };
  /** Office theme body background (light "#ffffff" or dark "#262626"). */
  themeBackground?: string;
}

// ---- A1 helpers -----------------------------------------------------------------------------------

const MAX_ROW = 1048576;
const MAX_COL = 16384;

export function colNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export function colName(n: number): string {
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** "A1", "A1:C3", "B:B", "3:5", "" (whole sheet). */
export function parseAddress(address: string): Box {
  const a = address.replace(/\$/g, "").toUpperCase();
  if (a === "") return { r1: 1, c1: 1, r2: MAX_ROW, c2: MAX_COL };
  const [p, q = p, extra] = a.split(":");
  const bad = () => invalid(`The argument is invalid or missing or has an incorrect format: ${address}`, "Worksheet.getRange");
  if (extra !== undefined) throw bad();
  const part = (s: string) => {
    const m = /^([A-Z]{0,3})(\d*)$/.exec(s);
    if (!m || (m[1] === "" && m[2] === "")) throw bad();
    const col = m[1] ? colNumber(m[1]) : 0;
    const row = m[2] ? Number(m[2]) : 0;
    if (col > MAX_COL || row > MAX_ROW || (m[2] !== "" && row < 1)) throw bad();
    return { col, row };
  };
  const x = part(p);
  const y = part(q);
  const b = {
    r1: x.row || 1,
    c1: x.col || 1,
    r2: y.row || (x.row ? y.row : MAX_ROW),
    c2: y.col || (x.col ? y.col : MAX_COL),
  };
  return { r1: Math.min(b.r1, b.r2), c1: Math.min(b.c1, b.c2), r2: Math.max(b.r1, b.r2), c2: Math.max(b.c1, b.c2) };
}

export const boxAddress = (b: Box) =>
  b.r1 === b.r2 && b.c1 === b.c2 ? `${colName(b.c1)}${b.r1}` : `${colName(b.c1)}${b.r1}:${colName(b.c2)}${b.r2}`;

const quote = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

const isWhole = (b: Box) => b.r2 - b.r1 + 1 === MAX_ROW || b.c2 - b.c1 + 1 === MAX_COL;
const overlaps = (a: Box, b: Box) => !(a.r2 < b.r1 || a.r1 > b.r2 || a.c2 < b.c1 || a.c1 > b.c2);
const contains = (outer: Box, inner: Box) => inner.r1 >= outer.r1 && inner.r2 <= outer.r2 && inner.c1 >= outer.c1 && inner.c2 <= outer.c2;
const sameBox = (a: Box, b: Box) => a.r1 === b.r1 && a.r2 === b.r2 && a.c1 === b.c1 && a.c2 === b.c2;

/** `a` less `b`, as up to four rectangles. */
function subtract(a: Box, b: Box): Box[] {
  if (!overlaps(a, b)) return [a];
  const out: Box[] = [];
  if (a.r1 < b.r1) out.push({ ...a, r2: b.r1 - 1 });
  if (a.r2 > b.r2) out.push({ ...a, r1: b.r2 + 1 });
  const r1 = Math.max(a.r1, b.r1);
  const r2 = Math.min(a.r2, b.r2);
  if (a.c1 < b.c1) out.push({ r1, r2, c1: a.c1, c2: b.c1 - 1 });
  if (a.c2 > b.c2) out.push({ r1, r2, c1: b.c2 + 1, c2: a.c2 });
  return out;
}

/** "'My sheet'!A1:C5" or "Sheet1!A1" -> sheet and address; null without a sheet. */
function splitQualified(ref: string): { sheet: string; address: string } | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(ref);
  return m ? { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], address: m[3] } : null;
}

// ---- request size ---------------------------------------------------------------------------------

/**
 * How a request is measured: as office.js builds it and Excel on the web receives it.
 *
 * office.js (npm @microsoft/office-js 1.1.110, dist/excel-web-16.00.debug.js: ClientRequestBase.
 * buildRequestMessageBodyAndRequestFlags) sends one JSON body per sync: {"AutoKeepReference":false,
 * "Actions":[...],"ObjectPaths":{...}}. Every API object the code creates or navigates to
 * (workbook.worksheets, getItem(...), getRange(...), .format, .font, borders.getItem(...),
 * charts.add(...), ...) is an object path with its arguments, and its constructor queues an
 * Instantiate action for it (ClientObject constructor -> ActionFactory.createInstantiateAction); a
 * path used again in a later request is sent again, with its parents. Every property set is a
 * SetProperty action, every method call a Method action, every load() a Query action. A client
 * object passed as an argument becomes its path id, listed in ReferencedObjectPathIds.
 *
 * An object path entry, with ids of 6 digits (a big batch counts ids past 100000):
 *   "123456":{"Id":123456,"ObjectPathType":4,"Name":"Format","ParentObjectPathId":123456},
 * is 78 bytes plus its name's JSON ("Format", 8); a method or indexer path adds
 * ,"ArgumentInfo":{"Arguments":[...]} (30 bytes plus the arguments' JSON). An action:
 *   {"Id":123456,"ActionType":4,"Name":"Formulas","ObjectPathId":123456,"ArgumentInfo":{"Arguments":[...]}},
 * is 59 bytes plus its name's JSON, plus the same 30 and the arguments for a set or a call, or
 * ,"QueryInfo":{"Select":[...]} (24 bytes plus the list) for a load.
 *
 * On the web the body travels as a string inside the JSON message that OSF posts to Excel
 * (Microsoft.Office.Common.MessagePackager.envelope is JSON.stringify), so every quote and backslash
 * in it is escaped. Which of the two texts the 5 MB limit applies to is not documented
 * ("Excel on the web has a payload size limit for requests and responses of 5MB",
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
 * the stand-in counts the escaped one, the larger (strict reading). With the escapes the figures
 * above become: object path 88, arguments wrapper 34, action 67, query wrapper 28 (17 for a load of
 * everything), ReferencedObjectPathIds 29 plus its list; names and arguments count as their escaped
 * UTF-8 JSON ("Format" 10, "" 4). A request adds ENVELOPE bytes: the body's own
 * {"AutoKeepReference":...} (63 escaped) and the OSF message around it (message type, action name,
 * conversation and correlation ids, the add-in's URL, the ProcessQuery headers: about 450).
 */
export const REQUEST_MODEL = {
  OBJECT_PATH: 88,
  ARGUMENTS: 34,
  ACTION: 67,
  QUERY: 28,
  QUERY_ALL: 17,
  REFERENCED_IDS: 29,
  ENVELOPE: 512,
  /** An object path id as it appears in an argument. */
  ID: 123456,
} as const;

/** UTF-8 length of a string (what it weighs in the request body; .length counts UTF-16 units). */
const encoder = new TextEncoder();
export const utf8Bytes = (s: string): number => encoder.encode(s).length;

/** UTF-8 bytes of a JSON text once escaped as a JSON string (without the two quotes). */
export const escapedBytes = (jsonText: string): number => utf8Bytes(JSON.stringify(jsonText)) - 2;

// ---- typed input ----------------------------------------------------------------------------------

export const ERROR_LITERALS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"];

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/** 1-12 for a month name or its first three letters ("Sept" too), else 0. */
const monthOf = (s: string): number => {
  const k = s.toLowerCase();
  return MONTHS.findIndex((m) => k === m || k === m.slice(0, 3) || (m === "september" && k === "sept")) + 1;
};

/** Excel's serial number of a date (1900 date system, with its 29 Feb 1900). */
export function dateSerial(y: number, m: number, d: number): number | null {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const t = Date.UTC(y, m - 1, d);
  if (new Date(t).getUTCDate() !== d) return null;
  const days = (t - Date.UTC(1899, 11, 30)) / 86400000;
  return days < 61 ? days - 1 : days;
}

const twoDigitYear = (s: string) => (s.length <= 2 ? (Number(s) < 30 ? 2000 : 1900) + Number(s) : Number(s));

function parseNumberText(t: string): { value: number; typedAs: TypedAs } | null {
  let x = t;
  let neg = false;
  let currency = false;
  let percent = false;
  const paren = /^\((.*)\)$/.exec(x);
  if (paren) {
    neg = true;
    x = paren[1].trim();
  }
  const sign = () => {
    if (/^[+-]/.test(x)) {
      if (x[0] === "-") neg = !neg;
      x = x.slice(1).trim();
    }
  };
  sign();
  if (x.startsWith("$")) {
    currency = true;
    x = x.slice(1).trim();
    sign();
  }
  if (x.endsWith("%")) {
    percent = true;
    x = x.slice(0, -1).trim();
  }
  if (!currency && x.endsWith("$")) return null;
  let n: number;
  let typedAs: TypedAs = currency ? "currency" : percent ? "percent" : "number";
  const frac = /^(\d+) (\d+)\/(\d+)$/.exec(x);
  if (frac && Number(frac[3]) !== 0) {
    n = Number(frac[1]) + Number(frac[2]) / Number(frac[3]);
    typedAs = "fraction";
  } else {
    // Thousands separators: Excel accepts them in the integer part; where it would not is unclear
    // (e.g. "1,00"), so any comma between digits converts (strict).
    const m = /^(\d+(?:,\d+)*)?(\.\d*)?([eE][+-]?\d+)?$/.exec(x);
    if (!m || (!m[1] && !(m[2] && m[2].length > 1))) return null;
    n = Number(`${(m[1] ?? "0").replace(/,/g, "")}${m[2] ?? ""}${m[3] ?? ""}`);
  }
  if (!Number.isFinite(n)) return null;
  if (percent) n /= 100;
  return { value: neg ? -n : n, typedAs };
}

function parseTimeText(t: string): number | null {
  const m = /^(\d{1,4})(?::(\d{1,2}))?(?::(\d{1,2}(?:\.\d+)?))?\s*([ap]m?)?$/i.exec(t);
  if (!m || (m[2] === undefined && !m[4])) return null;
  let h = Number(m[1]);
  const min = m[2] !== undefined ? Number(m[2]) : 0;
  const sec = m[3] !== undefined ? Number(m[3]) : 0;
  if (min > 59 || sec >= 60) return null;
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (/^p/i.test(m[4]) ? 12 : 0);
  } else if (h > 9999) return null;
  return (h * 3600 + min * 60 + sec) / 86400;
}

function parseDateText(t: string, year: number): number | null {
  let m: RegExpExecArray | null;
  const MON = "([A-Za-z]{3,9})";
  // ISO and year first: 2020-01-05, 2020/1/5
  if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t))) return dateSerial(Number(m[1]), Number(m[2]), Number(m[3]));
  // m/d/y, m-d-y, m/d, m-d (en-US: month first)
  if ((m = /^(\d{1,2})[-/](\d{1,2})(?:[-/](\d{1,4}))?$/.exec(t))) {
    const d = dateSerial(m[3] !== undefined ? twoDigitYear(m[3]) : year, Number(m[1]), Number(m[2]));
    if (d !== null || m[3] !== undefined) return d;
  }
  // m/yyyy: the first of that month
  if ((m = /^(\d{1,2})[-/](\d{4})$/.exec(t))) return dateSerial(Number(m[2]), Number(m[1]), 1);
  // 5-Jan, 5 Jan, 5-Jan-2020, 5 Jan 2020, 5-January-20
  if ((m = new RegExp(`^(\\d{1,2})[- /]${MON}(?:[- /](\\d{1,4}))?$`).exec(t)) && monthOf(m[2])) {
    return dateSerial(m[3] !== undefined ? twoDigitYear(m[3]) : year, monthOf(m[2]), Number(m[1]));
  }
  // Jan 5, Jan-5, Jan 5 2020, Jan 5, 2020; Jan-2020, January 2020 (month and year)
  if ((m = new RegExp(`^${MON}[- /](\\d{1,4})(?:,?[- /](\\d{1,4}))?$`).exec(t)) && monthOf(m[1])) {
    const a = Number(m[2]);
    if (m[3] !== undefined) return dateSerial(twoDigitYear(m[3]), monthOf(m[1]), a);
    if (a >= 1 && a <= 31 && m[2].length <= 2) return dateSerial(year, monthOf(m[1]), a);
    return dateSerial(twoDigitYear(m[2]), monthOf(m[1]), 1);
  }
  return null;
}

export interface ParsedInput {
  formula?: string;
  value?: string | number | boolean;
  error?: string;
  typedAs?: TypedAs;
}

/**
 * A string as Excel reads it when written through Range.values or Range.formulas: like typed input,
 * in the locale-neutral (en-US) form, since "Locale-shaped strings (such as the date "19-8-2025" in
 * nl-NL or fr-FR, format DD-MM-YYYY) are stored as text instead of as dates" and "If the returned
 * value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a
 * formula" (Range.values, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
 * Numbers ("1,000", "1e5", " 5 ", "$5", "(5)" = -5, "50%" = 0.5, "1 1/2"), dates ("5-Jan", "Jan 5",
 * "1/2", "2020-01-05", "5 Jan 2020"; no year: `year`, by default this year), times ("10:30",
 * "10 PM"), date and time together, TRUE/FALSE (any case), the error literals, "=..." (a formula)
 * and "+..."/"-..." that are not numbers (formulas too). A leading apostrophe keeps the rest as text;
 * so does a cell formatted as text ("@") when the write is applied (`textFormat`). Where it is unclear
 * whether Excel converts a form, it is converted (strict).
 */
export function parseTypedInput(s: string, options: { textFormat?: boolean; year?: number } = {}): ParsedInput {
  if (s === "") return {};
  if (options.textFormat) return { value: s, typedAs: "text" };
  if (s.startsWith("'")) return { value: s.slice(1), typedAs: "text" };
  if (s.startsWith("=")) return { formula: s, typedAs: "formula" };
  const t = s.trim();
  if (t === "") return { value: s };
  const n = parseNumberText(t);
  if (n) return n;
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true", typedAs: "boolean" };
  const err = ERROR_LITERALS.find((e) => e === t.toUpperCase());
  if (err) return { value: err, error: err, typedAs: "error" };
  const year = options.year ?? new Date().getFullYear();
  const time = parseTimeText(t);
  if (time !== null) return { value: time, typedAs: "time" };
  const date = parseDateText(t, year);
  if (date !== null) return { value: date, typedAs: "date" };
  const dt = /^(.*?)\s+(\d{1,4}(?::\d{1,2}){1,2}(?:\.\d+)?\s*(?:[ap]m?)?|\d{1,2}\s*[ap]m?)$/i.exec(t);
  if (dt) {
    const d = parseDateText(dt[1], year);
    const tm = parseTimeText(dt[2]);
    if (d !== null && tm !== null) return { value: d + tm, typedAs: "datetime" };
  }
  if (/^[+-]./.test(s)) return { formula: `=${s}`, typedAs: "formula" };
  return { value: s };
}

// ---- names ----------------------------------------------------------------------------------------

/**
 * Why `name` cannot be a defined name or a table name, or null. Excel's rules ("Define and use names
 * in formulas", https://support.microsoft.com/office/4d0f13ac-53b7-422e-afd2-abd7ff379c64, "Rename an
 * Excel table", https://support.microsoft.com/office/fbf49a4f-82a3-43eb-8ba2-44d21233b114, and
 * MS-XLSB 2.5.166 XLNameWideString, https://learn.microsoft.com/openspecs/office_file_formats/ms-xlsb/9456f961-5069-4e5f-989d-44bdc56d031e):
 * the first character a letter, "_" or "\"; then letters, digits, "_" and "." (the support article's
 * list; MS-XLSB also allows "\" and "?" after the first: not accepted here, strict); no spaces; at
 * most 255 characters; not TRUE or FALSE; not an A1 reference (column up to XFD, row up to 1048576:
 * "A1", "SCM1", "XFD1048576"); not "R", "C", "RC" nor beginning with an R1C1 row or column number
 * ("R1", "C12", "R1C1", "R2D2"). Uniqueness (case-insensitive, across names and tables) is checked by
 * the caller.
 */
export function definedNameProblem(name: unknown): string | null {
  if (typeof name !== "string" || name === "") return "a name cannot be empty";
  if (name.length > 255) return "a name has at most 255 characters";
  if (/\s/.test(name)) return "a name cannot contain spaces";
  if (!/^[\p{L}_\\][\p{L}\p{Nd}_.]*$/u.test(name)) {
    return 'a name starts with a letter, "_" or "\\" and holds only letters, digits, "_" and "."';
  }
  if (/^(true|false)$/i.test(name)) return "a name cannot be TRUE or FALSE";
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && colNumber(a1[1]) <= MAX_COL && Number(a1[2]) >= 1 && Number(a1[2]) <= MAX_ROW) return "a name cannot be a cell reference";
  if (/^(r|c|rc|cr)$/i.test(name) || /^[rc]\d/i.test(name) || /^(r\d*c\d*|c\d*r\d*)$/i.test(name)) {
    return "a name cannot be or begin with an R1C1 reference";
  }
  return null;
}

/**
 * Why `name` cannot be a sheet name, or null ("Rename a worksheet",
 * https://support.microsoft.com/office/3f1f7148-ee83-404d-8ef0-9ff99fbad1f9): not blank, at most 31
 * characters, none of : \ / ? * [ ], not beginning or ending with an apostrophe, not "History" (a
 * name Excel reserves; compared case-insensitively, strict).
 */
export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== "string" || name === "") return "a sheet name cannot be blank";
  if (name.length > 31) return "a sheet name has at most 31 characters";
  if (/[:\\/?*[\]]/.test(name)) return "a sheet name cannot contain : \\ / ? * [ ]";
  if (/^'|'$/.test(name)) return "a sheet name cannot begin or end with an apostrophe";
  if (name.toLowerCase() === "history") return '"History" is reserved by Excel';
  return null;
}

// ---- data validation rules ------------------------------------------------------------------------

const OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
];
const RULE_KINDS = ["wholeNumber", "decimal", "textLength", "date", "time", "list", "custom"];
const ALERT_STYLES = ["Stop", "Warning", "Information"];
/**
 * Limits of the prompt and the error alert, in characters. The Office JS reference gives none; Excel's
 * are in MS-OI29500 2.1.613 (https://learn.microsoft.com/openspecs/office_standards/ms-oi29500/0114969a-4859-443e-ae3e-0c1fdebfcc64):
 * prompt 255, prompt title 32, error title 32, error message 224 (MS-XLSB DValStrings says 225: the
 * smaller is taken, strict); VBA's Validation.InputTitle says 32 too.
 */
export const VALIDATION_LIMITS = {
  promptTitle: 32,
  promptMessage: 255,
  errorTitle: 32,
  errorMessage: 224,
  listSource: 255,
  formula: 255,
} as const;

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x) && !isProxy(x);
const isProxy = (x: unknown): x is { __path: PathNode; __address(): string; __box(): string } =>
  typeof x === "object" && x !== null && (x as { __standIn?: boolean }).__standIn === true;

/**
 * Checks a DataValidationRule as Excel.DataValidation.rule documents it
 * (https://learn.microsoft.com/javascript/api/excel/excel.datavalidationrule and "Add data validation
 * to Excel ranges", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation):
 * exactly one of wholeNumber, decimal, textLength, date, time, list, custom.
 */
function checkRule(rule: unknown): void {
  const where = "DataValidation.rule";
  if (!isPlainObject(rule)) throw invalid("A data validation rule must be an object.", where);
  const kinds = Object.keys(rule).filter((k) => rule[k] !== undefined);
  const unknown = kinds.filter((k) => !RULE_KINDS.includes(k));
  if (unknown.length > 0) throw invalid(`Unknown data validation type ${unknown.join(", ")}.`, where);
  if (kinds.length !== 1) throw invalid(`A data validation rule has exactly one type (got ${kinds.length}).`, where);
  const k = kinds[0];
  const c = rule[k];
  if (!isPlainObject(c)) throw invalid(`The ${k} criteria must be an object.`, where);
  // BasicDataValidation.formula1/2: "a number, a range object, or a string formula (where the string is
  // either a stringified number, a cell reference like "=A1", or a formula like "=MIN(A1, B1)")"
  // (https://learn.microsoft.com/javascript/api/excel/excel.basicdatavalidation). A string that is
  // neither (e.g. "A1" without "=") is refused (strict).
  const basicOperand = (x: unknown, what: string) => {
    if (typeof x === "number" && Number.isFinite(x)) return;
    if (isProxy(x)) return;
    if (typeof x === "string" && (x.startsWith("=") ? x.length > 1 : x.trim() !== "" && Number.isFinite(Number(x)))) return;
    throw invalid(`${k}.${what} must be a number, a Range or a formula string ("=A1"); got ${JSON.stringify(x)}.`, where);
  };
  // DateTimeDataValidation: "you cannot use a number in the formula properties" but an ISO 8601 string,
  // a Date, a Range or a formula (https://learn.microsoft.com/javascript/api/excel/excel.datetimedatavalidation).
  const dateOperand = (x: unknown, what: string) => {
    if (x instanceof Date && !Number.isNaN(x.getTime())) return;
    if (isProxy(x)) return;
    if (
      typeof x === "string" &&
      (x.startsWith("=") ? x.length > 1 : /^(\d{4}-\d{2}-\d{2})?(T?\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(x) && x !== "")
    )
      return;
    throw invalid(`${k}.${what} must be an ISO 8601 date/time, a Date, a Range or a formula; got ${JSON.stringify(x)}.`, where);
  };
  if (k === "wholeNumber" || k === "decimal" || k === "textLength" || k === "date" || k === "time") {
    const operand = k === "date" || k === "time" ? dateOperand : basicOperand;
    if (typeof c.operator !== "string" || !OPERATORS.includes(c.operator)) {
      throw invalid(`${k}.operator must be one of ${OPERATORS.join(", ")}; got ${JSON.stringify(c.operator)}.`, where);
    }
    if (c.formula1 === undefined) throw invalid(`${k} needs formula1.`, where);
    operand(c.formula1, "formula1");
    const ternary = c.operator === "Between" || c.operator === "NotBetween";
    if (ternary) {
      if (c.formula2 === undefined) throw invalid(`${k} with ${c.operator} needs formula2.`, where);
      operand(c.formula2, "formula2");
    } else if (c.formula2 !== undefined) {
      // "Is not used with the binary operators": sending one anyway is taken as a mistake (strict).
      throw invalid(`${k}.formula2 is not used with ${c.operator}.`, where);
    }
  } else if (k === "list") {
    if (typeof c.inCellDropDown !== "boolean") throw invalid("list.inCellDropDown must be a boolean.", where);
    if (isProxy(c.source)) {
      checkListArea(parseAddress(c.source.__box()), c.source.__address(), where);
      return;
    }
    if (typeof c.source !== "string" || c.source.trim() === "") throw invalid("list.source must be a Range or a non-empty string.", where);
    // A source range as a string: "=Names!$A$1:$A$3" ("The string argument refers to a range containing
    // the names", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation).
    // Strict: "=" and a reference to a range, nothing else (a formula or a name is refused), one row or
    // one column, as Excel requires ("The list source must be a delimited list, or a reference to single
    // row or column."). The sheet is checked when the cells are validated (validationViolations).
    if (c.source.startsWith("=")) {
      const ref = /^=(?:(?:'(?:[^']|'')+'|[^'!=]+)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$/.exec(c.source);
      if (!ref) throw invalid(`list.source ${JSON.stringify(c.source)} must be "=" and a range reference ("=Names!$A$1:$A$3").`, where);
      checkListArea(parseAddress(ref[1]), c.source, where);
      return;
    }
    // A literal list is stored as one string constant of the rule's formula, and a string constant in
    // a formula holds at most 255 characters (MS-XLS PtgStr is a ShortXLUnicodeString,
    // https://learn.microsoft.com/openspecs/office_file_formats/ms-xls/87c2a057-705c-4473-a168-6d5fac4a9eba).
    // The Office JS reference states no limit: this is the strict reading.
    if (!c.source.startsWith("=") && c.source.length > VALIDATION_LIMITS.listSource) {
      throw invalid(`A literal list source has at most ${VALIDATION_LIMITS.listSource} characters (got ${c.source.length}).`, where);
    }
  } else if (k === "custom") {
    // CustomDataValidation.formula (ExcelApi 1.8): every documented example starts with "=", as
    // formula strings do elsewhere in the API; one without is refused (strict).
    if (typeof c.formula !== "string" || !c.formula.startsWith("=") || c.formula.length < 2) {
      throw invalid(`custom.formula must be a formula string starting with "="; got ${JSON.stringify(c.formula)}.`, where);
    }
    if (c.formula.length > VALIDATION_LIMITS.formula) {
      throw invalid(`A custom validation formula has at most ${VALIDATION_LIMITS.formula} characters (Excel's criteria limit).`, where);
    }
  }
}

/** A list's source range: one row or one column. */
function checkListArea(b: Box, shown: string, where: string): void {
  if (b.r1 !== b.r2 && b.c1 !== b.c2) {
    throw invalid(`The list source must be a delimited list, or a reference to single row or column (got ${shown}).`, where);
  }
}

function checkPrompt(p: unknown): void {
  const where = "DataValidation.prompt";
  if (!isPlainObject(p)) throw invalid("A prompt must be an object.", where);
  if (typeof p.showPrompt !== "boolean" || typeof p.title !== "string" || typeof p.message !== "string") {
    throw invalid("A prompt has message (string), showPrompt (boolean) and title (string).", where);
  }
  if (p.title.length > VALIDATION_LIMITS.promptTitle)
    throw invalid(`A prompt title has at most ${VALIDATION_LIMITS.promptTitle} characters.`, where);
  if (p.message.length > VALIDATION_LIMITS.promptMessage) {
    throw invalid(`A prompt message has at most ${VALIDATION_LIMITS.promptMessage} characters.`, where);
  }
}

function checkErrorAlert(a: unknown): void {
  const where = "DataValidation.errorAlert";
  if (!isPlainObject(a)) throw invalid("An error alert must be an object.", where);
  if (typeof a.showAlert !== "boolean" || typeof a.title !== "string" || typeof a.message !== "string") {
    throw invalid("An error alert has message (string), showAlert (boolean), style and title (string).", where);
  }
  if (typeof a.style !== "string" || !ALERT_STYLES.includes(a.style))
    throw invalid(`An error alert style is one of ${ALERT_STYLES.join(", ")}.`, where);
  if (a.title.length > VALIDATION_LIMITS.errorTitle)
    throw invalid(`An error alert title has at most ${VALIDATION_LIMITS.errorTitle} characters.`, where);
  if (a.message.length > VALIDATION_LIMITS.errorMessage) {
    throw invalid(`An error alert message has at most ${VALIDATION_LIMITS.errorMessage} characters (got ${a.message.length}).`, where);
  }
}

// ---- conditional formats --------------------------------------------------------------------------

/**
 * ConditionalFormatType values (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformattype).
 * Only "Custom" ("use a formula to determine which cells to format") is modelled: another type is
 * refused, so that a writer starting to use one gets noticed.
 */
const CONDITIONAL_FORMAT_TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"];

/**
 * Limit of a conditional format rule's formula, in characters. The Office JS reference states none;
 * the 255 of a data validation criterion (VALIDATION_LIMITS.formula, MS-OI29500 2.1.613) is taken
 * for conditional formats too (strict).
 */
export const CONDITIONAL_FORMAT_FORMULA_LIMIT = 255;

/**
 * ConditionalFormatRule.formula of a custom format: "The formula, if required, on which to evaluate
 * the conditional format rule" (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatrule).
 * Every documented example starts with "=" ('=IF(B8>INDIRECT("RC[-1]",0),TRUE)', "Apply conditional
 * formatting to Excel ranges", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting),
 * as formula strings do elsewhere in the API: one without is refused (strict), as is an empty one.
 * Relative references are to the range's top-left cell (the same page's example, on B8:E13).
 */
function checkConditionalFormula(f: unknown): void {
  const where = "ConditionalFormatRule.formula";
  if (typeof f !== "string" || !f.startsWith("=") || f.trim().length < 2) {
    throw invalid(`A conditional format rule formula is a formula string starting with "="; got ${JSON.stringify(f)}.`, where);
  }
  if (f.length > CONDITIONAL_FORMAT_FORMULA_LIMIT) {
    throw invalid(`A conditional format rule formula has at most ${CONDITIONAL_FORMAT_FORMULA_LIMIT} characters (got ${f.length}).`, where);
  }
}

/**
 * ConditionalRangeFill.color and ConditionalRangeFont.color: "HTML color code representing the color
 * of the fill, in the form #RRGGBB (e.g., "FFA500") or as a named HTML color (e.g., "orange")"
 * (https://learn.microsoft.com/javascript/api/excel/excel.conditionalrangefill). The example without
 * "#" contradicts the form: "#RRGGBB" or a name is required (strict).
 */
function checkConditionalColor(v: unknown, where: string): void {
  if (typeof v !== "string" || !(/^#[0-9A-Fa-f]{6}$/.test(v) || /^[A-Za-z]+$/.test(v))) {
    throw invalid(`A colour is "#RRGGBB" or an HTML colour name; got ${JSON.stringify(v)}.`, where);
  }
}

// ---- a small formula evaluator (for validationViolations) -----------------------------------------

class CannotEvaluate extends Error {}

interface ErrorValue {
  error: string;
}
type Scalar = number | string | boolean | null | ErrorValue;
interface RefValue {
  sheet: SheetModel;
  box: Box;
}
type Value = Scalar | RefValue;

const isError = (v: unknown): v is ErrorValue => typeof v === "object" && v !== null && "error" in v;
const isRef = (v: unknown): v is RefValue => typeof v === "object" && v !== null && "box" in v;

type Token =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "err"; v: string }
  | { t: "ref"; sheet?: string; a: string; b?: string }
  | { t: "name"; v: string }
  | { t: "func"; v: string }
  | { t: "op"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let v = "";
      for (;;) {
        if (j >= src.length) throw new CannotEvaluate("unterminated string");
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            v += '"';
            j += 2;
            continue;
          }
          break;
        }
        v += src[j++];
      }
      out.push({ t: "str", v });
      i = j + 1;
      continue;
    }
    if (ch === "#") {
      const m = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)/i.exec(rest);
      if (!m) throw new CannotEvaluate(`unknown error literal in ${rest}`);
      out.push({ t: "err", v: m[0].toUpperCase() });
      i += m[0].length;
      continue;
    }
    const sheet = /^(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!/.exec(rest);
    const k = sheet ? sheet[0].length : 0;
    const ref = /^(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?(?![\w.(!])/.exec(rest.slice(k));
    if (ref) {
      out.push({ t: "ref", sheet: sheet ? (sheet[1]?.replace(/''/g, "'") ?? sheet[2]) : undefined, a: ref[1], b: ref[2] });
      i += k + ref[0].length;
      continue;
    }
    if (sheet) throw new CannotEvaluate(`unsupported reference ${rest}`);
    const id = /^[A-Za-z_\\][\w.]*/.exec(rest);
    if (id) {
      if (/^\s*\(/.test(rest.slice(id[0].length))) out.push({ t: "func", v: id[0].toUpperCase() });
      else if (/^(true|false)$/i.test(id[0])) out.push({ t: "bool", v: id[0].toUpperCase() === "TRUE" });
      else out.push({ t: "name", v: id[0] });
      i += id[0].length;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      out.push({ t: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[=<>+\-*/&^%(),])/.exec(rest);
    if (op) {
      out.push({ t: "op", v: op[0] });
      i += op[0].length;
      continue;
    }
    throw new CannotEvaluate(`unexpected "${ch}"`);
  }
  return out;
}

interface EvalEnv {
  xl: ExcelStandIn;
  sheet: SheetModel;
  /** Shift of relative references: the evaluated cell less the top-left cell of the validated range. */
  dr: number;
  dc: number;
  /** Cells being evaluated (cycle guard). */
  visiting: Set<string>;
}

const toText = (v: Scalar): string =>
  v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : typeof v === "number" ? String(v) : isError(v) ? v.error : v;

function toNumber(v: Scalar): number | ErrorValue {
  if (isError(v)) return v;
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const p = parseTypedInput(v);
  return typeof p.value === "number" && p.error === undefined ? p.value : { error: "#VALUE!" };
}

function compareValues(op: string, a: Scalar, b: Scalar): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  const blankLike = (other: Scalar) => (typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  if (a === null) a = blankLike(b);
  if (b === null) b = blankLike(a);
  const rank = (x: Scalar) => (typeof x === "number" ? 0 : typeof x === "string" ? 1 : 2);
  let c: number;
  if (rank(a) !== rank(b)) c = rank(a) - rank(b);
  else if (typeof a === "string") {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    c = x < y ? -1 : x > y ? 1 : 0;
  } else c = Number(a) - Number(b);
  return compareOp(c, op);
}

class FormulaEvaluator {
  private readonly toks: Token[];
  private p = 0;

  constructor(
    private readonly env: EvalEnv,
    src: string,
  ) {
    this.toks = tokenize(src.startsWith("=") ? src.slice(1) : src);
  }

  run(): Value {
    const v = this.comparison();
    if (this.p < this.toks.length) throw new CannotEvaluate(`unexpected ${JSON.stringify(this.toks[this.p])}`);
    return v;
  }

  private peekOp(...ops: string[]): string | null {
    const t = this.toks[this.p];
    return t && t.t === "op" && ops.includes(t.v) ? t.v : null;
  }

  private expect(op: string): void {
    if (!this.peekOp(op)) throw new CannotEvaluate(`expected "${op}"`);
    this.p++;
  }

  private comparison(): Value {
    let a = this.concat();
    for (let op = this.peekOp("=", "<>", "<", ">", "<=", ">="); op; op = this.peekOp("=", "<>", "<", ">", "<=", ">=")) {
      this.p++;
      a = compareValues(op, this.scalar(a), this.scalar(this.concat()));
    }
    return a;
  }

  private concat(): Value {
    let a = this.additive();
    while (this.peekOp("&")) {
      this.p++;
      const x = this.scalar(a);
      const y = this.scalar(this.additive());
      a = isError(x) ? x : isError(y) ? y : toText(x) + toText(y);
    }
    return a;
  }

  private arith(a: Value, b: Value, f: (x: number, y: number) => number | ErrorValue): Scalar {
    const x = toNumber(this.scalar(a));
    const y = toNumber(this.scalar(b));
    if (isError(x)) return x;
    if (isError(y)) return y;
    return f(x, y);
  }

  private additive(): Value {
    let a = this.multiplicative();
    for (let op = this.peekOp("+", "-"); op; op = this.peekOp("+", "-")) {
      this.p++;
      const b = this.multiplicative();
      a = this.arith(a, b, op === "+" ? (x, y) => x + y : (x, y) => x - y);
    }
    return a;
  }

  private multiplicative(): Value {
    let a = this.power();
    for (let op = this.peekOp("*", "/"); op; op = this.peekOp("*", "/")) {
      this.p++;
      const b = this.power();
      a = this.arith(a, b, op === "*" ? (x, y) => x * y : (x, y) => (y === 0 ? { error: "#DIV/0!" } : x / y));
    }
    return a;
  }

  private power(): Value {
    let a = this.unary();
    while (this.peekOp("^")) {
      this.p++;
      const b = this.unary();
      a = this.arith(a, b, (x, y) => x ** y);
    }
    return a;
  }

  private unary(): Value {
    const op = this.peekOp("-", "+");
    if (op) {
      this.p++;
      const v = this.unary();
      return op === "-" ? this.arith(0, v, (x, y) => x - y) : v;
    }
    let v = this.primary();
    while (this.peekOp("%")) {
      this.p++;
      v = this.arith(v, 100, (x, y) => x / y);
    }
    return v;
  }

  private primary(): Value {
    const t = this.toks[this.p++];
    if (!t) throw new CannotEvaluate("unexpected end of formula");
    switch (t.t) {
      case "num":
      case "str":
      case "bool":
        return t.v;
      case "err":
        return { error: t.v };
      case "ref":
        return this.reference(t);
      case "name":
        return this.name(t.v);
      case "func":
        return this.call(t.v);
      case "op":
        if (t.v === "(") {
          const v = this.comparison();
          this.expect(")");
          return v;
        }
    }
    throw new CannotEvaluate(`unexpected ${JSON.stringify(t)}`);
  }

  private reference(t: { sheet?: string; a: string; b?: string }): Value {
    const sheet = t.sheet === undefined ? this.env.sheet : this.env.xl.sheet(t.sheet);
    if (!sheet) return { error: "#REF!" };
    const one = (s: string) => {
      const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(s)!;
      return { r: Number(m[4]) + (m[3] ? 0 : this.env.dr), c: colNumber(m[2]) + (m[1] ? 0 : this.env.dc) };
    };
    const x = one(t.a);
    const y = t.b ? one(t.b) : x;
    const box = { r1: Math.min(x.r, y.r), c1: Math.min(x.c, y.c), r2: Math.max(x.r, y.r), c2: Math.max(x.c, y.c) };
    if (box.r1 < 1 || box.c1 < 1 || box.r2 > MAX_ROW || box.c2 > MAX_COL) return { error: "#REF!" };
    return { sheet, box };
  }

  private name(n: string): Value {
    const named = this.env.xl.names.find((x) => x.name.toLowerCase() === n.toLowerCase());
    if (!named) return { error: "#NAME?" };
    return new FormulaEvaluator({ ...this.env, dr: 0, dc: 0 }, named.formula).run();
  }

  /** A value where one is needed: a one-cell reference gives its cell's value. */
  scalar(v: Value): Scalar {
    if (!isRef(v)) return v;
    const { box } = v;
    if (box.r1 !== box.r2 || box.c1 !== box.c2) return { error: "#VALUE!" };
    return cellValue(this.env.xl, v.sheet, box.r1, box.c1, this.env.visiting);
  }

  private call(fn: string): Value {
    this.expect("(");
    const args: Value[] = [];
    if (!this.peekOp(")")) {
      args.push(this.comparison());
      while (this.peekOp(",")) {
        this.p++;
        args.push(this.comparison());
      }
    }
    this.expect(")");
    const one = () => {
      if (args.length !== 1) throw new CannotEvaluate(`${fn} takes one argument`);
      return args[0];
    };
    switch (fn) {
      case "AND":
      case "OR": {
        const logicals: boolean[] = [];
        for (const a of args) {
          if (isRef(a)) {
            for (let r = a.box.r1; r <= a.box.r2; r++) {
              for (let c = a.box.c1; c <= a.box.c2; c++) {
                const v = cellValue(this.env.xl, a.sheet, r, c, this.env.visiting);
                if (isError(v)) return v;
                if (typeof v === "boolean") logicals.push(v);
                else if (typeof v === "number") logicals.push(v !== 0);
              }
            }
          } else if (isError(a)) return a;
          else if (typeof a === "boolean") logicals.push(a);
          else if (typeof a === "number") logicals.push(a !== 0);
          else if (typeof a === "string" && /^(true|false)$/i.test(a)) logicals.push(a.toLowerCase() === "true");
          else if (typeof a === "string") return { error: "#VALUE!" };
        }
        if (logicals.length === 0) return { error: "#VALUE!" };
        return fn === "AND" ? logicals.every(Boolean) : logicals.some(Boolean);
      }
      case "NOT": {
        const v = this.scalar(one());
        if (isError(v)) return v;
        if (typeof v === "string") return /^(true|false)$/i.test(v) ? v.toLowerCase() !== "true" : { error: "#VALUE!" };
        return !(typeof v === "boolean" ? v : Number(v ?? 0) !== 0);
      }
      case "ISNUMBER":
        return typeof this.scalar(one()) === "number";
      case "ISTEXT":
        return typeof this.scalar(one()) === "string";
      case "ISBLANK":
        return this.scalar(one()) === null;
      case "INT":
      case "ABS": {
        const n = toNumber(this.scalar(one()));
        if (isError(n)) return n;
        return fn === "INT" ? Math.floor(n) : Math.abs(n);
      }
    }
    throw new CannotEvaluate(`unknown function ${fn}`);
  }
}

/** A cell's value; a formula cell is evaluated (its references as written). */
function cellValue(xl: ExcelStandIn, sheet: SheetModel, r: number, c: number, visiting: Set<string>): Scalar {
  const ref = `${colName(c)}${r}`;
  const cell = sheet.cells.get(ref);
  if (!cell) return null;
  if (cell.error !== undefined) return { error: cell.error };
  if (cell.formula !== undefined) {
    const key = `${sheet.id}!${ref}`;
    if (visiting.has(key)) throw new CannotEvaluate(`circular reference at ${ref}`);
    visiting.add(key);
    try {
      const ev = new FormulaEvaluator({ xl, sheet, dr: 0, dc: 0, visiting }, cell.formula);
      return ev.scalar(ev.run());
    } finally {
      visiting.delete(key);
    }
  }
  return cell.value === undefined ? null : cell.value;
}

// ---- the stand-in ---------------------------------------------------------------------------------

export class ExcelStandIn {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  names: NameModel[] = [];
  xmlParts: XmlPartModel[] = [];
  selection?: { sheet: string; address: string };
  activeSheetId?: string;
  /** Everything applied, in order. */
  ops: OpRecord[] = [];
  syncs = 0;
  /** Payload of each sync, in bytes (REQUEST_MODEL). */
  payloads: number[] = [];
  /** Each sync's request: bytes, object paths, actions. */
  requests: RequestStats[] = [];
  /** Excel.run calls. */
  runs = 0;
  payloadLimit: number;
  failWhen?: StandInOptions["failWhen"];
  themeBackground: string;
  /**
   * Cells were written while calculation was suspended and no full calculation has run since:
   * formulas may show stale results. suspendApiCalculationUntilNextSync leaves "the developer's
   * responsibility to re-calc the workbook, to ensure that any dependencies are propagated"
   * (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-suspendapicalculationuntilnextsync-member(1)).
   * Strict reading: set by any content write (formulas, values, clear) in a batch that suspends
   * calculation (wherever in the batch the suspension is queued); cleared only by
   * Application.calculate("Full" or "FullRebuild") in a batch that does not suspend it. "Recalculate"
   * only recalculates cells "marked as dirty", and whether suspended writes were marked is not
   * documented, so it does not clear the flag.
   */
  needsRecalc = false;
  /**
   * The workbook's calculation (standInCalculation.ts): each formula cell's computed value, which
   * Range.values shows. Fully calculated when the workbook opens; after each batch as Excel's
   * automatic calculation would (see StandInContext.sync).
   */
  readonly calc: StandInCalculation;
  private nextId = 1;

  constructor(options: StandInOptions = {}) {
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    this.failWhen = options.failWhen;
    if (!this.failWhen && options.failAt) {
      const { location, nth } = options.failAt;
      let seen = 0;
      this.failWhen = (op) => op.location === location && ++seen === nth;
    }
    this.themeBackground = options.themeBackground ?? "#ffffff";
    for (const s of options.sheets ?? [{ name: "Sheet1" }]) {
      const sheet = this.newSheet(s.name);
      if (s.id) sheet.id = s.id;
      sheet.visibility = s.visibility ?? "Visible";
      for (const [ref, v] of Object.entries(s.cells ?? {})) {
        sheet.cells.set(ref, typeof v === "string" && v.startsWith("=") ? { formula: v } : { value: v });
      }
      this.sheets.push(sheet);
    }
    this.activeSheetId =
      (options.activeSheet ? this.sheet(options.activeSheet) : this.sheets.find((s) => s.visibility === "Visible"))?.id ??
      this.sheets[0]?.id;
    this.names = (options.names ?? []).map((n) => ({ ...n }));
    for (const t of options.tables ?? []) {
      this.tables.push({ uid: this.nextUid(), name: t.name, sheetId: this.sheet(t.sheet)!.id, address: t.address });
    }
    for (const p of options.xmlParts ?? []) this.xmlParts.push({ id: this.newGuid(), namespace: p.namespace, xml: p.xml });
    this.selection = options.selection;
    this.calc = new StandInCalculation(this);
    this.calc.requestFull();
  }

  nextUid(): number {
    return this.nextId++;
  }

  newGuid(): string {
    const n = (this.nextId++).toString(16).toUpperCase().padStart(8, "0");
    return `{${n}-0000-4000-8000-${"0".repeat(12)}}`;
  }

  newSheet(name: string): SheetModel {
    return {
      id: this.newGuid(),
      name,
      visibility: "Visible",
      cells: new Map(),
      charts: [],
      columnWidths: new Map(),
      hiddenColumns: new Set(),
      freeze: null,
      validations: new Map(),
      conditionalFormats: [],
    };
  }

  sheet(nameOrId: string): SheetModel | undefined {
    const k = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === k);
  }

  activeSheet(): SheetModel | undefined {
    return this.sheets.find((s) => s.id === this.activeSheetId) ?? this.sheets.find((s) => s.visibility === "Visible");
  }

  /** Excel.run: a fresh request context; queued operations left at the end are synced, as Excel does. */
  run = async <T>(batch: (context: any) => Promise<T>): Promise<T> => {
    this.runs++;
    const ctx = new StandInContext(this);
    const result = await batch(ctx.api);
    if (ctx.hasPending()) await ctx.sync();
    return result;
  };

  /** What the page sees as the global `Excel`. */
  excelNamespace(): { run: ExcelStandIn["run"] } {
    return { run: this.run };
  }

  /** What the page sees as the global `Office` (common API: plain values, no load/sync). */
  officeNamespace(): object {
    const theme = this.themeBackground;
    const dark = theme.toLowerCase() !== "#ffffff";
    return {
      HostType: { Excel: "Excel" },
      PlatformType: { OfficeOnline: "OfficeOnline" },
      onReady: (cb?: (info: { host: string; platform: string }) => void) => {
        const info = { host: "Excel", platform: "OfficeOnline" };
        if (cb) setTimeout(() => cb(info), 0);
        return Promise.resolve(info);
      },
      context: {
        officeTheme: {
          bodyBackgroundColor: theme,
          bodyForegroundColor: dark ? "#ffffff" : "#000000",
          controlBackgroundColor: theme,
          controlForegroundColor: dark ? "#ffffff" : "#000000",
        },
        requirements: {
          // Excel on the web supports ExcelApi 1.1 to 1.17 (compare "1.8" and "1.17" part by part).
          isSetSupported: (name: string, version = "1.1") => {
            const [major, minor = 0] = version.split(".").map(Number);
            return name === "ExcelApi" && major === 1 && minor <= 17;
          },
        },
      },
    };
  }

  /**
   * Every validated cell whose content breaks its rule, one message each ("Inputs!C30: 0.95 breaks
   * custom AND(...)"). Blank cells pass when ignoreBlanks is true (Excel's default) and break the rule
   * when it is false. A cell holding a formula is checked on its result, evaluated here; one that
   * cannot be evaluated is reported ("cannot evaluate ..."), as is a rule formula that uses anything
   * the evaluator does not know (so a new kind of rule gets noticed). The evaluator knows numbers,
   * strings, TRUE/FALSE, error literals, cell references (relative ones shifted from the top-left cell
   * of the validated range, as Excel does for the other cells; $ parts fixed; other sheets and defined
   * names that refer to cells), = <> < > <= >=, + - * / ^ & %, and AND, OR, NOT, ISNUMBER, ISTEXT,
   * ISBLANK, INT, ABS. A custom rule passes only when its formula gives TRUE (a number is not taken for
   * TRUE: strict). List items are compared as text, case-insensitively, untrimmed (Excel keeps the
   * spaces of "a, b": strict); numbers as their text. Whole rows or columns: only cells that exist.
   */
  validationViolations(): string[] {
    const out: string[] = [];
    for (const sheet of this.sheets) {
      for (const [address, v] of sheet.validations) {
        if (!isPlainObject(v.rule)) continue;
        const box = parseAddress(address);
        const refs = isWhole(box)
          ? [...sheet.cells.keys()].filter((ref) => contains(box, parseAddress(ref)))
          : Array.from({ length: (box.r2 - box.r1 + 1) * (box.c2 - box.c1 + 1) }, (_, i) => {
              const w = box.c2 - box.c1 + 1;
              return `${colName(box.c1 + (i % w))}${box.r1 + Math.floor(i / w)}`;
            });
        for (const ref of refs) {
          const problem = this.checkCell(sheet, box, ref, v);
          if (problem) out.push(`${quote(sheet.name)}!${ref}: ${problem}`);
        }
      }
    }
    return out;
  }

  private checkCell(sheet: SheetModel, box: Box, ref: string, v: ValidationModel): string | null {
    const rule = v.rule as Record<string, Record<string, unknown>>;
    const kind = Object.keys(rule).find((k) => rule[k] !== undefined)!;
    const c = rule[kind];
    const at = parseAddress(ref);
    const env: EvalEnv = { xl: this, sheet, dr: at.r1 - box.r1, dc: at.c1 - box.c1, visiting: new Set() };
    const cell = sheet.cells.get(ref);
    const describe = () => {
      if (kind === "custom") return `custom ${String(c.formula).replace(/^=/, "")}`;
      if (kind === "list") return `list ${JSON.stringify(isProxy(c.source) ? c.source.__address() : c.source)}`;
      const f = (x: unknown) => (isProxy(x) ? `=${x.__address()}` : x instanceof Date ? x.toISOString() : String(x));
      return `${kind} ${c.operator} ${f(c.formula1)}${c.formula2 !== undefined ? ` and ${f(c.formula2)}` : ""}`;
    };
    let value: Scalar;
    try {
      value = cellValue(this, sheet, at.r1, at.c1, new Set());
    } catch (e) {
      return `cannot evaluate its formula ${cell?.formula}: ${(e as Error).message}`;
    }
    const blank = value === null || value === "";
    const text = blank ? "(blank)" : typeof value === "string" ? JSON.stringify(value) : toText(value);
    const shown = cell?.formula !== undefined ? `${cell.formula} (= ${text})` : text;
    if (blank) return v.ignoreBlanks === false ? `${shown} breaks ${describe()} (ignoreBlanks is false)` : null;
    const breaks = () => `${shown} breaks ${describe()}`;
    if (isError(value)) return breaks();
    try {
      if (kind === "custom") {
        const r = new FormulaEvaluator(env, String(c.formula));
        return r.scalar(r.run()) === true ? null : breaks();
      }
      if (kind === "list")
        return this.listItems(c.source, env).some((item) => item.toLowerCase() === toText(value).toLowerCase()) ? null : breaks();
      // wholeNumber, decimal, textLength, date, time
      let x: number;
      if (kind === "textLength") x = toText(value).length;
      else if (typeof value !== "number") return breaks();
      else x = value;
      if (kind === "wholeNumber" && !Number.isInteger(x)) return breaks();
      const bound = (f: unknown): number => {
        let b: Scalar;
        if (typeof f === "number") b = f;
        else if (f instanceof Date) b = (f.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
        else if (isProxy(f)) b = cellValueOfProxy(f, env);
        else if (typeof f === "string" && f.startsWith("=")) {
          const ev = new FormulaEvaluator(env, f);
          b = ev.scalar(ev.run());
        } else b = parseTypedInput(String(f).replace("T", " ")).value ?? null;
        const n = toNumber(b);
        if (isError(n)) throw new CannotEvaluate(`bound ${String(f)} gives ${n.error}`);
        return n;
      };
      const f1 = bound(c.formula1);
      const f2 = c.formula2 !== undefined ? bound(c.formula2) : NaN;
      const ok: Record<string, boolean> = {
        Between: x >= f1 && x <= f2,
        NotBetween: x < f1 || x > f2,
        EqualTo: x === f1,
        NotEqualTo: x !== f1,
        GreaterThan: x > f1,
        LessThan: x < f1,
        GreaterThanOrEqualTo: x >= f1,
        LessThanOrEqualTo: x <= f1,
      };
      return ok[String(c.operator)] ? null : breaks();
    } catch (e) {
      if (e instanceof CannotEvaluate || e instanceof StandInError) return `cannot evaluate ${describe()}: ${e.message}`;
      throw e;
    }
  }

  private listItems(source: unknown, env: EvalEnv): string[] {
    if (isProxy(source)) source = `=${source.__address()}`;
    const s = String(source);
    if (!s.startsWith("=")) return s.split(",");
    const v = new FormulaEvaluator({ ...env, dr: 0, dc: 0 }, s).run();
    if (!isRef(v)) throw new CannotEvaluate(`list source ${s} is not a range`);
    const items: string[] = [];
    for (let r = v.box.r1; r <= v.box.r2; r++)
      for (let c = v.box.c1; c <= v.box.c2; c++) items.push(toText(cellValue(this, v.sheet, r, c, env.visiting)));
    return items;
  }

  /** A JSON-friendly picture of the workbook, for assertions (and for the browser test). */
  snapshot(): WorkbookSnapshot {
    return {
      sheets: this.sheets.map((s) => ({
        id: s.id,
        name: s.name,
        visibility: s.visibility,
        cells: Object.fromEntries(s.cells),
        charts: s.charts.map(({ uid: _uid, ...c }) => c),
        columnWidths: Object.fromEntries(s.columnWidths),
        hiddenColumns: [...s.hiddenColumns].sort((a, b) => colNumber(a) - colNumber(b)),
        freeze: s.freeze,
        validations: Object.fromEntries(s.validations),
        conditionalFormats: s.conditionalFormats.map(({ uid: _uid, ...c }) => c),
      })),
      tables: this.tables.map((t) => ({
        name: t.name,
        sheet: this.sheets.find((s) => s.id === t.sheetId)?.name ?? "?",
        address: t.address,
      })),
      names: this.names.map((n) => ({ ...n })),
      xmlParts: this.xmlParts.map((p) => ({ ...p })),
      syncs: this.syncs,
      payloads: [...this.payloads],
      runs: this.runs,
      ops: this.ops.map((o) => ({ sync: o.sync, location: o.location, calcSuspended: o.calcSuspended })),
      activeSheet: this.activeSheet()?.name,
      needsRecalc: this.needsRecalc,
    };
  }
}

function cellValueOfProxy(range: { __address(): string }, env: EvalEnv): Scalar {
  const ev = new FormulaEvaluator({ ...env, dr: 0, dc: 0 }, range.__address());
  return ev.scalar(ev.run());
}

export interface WorkbookSnapshot {
  sheets: {
    id: string;
    name: string;
    visibility: string;
    cells: Record<string, CellModel>;
    charts: Omit<ChartModel, "uid">[];
    columnWidths: Record<string, number>;
    hiddenColumns: string[];
    freeze: { rows: number; cols: number } | null;
    validations: Record<string, ValidationModel>;
    conditionalFormats: Omit<ConditionalFormatModel, "uid">[];
  }[];
  tables: { name: string; sheet: string; address: string }[];
  names: NameModel[];
  xmlParts: XmlPartModel[];
  syncs: number;
  payloads: number[];
  runs: number;
  ops: { sync: number; location: string; calcSuspended: boolean }[];
  activeSheet?: string;
  needsRecalc: boolean;
}

// ---- request context and proxies ------------------------------------------------------------------

/** How an API object was reached: one object path of the request (see REQUEST_MODEL). */
interface PathNode {
  kind: "root" | "property" | "method" | "indexer";
  name: string;
  parent?: PathNode;
  args?: unknown[];
}

interface Op {
  location: string;
  args: unknown[];
  apply: () => void;
}

interface PropSpec {
  get?: () => unknown;
  set?: (v: any) => void;
}

interface ProxySpec {
  location: string;
  path: PathNode;
  props?: Record<string, PropSpec>;
  methods?: Record<string, (...args: any[]) => unknown>;
  /** Navigation properties: built on first use, with their object path. */
  children?: Record<string, (path: PathNode) => object>;
  /** For *OrNullObject results: whether the object is missing, decided at sync. */
  isNull?: () => boolean;
  /** Collections: the current elements as proxies (`items` after load), each reached from `parent`. */
  items?: (parent: PathNode) => { proxy: any; props: Record<string, PropSpec> }[];
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Counts one request as REQUEST_MODEL describes. */
class RequestMeter {
  bytes = 0;
  objectPaths = 0;
  actions = 0;
  private sent = new Set<PathNode>();

  /** The path (and its parents and argument objects) goes into this request once, with its Instantiate action. */
  ensure(node: PathNode | undefined): void {
    if (!node || this.sent.has(node)) return;
    this.sent.add(node);
    this.ensure(node.parent);
    let bytes = REQUEST_MODEL.OBJECT_PATH + escapedBytes(JSON.stringify(node.name));
    if (node.kind === "method" || node.kind === "indexer") bytes += this.argumentBytes(node.args ?? []);
    this.bytes += bytes + REQUEST_MODEL.ACTION;
    this.objectPaths++;
    this.actions++;
  }

  /** A SetProperty or Method action on `on`. */
  action(on: PathNode, name: string, args: unknown[]): void {
    this.ensure(on);
    this.bytes += REQUEST_MODEL.ACTION + escapedBytes(JSON.stringify(name)) + this.argumentBytes(args);
    this.actions++;
  }

  /** A Query action (load). */
  query(on: PathNode, select: string[] | null): void {
    this.ensure(on);
    this.bytes += REQUEST_MODEL.ACTION + (select ? REQUEST_MODEL.QUERY + escapedBytes(JSON.stringify(select)) : REQUEST_MODEL.QUERY_ALL);
    this.actions++;
  }

  /** ArgumentInfo: the arguments' JSON (objects as their path id) and ReferencedObjectPathIds. */
  private argumentBytes(args: unknown[]): number {
    const refs: PathNode[] = [];
    const ids: number[] = [];
    const top = args.map((a) => {
      if (isProxy(a)) {
        refs.push(a.__path);
        ids.push(REQUEST_MODEL.ID);
        return REQUEST_MODEL.ID;
      }
      ids.push(0);
      return a;
    });
    const text = JSON.stringify(top, (_k, x) => {
      if (isProxy(x)) {
        refs.push(x.__path);
        return { _ObjectPathId: REQUEST_MODEL.ID };
      }
      return x instanceof Date ? x.toISOString() : x;
    });
    for (const r of refs) this.ensure(r);
    return (
      REQUEST_MODEL.ARGUMENTS +
      escapedBytes(text) +
      (ids.some((i) => i !== 0) ? REQUEST_MODEL.REFERENCED_IDS + escapedBytes(JSON.stringify(ids)) : 0)
    );
  }

  take(sync: number): RequestStats {
    const stats = {
      sync,
      bytes: this.actions > 0 ? this.bytes + REQUEST_MODEL.ENVELOPE : 0,
      objectPaths: this.objectPaths,
      actions: this.actions,
    };
    this.bytes = 0;
    this.objectPaths = 0;
    this.actions = 0;
    this.sent = new Set();
    return stats;
  }
}

const CONTENT_WRITES = new Set(["Range.formulas", "Range.values", "Range.clear"]);
const SUSPEND = "Application.suspendApiCalculationUntilNextSync";

class StandInContext {
  api: any;
  private queue: Op[] = [];
  private loads: (() => void)[] = [];
  private mockLoads = new Set<any>();
  private readonly meter = new RequestMeter();
  /** While results are processed (loads during sync), new proxies are not instantiated in a request. */
  private processingResult = false;
  /** The method being called: its object and name (for its action and for the paths of objects it returns). */
  private calling: { on: PathNode; name: string } | null = null;

  constructor(private readonly xl: ExcelStandIn) {
    let workbook: any;
    let application: any;
    this.api = { sync: () => this.sync() };
    // Built on first use, as office.js's RequestContext does (each then enters the request).
    Object.defineProperty(this.api, "workbook", {
      enumerable: true,
      get: () => (workbook ??= this.workbookProxy({ kind: "root", name: "" })),
    });
    Object.defineProperty(this.api, "application", {
      enumerable: true,
      get: () => (application ??= this.applicationProxy({ kind: "root", name: "Application" })),
    });
  }

  hasPending(): boolean {
    return this.queue.length > 0 || this.loads.length > 0;
  }

  /**
   * Queues an operation. Its request action: `request` when given, nothing for null (a method that
   * returns an object: the object's path carries the call), else the method being called.
   */
  enqueue(location: string, args: unknown[], apply: () => void, request?: { on: PathNode; name: string; args?: unknown[] } | null): void {
    const r: { on: PathNode; name: string; args?: unknown[] } | null = request === undefined ? this.calling : request;
    if (r) this.meter.action(r.on, r.name, r.args ?? args);
    this.queue.push({ location, args, apply });
  }

  /** The object path of an object that the method being called returns. */
  private returned(args: unknown[], kind: "method" | "indexer" = "method"): PathNode {
    const c = this.calling!;
    return { kind, name: kind === "indexer" ? "" : c.name, parent: c.on, args };
  }

  async sync(): Promise<void> {
    const xl = this.xl;
    xl.syncs++;
    const ops = this.queue;
    const loads = this.loads;
    const mockLoads = [...this.mockLoads];
    this.queue = [];
    this.loads = [];
    this.mockLoads.clear();
    const stats = this.meter.take(xl.syncs);
    xl.payloads.push(stats.bytes);
    xl.requests.push(stats);
    if (stats.bytes > xl.payloadLimit) {
      throw new StandInError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${stats.bytes} > ${xl.payloadLimit} bytes).`,
        "RequestContext.sync",
      );
    }
    const batchSuspends = ops.some((o) => o.location === SUSPEND);
    let suspended = false;
    let fullCalc = false;
    try {
      for (const op of ops) {
        if (op.location === SUSPEND) suspended = true;
        if (xl.failWhen?.({ location: op.location, args: op.args })) {
          throw new StandInError("GeneralException", "An internal error has occurred (injected by the test).", op.location);
        }
        op.apply();
        xl.ops.push({ sync: xl.syncs, location: op.location, args: op.args, calcSuspended: suspended });
        if (batchSuspends && CONTENT_WRITES.has(op.location)) xl.needsRecalc = true;
        if (!batchSuspends && op.location === "Application.calculate" && op.args[0] !== "Recalculate") xl.needsRecalc = false;
        if (op.location === "Application.calculate" && op.args[0] !== "Recalculate") fullCalc = true;
      }
    } finally {
      // Calculation, before the loads are answered (also after a failed batch: its earlier operations
      // stay applied). A batch that suspends calculation changes no values; a full calculation
      // recalculates every formula; any other batch what its writes reach (automatic calculation).
      xl.calc.afterBatch({ suspended: batchSuspends, full: fullCalc });
    }
    this.processingResult = true;
    try {
      for (const l of loads) l();
    } finally {
      this.processingResult = false;
    }
    for (const m of mockLoads) await OfficeMockObject.prototype.sync.call(m);
    await new Promise((r) => setTimeout(r, 0)); // let the mock's own promise chains settle
  }

  // A proxy: an OfficeMockObject holding the methods and children, plus properties that are read
  // after load()+sync() and written through the queue. Creating it puts its object path and an
  // Instantiate action in the request, as office.js's ClientObject constructor does.
  proxy(spec: ProxySpec): any {
    const node = spec.path;
    const methods: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(spec.methods ?? {})) {
      methods[k] = (...a: unknown[]) => {
        const prev = this.calling;
        this.calling = { on: node, name: pascal(k) };
        try {
          return f(...a);
        } finally {
          this.calling = prev;
        }
      };
    }
    const mock: any = new OfficeMockObject(methods as any);
    Object.defineProperty(mock, "__standIn", { value: true });
    Object.defineProperty(mock, "__path", { value: node });
    if (!this.processingResult) this.meter.ensure(node);
    const loaded = new Map<string, unknown>();
    const props = spec.props ?? {};
    for (const [key, p] of Object.entries(props)) {
      Object.defineProperty(mock, key, {
        configurable: true,
        enumerable: true,
        get: () => {
          if (!loaded.has(key)) throw new Error(`PropertyNotLoaded: ${spec.location}.${key} (${NOT_LOADED})`);
          return loaded.get(key);
        },
        set: (v: unknown) => {
          if (!p.set) throw new TypeError(`${spec.location}.${key} is read-only`);
          this.enqueue(`${spec.location}.${key}`, [v], () => p.set!(v), { on: node, name: pascal(key) });
        },
      });
    }
    for (const [key, make] of Object.entries(spec.children ?? {})) {
      let child: object | undefined;
      Object.defineProperty(mock, key, {
        configurable: true,
        enumerable: true,
        get: () => (child ??= make({ kind: "property", name: pascal(key), parent: node })),
      });
    }
    if (spec.isNull) {
      Object.defineProperty(mock, "isNullObject", {
        configurable: true,
        get: () => {
          if (!loaded.has("isNullObject")) throw new Error(`PropertyNotLoaded: ${spec.location}.isNullObject (sync first)`);
          return loaded.get("isNullObject");
        },
      });
      this.loads.push(() => loaded.set("isNullObject", spec.isNull!()));
    }
    const mockLoad = mock.load.bind(mock);
    mock.load = (arg?: string | string[]) => {
      const list = (arg === undefined ? ["*"] : Array.isArray(arg) ? arg : arg.split(",")).map((s) => s.trim()).filter(Boolean);
      this.meter.query(node, arg === undefined ? null : list);
      const itemProps: string[] = [];
      const own: string[] = [];
      for (const p of list) {
        if (p === "items" || p === "*") {
          if (spec.items) itemProps.push("*");
          if (p === "*") own.push(...Object.keys(props).filter((k) => props[k].get));
        } else if (p.startsWith("items/")) itemProps.push(p.slice(6));
        else if (props[p]?.get) own.push(p);
        else mockLoad(p); // office-addin-mock: throws for a property the object does not have
      }
      if (own.length > 0) this.loads.push(() => own.forEach((k) => loaded.set(k, props[k].get!())));
      if (itemProps.length > 0) {
        if (!spec.items) throw new Error(`${spec.location} is not a collection`);
        this.loads.push(() => {
          const elements = spec.items!(node);
          for (const e of elements) {
            const keys = itemProps.includes("*") ? Object.keys(e.props).filter((k) => e.props[k].get) : itemProps;
            e.proxy.__resolveNow(keys);
          }
          loaded.set(
            "items",
            elements.map((e) => e.proxy),
          );
        });
      }
      this.mockLoads.add(mock);
      return mock;
    };
    // Used by a collection's load: fills properties at once (we are inside sync).
    Object.defineProperty(mock, "__resolveNow", {
      value: (keys: string[]) => {
        for (const k of keys) {
          if (!props[k]?.get) throw new Error(`Property ${k} needs to be present in object model before load is called.`);
          loaded.set(k, props[k].get!());
        }
      },
    });
    if (spec.items) {
      Object.defineProperty(mock, "items", {
        configurable: true,
        get: () => {
          if (!loaded.has("items")) throw new Error(`PropertyNotLoaded: ${spec.location}.items (${NOT_LOADED})`);
          return loaded.get("items");
        },
      });
    }
    return mock;
  }

  // -- application --------------------------------------------------------------------------------

  private applicationProxy(path: PathNode): any {
    return this.proxy({
      location: "Application",
      path,
      methods: {
        suspendApiCalculationUntilNextSync: () => this.enqueue(SUSPEND, [], () => undefined),
        // Application.calculate(calculationType): "Recalculate" | "Full" | "FullRebuild"
        // (https://learn.microsoft.com/javascript/api/excel/excel.calculationtype).
        calculate: (calculationType: unknown) =>
          this.enqueue("Application.calculate", [calculationType], () => {
            if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType as string)) {
              throw invalid(`Unknown calculation type ${JSON.stringify(calculationType)}.`, "Application.calculate");
            }
          }),
      },
    });
  }

  // -- workbook -----------------------------------------------------------------------------------

  private workbookProxy(path: PathNode): any {
    const xl = this.xl;
    return this.proxy({
      location: "Workbook",
      path,
      methods: {
        getSelectedRange: () => {
          if (!xl.selection) throw new StandInError("InvalidSelection", "No cells are selected.", "Workbook.getSelectedRange");
          const sel = xl.selection;
          return this.rangeProxy(() => this.sheetOrThrow(sel.sheet, "Workbook.getSelectedRange"), sel.address, this.returned([]));
        },
      },
      children: {
        // Workbook.application (ExcelApi 1.1): the same Application as context.application.
        application: (p) => this.applicationProxy(p),
        worksheets: (p) => this.worksheetsProxy(p),
        names: (p) => this.namesProxy(p),
        tables: (p) => this.tablesProxy(undefined, p),
        customXmlParts: (p) => this.xmlPartsProxy(undefined, p),
      },
    });
  }

  private sheetOrThrow(key: string, location: string): SheetModel {
    const s = this.xl.sheet(key);
    if (!s) throw new StandInError("ItemNotFound", `The requested resource doesn't exist (worksheet ${key}).`, location);
    return s;
  }

  private checkSheetName(name: unknown, except: SheetModel | undefined, location: string): void {
    const problem = sheetNameProblem(name);
    if (problem) throw invalid(`Invalid sheet name ${JSON.stringify(name)}: ${problem}.`, location);
    const k = (name as string).toLowerCase();
    if (this.xl.sheets.some((s) => s !== except && s.name.toLowerCase() === k)) {
      throw new StandInError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}.`, location);
    }
  }

  /** When the active sheet is hidden or deleted, Excel shows the next visible sheet (else the previous one). */
  private moveActiveFrom(s: SheetModel): void {
    const xl = this.xl;
    if (xl.activeSheetId !== s.id) return;
    const i = xl.sheets.indexOf(s);
    const next = [...xl.sheets.slice(i + 1), ...xl.sheets.slice(0, i).reverse()].find((o) => o.visibility === "Visible");
    xl.activeSheetId = next?.id;
  }

  private worksheetsProxy(path: PathNode): any {
    const xl = this.xl;
    return this.proxy({
      location: "WorksheetCollection",
      path,
      methods: {
        // "The worksheet will be added at the end of existing worksheets. If you wish to activate the
        // newly added worksheet, call .activate() on it." (WorksheetCollection.add)
        add: (name?: string) => {
          let k = xl.sheets.length + 1;
          while (name === undefined && xl.sheet(`Sheet${k}`)) k++;
          const sheet = xl.newSheet(name ?? `Sheet${k}`);
          this.enqueue(
            "WorksheetCollection.add",
            [name],
            () => {
              this.checkSheetName(sheet.name, undefined, "WorksheetCollection.add");
              xl.sheets.push(sheet);
              xl.calc.invalidate();
            },
            null,
          );
          return this.sheetProxy(
            () => {
              if (!xl.sheets.includes(sheet)) throw new StandInError("ItemNotFound", `Worksheet ${name} was not created.`, "Worksheet");
              return sheet;
            },
            this.returned([name]),
          );
        },
        getItem: (key: string) => this.sheetProxy(() => this.sheetOrThrow(key, "WorksheetCollection.getItem"), this.returned([key])),
        getItemOrNullObject: (key: string) =>
          this.sheetProxy(
            () => this.sheetOrThrow(key, "Worksheet"),
            this.returned([key]),
            () => !xl.sheet(key),
          ),
        getActiveWorksheet: () =>
          this.sheetProxy(() => {
            const s = xl.activeSheet();
            if (!s) throw new StandInError("ItemNotFound", "There is no active worksheet.", "WorksheetCollection.getActiveWorksheet");
            return s;
          }, this.returned([])),
      },
      items: (parent) => xl.sheets.map((s) => this.sheetElement(s, { kind: "indexer", name: "", parent, args: [s.id] })),
    });
  }

  private sheetElement(s: SheetModel, path: PathNode) {
    const proxy = this.sheetProxy(() => s, path);
    return { proxy, props: this.sheetProps(() => s) };
  }

  private sheetProps(resolve: () => SheetModel): Record<string, PropSpec> {
    const xl = this.xl;
    return {
      id: { get: () => resolve().id },
      name: {
        get: () => resolve().name,
        set: (v: string) => {
          const s = resolve();
          this.checkSheetName(v, s, "Worksheet.name");
          s.name = v;
          xl.calc.invalidate();
        },
      },
      visibility: {
        get: () => resolve().visibility,
        set: (v: string) => {
          const s = resolve();
          if (!["Visible", "Hidden", "VeryHidden"].includes(v))
            throw invalid(`Invalid visibility ${JSON.stringify(v)}.`, "Worksheet.visibility");
          if (v !== "Visible" && xl.sheets.filter((o) => o !== s && o.visibility === "Visible").length === 0) {
            throw new StandInError("InvalidOperation", "A workbook must contain at least one visible worksheet.", "Worksheet.visibility");
          }
          s.visibility = v;
          // Hiding the active sheet: the API reference documents no error for it; Excel then shows
          // another visible sheet, modelled here.
          if (v !== "Visible") this.moveActiveFrom(s);
        },
      },
      position: { get: () => xl.sheets.indexOf(resolve()) },
    };
  }

  private sheetProxy(resolveRaw: () => SheetModel, path: PathNode, isNull?: () => boolean): any {
    const xl = this.xl;
    let cached: SheetModel | undefined;
    // Bound to the sheet at first use, so a later rename does not lose it (as in Excel).
    const resolve = () => (cached ??= resolveRaw());
    return this.proxy({
      location: "Worksheet",
      path,
      isNull,
      props: this.sheetProps(resolve),
      methods: {
        getRange: (address?: string) => this.rangeProxy(resolve, address ?? "", this.returned([address])),
        getUsedRangeOrNullObject: (valuesOnly?: boolean) => {
          const used = () => {
            const s = resolve();
            const boxes = [...s.cells.keys()].map((a) => parseAddress(a));
            if (boxes.length === 0) return null;
            return boxAddress({
              r1: Math.min(...boxes.map((b) => b.r1)),
              c1: Math.min(...boxes.map((b) => b.c1)),
              r2: Math.max(...boxes.map((b) => b.r2)),
              c2: Math.max(...boxes.map((b) => b.c2)),
            });
          };
          return this.rangeProxy(
            resolve,
            () => used() ?? "A1",
            this.returned([valuesOnly]),
            () => used() === null,
          );
        },
        delete: () =>
          this.enqueue("Worksheet.delete", [], () => {
            const s = resolve();
            // "if the worksheet's visibility is set to "VeryHidden", the delete operation will fail with
            // an InvalidOperation exception" (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1))
            if (s.visibility === "VeryHidden") {
              throw new StandInError(
                "InvalidOperation",
                "A very hidden worksheet cannot be deleted; make it hidden or visible first.",
                "Worksheet.delete",
              );
            }
            if (xl.sheets.filter((o) => o !== s && o.visibility === "Visible").length === 0) {
              throw new StandInError("InvalidOperation", "A workbook must contain at least one visible worksheet.", "Worksheet.delete");
            }
            this.moveActiveFrom(s);
            xl.sheets = xl.sheets.filter((o) => o !== s);
            xl.tables = xl.tables.filter((t) => t.sheetId !== s.id);
            xl.calc.invalidate();
          }),
        activate: () =>
          this.enqueue("Worksheet.activate", [], () => {
            const s = resolve();
            // Not documented for the API; Excel cannot show a hidden sheet, so activating one is refused (strict).
            if (s.visibility !== "Visible")
              throw new StandInError("InvalidOperation", `Worksheet ${s.name} is hidden and cannot be activated.`, "Worksheet.activate");
            xl.activeSheetId = s.id;
          }),
      },
      children: {
        charts: (p) => this.chartsProxy(resolve, p),
        tables: (p) => this.tablesProxy(resolve, p),
        freezePanes: (p) =>
          this.proxy({
            location: "WorksheetFreezePanes",
            path: p,
            methods: {
              freezeAt: (range: any) => {
                const a = () => (typeof range === "string" ? range : range.__box());
                this.enqueue(
                  "WorksheetFreezePanes.freezeAt",
                  [typeof range === "string" ? range : range.__box()],
                  () => {
                    const b = parseAddress(a());
                    resolve().freeze = { rows: b.r2, cols: b.c2 };
                  },
                  { on: p, name: "FreezeAt", args: [range] },
                );
              },
              freezeRows: (n: number) =>
                this.enqueue("WorksheetFreezePanes.freezeRows", [n], () => (resolve().freeze = { rows: n, cols: 0 })),
              freezeColumns: (n: number) =>
                this.enqueue("WorksheetFreezePanes.freezeColumns", [n], () => (resolve().freeze = { rows: 0, cols: n })),
              unfreeze: () => this.enqueue("WorksheetFreezePanes.unfreeze", [], () => (resolve().freeze = null)),
            },
          }),
      },
    });
  }

  // -- ranges -------------------------------------------------------------------------------------

  rangeProxy(resolveSheet: () => SheetModel, address: string | (() => string), path: PathNode, isNull?: () => boolean): any {
    const addr = () => (typeof address === "string" ? address : address());
    const box = () => parseAddress(addr());
    const loc = "Range";
    const forEachCell = (b: Box, f: (ref: string, r: number, c: number) => void) => {
      if (isWhole(b)) {
        // Whole rows/columns: only the cells that exist.
        for (const ref of [...resolveSheet().cells.keys()]) {
          const p = parseAddress(ref);
          if (p.r1 >= b.r1 && p.r1 <= b.r2 && p.c1 >= b.c1 && p.c1 <= b.c2) f(ref, p.r1 - b.r1, p.c1 - b.c1);
        }
        return;
      }
      for (let r = b.r1; r <= b.r2; r++) for (let c = b.c1; c <= b.c2; c++) f(`${colName(c)}${r}`, r - b.r1, c - b.c1);
    };
    const cell = (ref: string): CellModel => {
      const cells = resolveSheet().cells;
      let c = cells.get(ref);
      if (!c) cells.set(ref, (c = {}));
      return c;
    };
    /** A 2-D array must match the range; a single value fills it. null leaves a cell unchanged. */
    const grid = (v: unknown, b: Box, what: string): ((r: number, c: number) => unknown) => {
      if (!Array.isArray(v)) return () => v;
      const rows = b.r2 - b.r1 + 1;
      const cols = b.c2 - b.c1 + 1;
      if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw invalid(
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rows}x${cols}).`,
          `Range.${what}`,
        );
      }
      return (r, c) => (v as unknown[][])[r][c];
    };
    // Text is read like typed input (parseTypedInput), against the cell's number format at the time
    // the write is applied: a cell already formatted "@" keeps it as text, so the order of
    // numberFormat and formulas/values in the batch matters.
    const setContent = (what: string) => (v: unknown) => {
      const b = box();
      const at = grid(v, b, what);
      try {
        forEachCell(b, (ref, r, c) => {
          const x = at(r, c);
          if (x === null || x === undefined) return;
          const cm = cell(ref);
          delete cm.formula;
          delete cm.value;
          delete cm.error;
          delete cm.typedAs;
          if (typeof x === "string") Object.assign(cm, parseTypedInput(x, { textFormat: cm.numberFormat === "@" }));
          else if ((typeof x === "number" && Number.isFinite(x)) || typeof x === "boolean") cm.value = x;
          else throw invalid(`Invalid cell input ${JSON.stringify(x)}.`, `Range.${what}`);
        });
      } finally {
        // The cells written so far (all of them, unless an input was refused part-way) are recalculated.
        this.xl.calc.wrote(resolveSheet().name, b);
      }
    };
    const read = (f: (c: CellModel | undefined) => unknown) => {
      const b = box();
      const out: unknown[][] = [];
      for (let r = b.r1; r <= b.r2; r++) {
        const row: unknown[] = [];
        for (let c = b.c1; c <= b.c2; c++) row.push(f(resolveSheet().cells.get(`${colName(c)}${r}`)));
        out.push(row);
      }
      return out;
    };
    const fmt = (key: keyof CellModel) => ({
      set: (v: unknown) => forEachCell(box(), (ref) => ((cell(ref) as Record<string, unknown>)[key] = v)),
    });
    const self = this.proxy({
      location: loc,
      path,
      isNull,
      props: {
        address: { get: () => `${quote(resolveSheet().name)}!${boxAddress(box())}` },
        rowCount: { get: () => box().r2 - box().r1 + 1 },
        columnCount: { get: () => box().c2 - box().c1 + 1 },
        formulas: { get: () => read((c) => c?.formula ?? c?.value ?? ""), set: setContent("formulas") },
        // What Excel shows: a formula's computed value (0 until it is calculated), an error as its text.
        values: { get: () => read((c) => this.xl.calc.values(c)), set: setContent("values") },
        // Range.columnHidden: "Value is true when all columns in a range are hidden. Value is false when
        // no columns in the range are hidden. Value is null when some columns in a range are hidden and
        // other columns in the same range are not hidden." (ExcelApi 1.2,
        // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-columnhidden-member).
        // Clearing a range (clear("All")) does not unhide its columns (as in Excel).
        columnHidden: {
          get: () => {
            const b = box();
            const hidden = resolveSheet().hiddenColumns;
            let n = 0;
            for (let c = b.c1; c <= b.c2; c++) if (hidden.has(colName(c))) n++;
            return n === 0 ? false : n === b.c2 - b.c1 + 1 ? true : null;
          },
          set: (v: unknown) => {
            if (typeof v !== "boolean") throw invalid(`columnHidden must be a boolean; got ${JSON.stringify(v)}.`, "Range.columnHidden");
            const b = box();
            const hidden = resolveSheet().hiddenColumns;
            for (let c = b.c1; c <= b.c2; c++) {
              if (v) hidden.add(colName(c));
              else hidden.delete(colName(c));
            }
          },
        },
        numberFormat: {
          get: () => read((c) => c?.numberFormat ?? "General"),
          set: (v: unknown) => {
            const b = box();
            const at = grid(v, b, "numberFormat");
            forEachCell(b, (ref, r, c) => {
              const x = at(r, c);
              if (x !== null && x !== undefined) cell(ref).numberFormat = String(x);
            });
          },
        },
      },
      methods: {
        clear: (applyTo = "All") =>
          this.enqueue("Range.clear", [applyTo], () => {
            const s = resolveSheet();
            const b = box();
            for (const ref of [...s.cells.keys()]) {
              const p = parseAddress(ref);
              if (p.r1 < b.r1 || p.r1 > b.r2 || p.c1 < b.c1 || p.c1 > b.c2) continue;
              if (applyTo === "All") s.cells.delete(ref);
              else if (applyTo === "Contents") {
                const cm = s.cells.get(ref)!;
                delete cm.formula;
                delete cm.value;
                delete cm.error;
                delete cm.typedAs;
              }
            }
            if (applyTo === "All" && isWhole(b)) s.columnWidths.clear();
            if (applyTo === "All" || applyTo === "Contents") this.xl.calc.wrote(s.name, b);
          }),
      },
      children: {
        format: (p) =>
          this.proxy({
            location: "RangeFormat",
            path: p,
            props: {
              horizontalAlignment: fmt("hAlign"),
              wrapText: fmt("wrap"),
              columnWidth: {
                set: (v: number) => {
                  const b = box();
                  for (let c = b.c1; c <= Math.min(b.c2, b.c1 + 1000); c++) resolveSheet().columnWidths.set(colName(c), v);
                },
              },
            },
            children: {
              font: (q) =>
                this.proxy({
                  location: "RangeFont",
                  path: q,
                  props: { bold: fmt("bold"), italic: fmt("italic"), color: fmt("fontColor") },
                }),
              fill: (q) => this.proxy({ location: "RangeFill", path: q, props: { color: fmt("fill") } }),
              borders: (q) =>
                this.proxy({
                  location: "RangeBorderCollection",
                  path: q,
                  methods: {
                    getItem: (edge: string) =>
                      this.proxy({
                        location: "RangeBorder",
                        path: this.returned([edge], "indexer"),
                        props: { style: edge === "EdgeBottom" ? fmt("borderBottom") : { set: () => undefined } },
                      }),
                  },
                }),
            },
          }),
        dataValidation: (p) => this.dataValidationProxy(resolveSheet, box, p),
        conditionalFormats: (p) => this.conditionalFormatsProxy(resolveSheet, box, p),
      },
    });
    Object.defineProperty(self, "__box", { value: () => boxAddress(box()) });
    Object.defineProperty(self, "__address", { value: () => `${quote(resolveSheet().name)}!${boxAddress(box())}` });
    Object.defineProperty(self, "__sheet", { value: () => resolveSheet() });
    return self;
  }

  /**
   * Range.dataValidation. Setting `rule` where a rule already is: the reference says nothing, and
   * Microsoft's own samples clear first (dataValidation.clear()); a range that only partly overlaps
   * validated cells is refused with InvalidArgument (https://github.com/OfficeDev/office-js/issues/2594).
   * Strict reading: a rule can be set only on cells without one (or on exactly the range that has a
   * prompt, alert or ignoreBlanks but no rule yet); any property on a range that partly overlaps
   * another validated range is refused; clear() removes validation from the overlapping cells only
   * ("only overlapping cells are cleared", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation).
   */
  private dataValidationProxy(resolveSheet: () => SheetModel, box: () => Box, path: PathNode): any {
    const dv = (key: keyof ValidationModel) => ({
      set: (v: unknown) => {
        const where = `DataValidation.${key}`;
        if (key === "rule") checkRule(v);
        else if (key === "prompt") checkPrompt(v);
        else if (key === "errorAlert") checkErrorAlert(v);
        else if (typeof v !== "boolean") throw invalid("ignoreBlanks must be a boolean.", where);
        const s = resolveSheet();
        const b = box();
        const a = boxAddress(b);
        let cur: ValidationModel | undefined;
        for (const [other, model] of s.validations) {
          const o = parseAddress(other);
          if (!overlaps(o, b)) continue;
          if (sameBox(o, b)) cur = model;
          else throw invalid(`${a} overlaps the data validation of ${other}; clear it first (dataValidation.clear()).`, where);
        }
        if (key === "rule" && cur?.rule !== undefined) {
          throw invalid(`${a} already has a data validation rule; clear it first (dataValidation.clear()).`, where);
        }
        const stored = key === "rule" ? JSON.parse(JSON.stringify(v, (_k, x) => (isProxy(x) ? `=${x.__address()}` : x))) : v;
        s.validations.set(a, { ...cur, [key]: stored });
      },
    });
    return this.proxy({
      location: "DataValidation",
      path,
      props: { rule: dv("rule"), prompt: dv("prompt"), errorAlert: dv("errorAlert"), ignoreBlanks: dv("ignoreBlanks") },
      methods: {
        clear: () =>
          this.enqueue("DataValidation.clear", [], () => {
            const s = resolveSheet();
            const b = box();
            for (const [a, model] of [...s.validations]) {
              const o = parseAddress(a);
              if (!overlaps(o, b)) continue;
              s.validations.delete(a);
              for (const rest of subtract(o, b)) s.validations.set(boxAddress(rest), { ...model });
            }
          }),
      },
    });
  }

  // -- conditional formats ------------------------------------------------------------------------

  /**
   * Range.conditionalFormats (ExcelApi 1.6): add(type) and clearAll() ("Clears all conditional formats
   * active on the current specified range", https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection).
   * A format only partly inside the cleared range keeps its cells outside it. Range.clear("All") leaves
   * conditional formats as they are: the reference does not say it removes them (strict reading: a
   * writer that rebuilds a sheet must call clearAll()).
   */
  private conditionalFormatsProxy(resolveSheet: () => SheetModel, box: () => Box, path: PathNode): any {
    const xl = this.xl;
    return this.proxy({
      location: "ConditionalFormatCollection",
      path,
      methods: {
        add: (type: unknown) => {
          const model: ConditionalFormatModel = { uid: xl.nextUid(), address: "", type: String(type) };
          this.enqueue(
            "ConditionalFormatCollection.add",
            [type],
            () => {
              const where = "ConditionalFormatCollection.add";
              if (typeof type !== "string" || !CONDITIONAL_FORMAT_TYPES.includes(type)) {
                throw invalid(`Unknown conditional format type ${JSON.stringify(type)}.`, where);
              }
              if (type !== "Custom") throw invalid(`The stand-in models only custom conditional formats (got ${type}).`, where);
              model.address = boxAddress(box());
              resolveSheet().conditionalFormats.push(model);
            },
            null,
          );
          return this.conditionalFormatProxy(() => model, this.returned([type]));
        },
        clearAll: () =>
          this.enqueue("ConditionalFormatCollection.clearAll", [], () => {
            const s = resolveSheet();
            const b = box();
            s.conditionalFormats = s.conditionalFormats.flatMap((f) => {
              const areas = f.address.split(",").map(parseAddress);
              if (!areas.some((a) => overlaps(a, b))) return [f];
              const rest = areas.flatMap((a) => subtract(a, b));
              return rest.length > 0 ? [{ ...f, address: rest.map(boxAddress).join(",") }] : [];
            });
          }),
      },
    });
  }

  /** A ConditionalFormat of type Custom: custom.rule.formula and custom.format (fill.color, font.color / bold / italic). */
  private conditionalFormatProxy(resolve: () => ConditionalFormatModel, path: PathNode): any {
    const prop = <K extends keyof ConditionalFormatModel>(key: K, check: (v: unknown) => void): PropSpec => ({
      get: () => resolve()[key],
      set: (v: unknown) => {
        check(v);
        resolve()[key] = v as ConditionalFormatModel[K];
      },
    });
    const boolean = (where: string) => (v: unknown) => {
      if (typeof v !== "boolean") throw invalid(`${where} must be a boolean; got ${JSON.stringify(v)}.`, where);
    };
    return this.proxy({
      location: "ConditionalFormat",
      path,
      props: { type: { get: () => resolve().type } },
      children: {
        custom: (p) =>
          this.proxy({
            location: "CustomConditionalFormat",
            path: p,
            children: {
              rule: (q) =>
                this.proxy({
                  location: "ConditionalFormatRule",
                  path: q,
                  props: { formula: prop("formula", checkConditionalFormula) },
                }),
              format: (q) =>
                this.proxy({
                  location: "ConditionalRangeFormat",
                  path: q,
                  children: {
                    fill: (r) =>
                      this.proxy({
                        location: "ConditionalRangeFill",
                        path: r,
                        props: {
                          color: prop("fill", (v) => checkConditionalColor(v, "ConditionalRangeFill.color")),
                        },
                      }),
                    font: (r) =>
                      this.proxy({
                        location: "ConditionalRangeFont",
                        path: r,
                        props: {
                          color: prop("fontColor", (v) => checkConditionalColor(v, "ConditionalRangeFont.color")),
                          bold: prop("bold", boolean("ConditionalRangeFont.bold")),
                          italic: prop("italic", boolean("ConditionalRangeFont.italic")),
                        },
                      }),
                  },
                }),
            },
          }),
      },
    });
  }

  // -- charts -------------------------------------------------------------------------------------

  private chartsProxy(resolveSheet: () => SheetModel, path: PathNode): any {
    const xl = this.xl;
    return this.proxy({
      location: "ChartCollection",
      path,
      methods: {
        add: (type: string, source: any, seriesBy?: string) => {
          const chart: ChartModel = { uid: xl.nextUid(), name: "Chart", type, series: [] };
          this.enqueue(
            "ChartCollection.add",
            [type, "#range", seriesBy],
            () => {
              if (!["Line", "ColumnClustered", "XYScatter", "Pie", "BarClustered"].includes(type)) {
                throw invalid(`Unknown chart type ${type}.`, "ChartCollection.add");
              }
              chart.series.push({ name: "Series1", values: source.__address() });
              resolveSheet().charts.push(chart);
            },
            null,
          );
          return this.chartProxy(resolveSheet, () => chart, this.returned([type, source, seriesBy]));
        },
      },
      items: (parent) =>
        resolveSheet().charts.map((c) => ({
          proxy: this.chartProxy(resolveSheet, () => c, { kind: "indexer", name: "", parent, args: [c.name] }),
          props: this.chartProps(() => c),
        })),
    });
  }

  private chartProps(resolve: () => ChartModel): Record<string, PropSpec> {
    return { name: { get: () => resolve().name, set: (v: string) => (resolve().name = v) }, type: { get: () => resolve().type } };
  }

  private chartProxy(resolveSheet: () => SheetModel, resolve: () => ChartModel, path: PathNode): any {
    const text = (p: PathNode, set: (c: ChartModel, v: string) => void, get: (c: ChartModel) => string | undefined) =>
      this.proxy({
        location: "ChartTitle",
        path: p,
        props: { text: { get: () => get(resolve()), set: (v: string) => set(resolve(), v) } },
      });
    const axis = (p: PathNode, which: "xTitle" | "yTitle") =>
      this.proxy({
        location: "ChartAxis",
        path: p,
        children: {
          title: (q) =>
            text(
              q,
              (c, v) => (c[which] = v),
              (c) => c[which],
            ),
        },
      });
    const seriesProxy = (index: () => number, p: PathNode) => {
      const s = () => {
        const list = resolve().series;
        const i = index();
        if (i < 0 || i >= list.length)
          throw new StandInError("ItemNotFound", `Series ${i} does not exist.`, "ChartSeriesCollection.getItemAt");
        return list[i];
      };
      return this.proxy({
        location: "ChartSeries",
        path: p,
        props: { name: { get: () => s().name, set: (v: string) => (s().name = v) } },
        methods: {
          setValues: (range: any) =>
            this.enqueue("ChartSeries.setValues", ["#range"], () => (s().values = range.__address()), {
              on: p,
              name: "SetValues",
              args: [range],
            }),
          setXAxisValues: (range: any) =>
            this.enqueue("ChartSeries.setXAxisValues", ["#range"], () => (s().xValues = range.__address()), {
              on: p,
              name: "SetXAxisValues",
              args: [range],
            }),
        },
      });
    };
    return this.proxy({
      location: "Chart",
      path,
      props: this.chartProps(resolve),
      methods: {
        setPosition: (start: string, end?: string) =>
          this.enqueue("Chart.setPosition", [start, end], () => (resolve().position = [start, end ?? start])),
        delete: () =>
          this.enqueue("Chart.delete", [], () => {
            const s = resolveSheet();
            s.charts = s.charts.filter((c) => c !== resolve());
          }),
      },
      children: {
        title: (p) =>
          text(
            p,
            (c, v) => (c.title = v),
            (c) => c.title,
          ),
        axes: (p) =>
          this.proxy({
            location: "ChartAxes",
            path: p,
            children: { categoryAxis: (q) => axis(q, "xTitle"), valueAxis: (q) => axis(q, "yTitle") },
          }),
        series: (p) =>
          this.proxy({
            location: "ChartSeriesCollection",
            path: p,
            methods: {
              getItemAt: (i: number) => seriesProxy(() => i, this.returned([i])),
              add: (name: string) => {
                let at = -1;
                this.enqueue(
                  "ChartSeriesCollection.add",
                  [name],
                  () => {
                    resolve().series.push({ name });
                    at = resolve().series.length - 1;
                  },
                  null,
                );
                return seriesProxy(() => at, this.returned([name]));
              },
            },
          }),
      },
    });
  }

  // -- tables and names ---------------------------------------------------------------------------

  private identifierTaken(name: string, except?: unknown): boolean {
    const k = name.toLowerCase();
    return (
      this.xl.names.some((n) => n !== except && n.name.toLowerCase() === k) ||
      this.xl.tables.some((t) => t !== except && t.name.toLowerCase() === k)
    );
  }

  /**
   * Where TableCollection.add puts a table. "The range object or source address determines the
   * worksheet under which the table will be added"; "If the address does not contain a sheet name, the
   * currently-active sheet is used"; a Range object from ExcelApi 1.3
   * (https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)).
   * Worksheet.tables is the same TableCollection class ("all the tables that are part of the workbook
   * or worksheet, depending on how it was reached"): its add follows the same rule, so an address
   * without a sheet name goes to the active sheet, not to the sheet the collection came from. The
   * address may also be a defined name of a range.
   */
  private tableTarget(address: unknown, location: string): { sheet: SheetModel; box: Box } {
    if (isProxy(address)) {
      const r = address as unknown as { __sheet(): SheetModel; __box(): string };
      return { sheet: r.__sheet(), box: parseAddress(r.__box()) };
    }
    if (typeof address !== "string" || address.trim() === "") throw invalid(`Invalid table address ${JSON.stringify(address)}.`, location);
    const q = splitQualified(address);
    if (q) return { sheet: this.sheetOrThrow(q.sheet, location), box: this.parseIn(q.address, location) };
    const named = this.xl.names.find((n) => n.name.toLowerCase() === address.toLowerCase());
    if (named) {
      const t = splitQualified(named.formula);
      if (!t) throw invalid(`Name ${address} is not a range.`, location);
      return { sheet: this.sheetOrThrow(t.sheet, location), box: this.parseIn(t.address, location) };
    }
    const sheet = this.xl.activeSheet();
    if (!sheet) throw new StandInError("ItemNotFound", "There is no active worksheet.", location);
    return { sheet, box: this.parseIn(address, location) };
  }

  private parseIn(address: string, location: string): Box {
    try {
      return parseAddress(address);
    } catch {
      throw invalid(`Invalid table address ${address}.`, location);
    }
  }

  private checkIdentifier(name: unknown, except: unknown, location: string): void {
    const problem = definedNameProblem(name);
    if (problem) throw invalid(`Invalid name ${JSON.stringify(name)}: ${problem}.`, location);
    if (this.identifierTaken(name as string, except)) {
      throw new StandInError("ItemAlreadyExists", `The name ${name} is already used by a defined name or a table.`, location);
    }
  }

  private tablesProxy(resolveSheet: (() => SheetModel) | undefined, path: PathNode): any {
    const xl = this.xl;
    const location = resolveSheet ? "WorksheetTableCollection" : "TableCollection";
    return this.proxy({
      location,
      path,
      methods: {
        add: (address: unknown, hasHeaders: boolean) => {
          const table: TableModel = { uid: xl.nextUid(), name: "", sheetId: "", address: "" };
          const shown = isProxy(address) ? address.__address() : address;
          this.enqueue(
            `${location}.add`,
            [shown, hasHeaders],
            () => {
              const { sheet, box: b } = this.tableTarget(address, `${location}.add`);
              for (const t of xl.tables.filter((t) => t.sheetId === sheet.id)) {
                if (overlaps(parseAddress(t.address), b)) {
                  throw new StandInError("InvalidOperation", `A table can't overlap another table (${t.name}).`, `${location}.add`);
                }
              }
              let k = 1;
              while (this.identifierTaken(`Table${k}`)) k++;
              Object.assign(table, { name: `Table${k}`, sheetId: sheet.id, address: boxAddress(b) });
              xl.tables.push(table);
            },
            null,
          );
          return this.tableProxy(() => table, this.returned([address, hasHeaders]));
        },
        getItemOrNullObject: (name: string) => {
          const find = () => xl.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
          return this.tableProxy(
            () => {
              const t = find();
              if (!t) throw new StandInError("ItemNotFound", `Table ${name} does not exist.`, "Table");
              return t;
            },
            this.returned([name]),
            () => !find(),
          );
        },
      },
      items: (parent) =>
        xl.tables
          .filter((t) => !resolveSheet || t.sheetId === resolveSheet().id)
          .map((t) => ({
            proxy: this.tableProxy(() => t, { kind: "indexer", name: "", parent, args: [t.name] }),
            props: this.tableProps(() => t),
          })),
    });
  }

  private tableProps(resolve: () => TableModel): Record<string, PropSpec> {
    return {
      name: {
        get: () => resolve().name,
        set: (v: string) => {
          const t = resolve();
          this.checkIdentifier(v, t, "Table.name");
          t.name = v;
        },
      },
      style: { get: () => resolve().style, set: (v: string) => (resolve().style = v) },
      showFilterButton: { get: () => resolve().showFilterButton, set: (v: boolean) => (resolve().showFilterButton = v) },
    };
  }

  private tableProxy(resolve: () => TableModel, path: PathNode, isNull?: () => boolean): any {
    const xl = this.xl;
    return this.proxy({
      location: "Table",
      path,
      isNull,
      props: this.tableProps(resolve),
      methods: {
        delete: () =>
          this.enqueue("Table.delete", [], () => {
            const t = resolve();
            xl.tables = xl.tables.filter((o) => o !== t);
          }),
      },
    });
  }

  private namesProxy(path: PathNode): any {
    const xl = this.xl;
    const named = (resolve: () => NameModel, p: PathNode, isNull?: () => boolean) =>
      this.proxy({
        location: "NamedItem",
        path: p,
        isNull,
        props: {
          name: { get: () => resolve().name },
          formula: {
            get: () => resolve().formula,
            set: (v: string) => {
              resolve().formula = v;
              xl.calc.invalidate();
            },
          },
        },
        methods: {
          getRange: () => {
            const target = () => {
              const q = splitQualified(resolve().formula);
              if (!q) throw new StandInError("InvalidOperation", `Name ${resolve().name} is not a range.`, "NamedItem.getRange");
              return q;
            };
            return this.rangeProxy(
              () => this.sheetOrThrow(target().sheet, "NamedItem.getRange"),
              () => target().address,
              this.returned([]),
            );
          },
          delete: () =>
            this.enqueue("NamedItem.delete", [], () => {
              const n = resolve();
              if (!xl.names.includes(n)) throw new StandInError("ItemNotFound", `Name ${n.name} does not exist.`, "NamedItem.delete");
              xl.names = xl.names.filter((o) => o !== n);
              xl.calc.invalidate();
            }),
        },
      });
    const find = (name: string) => xl.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
    return this.proxy({
      location: "NamedItemCollection",
      path,
      methods: {
        add: (name: string, reference: unknown, comment?: string) => {
          const model: NameModel = { name, formula: isProxy(reference) ? `=${reference.__address()}` : String(reference), comment };
          this.enqueue(
            "NamedItemCollection.add",
            [name, isProxy(reference) ? model.formula : reference, comment],
            () => {
              this.checkIdentifier(name, undefined, "NamedItemCollection.add");
              xl.names.push(model);
              xl.calc.invalidate();
            },
            null,
          );
          return named(() => model, this.returned([name, reference, comment]));
        },
        getItem: (name: string) =>
          named(
            () => {
              const n = find(name);
              if (!n) throw new StandInError("ItemNotFound", `Name ${name} does not exist.`, "NamedItemCollection.getItem");
              return n;
            },
            this.returned([name]),
          ),
        getItemOrNullObject: (name: string) =>
          named(
            () => {
              const n = find(name);
              if (!n) throw new StandInError("ItemNotFound", `Name ${name} does not exist.`, "NamedItem");
              return n;
            },
            this.returned([name]),
            () => !find(name),
          ),
      },
      items: (parent) =>
        xl.names.map((n) => {
          const proxy = named(() => n, { kind: "indexer", name: "", parent, args: [n.name] });
          return { proxy, props: { name: { get: () => n.name }, formula: { get: () => n.formula } } };
        }),
    });
  }

  // -- custom XML parts ---------------------------------------------------------------------------

  private xmlPartsProxy(namespace: string | undefined, path: PathNode): any {
    const xl = this.xl;
    const inScope = () => xl.xmlParts.filter((p) => namespace === undefined || p.namespace === namespace);
    const part = (resolve: () => XmlPartModel, p: PathNode, isNull?: () => boolean) =>
      this.proxy({
        location: "CustomXmlPart",
        path: p,
        isNull,
        props: { id: { get: () => resolve().id }, namespaceUri: { get: () => resolve().namespace } },
        methods: {
          getXml: () => {
            let value: string | undefined;
            let done = false;
            this.meter.action(p, "GetXml", []);
            this.loads.push(() => {
              value = resolve().xml;
              done = true;
            });
            return {
              get value() {
                if (!done) throw new Error("PropertyNotLoaded: ClientResult.value (sync first)");
                return value;
              },
            };
          },
          setXml: (xml: string) => this.enqueue("CustomXmlPart.setXml", [xml], () => (resolve().xml = xml)),
          delete: () =>
            this.enqueue("CustomXmlPart.delete", [], () => {
              const x = resolve();
              xl.xmlParts = xl.xmlParts.filter((o) => o !== x);
            }),
        },
      });
    const byId = (id: string) => () => {
      const p = xl.xmlParts.find((o) => o.id === id);
      if (!p) throw new StandInError("ItemNotFound", `Custom XML part ${id} does not exist.`, "CustomXmlPart");
      return p;
    };
    return this.proxy({
      location: namespace === undefined ? "CustomXmlPartCollection" : "CustomXmlPartScopedCollection",
      path,
      methods: {
        add: (xml: string) => {
          const ns = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? "";
          const model: XmlPartModel = { id: xl.newGuid(), namespace: ns, xml };
          this.enqueue("CustomXmlPartCollection.add", [xml], () => xl.xmlParts.push(model), null);
          return part(() => model, this.returned([xml]));
        },
        getByNamespace: (ns: string) => this.xmlPartsProxy(ns, this.returned([ns])),
        getItem: (id: string) => part(byId(id), this.returned([id])),
        getOnlyItemOrNullObject: () =>
          part(
            () => inScope()[0],
            this.returned([]),
            () => inScope().length !== 1,
          ),
      },
      items: (parent) =>
        inScope().map((p) => ({
          proxy: part(() => p, { kind: "indexer", name: "", parent, args: [p.id] }),
          props: { id: { get: () => p.id }, namespaceUri: { get: () => p.namespace } },
        })),
    });
  }
}
