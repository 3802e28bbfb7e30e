/**
 * An Excel stand-in for tests, built on office-addin-mock: every API object the add-in touches
 * (workbook, worksheets, ranges, charts, tables, names, custom XML parts) is an OfficeMockObject, so
 * methods and load() go through the mock. On top of it the stand-in keeps a small workbook model and
 * behaves like Excel where the tests need it to:
 *
 * - writes are queued and applied at context.sync(), in order; an operation that fails (or a failure
 *   injected by the test) stops the batch there, leaving the earlier operations applied, as Excel does;
 * - a property can be read only after load() and sync() (reading it earlier throws), and
 *   isNullObject only after a sync;
 * - a request whose payload (UTF-8 bytes) passes 5 MB is rejected whole (Excel on the web's limit);
 * - it records every operation, every sync, its payload size and whether calculation was suspended.
 *
 * It runs in Node (jest) and, bundled, in the browser for the end-to-end test.
 */
import { OfficeMockObject } from "office-addin-mock";

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

// ---- the workbook model ---------------------------------------------------------------------------

export interface CellModel {
  formula?: string;
  value?: string | number | boolean;
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
  freeze: { rows: number; cols: number } | null;
  validations: Map<string, ValidationModel>;
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

export interface StandInOptions {
  /** The user's workbook before the test. */
  sheets?: { name: string; id?: string; cells?: Record<string, string | number | boolean>; visibility?: string }[];
  names?: NameModel[];
  tables?: { name: string; sheet: string; address: string }[];
  xmlParts?: { namespace: string; xml: string }[];
  /** The cells selected by the user (sheet name and address). */
  selection?: { sheet: string; address: string };
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
  const [p, q = p] = a.split(":");
  const part = (s: string) => {
    const m = /^([A-Z]*)(\d*)$/.exec(s);
    if (!m || (m[1] === "" && m[2] === "")) throw new StandInError("InvalidArgument", `The argument is invalid: ${address}`, "Worksheet.getRange");
    return { col: m[1] ? colNumber(m[1]) : 0, row: m[2] ? Number(m[2]) : 0 };
  };
  const x = part(p);
  const y = part(q);
  return {
    r1: x.row || 1,
    c1: x.col || 1,
    r2: y.row || (x.row ? y.row : MAX_ROW),
    c2: y.col || (x.col ? y.col : MAX_COL),
  };
}

export const boxAddress = (b: Box) =>
  b.r1 === b.r2 && b.c1 === b.c2 ? `${colName(b.c1)}${b.r1}` : `${colName(b.c1)}${b.r1}:${colName(b.c2)}${b.r2}`;

const quote = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

function cellsOf(b: Box): string[] {
  const out: string[] = [];
  for (let r = b.r1; r <= b.r2; r++) for (let c = b.c1; c <= b.c2; c++) out.push(`${colName(c)}${r}`);
  return out;
}

const isWhole = (b: Box) => b.r2 - b.r1 + 1 === MAX_ROW || b.c2 - b.c1 + 1 === MAX_COL;

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
  /** Payload of each sync, in bytes. */
  payloads: number[] = [];
  /** Excel.run calls. */
  runs = 0;
  payloadLimit: number;
  failWhen?: StandInOptions["failWhen"];
  themeBackground: string;
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
    this.activeSheetId = this.sheets[0]?.id;
    this.names = (options.names ?? []).map((n) => ({ ...n }));
    for (const t of options.tables ?? []) {
      this.tables.push({ uid: this.nextUid(), name: t.name, sheetId: this.sheet(t.sheet)!.id, address: t.address });
    }
    for (const p of options.xmlParts ?? []) this.xmlParts.push({ id: this.newGuid(), namespace: p.namespace, xml: p.xml });
    this.selection = options.selection;
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
      freeze: null,
      validations: new Map(),
    };
  }

  sheet(nameOrId: string): SheetModel | undefined {
    const k = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === k);
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
        freeze: s.freeze,
        validations: Object.fromEntries(s.validations),
      })),
      tables: this.tables.map((t) => ({ name: t.name, sheet: this.sheets.find((s) => s.id === t.sheetId)?.name ?? "?", address: t.address })),
      names: this.names.map((n) => ({ ...n })),
      xmlParts: this.xmlParts.map((p) => ({ ...p })),
      syncs: this.syncs,
      payloads: [...this.payloads],
      runs: this.runs,
      ops: this.ops.map((o) => ({ sync: o.sync, location: o.location, calcSuspended: o.calcSuspended })),
      activeSheet: this.sheets.find((s) => s.id === this.activeSheetId)?.name,
    };
  }
}

export interface WorkbookSnapshot {
  sheets: {
    id: string;
    name: string;
    visibility: string;
    cells: Record<string, CellModel>;
    charts: Omit<ChartModel, "uid">[];
    columnWidths: Record<string, number>;
    freeze: { rows: number; cols: number } | null;
    validations: Record<string, ValidationModel>;
  }[];
  tables: { name: string; sheet: string; address: string }[];
  names: NameModel[];
  xmlParts: XmlPartModel[];
  syncs: number;
  payloads: number[];
  runs: number;
  ops: { sync: number; location: string; calcSuspended: boolean }[];
  activeSheet?: string;
}

// ---- request context and proxies ------------------------------------------------------------------

interface Op {
  location: string;
  args: unknown[];
  bytes: number;
  apply: () => void;
}

interface PropSpec {
  get?: () => unknown;
  set?: (v: any) => void;
}

interface ProxySpec {
  location: string;
  props?: Record<string, PropSpec>;
  methods?: Record<string, (...args: any[]) => unknown>;
  children?: Record<string, () => object>;
  /** For *OrNullObject results: whether the object is missing, decided at sync. */
  isNull?: () => boolean;
  /** Collections: the current elements as proxies (`items` after load). */
  items?: () => { proxy: any; props: Record<string, PropSpec> }[];
}

const json = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (x && typeof x === "object" && (x as { __standIn?: boolean }).__standIn ? "#proxy" : x)) ?? "";

/** What a string weighs in the request body: its UTF-8 bytes (not .length, UTF-16 code units). */
const encoder = new TextEncoder();
export const utf8Bytes = (s: string): number => encoder.encode(s).length;

class StandInContext {
  api: any;
  private queue: Op[] = [];
  private loads: (() => void)[] = [];
  private mockLoads = new Set<any>();

  constructor(private readonly xl: ExcelStandIn) {
    this.api = {
      sync: () => this.sync(),
      workbook: this.workbookProxy(),
      application: this.proxy({
        location: "Application",
        methods: {
          suspendApiCalculationUntilNextSync: () => this.enqueue("Application.suspendApiCalculationUntilNextSync", [], () => undefined),
        },
      }),
    };
  }

  hasPending(): boolean {
    return this.queue.length > 0 || this.loads.length > 0;
  }

  enqueue(location: string, args: unknown[], apply: () => void): void {
    this.queue.push({ location, args, bytes: utf8Bytes(json(args)) + 64, apply });
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
    const bytes = ops.reduce((n, o) => n + o.bytes, 0) + loads.length * 64;
    xl.payloads.push(bytes);
    if (bytes > xl.payloadLimit) {
      throw new StandInError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${bytes} > ${xl.payloadLimit} bytes).`,
        "RequestContext.sync",
      );
    }
    let suspended = false;
    for (const op of ops) {
      if (op.location === "Application.suspendApiCalculationUntilNextSync") suspended = true;
      if (xl.failWhen?.({ location: op.location, args: op.args })) {
        throw new StandInError("GeneralException", "An internal error has occurred (injected by the test).", op.location);
      }
      op.apply();
      xl.ops.push({ sync: xl.syncs, location: op.location, args: op.args, calcSuspended: suspended });
    }
    for (const l of loads) l();
    for (const m of mockLoads) await OfficeMockObject.prototype.sync.call(m);
    await new Promise((r) => setTimeout(r, 0)); // let the mock's own promise chains settle
  }

  // A proxy: an OfficeMockObject holding the methods and children, plus properties that are read
  // after load()+sync() and written through the queue.
  proxy(spec: ProxySpec): any {
    const methods: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(spec.methods ?? {})) methods[k] = f;
    const mock: any = new OfficeMockObject(methods as any);
    Object.defineProperty(mock, "__standIn", { value: true });
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
          this.enqueue(`${spec.location}.${key}`, [v], () => p.set!(v));
        },
      });
    }
    for (const [key, make] of Object.entries(spec.children ?? {})) {
      let child: object | undefined;
      Object.defineProperty(mock, key, { configurable: true, enumerable: true, get: () => (child ??= make()) });
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
          const elements = spec.items!();
          for (const e of elements) {
            const keys = itemProps.includes("*") ? Object.keys(e.props).filter((k) => e.props[k].get) : itemProps;
            e.proxy.__resolveNow(keys);
          }
          loaded.set("items", elements.map((e) => e.proxy));
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

  // -- workbook -----------------------------------------------------------------------------------

  private workbookProxy(): any {
    const xl = this.xl;
    return this.proxy({
      location: "Workbook",
      methods: {
        getSelectedRange: () => {
          if (!xl.selection) throw new StandInError("InvalidSelection", "No cells are selected.", "Workbook.getSelectedRange");
          const sel = xl.selection;
          return this.rangeProxy(() => this.sheetOrThrow(sel.sheet, "Workbook.getSelectedRange"), sel.address);
        },
      },
      children: {
        worksheets: () => this.worksheetsProxy(),
        names: () => this.namesProxy(),
        tables: () => this.tablesProxy(undefined),
        customXmlParts: () => this.xmlPartsProxy(undefined),
      },
    });
  }

  private sheetOrThrow(key: string, location: string): SheetModel {
    const s = this.xl.sheet(key);
    if (!s) throw new StandInError("ItemNotFound", `The requested resource doesn't exist (worksheet ${key}).`, location);
    return s;
  }

  private worksheetsProxy(): any {
    const xl = this.xl;
    const checkName = (name: string, except?: SheetModel) => {
      if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name)) {
        throw new StandInError("InvalidArgument", `The argument is invalid or missing: sheet name "${name}".`, "Worksheet.name");
      }
      if (xl.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase())) {
        throw new StandInError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}.`, "Worksheet.name");
      }
    };
    return this.proxy({
      location: "WorksheetCollection",
      methods: {
        add: (name: string) => {
          const sheet = xl.newSheet(name);
          this.enqueue("WorksheetCollection.add", [name], () => {
            checkName(name);
            xl.sheets.push(sheet);
          });
          return this.sheetProxy(() => {
            if (!xl.sheets.includes(sheet)) throw new StandInError("ItemNotFound", `Worksheet ${name} was not created.`, "Worksheet");
            return sheet;
          });
        },
        getItem: (key: string) => this.sheetProxy(() => this.sheetOrThrow(key, "WorksheetCollection.getItem")),
        getItemOrNullObject: (key: string) => this.sheetProxy(() => this.sheetOrThrow(key, "Worksheet"), () => !xl.sheet(key)),
        getActiveWorksheet: () => this.sheetProxy(() => xl.sheets.find((s) => s.id === xl.activeSheetId) ?? xl.sheets[0]),
      },
      items: () => xl.sheets.map((s) => this.sheetElement(s)),
    });
  }

  private sheetElement(s: SheetModel) {
    const proxy = this.sheetProxy(() => s);
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
          if (!v || v.length > 31 || /[\\/?*[\]:]/.test(v)) throw new StandInError("InvalidArgument", `Invalid sheet name "${v}".`, "Worksheet.name");
          if (xl.sheets.some((o) => o !== s && o.name.toLowerCase() === v.toLowerCase())) {
            throw new StandInError("ItemAlreadyExists", `A sheet named ${v} already exists.`, "Worksheet.name");
          }
          s.name = v;
        },
      },
      visibility: {
        get: () => resolve().visibility,
        set: (v: string) => {
          const s = resolve();
          if (v !== "Visible" && xl.sheets.filter((o) => o !== s && o.visibility === "Visible").length === 0) {
            throw new StandInError("InvalidOperation", "A workbook must contain at least one visible worksheet.", "Worksheet.visibility");
          }
          s.visibility = v;
        },
      },
      position: { get: () => xl.sheets.indexOf(resolve()) },
    };
  }

  private sheetProxy(resolveRaw: () => SheetModel, isNull?: () => boolean): any {
    const xl = this.xl;
    let cached: SheetModel | undefined;
    // Bound to the sheet at first use, so a later rename does not lose it (as in Excel).
    const resolve = () => (cached ??= resolveRaw());
    return this.proxy({
      location: "Worksheet",
      isNull,
      props: this.sheetProps(resolve),
      methods: {
        getRange: (address?: string) => this.rangeProxy(resolve, address ?? ""),
        getUsedRangeOrNullObject: () => {
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
          return this.rangeProxy(resolve, () => used() ?? "A1", () => used() === null);
        },
        delete: () =>
          this.enqueue("Worksheet.delete", [], () => {
            const s = resolve();
            if (xl.sheets.filter((o) => o !== s && o.visibility === "Visible").length === 0) {
              throw new StandInError("InvalidOperation", "A workbook must contain at least one visible worksheet.", "Worksheet.delete");
            }
            xl.sheets = xl.sheets.filter((o) => o !== s);
            xl.tables = xl.tables.filter((t) => t.sheetId !== s.id);
          }),
        activate: () => this.enqueue("Worksheet.activate", [], () => (xl.activeSheetId = resolve().id)),
      },
      children: {
        charts: () => this.chartsProxy(resolve),
        tables: () => this.tablesProxy(resolve),
        freezePanes: () =>
          this.proxy({
            location: "WorksheetFreezePanes",
            methods: {
              freezeAt: (range: any) =>
                this.enqueue("WorksheetFreezePanes.freezeAt", [typeof range === "string" ? range : range.__box()], () => {
                  const b = parseAddress(typeof range === "string" ? range : range.__box());
                  resolve().freeze = { rows: b.r2, cols: b.c2 };
                }),
              freezeRows: (n: number) => this.enqueue("WorksheetFreezePanes.freezeRows", [n], () => (resolve().freeze = { rows: n, cols: 0 })),
              freezeColumns: (n: number) =>
                this.enqueue("WorksheetFreezePanes.freezeColumns", [n], () => (resolve().freeze = { rows: 0, cols: n })),
              unfreeze: () => this.enqueue("WorksheetFreezePanes.unfreeze", [], () => (resolve().freeze = null)),
            },
          }),
      },
    });
  }

  // -- ranges -------------------------------------------------------------------------------------

  rangeProxy(resolveSheet: () => SheetModel, address: string | (() => string), isNull?: () => boolean): any {
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
        throw new StandInError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rows}x${cols}).`,
          `Range.${what}`,
        );
      }
      return (r, c) => (v as unknown[][])[r][c];
    };
    const setContent = (v: unknown) => {
      const b = box();
      const at = grid(v, b, "formulas");
      forEachCell(b, (ref, r, c) => {
        const x = at(r, c);
        if (x === null || x === undefined) return;
        const cm = cell(ref);
        delete cm.formula;
        delete cm.value;
        if (typeof x === "string") {
          if (x.startsWith("=")) cm.formula = x;
          else if (x.startsWith("'")) cm.value = x.slice(1);
          else if (x !== "" && !Number.isNaN(Number(x))) cm.value = Number(x);
          else if (/^(true|false)$/i.test(x)) cm.value = x.toLowerCase() === "true";
          else if (x !== "") cm.value = x;
        } else if (typeof x === "number" || typeof x === "boolean") cm.value = x;
        else throw new StandInError("InvalidArgument", `Invalid cell input ${json(x)}.`, "Range.formulas");
      });
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
      isNull,
      props: {
        address: { get: () => `${quote(resolveSheet().name)}!${boxAddress(box())}` },
        rowCount: { get: () => box().r2 - box().r1 + 1 },
        columnCount: { get: () => box().c2 - box().c1 + 1 },
        formulas: { get: () => read((c) => c?.formula ?? c?.value ?? ""), set: setContent },
        values: { get: () => read((c) => (c?.formula !== undefined ? 0 : (c?.value ?? ""))), set: setContent },
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
              }
            }
            if (applyTo === "All" && isWhole(b)) s.columnWidths.clear();
          }),
      },
      children: {
        format: () =>
          this.proxy({
            location: "RangeFormat",
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
              font: () => this.proxy({ location: "RangeFont", props: { bold: fmt("bold"), italic: fmt("italic"), color: fmt("fontColor") } }),
              fill: () => this.proxy({ location: "RangeFill", props: { color: fmt("fill") } }),
              borders: () =>
                this.proxy({
                  location: "RangeBorderCollection",
                  methods: {
                    getItem: (edge: string) =>
                      this.proxy({ location: "RangeBorder", props: { style: edge === "EdgeBottom" ? fmt("borderBottom") : { set: () => undefined } } }),
                  },
                }),
            },
          }),
        dataValidation: () => {
          const dv = (key: keyof ValidationModel) => ({
            set: (v: unknown) => {
              const s = resolveSheet();
              const a = boxAddress(box());
              const cur = s.validations.get(a) ?? {};
              if (key === "rule") validateRule(v);
              s.validations.set(a, { ...cur, [key]: v });
            },
          });
          return this.proxy({
            location: "DataValidation",
            props: { rule: dv("rule"), prompt: dv("prompt"), errorAlert: dv("errorAlert"), ignoreBlanks: dv("ignoreBlanks") },
            methods: {
              clear: () =>
                this.enqueue("DataValidation.clear", [], () => {
                  const s = resolveSheet();
                  const b = box();
                  for (const a of [...s.validations.keys()]) {
                    const p = parseAddress(a);
                    if (p.r1 >= b.r1 && p.r2 <= b.r2 && p.c1 >= b.c1 && p.c2 <= b.c2) s.validations.delete(a);
                  }
                }),
            },
          });
        },
      },
    });
    Object.defineProperty(self, "__box", { value: () => boxAddress(box()) });
    Object.defineProperty(self, "__address", { value: () => `${quote(resolveSheet().name)}!${boxAddress(box())}` });
    return self;
  }

  // -- charts -------------------------------------------------------------------------------------

  private chartsProxy(resolveSheet: () => SheetModel): any {
    const xl = this.xl;
    return this.proxy({
      location: "ChartCollection",
      methods: {
        add: (type: string, source: any, seriesBy?: string) => {
          const chart: ChartModel = { uid: xl.nextUid(), name: "Chart", type, series: [] };
          this.enqueue("ChartCollection.add", [type, "#range", seriesBy], () => {
            if (!["Line", "ColumnClustered", "XYScatter", "Pie", "BarClustered"].includes(type)) {
              throw new StandInError("InvalidArgument", `Unknown chart type ${type}.`, "ChartCollection.add");
            }
            chart.series.push({ name: "Series1", values: source.__address() });
            resolveSheet().charts.push(chart);
          });
          return this.chartProxy(resolveSheet, () => chart);
        },
      },
      items: () => resolveSheet().charts.map((c) => ({ proxy: this.chartProxy(resolveSheet, () => c), props: this.chartProps(() => c) })),
    });
  }

  private chartProps(resolve: () => ChartModel): Record<string, PropSpec> {
    return { name: { get: () => resolve().name, set: (v: string) => (resolve().name = v) }, type: { get: () => resolve().type } };
  }

  private chartProxy(resolveSheet: () => SheetModel, resolve: () => ChartModel): any {
    const text = (set: (c: ChartModel, v: string) => void, get: (c: ChartModel) => string | undefined) =>
      this.proxy({ location: "ChartTitle", props: { text: { get: () => get(resolve()), set: (v: string) => set(resolve(), v) } } });
    const axis = (which: "xTitle" | "yTitle") =>
      this.proxy({
        location: "ChartAxis",
        children: {
          title: () =>
            text(
              (c, v) => (c[which] = v),
              (c) => c[which],
            ),
        },
      });
    const seriesProxy = (index: () => number) => {
      const s = () => {
        const list = resolve().series;
        const i = index();
        if (i < 0 || i >= list.length) throw new StandInError("ItemNotFound", `Series ${i} does not exist.`, "ChartSeriesCollection.getItemAt");
        return list[i];
      };
      return this.proxy({
        location: "ChartSeries",
        props: { name: { get: () => s().name, set: (v: string) => (s().name = v) } },
        methods: {
          setValues: (range: any) => this.enqueue("ChartSeries.setValues", ["#range"], () => (s().values = range.__address())),
          setXAxisValues: (range: any) => this.enqueue("ChartSeries.setXAxisValues", ["#range"], () => (s().xValues = range.__address())),
        },
      });
    };
    return this.proxy({
      location: "Chart",
      props: this.chartProps(resolve),
      methods: {
        setPosition: (start: string, end?: string) => this.enqueue("Chart.setPosition", [start, end], () => (resolve().position = [start, end ?? start])),
        delete: () =>
          this.enqueue("Chart.delete", [], () => {
            const s = resolveSheet();
            s.charts = s.charts.filter((c) => c !== resolve());
          }),
      },
      children: {
        title: () =>
          text(
            (c, v) => (c.title = v),
            (c) => c.title,
          ),
        axes: () => this.proxy({ location: "ChartAxes", children: { categoryAxis: () => axis("xTitle"), valueAxis: () => axis("yTitle") } }),
        series: () =>
          this.proxy({
            location: "ChartSeriesCollection",
            methods: {
              getItemAt: (i: number) => seriesProxy(() => i),
              add: (name: string) => {
                let at = -1;
                this.enqueue("ChartSeriesCollection.add", [name], () => {
                  resolve().series.push({ name });
                  at = resolve().series.length - 1;
                });
                return seriesProxy(() => at);
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
      this.xl.names.some((n) => n !== except && n.name.toLowerCase() === k) || this.xl.tables.some((t) => t !== except && t.name.toLowerCase() === k)
    );
  }

  private tablesProxy(resolveSheet: (() => SheetModel) | undefined): any {
    const xl = this.xl;
    const location = resolveSheet ? "WorksheetTableCollection" : "TableCollection";
    return this.proxy({
      location,
      methods: {
        add: (address: string, hasHeaders: boolean) => {
          const table: TableModel = { uid: xl.nextUid(), name: "", sheetId: "", address: "" };
          this.enqueue(`${location}.add`, [address, hasHeaders], () => {
            let sheet: SheetModel;
            let a = address;
            if (resolveSheet) sheet = resolveSheet();
            else {
              const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(address);
              if (!m) throw new StandInError("InvalidArgument", `Invalid table address ${address}.`, location);
              sheet = this.sheetOrThrow(m[1]?.replace(/''/g, "'") ?? m[2], location);
              a = m[3];
            }
            const b = parseAddress(a);
            for (const t of xl.tables.filter((t) => t.sheetId === sheet.id)) {
              const o = parseAddress(t.address);
              if (!(o.r2 < b.r1 || o.r1 > b.r2 || o.c2 < b.c1 || o.c1 > b.c2)) {
                throw new StandInError("InvalidOperation", `A table can't overlap another table (${t.name}).`, `${location}.add`);
              }
            }
            let k = 1;
            while (this.identifierTaken(`Table${k}`)) k++;
            Object.assign(table, { name: `Table${k}`, sheetId: sheet.id, address: boxAddress(b) });
            xl.tables.push(table);
          });
          return this.tableProxy(() => table);
        },
        getItemOrNullObject: (name: string) => {
          const find = () => xl.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
          return this.tableProxy(() => {
            const t = find();
            if (!t) throw new StandInError("ItemNotFound", `Table ${name} does not exist.`, "Table");
            return t;
          }, () => !find());
        },
      },
      items: () =>
        xl.tables
          .filter((t) => !resolveSheet || t.sheetId === resolveSheet().id)
          .map((t) => ({ proxy: this.tableProxy(() => t), props: this.tableProps(() => t) })),
    });
  }

  private tableProps(resolve: () => TableModel): Record<string, PropSpec> {
    return {
      name: {
        get: () => resolve().name,
        set: (v: string) => {
          const t = resolve();
          if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v)) throw new StandInError("InvalidArgument", `Invalid table name ${v}.`, "Table.name");
          if (this.identifierTaken(v, t)) throw new StandInError("ItemAlreadyExists", `The name ${v} is already used.`, "Table.name");
          t.name = v;
        },
      },
      style: { get: () => resolve().style, set: (v: string) => (resolve().style = v) },
      showFilterButton: { get: () => resolve().showFilterButton, set: (v: boolean) => (resolve().showFilterButton = v) },
    };
  }

  private tableProxy(resolve: () => TableModel, isNull?: () => boolean): any {
    const xl = this.xl;
    return this.proxy({
      location: "Table",
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

  private namesProxy(): any {
    const xl = this.xl;
    const named = (resolve: () => NameModel, isNull?: () => boolean) =>
      this.proxy({
        location: "NamedItem",
        isNull,
        props: { name: { get: () => resolve().name }, formula: { get: () => resolve().formula, set: (v: string) => (resolve().formula = v) } },
        methods: {
          getRange: () => {
            const target = () => {
              const m = /^=?(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(resolve().formula);
              if (!m) throw new StandInError("InvalidOperation", `Name ${resolve().name} is not a range.`, "NamedItem.getRange");
              return { sheet: m[1]?.replace(/''/g, "'") ?? m[2], address: m[3] };
            };
            return this.rangeProxy(
              () => this.sheetOrThrow(target().sheet, "NamedItem.getRange"),
              () => target().address,
            );
          },
          delete: () =>
            this.enqueue("NamedItem.delete", [], () => {
              const n = resolve();
              if (!xl.names.includes(n)) throw new StandInError("ItemNotFound", `Name ${n.name} does not exist.`, "NamedItem.delete");
              xl.names = xl.names.filter((o) => o !== n);
            }),
        },
      });
    const find = (name: string) => xl.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
    return this.proxy({
      location: "NamedItemCollection",
      methods: {
        add: (name: string, reference: unknown, comment?: string) => {
          const model: NameModel = { name, formula: String(reference), comment };
          this.enqueue("NamedItemCollection.add", [name, reference, comment], () => {
            if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) {
              throw new StandInError("InvalidArgument", `Invalid name ${name}.`, "NamedItemCollection.add");
            }
            if (this.identifierTaken(name)) throw new StandInError("ItemAlreadyExists", `The name ${name} already exists.`, "NamedItemCollection.add");
            xl.names.push(model);
          });
          return named(() => model);
        },
        getItem: (name: string) =>
          named(() => {
            const n = find(name);
            if (!n) throw new StandInError("ItemNotFound", `Name ${name} does not exist.`, "NamedItemCollection.getItem");
            return n;
          }),
        getItemOrNullObject: (name: string) =>
          named(
            () => {
              const n = find(name);
              if (!n) throw new StandInError("ItemNotFound", `Name ${name} does not exist.`, "NamedItem");
              return n;
            },
            () => !find(name),
          ),
      },
      items: () =>
        xl.names.map((n) => {
          const proxy = named(() => n);
          return { proxy, props: { name: { get: () => n.name }, formula: { get: () => n.formula } } };
        }),
    });
  }

  // -- custom XML parts ---------------------------------------------------------------------------

  private xmlPartsProxy(namespace: string | undefined): any {
    const xl = this.xl;
    const inScope = () => xl.xmlParts.filter((p) => namespace === undefined || p.namespace === namespace);
    const part = (resolve: () => XmlPartModel, isNull?: () => boolean) =>
      this.proxy({
        location: "CustomXmlPart",
        isNull,
        props: { id: { get: () => resolve().id }, namespaceUri: { get: () => resolve().namespace } },
        methods: {
          getXml: () => {
            let value: string | undefined;
            let done = false;
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
              const p = resolve();
              xl.xmlParts = xl.xmlParts.filter((o) => o !== p);
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
      methods: {
        add: (xml: string) => {
          const ns = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? "";
          const model: XmlPartModel = { id: xl.newGuid(), namespace: ns, xml };
          this.enqueue("CustomXmlPartCollection.add", [xml], () => xl.xmlParts.push(model));
          return part(() => model);
        },
        getByNamespace: (ns: string) => this.xmlPartsProxy(ns),
        getItem: (id: string) => part(byId(id)),
        getOnlyItemOrNullObject: () =>
          part(
            () => inScope()[0],
            () => inScope().length !== 1,
          ),
      },
      items: () => inScope().map((p) => ({ proxy: part(() => p), props: { id: { get: () => p.id }, namespaceUri: { get: () => p.namespace } } })),
    });
  }
}

function validateRule(rule: unknown): void {
  const r = rule as Record<string, { formula1?: unknown; operator?: string; source?: string }>;
  const kinds = Object.keys(r ?? {});
  if (kinds.length !== 1) throw new StandInError("InvalidArgument", "A data validation rule must have exactly one type.", "DataValidation.rule");
  const k = kinds[0];
  if (k === "list") {
    if (typeof r.list.source !== "string") throw new StandInError("InvalidArgument", "A list rule needs a source.", "DataValidation.rule");
  } else if (k === "wholeNumber" || k === "decimal") {
    if (r[k].formula1 === undefined || !r[k].operator) throw new StandInError("InvalidArgument", "A number rule needs formula1 and an operator.", "DataValidation.rule");
  } else throw new StandInError("InvalidArgument", `Unsupported rule ${k}.`, "DataValidation.rule");
}
