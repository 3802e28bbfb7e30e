/**
 * The push-vs-pull comparison of a serial chain (the wizard's comparison and its tests): pure push
 * (every stage above the one facing customers pushes), pull, pull with shared demand data, and a
 * push-pull boundary in the middle. Stages that push or receive what is pushed place no orders, so
 * their ordering levers (batching, gaming, promotions, VMI) are dropped in those variants.
 */
import type { ScenarioInput, StageInput } from "./types";

export interface PushPullVariant {
  label: string;
  scenario: ScenarioInput;
}

export type PushRole = "pulls" | "boundary" | "pushes";

/**
 * Stage k's role in a serial chain of n stages with this push-pull boundary (README, "Push and
 * pull"): above the boundary it pushes; the boundary receives what is pushed and orders nothing;
 * below it, it pulls. No boundary, or one at the top stage, pushes nothing.
 */
export function pushRole(boundary: number | undefined, n: number, k: number): PushRole {
  if (boundary === undefined || !(boundary < n - 1)) return "pulls";
  if (k > boundary) return "pushes";
  return k === boundary ? "boundary" : "pulls";
}

/** The stage index a "boundary in the middle" uses: half the stages push, rounding toward pull. */
export const middleBoundary = (stages: number): number => Math.floor((stages - 1) / 2);

function withBoundary(s: ScenarioInput, boundary: number | undefined, sharing: boolean): ScenarioInput {
  const { pushPullBoundary: _b, ...rest } = s;
  const out: ScenarioInput = { ...rest, informationSharing: sharing, stages: s.stages.map((st) => ({ ...st })) };
  if (boundary === undefined) return out;
  out.pushPullBoundary = boundary;
  out.stages = s.stages.map((st, k): StageInput => {
    if (k < boundary) return { ...st };
    const {
      caseSize: _c,
      orderEvery: _e,
      orderPhase: _p,
      fixedOrderPeriods: _f,
      shortageGaming: _g,
      promotion: _pr,
      vmi: _v,
      ...kept
    } = st;
    return k > boundary ? { ...kept, orderDelay: 0 } : kept;
  });
  return out;
}

/** The variants, in the order the comparison shows them; empty for a chain too short to push. */
export function pushPullVariants(s: ScenarioInput): PushPullVariant[] {
  const n = s.stages.length;
  if (s.network !== "serial" || n < 2) return [];
  const mid = middleBoundary(n);
  const out: PushPullVariant[] = [
    { label: "Pure push", scenario: withBoundary(s, 0, false) },
    { label: "Pull", scenario: withBoundary(s, undefined, false) },
    { label: "Pull with shared demand data", scenario: withBoundary(s, undefined, true) },
  ];
  if (mid > 0) out.push({ label: `Push-pull, boundary at ${s.stages[mid].name}`, scenario: withBoundary(s, mid, false) });
  return out;
}
