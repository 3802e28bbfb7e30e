/**
 * The Excel writer: applies a WorkbookPlan (src/workbook/plan.ts) to the open workbook through
 * Excel.run. The .xlsx writer in cli/ consumes the same plan.
 *
 * What it guarantees:
 * - Sheets it creates are tracked by Excel's worksheet id in the workbook's state part
 *   (storedState.ts). A rebuild updates those sheets in place (so formulas of the user's that point at
 *   them keep working) and never writes to, renames or deletes any other sheet. A planned name that is
 *   taken by a sheet, defined name or table of the user's gets a new name, every reference in the plan
 *   follows (planRewrite.ts), and the report lists the clash so the wizard can tell the user.
 * - A constant number of context.sync calls whatever the number of periods or stages: 2-3 reads,
 *   one write, one to save the state. A write batch whose estimated request would pass
 *   `maxPayloadBytes` (Excel on the web rejects requests over 5 MB) is split, one more sync per chunk.
 * - Calculation is suspended for every write batch (suspendApiCalculationUntilNextSync).
 * - A plan the writers cannot apply as it is (src/workbook/planCheck.ts: a list validation with both
 *   items and a source, a conditional format with no effect, ...) is refused before anything changes.
 * - If anything fails, the sheets and names this build created are removed (a new Excel.run) and a
 *   BuildError says what failed and what was removed.
 */
import { colLetter, onSheet } from "../../src/workbook/a1";
import type { CellPlan, CellStyle, ChartPlan, ConditionalFormat, DataValidation, SheetPlan, WorkbookPlan } from "../../src/workbook/plan";
import { planExtrasProblem } from "../../src/workbook/planCheck";
import { renameInPlan } from "./planRewrite";
import { emptyState, queueWriteState, readState, StoredState, TrackedName, TrackedSheet } from "./storedState";

/** Excel.run, or a stand-in with the same shape. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel on the web's request limit. */
export const EXCEL_WEB_REQUEST_LIMIT = 5 * 1024 * 1024;
/** Our estimate of a request's size is approximate: keep a margin below the limit. */
export const DEFAULT_MAX_PAYLOAD = 4 * 1024 * 1024;
/**
 * What one operation adds to a request besides its data, as estimated: Excel's request is JSON that
 * names every object reached (an object path, about 90 bytes, and its instantiation, about 70) and
 * every property set or method call (an action, about 70 bytes, plus 35 for its arguments). One
 * object reached and one action on it: 256 bytes, rounded up. Callers pass how many operations.
 */
const OP_BYTES = 256;

/**
 * Length in bytes of a string once UTF-8 encoded (what the request body weighs; a JavaScript string's
 * .length counts UTF-16 code units: "ô" is 1 of those and 2 bytes, "✓" 1 and 3 bytes). The same as
 * new TextEncoder().encode(s).length, without building the bytes; a lone surrogate counts as U+FFFD.
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4; // a surrogate pair: one code point above U+FFFF
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Estimated request bytes of a value sent as JSON: the request carries its JSON text escaped as a
 * string once more (every quote and backslash counts twice).
 */
const jsonBytes = (v: unknown): number => utf8Length(JSON.stringify(JSON.stringify(v)));

export interface ApplyOptions {
  /** "model" for the workbook plan, "results" for the tables written after the simulation. */
  group: string;
  /** Saved in the workbook with the tracking record; omitted: keep what is stored. */
  scenario?: unknown;
  wizard?: unknown;
  maxPayloadBytes?: number;
  /** Select this plan's first visible sheet at the end (default true). */
  activate?: boolean;
}

export interface SheetOutcome {
  key: string;
  role: SheetPlan["role"];
  planned: string;
  name: string;
  id: string;
  created: boolean;
}

export interface Clash {
  kind: "sheet" | "name" | "table";
  planned: string;
  used: string;
}

export interface ApplyReport {
  sheets: SheetOutcome[];
  clashes: Clash[];
  /** Our sheets of an earlier build that this plan no longer has: deleted. */
  removed: string[];
  /** Sheet ids present before the build: what a later clean-up must leave. */
  before: string[];
  /** Defined names created by this build (not there before). */
  createdNames: string[];
  syncs: number;
  writeChunks: number;
  /** The plan as written (after renames). */
  written: WorkbookPlan;
}

/** A build that failed: what failed, and what was cleaned up. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly step: string,
    readonly removedSheets: string[],
    readonly cause: unknown,
    readonly cleanupProblem?: string,
  ) {
    super(message);
    this.name = "BuildError";
  }
}

/** Applies the plan; on failure removes what this build created and throws a BuildError. */
export async function applyPlan(run: ExcelRun, plan: WorkbookPlan, options: ApplyOptions): Promise<ApplyReport> {
  const problem = planExtrasProblem(plan);
  if (problem) throw new BuildError(`The build cannot start: ${problem}. Nothing was changed.`, "checking the plan", [], undefined);
  const writer = new PlanWriter(plan, options);
  try {
    return await run((context) => writer.apply(context));
  } catch (error) {
    if (error instanceof BuildError && !writer.startedWriting) throw error;
    if (!writer.startedWriting) {
      throw new BuildError(`The build failed while ${writer.step}: ${errorText(error)}. Nothing was changed.`, writer.step, [], error);
    }
    const cleanup = await cleanUpBuild(
      run,
      writer.before,
      writer.plannedNames(),
      writer.plannedDefinedNames(),
      writer.namesBefore,
      writer.renamed,
    );
    throw new BuildError(describeFailure(writer.step, error, cleanup), writer.step, cleanup.removedSheets, error, cleanup.problem);
  }
}

export interface CleanupResult {
  removedSheets: string[];
  removedNames: string[];
  problem?: string;
}

/**
 * Removes the sheets created since `beforeIds` was taken whose names are among `sheetNames` (so a
 * sheet a colleague adds meanwhile is left alone), the defined names among `definedNames` that were
 * not there before, and drops them from the stored state. Never deletes a sheet in `beforeIds`; gives
 * those in `restoreNames` (id -> name) their names back when the failed build had renamed them.
 */
export async function cleanUpBuild(
  run: ExcelRun,
  beforeIds: Set<string> | string[],
  sheetNames: Set<string>,
  definedNames: Set<string>,
  namesBefore?: Set<string>,
  restoreNames: Map<string, string> = new Map(),
): Promise<CleanupResult> {
  const before = beforeIds instanceof Set ? beforeIds : new Set(beforeIds);
  const wanted = new Set([...sheetNames].map((n) => n.toLowerCase()));
  const wantedNames = new Set([...definedNames].map((n) => n.toLowerCase()));
  try {
    return await run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/id,items/name");
      const names = context.workbook.names;
      names.load("items/name");
      await context.sync();
      const doomed = sheets.items.filter((s) => !before.has(s.id) && wanted.has(s.name.toLowerCase()));
      const doomedNames = names.items.filter(
        (n) => wantedNames.has(n.name.toLowerCase()) && !(namesBefore?.has(n.name.toLowerCase()) ?? false),
      );
      for (const n of doomedNames) n.delete();
      for (const s of doomed) s.delete();
      await context.sync();
      // Sheets of the earlier build that a failed rebuild renamed (to temporary names, or already to
      // their new ones) get their names back, unless another sheet took the name meanwhile.
      // Two of them may have swapped names: all move to temporary names first, then to their own.
      const gone = new Set(doomed.map((s) => s.id));
      const left = sheets.items.filter((s) => !gone.has(s.id));
      const moved = left.filter((s) => restoreNames.has(s.id) && restoreNames.get(s.id) !== s.name);
      const others = new Set(left.filter((s) => !moved.includes(s)).map((s) => s.name.toLowerCase()));
      const restorable = moved.filter((s) => !others.has(restoreNames.get(s.id)!.toLowerCase()));
      restorable.forEach((s, i) => (s.name = `~scm restore ${i}`));
      for (const s of restorable) s.name = restoreNames.get(s.id)!;
      if (restorable.length > 0) await context.sync();
      const stored = await readState(context);
      if (stored.state) {
        const gone = new Set(doomed.map((s) => s.id));
        const goneNames = new Set(doomedNames.map((n) => n.name.toLowerCase()));
        const state: StoredState = {
          ...stored.state,
          sheets: stored.state.sheets.filter((t) => !gone.has(t.id)),
          names: stored.state.names.filter((t) => !goneNames.has(t.name.toLowerCase())),
        };
        queueWriteState(context, state, stored.partIds);
        await context.sync();
      }
      return { removedSheets: doomed.map((s) => s.name), removedNames: doomedNames.map((n) => n.name) };
    });
  } catch (e) {
    return { removedSheets: [], removedNames: [], problem: errorText(e) };
  }
}

function errorText(e: unknown): string {
  if (e && typeof e === "object") {
    const err = e as { message?: string; code?: string; debugInfo?: { errorLocation?: string } };
    const where = err.debugInfo?.errorLocation ? ` (at ${err.debugInfo.errorLocation})` : "";
    const code = err.code && !String(err.message ?? "").includes(err.code) ? `${err.code}: ` : "";
    return `${code}${err.message ?? String(e)}${where}`;
  }
  return String(e);
}

function describeFailure(step: string, error: unknown, cleanup: CleanupResult): string {
  const what = `The build failed while ${step}: ${errorText(error)}.`;
  const removed =
    cleanup.removedSheets.length > 0
      ? ` The sheets this build had created were removed (${cleanup.removedSheets.join(", ")}).`
      : " This build had created no sheet.";
  const problem = cleanup.problem ? ` Clean-up could not finish: ${cleanup.problem}.` : "";
  return `${what}${removed}${problem} None of your own sheets was changed.`;
}

// ---- plan geometry --------------------------------------------------------------------------------

interface Cell {
  row: number;
  col: number;
  plan: CellPlan;
}

export function parseCell(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

const address = (r1: number, c1: number, r2: number, c2: number) =>
  r1 === r2 && c1 === c2 ? `${colLetter(c1)}${r1}` : `${colLetter(c1)}${r1}:${colLetter(c2)}${r2}`;

/** A block of consecutive non-empty rows, as a rectangle (absent cells are null: left unchanged). */
export interface Band {
  r1: number;
  r2: number;
  c1: number;
  c2: number;
  cells: Cell[];
}

/** Groups a sheet's cells into bands of consecutive rows; each band becomes one range write. */
export function bands(cells: CellPlan[]): Band[] {
  const parsed = cells.map((plan) => ({ ...parseCell(plan.ref), plan }));
  parsed.sort((a, b) => a.row - b.row || a.col - b.col);
  const out: Band[] = [];
  for (const c of parsed) {
    const last = out[out.length - 1];
    if (last && (c.row === last.r2 || c.row === last.r2 + 1)) {
      last.r2 = c.row;
      last.c1 = Math.min(last.c1, c.col);
      last.c2 = Math.max(last.c2, c.col);
      last.cells.push(c);
    } else {
      out.push({ r1: c.row, r2: c.row, c1: c.col, c2: c.col, cells: [c] });
    }
  }
  return out;
}

/**
 * What a cell's plan becomes in Range.formulas, which Excel parses like typed input: "1,000", "50%",
 * "5-Jan", "(5)" or "#N/A" would turn into numbers, dates and errors. Text is therefore written with
 * the "'" prefix (kept as text, not shown), except in cells formatted as text ("@", applied first),
 * where Excel keeps what is written as it is.
 */
export function formulaInput(c: CellPlan): string | number | boolean {
  if (c.formula !== undefined) return `=${c.formula}`;
  if (typeof c.value === "string") return c.value === "" || c.numFmt === "@" ? c.value : `'${c.value}`;
  return c.value ?? "";
}

/** Rectangles covering exactly the given cells: vertical runs per column, merged across columns. */
export function rectangles(points: { row: number; col: number }[]): { r1: number; r2: number; c1: number; c2: number }[] {
  const byCol = new Map<number, number[]>();
  for (const p of points) {
    const rows = byCol.get(p.col) ?? [];
    rows.push(p.row);
    byCol.set(p.col, rows);
  }
  const runs: { r1: number; r2: number; c1: number; c2: number }[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byCol.get(col))].sort((a, b) => a - b);
    let start = rows[0];
    let prev = rows[0];
    const flush = () => {
      const same = runs.find((r) => r.c2 === col - 1 && r.r1 === start && r.r2 === prev);
      if (same) same.c2 = col;
      else runs.push({ r1: start, r2: prev, c1: col, c2: col });
    };
    for (const r of rows.slice(1)) {
      if (r === prev + 1) prev = r;
      else {
        flush();
        start = prev = r;
      }
    }
    flush();
  }
  return runs;
}

/** "'Stage 1'!$A$6:$A$57" -> sheet and address. */
export function splitRef(ref: string): { sheet: string; address: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(ref);
  if (!m) throw new Error(`not a reference with a sheet: ${ref}`);
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], address: m[3].replace(/\$/g, "") };
}

/** Excel column width in points for a width in characters (Calibri 11: 7 px a character + 5 px). */
export const widthPoints = (chars: number) => Math.round(((Math.trunc(chars * 7 + 5) * 72) / 96) * 100) / 100;

const EXCEL_CHART_TYPE: Record<ChartPlan["type"], string> = { line: "Line", columnClustered: "ColumnClustered" };

/** A fresh name like "Inputs (2)" that is not in `taken` and fits Excel's 31 characters. */
export function freeSheetName(name: string, taken: Set<string>): string {
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const candidate = `${name.slice(0, 31 - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** A fresh defined or table name like "SCM_LeadTime_1_2". */
export function freeIdentifier(name: string, taken: Set<string>): string {
  for (let k = 2; ; k++) {
    const candidate = `${name.slice(0, 250)}_${k}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

// ---- the writer -----------------------------------------------------------------------------------

class PlanWriter {
  step = "reading the workbook";
  startedWriting = false;
  before = new Set<string>();
  namesBefore = new Set<string>();
  /** Sheets of an earlier build this build renames (id -> name before): restored if the build fails. */
  renamed = new Map<string, string>();
  private syncs = 0;
  private chunks = 0;
  private pendingBytes = 0;
  private context!: Excel.RequestContext;
  private written?: WorkbookPlan;
  private readonly maxPayload: number;

  constructor(
    private readonly plan: WorkbookPlan,
    private readonly options: ApplyOptions,
  ) {
    this.maxPayload = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD;
  }

  /** Sheet names this build may create (after renames, once known). */
  plannedNames(): Set<string> {
    return new Set((this.written ?? this.plan).sheets.map((s) => s.name));
  }

  plannedDefinedNames(): Set<string> {
    return new Set((this.written ?? this.plan).names.map((n) => n.name));
  }

  private async sync(step: string): Promise<void> {
    this.step = step;
    this.syncs++;
    await this.context.sync();
  }

  /** Counts an operation's estimated request size; syncs first when it would pass the limit. */
  private async charge(bytes: number, ops = 1): Promise<void> {
    const cost = bytes + ops * OP_BYTES;
    if (this.pendingBytes > 0 && this.pendingBytes + cost > this.maxPayload) await this.flushChunk();
    this.pendingBytes += cost;
  }

  private async flushChunk(): Promise<void> {
    this.chunks++;
    await this.sync(`writing the workbook (part ${this.chunks})`);
    this.beginWriteBatch();
  }

  private beginWriteBatch(): void {
    this.pendingBytes = 0;
    // Suspended until the next sync only: called again at the start of every write batch.
    this.context.application.suspendApiCalculationUntilNextSync();
  }

  async apply(context: Excel.RequestContext): Promise<ApplyReport> {
    this.context = context;
    const { group } = this.options;
    const wb = context.workbook;

    // Read 1: what the workbook holds (sheets, names, tables) and the add-in's state part.
    const sheets = wb.worksheets;
    sheets.load("items/name,items/id,items/visibility");
    const names = wb.names;
    names.load("items/name");
    const tables = wb.tables;
    tables.load("items/name");
    // (readState's first sync carries the loads above.)
    const stored = await readState(context, () => this.sync("reading the workbook"));
    if (stored.problem) {
      throw new BuildError(`Cannot build here: ${stored.problem}. Nothing was changed.`, this.step, [], undefined);
    }
    const state = stored.state ?? emptyState();
    this.before = new Set(sheets.items.map((s) => s.id));
    const current = new Map(sheets.items.map((s) => [s.id, s]));

    // Which of our sheets (this group) still exist, and which plan sheet each one becomes.
    const ours = state.sheets.filter((t) => t.group === group && current.has(t.id));
    const oursIds = new Set(ours.map((t) => t.id));
    const ordinal = new Map<string, number>();
    const targets = this.plan.sheets.map((sp) => {
      const n = (ordinal.get(sp.role) ?? 0) + 1;
      ordinal.set(sp.role, n);
      const key = `${group}:${sp.role}:${n}`;
      return { sp, key, reuse: ours.find((t) => t.key === key) };
    });
    const keys = new Set(targets.map((t) => t.key));
    const obsolete = ours.filter((t) => !keys.has(t.key));

    // Names in use by anything that is not ours in this group.
    const takenSheets = new Set(sheets.items.filter((s) => !oursIds.has(s.id)).map((s) => s.name.toLowerCase()));
    const clashes: Clash[] = [];
    const sheetRenames = new Map<string, string>();
    for (const t of targets) {
      let name = t.sp.name;
      if (takenSheets.has(name.toLowerCase())) {
        name = freeSheetName(t.sp.name, takenSheets);
        clashes.push({ kind: "sheet", planned: t.sp.name, used: name });
        sheetRenames.set(t.sp.name, name);
      }
      takenSheets.add(name.toLowerCase());
    }
    const ourNames = new Set(state.names.filter((n) => n.group === group).map((n) => n.name.toLowerCase()));
    const ourTables = new Set(state.tables.filter((n) => n.group === group).map((n) => n.name.toLowerCase()));
    const namesBefore = this.namesBefore;
    for (const n of names.items) namesBefore.add(n.name.toLowerCase());
    // Defined names and table names share one namespace in Excel.
    const takenIds = new Set([
      ...names.items.map((n) => n.name.toLowerCase()).filter((n) => !ourNames.has(n)),
      ...tables.items.map((t) => t.name.toLowerCase()).filter((n) => !ourTables.has(n)),
    ]);
    const nameRenames = new Map<string, string>();
    const tableRenames = new Map<string, string>();
    const claim = (kind: "name" | "table", planned: string, renames: Map<string, string>) => {
      let used = planned;
      if (takenIds.has(planned.toLowerCase())) {
        used = freeIdentifier(planned, takenIds);
        clashes.push({ kind, planned, used });
        renames.set(planned, used);
      }
      takenIds.add(used.toLowerCase());
    };
    for (const n of this.plan.names) claim("name", n.name, nameRenames);
    for (const t of this.plan.tables) claim("table", t.name, tableRenames);
    const plan = renameInPlan(this.plan, { sheets: sheetRenames, names: nameRenames, tables: tableRenames });
    this.written = plan;

    // Read 2 (rebuild only): the charts and tables on our sheets, to remove them before rewriting.
    const reused = targets.filter((t) => t.reuse);
    const reusedProxies = new Map<string, Excel.Worksheet>();
    if (reused.length > 0) {
      for (const t of reused) {
        const ws = sheets.getItem(t.reuse!.id);
        ws.charts.load("items/name");
        ws.tables.load("items/name");
        reusedProxies.set(t.reuse!.id, ws);
      }
      await this.sync("reading the sheets of the earlier build");
    }

    // The write: one batch (more only when a chunk would pass the request limit).
    this.startedWriting = true;
    this.step = "writing the workbook";
    this.beginWriteBatch();
    const byName = new Map<string, Excel.Worksheet>();
    const outcomes: { t: (typeof targets)[number]; sheet: Excel.Worksheet; planned: SheetPlan }[] = [];
    // Reused sheets: move their names out of the way first, so that two of them can swap names.
    // Obsolete sheets (ours, no longer planned) too, so that their names are free; they are deleted
    // once the new sheets exist (the workbook must always keep a visible sheet).
    const renaming = reused.filter((t) => current.get(t.reuse!.id)!.name !== plan.sheets[targets.indexOf(t)].name);
    const tempName = (k: number, id: string) => `~scm${k} ${id}`.slice(0, 31);
    for (const t of renaming) {
      await this.charge(0, 2);
      this.renamed.set(t.reuse!.id, current.get(t.reuse!.id)!.name);
      reusedProxies.get(t.reuse!.id)!.name = tempName(targets.indexOf(t), t.reuse!.id);
    }
    const obsoleteProxies = obsolete.map((t, k) => {
      const ws = sheets.getItem(t.id);
      this.renamed.set(t.id, current.get(t.id)!.name);
      ws.name = tempName(targets.length + k, t.id);
      return ws;
    });
    await this.charge(0, 2 * obsolete.length);
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      const sp = plan.sheets[i];
      let ws: Excel.Worksheet;
      await this.charge(
        jsonBytes(sp.name),
        16 + (t.reuse ? reusedProxies.get(t.reuse.id)!.charts.items.length + reusedProxies.get(t.reuse.id)!.tables.items.length : 0),
      );
      if (t.reuse) {
        ws = reusedProxies.get(t.reuse.id)!;
        if (renaming.includes(t)) ws.name = sp.name;
        for (const c of ws.charts.items) c.delete();
        for (const tb of ws.tables.items) tb.delete();
        ws.getRange().clear("All");
        ws.getRange().dataValidation.clear();
        // Neither is documented as part of clear("All"): conditional formats and hidden columns go too.
        ws.getRange().conditionalFormats.clearAll();
        ws.getRange().columnHidden = false;
        ws.freezePanes.unfreeze();
      } else {
        ws = sheets.add(sp.name);
      }
      ws.visibility = sp.hidden ? "Hidden" : "Visible";
      ws.load("id,name");
      byName.set(sp.name.toLowerCase(), ws);
      outcomes.push({ t, sheet: ws, planned: sp });
    }
    // Our defined names from the earlier build of this group are replaced (before the cells, so that
    // formulas using them find them).
    for (const n of names.items) {
      if (ourNames.has(n.name.toLowerCase())) {
        await this.charge(0, 2);
        n.delete();
      }
    }
    for (const n of plan.names) {
      await this.charge(jsonBytes([n.name, n.ref, n.comment ?? ""]), 2);
      wb.names.add(n.name, `=${n.ref}`, n.comment);
    }

    for (const sp of plan.sheets) await this.writeSheet(byName.get(sp.name.toLowerCase())!, sp, plan);
    for (const t of plan.tables) {
      const ws = byName.get(t.sheet.toLowerCase());
      if (!ws) throw new Error(`table ${t.name} is on sheet ${t.sheet}, which the plan does not have`);
      await this.charge(jsonBytes([t.name, t.sheet, t.ref]), 5);
      // Qualified by its sheet: an unqualified address is read on the *active* sheet (Excel's docs).
      const table = ws.tables.add(onSheet(t.sheet, t.ref), true);
      table.name = t.name;
      table.style = "TableStyleLight1";
      table.showFilterButton = false;
    }
    for (const v of plan.validations) await this.writeValidation(byName, v);
    for (const c of plan.conditionalFormats ?? []) await this.writeConditionalFormat(byName, c);
    for (const c of plan.charts) await this.writeChart(byName, c);
    // Our sheets from an earlier build that the plan no longer has, last: the new sheets exist by now
    // (a workbook keeps a visible sheet), and a failure before here leaves them to be renamed back.
    for (const ws of obsoleteProxies) {
      await this.charge(0, 2);
      ws.delete();
    }
    this.chunks++;
    await this.sync(this.chunks > 1 ? `writing the workbook (part ${this.chunks})` : "writing the workbook");

    // Save what was built, so a rebuild (on any machine) finds these sheets by id.
    const tracked: TrackedSheet[] = outcomes.map((o) => ({ id: o.sheet.id, name: o.sheet.name, key: o.t.key, group }));
    const newState: StoredState = {
      ...state,
      scenario: this.options.scenario !== undefined ? this.options.scenario : state.scenario,
      wizard: this.options.wizard !== undefined ? this.options.wizard : state.wizard,
      layoutVersion: group === "model" ? plan.layoutVersion : state.layoutVersion,
      sheets: [...state.sheets.filter((s) => s.group !== group && current.has(s.id)), ...tracked],
      names: [...state.names.filter((n) => n.group !== group), ...plan.names.map((n): TrackedName => ({ name: n.name, group }))],
      tables: [...state.tables.filter((n) => n.group !== group), ...plan.tables.map((n): TrackedName => ({ name: n.name, group }))],
    };
    // The last batch: the state part (counted against the request limit like everything else), then a
    // full recalculation, since calculation was suspended while writing and the documentation leaves
    // recalculation to the add-in. Not suspended itself, so that the recalculation runs.
    const xmlBytes = queueWriteState(context, newState, stored.partIds);
    if (xmlBytes + OP_BYTES > this.maxPayload) {
      throw new Error(`the scenario to store takes ${(xmlBytes / 1048576).toFixed(1)} MB, more than one request to Excel may carry`);
    }
    if (this.options.activate !== false) {
      const first = outcomes.find((o) => !o.planned.hidden);
      if (first) first.sheet.activate();
    }
    context.workbook.application.calculate("Full" as Excel.CalculationType.full);
    await this.sync("saving the scenario in the workbook");

    return {
      sheets: outcomes.map((o) => ({
        key: o.t.key,
        role: o.planned.role,
        planned: this.plan.sheets[outcomes.indexOf(o)].name,
        name: o.sheet.name,
        id: o.sheet.id,
        created: !o.t.reuse,
      })),
      clashes,
      removed: obsolete.map((t) => current.get(t.id)!.name),
      before: [...this.before],
      createdNames: plan.names.map((n) => n.name).filter((n) => !namesBefore.has(n.toLowerCase())),
      syncs: this.syncs,
      writeChunks: this.chunks,
      written: plan,
    };
  }

  private async writeSheet(ws: Excel.Worksheet, sp: SheetPlan, plan: WorkbookPlan): Promise<void> {
    for (const band of bands(sp.cells)) await this.writeBand(ws, band);
    // Styles: one format write per rectangle of cells sharing a style.
    const byStyle = new Map<string, { row: number; col: number }[]>();
    for (const c of sp.cells) {
      if (!c.style) continue;
      const list = byStyle.get(c.style) ?? [];
      list.push(parseCell(c.ref));
      byStyle.set(c.style, list);
    }
    for (const [style, points] of byStyle) {
      const look = plan.styles[style as keyof WorkbookPlan["styles"]];
      if (!look) continue;
      for (const r of rectangles(points)) {
        await this.charge(32, 9); // the range, its format, font, fill, borders and the properties set

        applyStyle(ws.getRange(address(r.r1, r.c1, r.r2, r.c2)), look);
      }
    }
    for (const col of sp.columns ?? []) {
      await this.charge(32, col.hidden ? 4 : 3);
      const range = ws.getRange(`${col.col}:${col.col}`);
      range.format.columnWidth = widthPoints(col.width);
      if (col.hidden) range.columnHidden = true;
    }
    if (sp.freeze && (sp.freeze.rows > 0 || sp.freeze.cols > 0)) {
      await this.charge(32, 3);
      const { rows, cols } = sp.freeze;
      if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRange(address(1, 1, rows, cols)));
      else if (rows > 0) ws.freezePanes.freezeRows(rows);
      else ws.freezePanes.freezeColumns(cols);
    }
  }

  /** One band: formulas (and number formats) as 2-D arrays; a band too big for one request is split by rows. */
  private async writeBand(ws: Excel.Worksheet, band: Band): Promise<void> {
    const width = band.c2 - band.c1 + 1;
    const rowsOf = new Map<number, Cell[]>();
    for (const c of band.cells) {
      const list = rowsOf.get(c.row) ?? [];
      list.push(c);
      rowsOf.set(c.row, list);
    }
    const rowArrays = (r1: number, r2: number) => {
      const formulas: (string | number | boolean | null)[][] = [];
      const formats: (string | null)[][] = [];
      let anyFormat = false;
      for (let r = r1; r <= r2; r++) {
        const f: (string | number | boolean | null)[] = new Array(width).fill(null);
        const n: (string | null)[] = new Array(width).fill(null);
        for (const c of rowsOf.get(r) ?? []) {
          f[c.col - band.c1] = formulaInput(c.plan);
          if (c.plan.numFmt) {
            n[c.col - band.c1] = c.plan.numFmt;
            anyFormat = true;
          }
        }
        formulas.push(f);
        formats.push(n);
      }
      return { formulas, formats: anyFormat ? formats : null };
    };
    // Rows are added while the current request has room (in UTF-8 bytes, as sent); then a new chunk
    // starts (one more sync).
    const rowBytes = (row: number) => jsonBytes(rowArrays(row, row));
    let r = band.r1;
    while (r <= band.r2) {
      let bytes = rowBytes(r);
      // The range, and the number formats and formulas set on it.
      if (this.pendingBytes > 0 && this.pendingBytes + bytes + 3 * OP_BYTES > this.maxPayload) await this.flushChunk();
      const room = this.maxPayload - this.pendingBytes - 3 * OP_BYTES;
      let r2 = r;
      while (r2 < band.r2) {
        const next = rowBytes(r2 + 1);
        if (bytes + next > room) break;
        bytes += next;
        r2++;
      }
      await this.charge(bytes, 3);
      const { formulas, formats } = rowArrays(r, r2);
      const range = ws.getRange(address(r, band.c1, r2, band.c2));
      // Formats first: a cell formatted as text keeps what is then written as text.
      if (formats) range.numberFormat = formats as unknown as string[][];
      range.formulas = formulas as unknown as string[][];
      r = r2 + 1;
    }
  }

  private async writeValidation(byName: Map<string, Excel.Worksheet>, v: DataValidation): Promise<void> {
    const ws = byName.get(v.sheet.toLowerCase());
    if (!ws) throw new Error(`validation on sheet ${v.sheet}, which the plan does not have`);
    await this.charge(jsonBytes([v.range, v.prompt, v.error, v.list?.join(",") ?? "", v.source ?? "", v.formula ?? ""]), 7);
    const dv = ws.getRange(v.range).dataValidation;
    dv.rule = validationRule(v);
    dv.ignoreBlanks = false;
    // Excel's limits: titles 32 characters, an input message 255, an error message 224.
    dv.prompt = { showPrompt: true, title: "", message: v.prompt.slice(0, 255) };
    dv.errorAlert = { showAlert: true, style: "Stop", title: "Not allowed", message: v.error.slice(0, 224) };
  }

  /**
   * A conditional format of Excel's custom type ("Use a formula to determine which cells to format"):
   * the formula is written for the range's top-left cell, its relative references move with the cell.
   */
  private async writeConditionalFormat(byName: Map<string, Excel.Worksheet>, c: ConditionalFormat): Promise<void> {
    const ws = byName.get(c.sheet.toLowerCase());
    if (!ws) throw new Error(`conditional format on sheet ${c.sheet}, which the plan does not have`);
    // The range, its collection, the format added, its rule and format, fill and font, and what is set.
    await this.charge(jsonBytes([c.range, c.formula, c.style]), 11);
    const cf = ws.getRange(c.range).conditionalFormats.add("Custom" as Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = `=${c.formula}`;
    if (c.style.fill) cf.custom.format.fill.color = `#${c.style.fill}`;
    if (c.style.fontColor) cf.custom.format.font.color = `#${c.style.fontColor}`;
    if (c.style.bold) cf.custom.format.font.bold = true;
  }

  private async writeChart(byName: Map<string, Excel.Worksheet>, c: ChartPlan): Promise<void> {
    const ws = byName.get(c.sheet.toLowerCase());
    if (!ws) throw new Error(`chart ${c.id} is on sheet ${c.sheet}, which the plan does not have`);
    if (c.series.length === 0) return;
    await this.charge(jsonBytes(c), 14 + 6 * c.series.length);
    const rangeOf = (ref: string) => {
      const { sheet, address: a } = splitRef(ref);
      const target = byName.get(sheet.toLowerCase()) ?? this.context.workbook.worksheets.getItem(sheet);
      return target.getRange(a);
    };
    const chart = ws.charts.add(EXCEL_CHART_TYPE[c.type] as Excel.ChartType, rangeOf(c.series[0].valuesRef), "Columns");
    chart.name = c.id;
    chart.title.text = c.title;
    chart.axes.categoryAxis.title.text = c.axes.x.title;
    chart.axes.valueAxis.title.text = c.axes.y.title;
    const first = chart.series.getItemAt(0);
    first.name = c.series[0].name;
    first.setXAxisValues(rangeOf(c.series[0].categoriesRef));
    for (const s of c.series.slice(1)) {
      const series = chart.series.add(s.name);
      series.setValues(rangeOf(s.valuesRef));
      series.setXAxisValues(rangeOf(s.categoriesRef));
    }
    const { row, col } = parseCell(c.anchor);
    chart.setPosition(address(row, col, row, col), address(row + 17, col + 8, row + 17, col + 8));
  }
}

/** Excel's rule of the same kind as the plan's (the .xlsx writer maps the same kinds). */
export function validationRule(v: DataValidation): Excel.DataValidationRule {
  switch (v.type) {
    case "list":
      // A source range is written as a formula ("=Plan!$A$16:$A$315": "Add data validation to Excel ranges").
      return { list: { inCellDropDown: true, source: v.source !== undefined ? `=${v.source}` : (v.list ?? []).join(",") } };
    case "custom":
      // Relative references are to the top-left cell of the range, as the plan writes them (ExcelApi 1.8).
      return { custom: { formula: `=${v.formula ?? "TRUE"}` } };
    case "whole":
    case "decimal": {
      const bounds =
        v.min !== undefined && v.max !== undefined
          ? { formula1: v.min, formula2: v.max, operator: "Between" }
          : v.min !== undefined
            ? { formula1: v.min, operator: "GreaterThanOrEqualTo" }
            : { formula1: v.max ?? 0, operator: "LessThanOrEqualTo" };
      return (v.type === "whole" ? { wholeNumber: bounds } : { decimal: bounds }) as Excel.DataValidationRule;
    }
    default:
      return assertNever(v.type);
  }
}

function assertNever(x: never): never {
  throw new Error(`unknown plan element kind ${String(x)}`);
}

function applyStyle(range: Excel.Range, s: CellStyle): void {
  if (s.bold) range.format.font.bold = true;
  if (s.italic) range.format.font.italic = true;
  if (s.fontColor) range.format.font.color = `#${s.fontColor}`;
  if (s.fill) range.format.fill.color = `#${s.fill}`;
  if (s.hAlign) range.format.horizontalAlignment = (s.hAlign[0].toUpperCase() + s.hAlign.slice(1)) as Excel.HorizontalAlignment;
  if (s.wrap) range.format.wrapText = true;
  if (s.borderBottom) range.format.borders.getItem("EdgeBottom").style = "Continuous";
}
