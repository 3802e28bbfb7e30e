/**
 * What the add-in keeps inside the workbook, in one custom XML part of its own namespace: the
 * scenario and wizard settings of the last build, and the sheets, names and tables that build
 * created (sheets by their id, which survives renames). A custom XML part travels with the file, so
 * a colleague who opens the shared workbook on another machine sees the same scenario.
 */

export const STATE_NAMESPACE = "urn:scm-excel-addin:workbook:1";
export const STATE_FORMAT = "scm-excel-addin/workbook-state";
export const STATE_VERSION = 1;

export interface TrackedSheet {
  /** Excel's worksheet id: stable when the sheet is renamed. */
  id: string;
  /** Name when last written (for messages; the id is what counts). */
  name: string;
  /** Stable key within the build: group, sheet role and its ordinal among sheets of that role. */
  key: string;
  /** "model" (the workbook plan) or "results" (written after the simulation). */
  group: string;
}

export interface TrackedName {
  name: string;
  group: string;
}

export interface StoredState {
  format: typeof STATE_FORMAT;
  version: number;
  /** The scenario as the wizard last built it (a validated scenario document). */
  scenario?: unknown;
  /** Wizard settings that are not part of the scenario (comparisons, replications, preset). */
  wizard?: unknown;
  /** Workbook plan layout version of the model sheets. */
  layoutVersion?: number;
  sheets: TrackedSheet[];
  /** Workbook-level defined names and tables created by the add-in, per group. */
  names: TrackedName[];
  tables: TrackedName[];
}

export function emptyState(): StoredState {
  return { format: STATE_FORMAT, version: STATE_VERSION, sheets: [], names: [], tables: [] };
}

export const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
export const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");

/** The custom XML part's text: the state as JSON inside one element. */
export function stateToXml(state: StoredState): string {
  return `<?xml version="1.0" encoding="UTF-8"?><scmWorkbook xmlns="${STATE_NAMESPACE}"><state>${escapeXml(
    JSON.stringify(state),
  )}</state></scmWorkbook>`;
}

export type ParsedState = { ok: true; state: StoredState } | { ok: false; reason: string };

/**
 * Reads a part written by stateToXml, saying why when it cannot. The part is as untrusted as the rest
 * of the workbook: only the fields the add-in writes are kept, each of its type (a rebuild writes the
 * state back, so anything else would travel on). `scenario` and `wizard` stay unknown: their readers
 * validate them.
 */
export function stateFromXml(xml: string): ParsedState {
  const m = /<state>([\s\S]*)<\/state>/.exec(xml);
  if (!m) return { ok: false, reason: "the add-in's XML part has no <state> element" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(unescapeXml(m[1]));
  } catch {
    return { ok: false, reason: "the add-in's XML part does not hold valid JSON" };
  }
  if (typeof parsed !== "object" || parsed === null) return { ok: false, reason: "the add-in's XML part is not an object" };
  const s = parsed as Partial<StoredState>;
  if (s.format !== STATE_FORMAT || !Number.isInteger(s.version) || (s.version as number) < 1) {
    return { ok: false, reason: "the add-in's XML part is not in the expected format" };
  }
  if (s.version! > STATE_VERSION) {
    return { ok: false, reason: `the workbook was built by a newer version of the add-in (state version ${s.version})` };
  }
  const state: StoredState = {
    format: STATE_FORMAT,
    version: s.version!,
    sheets: Array.isArray(s.sheets)
      ? s.sheets.filter(isTrackedSheet).map(({ id, name, key, group }) => ({ id, name: typeof name === "string" ? name : "", key, group }))
      : [],
    names: Array.isArray(s.names) ? s.names.filter(isNamed).map(({ name, group }) => ({ name, group })) : [],
    tables: Array.isArray(s.tables) ? s.tables.filter(isNamed).map(({ name, group }) => ({ name, group })) : [],
  };
  if (s.scenario !== undefined) state.scenario = s.scenario;
  if (s.wizard !== undefined) state.wizard = s.wizard;
  if (Number.isInteger(s.layoutVersion) && s.layoutVersion! >= 1) state.layoutVersion = s.layoutVersion;
  return { ok: true, state };
}

/** A tracked sheet needs its id, key and group; its name is only for messages. */
function isTrackedSheet(x: unknown): x is TrackedSheet {
  const t = x as TrackedSheet;
  return typeof t === "object" && t !== null && typeof t.id === "string" && typeof t.key === "string" && typeof t.group === "string";
}

function isNamed(x: unknown): x is TrackedName {
  const t = x as TrackedName;
  return typeof t === "object" && t !== null && typeof t.name === "string" && typeof t.group === "string";
}

export interface ReadState {
  /** null when the workbook has no state part (never built). */
  state: StoredState | null;
  /** Set when a part exists but cannot be used. */
  problem?: string;
  /** Ids of the add-in's parts (normally one). */
  partIds: string[];
}

/** Reads the state part: one sync when there is none, two when there is (the part ids, then its XML). */
export async function readState(context: Excel.RequestContext, sync: () => Promise<void> = () => context.sync()): Promise<ReadState> {
  const parts = context.workbook.customXmlParts.getByNamespace(STATE_NAMESPACE);
  parts.load("items/id");
  await sync();
  const partIds = parts.items.map((p) => p.id);
  if (partIds.length === 0) return { state: null, partIds };
  const xml = parts.items[0].getXml();
  await sync();
  // getXml returns a ClientResult (no load); the injected sync() is context.sync(), which the rules cannot see.
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const parsed = stateFromXml(xml.value);
  return parsed.ok ? { state: parsed.state, partIds } : { state: null, problem: parsed.reason, partIds };
}

/**
 * Queues the write of the state part (replacing ours if there is one, and removing duplicates that a
 * copy of sheets between workbooks can leave). Takes effect at the caller's next sync. Returns the
 * part's size in UTF-8 bytes, for the caller's count of the request size.
 */
export function queueWriteState(context: Excel.RequestContext, state: StoredState, existingPartIds: string[]): number {
  const xml = stateToXml(state);
  const parts = context.workbook.customXmlParts;
  if (existingPartIds.length === 0) parts.add(xml);
  else {
    parts.getItem(existingPartIds[0]).setXml(xml);
    for (const id of existingPartIds.slice(1)) parts.getItem(id).delete();
  }
  return new TextEncoder().encode(xml).length;
}
