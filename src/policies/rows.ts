/**
 * Inputs rows and formulas several policies share (one row per key on the sheet, whichever
 * policies use it).
 */
import { FMT } from "../workbook/styles";
import { atLeast, openUnit, whole } from "../workbook/validation";
import type { PolicyRow, SheetRefs } from "./definition";

export const SERVICE_LEVEL: PolicyRow<{ serviceLevel: number }> = {
  key: "ServiceLevel",
  label: "Service level",
  help: "cycle service level; z = NORM.S.INV(service level)",
  kind: "input",
  value: (p) => p.serviceLevel,
  validation: (at) => openUnit(at, "Service level"),
  numFmt: FMT.ratio,
};

export const KNOWN_MEAN: PolicyRow<unknown> = {
  key: "KnownMean",
  label: "Known demand mean",
  help: "per period; the forecast of a policy that does not estimate one",
  kind: "input",
  value: (_p, n) => n.knownMean,
  validation: () => atLeast(0, "Known mean"),
  numFmt: FMT.asTyped,
};

export const KNOWN_SD: PolicyRow<unknown> = {
  key: "KnownSd",
  label: "Known demand sd",
  help: "per period",
  kind: "input",
  value: (_p, n) => n.knownSd,
  validation: () => atLeast(0, "Known sd"),
  numFmt: FMT.asTyped,
};

export const INITIAL_FORECAST: PolicyRow<unknown> = {
  key: "InitialForecast",
  label: "Initial forecast",
  help: "forecast before any observation (pre-fills the window)",
  kind: "input",
  value: (_p, n) => n.initialForecast,
  validation: () => atLeast(0, "Initial forecast"),
  numFmt: FMT.asTyped,
};

/** A sample sd needs a window of at least 2 where it is used (order-up-to's check); else 1. */
export const WINDOW: PolicyRow<{ window: number; sigma?: "sample" | "known"; serviceLevel?: number }> = {
  key: "Window",
  label: "Forecast window",
  help: "moving average and sample sd over the last p periods",
  kind: "input",
  value: (p) => p.window,
  validation: (_at, p, room) => whole(p.sigma === "sample" && p.serviceLevel !== 0.5 ? 2 : 1, room.window, "Forecast window"),
  numFmt: FMT.int,
};

export const ALPHA: PolicyRow<{ alpha: number }> = {
  key: "Alpha",
  label: "Smoothing alpha",
  help: "exponential smoothing weight of the newest signal",
  kind: "input",
  value: (p) => p.alpha,
  validation: (at) => openUnit(at, "Smoothing alpha", true),
  numFmt: FMT.ratio,
};

/** Exponential smoothing on the sheet: weight * signal + (1 - weight) * the previous forecast. */
export function smoothingFormula(x: SheetRefs, weightKey: string): string {
  return `${x.n(weightKey)}*${x.cur("signal")}+(1-${x.n(weightKey)})*${x.prev("forecast")}`;
}
