/*
 * Task pane page: a status line, the wizards (React, mounted in #wizard: the simulation and the
 * replenishment plan) and the function help with a filter. It must also work where Office.js is
 * absent (the page opened in a plain browser), so every use of `Office` is guarded; the wizards then
 * show but cannot build.
 */
import { mountWizard } from "./app/mount";
import type { ExcelRun } from "./excel/writer";
import { workerPlanRunner } from "./worker/planRunner";
import { workerRunner } from "./worker/simRunner";

/** Excel API version the writer needs (custom XML parts, chart series, data validation). */
export const EXCEL_API = "1.8";

/** What the page knows about its host; also exposed as <html data-office="..."> for tests. */
export type OfficeState = "loading" | "excel" | "other-host" | "no-host" | "unavailable";

export function isOfficeLoaded(): boolean {
  return typeof Office !== "undefined" && typeof Office.onReady === "function";
}

function setState(state: OfficeState, message: string): void {
  document.documentElement.dataset.office = state;
  const status = document.getElementById("office-status");
  if (status) status.textContent = message;
}

/**
 * Follows Office's own theme when it reports one (it wins over prefers-color-scheme in the CSS, and
 * the wizard follows the attribute): isDarkTheme where the host has it, else the body background.
 */
function applyOfficeTheme(): void {
  let theme: Office.OfficeTheme | undefined;
  try {
    theme = Office.context?.officeTheme;
  } catch {
    theme = undefined; // officeTheme throws on hosts that do not support it
  }
  if (!theme) return;
  const dark =
    typeof theme.isDarkTheme === "boolean" ? theme.isDarkTheme : theme.bodyBackgroundColor ? isDark(theme.bodyBackgroundColor) : null;
  if (dark === null) return;
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

function startWizard(inExcel: boolean): void {
  const el = document.getElementById("wizard");
  if (!el) return;
  let run: ExcelRun | null = null;
  let unsupported: string | null = null;
  if (inExcel) {
    run = (batch) => Excel.run(batch);
    try {
      if (!Office.context.requirements.isSetSupported("ExcelApi", EXCEL_API)) {
        unsupported = `This version of Excel lacks the Excel JavaScript API ${EXCEL_API} that building needs; use Excel on the web or a current Excel.`;
      }
    } catch {
      unsupported = null; // hosts without the requirements API: try anyway
    }
  }
  el.textContent = "";
  mountWizard(el, { run, simulate: workerRunner("simWorker.js"), computePlan: workerPlanRunner("planWorker.js"), unsupported });
}

/** True for a dark "#rrggbb" colour (relative luminance below one half). */
export function isDark(hex: string): boolean {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return false;
  const [r, g, b] = match.slice(1).map((part) => parseInt(part, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** Shows only the functions whose name or description contains the query (case-insensitive). */
export function filterFunctions(query: string): number {
  const needle = query.trim().toLowerCase();
  const items = Array.from(document.querySelectorAll<HTMLLIElement>("#function-list li"));
  let shown = 0;
  for (const item of items) {
    const match = needle === "" || (item.textContent ?? "").toLowerCase().includes(needle);
    item.hidden = !match;
    if (match) shown++;
  }
  const result = document.getElementById("filter-result");
  if (result) {
    result.textContent = needle === "" ? "" : shown === 0 ? "No function matches." : `${shown} of ${items.length} functions.`;
  }
  return shown;
}

function init(): void {
  const filter = document.getElementById("function-filter") as HTMLInputElement | null;
  filter?.addEventListener("input", () => filterFunctions(filter.value));

  if (!isOfficeLoaded()) {
    setState("unavailable", "Office.js is not loaded: open this page from Excel (Home > SCM Analysis).");
    startWizard(false);
    return;
  }
  setState("loading", "Connecting to Excel\u2026");
  Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) {
      applyOfficeTheme();
      setState("excel", "Ready. Build a simulation below, or type =SCM. in a cell to use the functions.");
      startWizard(true);
    } else if (info.host) {
      setState("other-host", `This add-in is for Excel; ${info.host} is not supported.`);
      startWizard(false);
    } else {
      setState("no-host", "Not running inside Office: open this page from Excel (Home > SCM Analysis).");
      startWizard(false);
    }
  });
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
