/**
 * The bounded Nelder-Mead minimiser of the exponential-smoothing fits (src/forecast/optimize.ts):
 * textbook problems, optima on a bound, a feasibility region, a simple-exponential-smoothing fit
 * against a brute-force grid, determinism, limits and hostile objective values.
 */
import { DomainError } from "../../src/errors";
import { DEFAULT_TOLERANCE, minimize, MinimizeOptions } from "../../src/forecast/optimize";

const rosenbrock = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
};

const box = (n: number, lo: number, hi: number): Pick<MinimizeOptions, "lower" | "upper"> => ({
  lower: new Array<number>(n).fill(lo),
  upper: new Array<number>(n).fill(hi),
});

/** A fixed demand-like series: level 100 with a slow drift and deterministic noise (no Math.random). */
function series(len: number, seed: number): Float64Array {
  const y = new Float64Array(len);
  let s = seed >>> 0;
  let level = 100;
  for (let t = 0; t < len; t++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0; // LCG
    const u = s / 4294967296 - 0.5;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const v = s / 4294967296 - 0.5;
    level += 2 * u; // a random-walk level: an interior alpha
    y[t] = level + 12 * v;
  }
  return y;
}

/** One-step-ahead sum of squared errors of simple exponential smoothing, level started at y[0]. */
function sesSse(y: Float64Array, alpha: number): number {
  let level = y[0];
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const e = y[t] - level;
    sse += e * e;
    level += alpha * e;
  }
  return sse;
}

/** Brute force: a grid of `points` alphas over [lo, hi], then golden-section search around the best cell. */
function gridMinimum(g: (a: number) => number, lo: number, hi: number, points: number): { x: number; value: number } {
  let best = lo;
  let bestValue = g(lo);
  const h = (hi - lo) / (points - 1);
  for (let k = 1; k < points; k++) {
    const a = lo + k * h;
    const v = g(a);
    if (v < bestValue) {
      bestValue = v;
      best = a;
    }
  }
  let a = Math.max(lo, best - h);
  let b = Math.min(hi, best + h);
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = g(c);
  let fd = g(d);
  for (let it = 0; it < 200 && b - a > 1e-15; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = g(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = g(d);
    }
  }
  const x = (a + b) / 2;
  const fx = g(x);
  return fx < bestValue ? { x, value: fx } : { x: best, value: bestValue };
}

describe("minimize: unconstrained test functions inside a wide box", () => {
  test("Rosenbrock 2-D from the classic start (-1.2, 1)", () => {
    const r = minimize(rosenbrock, [-1.2, 1], { ...box(2, -5, 5), tolerance: 1e-14, maxIterations: 5000 });
    expect(r.converged).toBe(true);
    expect(r.value).toBeLessThan(1e-10);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-5);
    expect(r.evaluations).toBeLessThan(1000);
    expect(r.value).toBe(rosenbrock(r.x));
  });

  test("Rosenbrock 5-D", () => {
    const r = minimize(rosenbrock, [-1.2, 1, -1.2, 1, -1.2], { ...box(5, -5, 5), tolerance: 1e-14, maxIterations: 20000 });
    expect(r.converged).toBe(true);
    expect(r.value).toBeLessThan(1e-10);
    for (let i = 0; i < 5; i++) expect(Math.abs(r.x[i] - 1)).toBeLessThan(1e-4);
  });

  test("a quadratic with the default tolerance (R's reltol) stops near the minimum", () => {
    const f = (x: Float64Array) => 3 + (x[0] - 0.3) ** 2 + 2 * (x[1] + 0.7) ** 2 + (x[2] - 5) ** 2;
    const r = minimize(f, [0, 0, 0], box(3, -10, 10));
    expect(r.converged).toBe(true);
    expect(r.value - 3).toBeLessThan(10 * DEFAULT_TOLERANCE * 3);
    expect(Math.abs(r.x[0] - 0.3)).toBeLessThan(1e-3);
    expect(Math.abs(r.x[1] + 0.7)).toBeLessThan(1e-3);
    expect(Math.abs(r.x[2] - 5)).toBeLessThan(1e-3);
  });
});

describe("minimize: bounds", () => {
  test("(x - 2)^2 on [0, 1]: the optimum on the upper bound, exactly", () => {
    const r = minimize((x) => (x[0] - 2) ** 2, [0.5], { lower: [0], upper: [1] });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBe(1);
    expect(r.value).toBe(1);
  });

  test("one variable on a bound, the other inside: (1, 0.3)", () => {
    const f = (x: Float64Array) => (x[0] - 2) ** 2 + (x[1] - 0.3) ** 2;
    const r = minimize(f, [0.1, 0.9], box(2, 0, 1));
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBe(1);
    expect(Math.abs(r.x[1] - 0.3)).toBeLessThan(1e-4);
    expect(Math.abs(r.value - 1)).toBeLessThan(1e-8);
  });

  test("every trial point lies in the box (f is never called outside it)", () => {
    const lower = [0.0001, 0.0001, 0.8];
    const upper = [0.9999, 0.9999, 0.98];
    let outside = 0;
    const f = (x: Float64Array) => {
      for (let i = 0; i < 3; i++) if (x[i] < lower[i] || x[i] > upper[i]) outside++;
      return (x[0] - 1.5) ** 2 + (x[1] + 0.5) ** 2 + (x[2] - 0.9) ** 2;
    };
    const r = minimize(f, [0.5, 0.5, 0.9], { lower, upper });
    expect(outside).toBe(0);
    expect(r.x[0]).toBe(0.9999);
    expect(Math.abs(r.x[1] - 0.0001)).toBeLessThan(1e-12);
    expect(Math.abs(r.x[2] - 0.9)).toBeLessThan(1e-4);
  });

  test("x0 outside the box is clipped into it; a start on a bound steps inwards", () => {
    const f = (x: Float64Array) => (x[0] - 0.25) ** 2 + (x[1] - 0.75) ** 2;
    const seen: number[] = [];
    const r = minimize(
      (x) => {
        seen.push(x[0], x[1]);
        return f(x);
      },
      [-3, 1],
      box(2, 0, 1),
    );
    expect(seen.slice(0, 2)).toEqual([0, 1]);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(1);
    expect(Math.abs(r.x[0] - 0.25)).toBeLessThan(1e-3);
    expect(Math.abs(r.x[1] - 0.75)).toBeLessThan(1e-3);
  });

  test("a fixed variable (lower = upper) does not move", () => {
    const f = (x: Float64Array) => (x[0] - 3) ** 2 + (x[1] - 1) ** 2 + x[0] * x[1];
    const r = minimize(f, [0, 0.5], { lower: [-10, 0.5], upper: [10, 0.5] });
    expect(r.converged).toBe(true);
    expect(r.x[1]).toBe(0.5);
    expect(Math.abs(r.x[0] - 2.75)).toBeLessThan(1e-3); // d/dx: 2(x - 3) + 0.5 = 0
  });

  test("a simplex flattened on a face by clipping is restarted when the optimum is inside", () => {
    // Clipping drives every vertex onto x = 1 here although the minimum is at x = 0.99064 (found by
    // the gradient: 2(x - 0.97) + y/2 = 0, 6y + x/2 = 0).
    const f = (x: Float64Array) => (x[0] - 0.97) ** 2 + 3 * x[1] ** 2 + 0.5 * x[0] * x[1];
    const opts = { lower: [0, -10], upper: [1, 10] };
    const xStar = 1.94 / (2 - 1 / 24);
    const stuck = minimize(f, [0.2, 0.1], { ...opts, faceRestarts: 0 });
    expect(stuck.x[0]).toBe(1);
    const r = minimize(f, [0.2, 0.1], opts);
    expect(r.value).toBeLessThan(stuck.value);
    expect(Math.abs(r.x[0] - xStar)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1] + xStar / 12)).toBeLessThan(1e-4);
  });

  test('boxMode "reject" (R\'s way): outside the box is +Infinity, the optimum is approached from inside', () => {
    const r = minimize((x) => (x[0] - 2) ** 2, [0.5], { lower: [0], upper: [1], boxMode: "reject" });
    expect(r.x[0]).toBeLessThanOrEqual(1);
    expect(1 - r.x[0]).toBeLessThan(1e-6);
    expect(Math.abs(r.value - 1)).toBeLessThan(1e-5);
  });
});

describe("minimize: ties and restarts", () => {
  test("a start placed symmetrically about the minimum (equal values) is a tie, not convergence", () => {
    // f(0.25) = f(0.75) exactly: the values agree at once, the centroid 0.5 shows they are a tie.
    const r = minimize((x) => (x[0] - 0.5) ** 2, [0.25], { lower: [-10], upper: [10], steps: [0.5] });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBe(0.5);
    expect(r.value).toBe(0);
  });

  test("restarts: a fresh simplex from the best point gets further on an oblique boundary (Holt, beta <= alpha)", () => {
    const y = series(104, 1);
    const holt = (x: Float64Array) => {
      let level = x[2];
      let trend = x[3];
      let s = 0;
      for (let t = 0; t < y.length; t++) {
        const e = y[t] - (level + trend);
        s += e * e;
        const next = level + trend + x[0] * e;
        trend += x[1] * e;
        level = next;
      }
      return y.length * Math.log(s / y.length);
    };
    const opts: MinimizeOptions = {
      lower: [1e-4, 1e-4, -Infinity, -Infinity],
      upper: [0.9999, 0.9999, Infinity, Infinity],
      feasible: (x) => x[1] <= x[0],
    };
    const once = minimize(holt, [0.2, 0.02, y[0], 0], opts);
    const again = minimize(holt, [0.2, 0.02, y[0], 0], { ...opts, restarts: 3 });
    expect(once.converged && again.converged).toBe(true);
    expect(again.value).toBeLessThan(once.value - 0.01);
    expect(again.evaluations).toBeGreaterThan(once.evaluations);
    expect(again.x[1]).toBeLessThanOrEqual(again.x[0]);
  });

  test("restarts never make the answer worse", () => {
    for (const start of [
      [-1.2, 1],
      [0, 0],
      [2, -2],
    ]) {
      const a = minimize(rosenbrock, start, box(2, -5, 5));
      const b = minimize(rosenbrock, start, { ...box(2, -5, 5), restarts: 2 });
      expect(b.value).toBeLessThanOrEqual(a.value);
    }
  });
});

describe("minimize: feasibility region", () => {
  test("min (x-1)^2 + (y-1)^2 subject to x + y <= 1: (0.5, 0.5); f never sees an infeasible point", () => {
    let infeasibleCalls = 0;
    const r = minimize(
      (x) => {
        if (x[0] + x[1] > 1) infeasibleCalls++;
        return (x[0] - 1) ** 2 + (x[1] - 1) ** 2;
      },
      [0, 0],
      { ...box(2, -2, 2), feasible: (x) => x[0] + x[1] <= 1, tolerance: 1e-12 },
    );
    expect(infeasibleCalls).toBe(0);
    expect(r.x[0] + r.x[1]).toBeLessThanOrEqual(1);
    expect(Math.abs(r.value - 0.5)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[0] - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(r.x[1] - 0.5)).toBeLessThan(0.02);
  });

  test("Holt-like region beta <= alpha inside [1e-4, 0.9999]^2", () => {
    // The unconstrained minimum (0.2, 0.6) violates beta <= alpha: the answer lies on beta = alpha,
    // at the minimum of (a - 0.2)^2 + (a - 0.6)^2, a = 0.4.
    const f = (x: Float64Array) => (x[0] - 0.2) ** 2 + (x[1] - 0.6) ** 2;
    const r = minimize(f, [0.5, 0.05], { ...box(2, 1e-4, 0.9999), feasible: (x) => x[1] <= x[0] });
    expect(r.x[1]).toBeLessThanOrEqual(r.x[0]);
    expect(Math.abs(r.value - 0.08)).toBeLessThan(1e-4);
  });
});

describe("minimize: simple exponential smoothing against a grid", () => {
  test.each([
    ["random-walk level (interior alpha)", series(104, 7)],
    ["another series", series(104, 12345)],
    ["a trending series (alpha on its upper bound)", Float64Array.from({ length: 52 }, (_, t) => 10 + 3 * t + (t % 3))],
  ])("%s: the optimiser's minimum is within 1e-6 of the grid's refined minimum", (_name, y) => {
    const lo = 1e-4;
    const hi = 0.9999;
    const grid = gridMinimum((a) => sesSse(y, a), lo, hi, 20001);
    const r = minimize((x) => sesSse(y, x[0]), [lo + 0.2 * (hi - lo)], { lower: [lo], upper: [hi] });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value - grid.value)).toBeLessThanOrEqual(1e-6 * grid.value);
    expect(r.value).toBeLessThanOrEqual(grid.value * (1 + 1e-6));
    expect(Math.abs(r.x[0] - grid.x)).toBeLessThan(2e-3);
    expect(r.value).toBe(sesSse(y, r.x[0]));
  });

  test("level and alpha together (2 variables) beat the best alpha with the level fixed at y[0]", () => {
    const y = series(104, 99);
    const sse = (x: Float64Array) => {
      let level = x[1];
      let s = 0;
      for (let t = 0; t < y.length; t++) {
        const e = y[t] - level;
        s += e * e;
        level += x[0] * e;
      }
      return s;
    };
    const r = minimize(sse, [0.2, y[0]], { lower: [1e-4, -Infinity], upper: [0.9999, Infinity] });
    expect(r.converged).toBe(true);
    const alphaOnly = gridMinimum((a) => sse(Float64Array.of(a, y[0])), 1e-4, 0.9999, 2001);
    expect(r.value).toBeLessThanOrEqual(alphaOnly.value);
  });
});

describe("minimize: determinism and limits", () => {
  test("same input, same output, bit for bit, even with other calls in between", () => {
    const run = () => minimize(rosenbrock, [-1.2, 1, 0.5], { ...box(3, -5, 5), tolerance: 1e-12 });
    const a = run();
    minimize((x) => (x[0] - 1) ** 2 + x[1] ** 2 + x[2] ** 4, [3, 3, 3], box(3, -5, 5)); // reuses the pooled workspace
    minimize((x) => x[0] ** 2, [0.7], box(1, -1, 1));
    const b = run();
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    for (let i = 0; i < 3; i++) expect(Object.is(b.x[i], a.x[i])).toBe(true);
    expect(b.value).toBe(a.value);
    expect(b.iterations).toBe(a.iterations);
    expect(b.evaluations).toBe(a.evaluations);
  });

  test("the iteration limit is respected", () => {
    for (const maxIterations of [0, 1, 10, 57]) {
      const r = minimize(rosenbrock, [-1.2, 1], { ...box(2, -5, 5), maxIterations });
      expect(r.iterations).toBe(maxIterations);
      expect(r.converged).toBe(false);
      expect(r.evaluations).toBeLessThanOrEqual(3 + maxIterations * 3); // a shrink costs n, a step at most 2
    }
  });

  test("the evaluation limit is a hard cap on calls of f", () => {
    for (const maxEvaluations of [1, 2, 3, 10, 100]) {
      let calls = 0;
      const r = minimize(
        (x) => {
          calls++;
          return rosenbrock(x);
        },
        [-1.2, 1, 1],
        { ...box(3, -5, 5), maxEvaluations },
      );
      expect(calls).toBe(r.evaluations);
      expect(calls).toBeLessThanOrEqual(maxEvaluations);
      expect(r.converged).toBe(false);
      expect(r.value).toBe(rosenbrock(r.x));
    }
  });

  test("the result is the best point seen and its value; the returned x is a fresh array", () => {
    let best = Infinity;
    const r = minimize(
      (x) => {
        const v = rosenbrock(x);
        if (v < best) best = v;
        return v;
      },
      [0, 0],
      box(2, -2, 2),
    );
    expect(r.value).toBe(best);
    const again = minimize(rosenbrock, [0, 0], box(2, -2, 2));
    expect(again.x).not.toBe(r.x);
    expect(Array.from(again.x)).toEqual(Array.from(r.x));
  });
});

describe("minimize: hostile objective values", () => {
  test("NaN and +-Infinity from f are infeasible, even at x0", () => {
    const f = (x: Float64Array) => {
      const v = x[0];
      if (v < 0.2) return NaN;
      if (v > 0.8) return Infinity;
      if (v > 0.7 && v < 0.72) return -Infinity;
      return (v - 0.5) ** 2;
    };
    const r = minimize(f, [0.1], { lower: [0], upper: [1] }); // f(x0) is NaN
    expect(r.converged).toBe(true);
    expect(Number.isFinite(r.value)).toBe(true);
    expect(Math.abs(r.x[0] - 0.5)).toBeLessThan(1e-3);
  });

  test("nowhere feasible: no crash, value Infinity, not converged", () => {
    const r = minimize(() => NaN, [0.5, 0.5], box(2, 0, 1));
    expect(r.value).toBe(Infinity);
    expect(r.converged).toBe(false);
    expect(Array.from(r.x)).toEqual([0.5, 0.5]);
    const g = minimize((x) => x[0], [0.5], { lower: [0], upper: [1], feasible: () => false });
    expect(g.value).toBe(Infinity);
    expect(g.evaluations).toBe(0);
  });

  test("a feasible island surrounded by NaN is found from a start inside it", () => {
    const f = (x: Float64Array) => (Math.hypot(x[0] - 1, x[1] - 1) < 0.3 ? (x[0] - 1.1) ** 2 + (x[1] - 0.9) ** 2 : NaN);
    const r = minimize(f, [1, 1], { ...box(2, -5, 5), initialStep: 0.01 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1.1)).toBeLessThan(1e-3);
    expect(Math.abs(r.x[1] - 0.9)).toBeLessThan(1e-3);
  });
});

describe("minimize: arguments and corner cases", () => {
  test("no variables: f is evaluated once", () => {
    const r = minimize(() => 4, [], { lower: [], upper: [] });
    expect(r).toEqual({ x: new Float64Array(0), value: 4, iterations: 0, evaluations: 1, converged: true });
  });

  test("a nested minimisation (f calls minimize) works", () => {
    // min over a of (min over b of (b - a)^2 + b^2) + (a - 1)^2: inner b = a/2, inner value a^2/2; outer a = 2/3.
    const outer = minimize(
      (xa) => {
        const a = xa[0];
        const inner = minimize((xb) => (xb[0] - a) ** 2 + xb[0] ** 2, [0], { lower: [-10], upper: [10], tolerance: 1e-14 });
        return inner.value + (a - 1) ** 2;
      },
      [0],
      { lower: [-10], upper: [10], tolerance: 1e-14 },
    );
    expect(Math.abs(outer.x[0] - 2 / 3)).toBeLessThan(1e-5);
  });

  test("explicit starting steps are used", () => {
    const seen: number[] = [];
    minimize(
      (x) => {
        if (seen.length < 6) seen.push(x[0], x[1]);
        return x[0] ** 2 + x[1] ** 2;
      },
      [1, 2],
      { lower: [-Infinity, -Infinity], upper: [Infinity, Infinity], steps: [0.5, 0.25], maxIterations: 0 },
    );
    expect(seen).toEqual([1, 2, 1.5, 2, 1, 2.25]);
  });

  test("inconsistent arguments throw a DomainError naming the argument", () => {
    const f = (x: Float64Array) => x[0];
    const cases: [() => unknown, RegExp][] = [
      [() => minimize(f, [0], { lower: [0, 1], upper: [1] }), /lower and upper/],
      [() => minimize(f, [0], { lower: [1], upper: [0] }), /bounds of variable 0/],
      [() => minimize(f, [0], { lower: [NaN], upper: [1] }), /bounds of variable 0/],
      [() => minimize(f, [NaN], { lower: [0], upper: [1] }), /x0\[0\]/],
      [() => minimize(f, [0], { lower: [0], upper: [1], maxIterations: -1 }), /maxIterations/],
      [() => minimize(f, [0], { lower: [0], upper: [1], tolerance: NaN }), /tolerance/],
      [() => minimize(f, [0], { lower: [0], upper: [1], initialStep: 0 }), /initialStep/],
      [() => minimize(f, [0], { lower: [0], upper: [1], steps: [0] }), /steps\[0\]/],
      [() => minimize(f, [0], { lower: [0], upper: [1], steps: [1, 1] }), /steps needs 1/],
      [() => minimize(f, [0], { lower: [0], upper: [1], restarts: 1.5 }), /restarts/],
      [() => minimize(f, [0], { lower: [0], upper: [1], boxMode: "clip" as "project" }), /boxMode/],
    ];
    for (const [fn, message] of cases) {
      expect(fn).toThrow(DomainError);
      expect(fn).toThrow(message);
    }
  });
});
