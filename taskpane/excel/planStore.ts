/**
 * The replenishment-plan wizard's settings in the workbook: a custom XML part of its own namespace,
 * beside the simulation's state part (storedState.ts), so that neither wizard's build can overwrite
 * the other's settings. The Plan sheet itself is tracked by id in the state part, by the writer (group
 * "plan"). What is read back is only parsed here; model/planSettings.ts checks every field.
 */
import type { PlanSettings } from "../model/planSettings";
import { escapeXml, readState, unescapeXml } from "./storedState";
import type { ExcelRun } from "./writer";

export const PLAN_NAMESPACE = "urn:scm-excel-addin:plan:1";

export function planSettingsToXml(s: PlanSettings): string {
  return `<?xml version="1.0" encoding="UTF-8"?><scmPlan xmlns="${PLAN_NAMESPACE}"><settings>${escapeXml(JSON.stringify(s))}</settings></scmPlan>`;
}

/** The JSON inside the part (unchecked), or why it cannot be read. */
export function planSettingsFromXml(xml: string): { ok: true; raw: unknown } | { ok: false; reason: string } {
  const m = /<settings>([\s\S]*)<\/settings>/.exec(xml);
  if (!m) return { ok: false, reason: "the add-in's plan settings part has no <settings> element" };
  try {
    return { ok: true, raw: JSON.parse(unescapeXml(m[1])) };
  } catch {
    return { ok: false, reason: "the add-in's plan settings part does not hold valid JSON" };
  }
}

export interface LoadedPlanSettings {
  /** The parsed settings (untrusted), or undefined when the workbook has none. */
  raw?: unknown;
  /** Set when a part exists but cannot be read. */
  problem?: string;
  /** The workbook holds a simulation the pane built (the pane then opens on the simulation). */
  simulationStored: boolean;
}

/** Reads the settings (three or four syncs); never writes. */
export async function loadPlanSettings(run: ExcelRun): Promise<LoadedPlanSettings> {
  return run(async (context) => {
    const parts = context.workbook.customXmlParts.getByNamespace(PLAN_NAMESPACE);
    parts.load("items/id");
    await context.sync();
    const ids = parts.items.map((p) => p.id);
    const state = await readState(context);
    const simulationStored = state.state?.scenario !== undefined;
    if (ids.length === 0) return { simulationStored };
    const xml = context.workbook.customXmlParts.getItem(ids[0]).getXml();
    await context.sync();
    // getXml returns a ClientResult, which has no load(): its value is there after the sync.
    // eslint-disable-next-line office-addins/load-object-before-read
    const parsed = planSettingsFromXml(xml.value);
    return parsed.ok ? { raw: parsed.raw, simulationStored } : { problem: parsed.reason, simulationStored };
  });
}

/** Writes the settings (replacing ours, and removing duplicates a copy between workbooks can leave): two syncs. */
export async function savePlanSettings(run: ExcelRun, s: PlanSettings): Promise<void> {
  await run(async (context) => {
    const parts = context.workbook.customXmlParts.getByNamespace(PLAN_NAMESPACE);
    parts.load("items/id");
    await context.sync();
    const ids = parts.items.map((p) => p.id);
    const xml = planSettingsToXml(s);
    const all = context.workbook.customXmlParts;
    if (ids.length === 0) all.add(xml);
    else {
      all.getItem(ids[0]).setXml(xml);
      for (const id of ids.slice(1)) all.getItem(id).delete();
    }
    await context.sync();
  });
}
