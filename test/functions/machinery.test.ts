/**
 * The adapter machinery: coercion of Excel arguments (excelArgs), broadcasting (broadcast), the
 * mapping of failures to Excel errors (excelErrors) and the slices of the cancelable functions
 * (slices). Uses a tiny engine function so that every expected value is obvious from the inputs.
 */
import { DomainError } from "../../src/errors";
import { coerceNumber, coerceText, requiredNumber, scalarNumber, scalarText, toGrid, toVector } from "../../functions/excelArgs";
import { errorFromException, excelError, GENERIC_MESSAGE, PassedError } from "../../functions/excelErrors";
import { finiteCells, lift, LiftedSpec, MAX_RESULT_CELLS } from "../../functions/broadcast";
import { CanceledError, runInSlices, SLICE_MS } from "../../functions/slices";
import { installCustomFunctionsStandIn, isErr, show, showAll, StandInError } from "./standIn";

// Excel's runtime is not available here: install the CustomFunctions stand-in.
beforeAll(installCustomFunctionsStandIn);

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
};

describe("excelErrors", () => {
  test("only #VALUE! and #N/A carry a message", () => {
    expect(excelError("#VALUE!", "m")).toEqual(new StandInError("#VALUE!", "m"));
    expect(excelError("#N/A", "m")).toEqual(new StandInError("#N/A", "m"));
    expect(excelError("#NUM!", "m").message).toBeUndefined();
    expect(excelError("#DIV/0!", "m").message).toBeUndefined();
  });

  test("DomainError kinds map to their Excel error", () => {
    expect(show(errorFromException(new DomainError("value", "v")))).toBe("#VALUE!: v");
    expect(show(errorFromException(new DomainError("num", "n")))).toBe("#NUM!");
    expect(show(errorFromException(new DomainError("div0", "d")))).toBe("#DIV/0!");
    expect(show(errorFromException(new DomainError("na", "a")))).toBe("#N/A: a");
  });

  test("anything else thrown is #VALUE! with a generic message; passed errors pass through", () => {
    expect(show(errorFromException(new TypeError("x is undefined")))).toBe(`#VALUE!: ${GENERIC_MESSAGE}`);
    expect(show(errorFromException("a string"))).toBe(`#VALUE!: ${GENERIC_MESSAGE}`);
    expect(show(errorFromException(undefined))).toBe(`#VALUE!: ${GENERIC_MESSAGE}`);
    const na = excelError("#N/A", "from the sheet");
    expect(errorFromException(new PassedError(na))).toBe(na);
  });
});

describe("excelArgs", () => {
  test("coerceNumber: numbers, blanks, text, booleans, NaN, Excel errors, cell-value objects", () => {
    expect(coerceNumber(2.5, "a")).toBe(2.5);
    expect(coerceNumber(-0, "a")).toBe(-0);
    for (const blank of [null, undefined, ""]) expect(coerceNumber(blank, "a")).toBeUndefined();
    expect(thrown(() => coerceNumber("12", "lead_time"))).toEqual(new DomainError("value", "lead_time must be a number, not text"));
    expect((thrown(() => coerceNumber(true, "a")) as DomainError).kind).toBe("value");
    for (const bad of [NaN, Infinity, -Infinity]) expect((thrown(() => coerceNumber(bad, "a")) as DomainError).kind).toBe("num");
    expect((thrown(() => coerceNumber({}, "a")) as DomainError).kind).toBe("value");
    expect((thrown(() => coerceNumber([1], "a")) as DomainError).kind).toBe("value");
    const na = new StandInError("#N/A", "x");
    expect((thrown(() => coerceNumber(na, "a")) as PassedError).error).toBe(na);
    // Excel.CellValue objects (rich data): numbers unwrap, errors map to their code.
    expect(coerceNumber({ type: "Double", basicValue: 7 }, "a")).toBe(7);
    expect(coerceNumber({ type: "Empty" }, "a")).toBeUndefined();
    expect(show((thrown(() => coerceNumber({ type: "Error", errorType: "Div0" }, "a")) as PassedError).error)).toBe("#DIV/0!");
    expect((thrown(() => coerceNumber({ type: "String", basicValue: "x" }, "a")) as DomainError).kind).toBe("value");
  });

  test("coerceText: text, blanks, non-text", () => {
    expect(coerceText("cv", "method")).toBe("cv");
    expect(coerceText("", "method")).toBeUndefined();
    expect(coerceText(null, "method")).toBeUndefined();
    expect(thrown(() => coerceText(3, "method"))).toEqual(new DomainError("value", "method must be text"));
  });

  test("toGrid: scalars, omitted, rectangular, empty, ragged and 1-D arrays", () => {
    expect(toGrid(5, "a")).toMatchObject({ rows: 1, cols: 1, data: [[5]] });
    expect(toGrid(null, "a")).toMatchObject({ rows: 1, cols: 1, data: [[undefined]] });
    const col = [[1], [2], [3]];
    const g = toGrid(col, "a");
    expect(g).toMatchObject({ rows: 3, cols: 1 });
    expect(g.data).toBe(col); // a view, never a copy
    for (const bad of [[], [[]], [1, 2], [[1, 2], [3]], [[1], 2]]) {
      expect((thrown(() => toGrid(bad, "x")) as DomainError).kind).toBe("value");
    }
  });

  test("single values and lists", () => {
    expect(scalarNumber([[4]], "a")).toBe(4);
    expect(scalarNumber(null, "a")).toBeUndefined();
    expect(thrown(() => scalarNumber([[1, 2]], "a"))).toEqual(new DomainError("value", "a must be a single value, not a range"));
    expect(thrown(() => requiredNumber([[""]], "dc_holding"))).toEqual(new DomainError("value", "dc_holding is required"));
    expect(scalarText([["detail"]], "output")).toBe("detail");
    const row = toVector([[1, 2, 3]], "b");
    const column = toVector([[1], [2], [3]], "b");
    expect([row.length, row.get(2), column.length, column.get(2)]).toEqual([3, 3, 3, 3]);
    expect(
      (
        thrown(() =>
          toVector(
            [
              [1, 2],
              [3, 4],
            ],
            "b",
          ),
        ) as DomainError
      ).kind,
    ).toBe("value");
  });
});

describe("broadcast (lift)", () => {
  // A two-argument engine function a - b with an optional c (default 0): a >= 0 or #NUM!.
  const calls: unknown[][] = [];
  const SPEC: LiftedSpec = {
    args: [{ name: "a" }, { name: "b" }, { name: "c" }],
    required: 2,
    width: 1,
    compute: (v, out, at) => {
      calls.push([...v]);
      const [a, b, c] = v as [number, number, number | undefined];
      if (a < 0) throw new DomainError("num", "a must be >= 0");
      out[at] = a - b + (c ?? 0);
    },
  };
  const run = (...args: unknown[]) => showAll(lift(SPEC, args));

  test("scalars as Excel passes them (1x1 arrays) and as plain values", () => {
    expect(run([[5]], [[2]])).toEqual([[3]]);
    expect(run(5, 2, 1)).toEqual([[4]]);
  });

  test("same-shape ranges pair element by element; a 1x1 argument repeats", () => {
    expect(run([[1], [2], [3]], [[10], [20], [30]])).toEqual([[-9], [-18], [-27]]);
    expect(
      run(
        [
          [1, 2],
          [3, 4],
        ],
        [[1]],
      ),
    ).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  test("a column and a row broadcast to a grid", () => {
    expect(run([[10], [20]], [[1, 2, 3]])).toEqual([
      [9, 8, 7],
      [19, 18, 17],
    ]);
  });

  test("shapes that do not broadcast are one #VALUE! naming the argument", () => {
    const [[e]] = lift(SPEC, [
      [[1], [2], [3]],
      [[1], [2]],
    ]);
    expect(isErr(e, "#VALUE!")).toBe(true);
    expect((e as StandInError).message).toMatch(/^b has 2 rows where other arguments have 3/);
    expect(isErr(lift(SPEC, [[[1, 2, 3]], [[1, 2]]])[0][0], "#VALUE!")).toBe(true);
  });

  test("an error affects only its own cell", () => {
    expect(run([[1], [-1], ["x"], [true], [NaN], [4]], [[0]])).toEqual([
      [1],
      ["#NUM!"],
      ["#VALUE!: a must be a number, not text"],
      ["#VALUE!: a must be a number, not a boolean (TRUE/FALSE)"],
      ["#NUM!"],
      [4],
    ]);
  });

  test("a blank row gives a blank; a blank required value among others is #VALUE!", () => {
    expect(run([[1], [""], [null], [3], [""]], [[1], [null], [""], [""], [2]])).toEqual([
      [0],
      [""],
      [""],
      ["#VALUE!: b is required"],
      ["#VALUE!: a is required"],
    ]);
  });

  test("a single-cell argument does not make a blank row non-blank (SKU table with a literal)", () => {
    expect(run([[4], [""], [6]], [[1]])).toEqual([[3], [""], [5]]);
    // keys run down the rows: a blank row of the column argument is blank across the row argument
    expect(run([[10], [""]], [[1, 2]])).toEqual([
      [9, 8],
      ["", ""],
    ]);
    // all single cells: blank when every required one is blank
    expect(run([[""]], [[null]])).toEqual([[""]]);
    expect(run(null, null)).toEqual([[""]]);
  });

  test("omitted or blank optional arguments are passed as undefined", () => {
    calls.length = 0;
    run([[1], [2]], [[1]], [[""], [null]]);
    run([[1]], [[1]], null);
    run([[1]], [[1]], undefined);
    expect(calls).toEqual([
      [1, 1, undefined],
      [2, 1, undefined],
      [1, 1, undefined],
      [1, 1, undefined],
    ]);
    expect(run([[1]], [[1]], [[5]])).toEqual([[5]]);
  });

  test("an invalid single-cell argument is the error of every element", () => {
    expect(run([[1], [2]], [["x"]])).toEqual([["#VALUE!: b must be a number, not text"], ["#VALUE!: b must be a number, not text"]]);
  });

  test("empty and ragged ranges are #VALUE!", () => {
    for (const bad of [[], [[]], [[1], [2, 3]]]) expect(isErr(lift(SPEC, [bad, 1])[0][0], "#VALUE!")).toBe(true);
  });

  test("an engine bug (any other exception) becomes #VALUE!, never a throw", () => {
    const buggy: LiftedSpec = {
      ...SPEC,
      compute: () => {
        throw new TypeError("boom");
      },
    };
    expect(showAll(lift(buggy, [1, 2]))).toEqual([[`#VALUE!: ${GENERIC_MESSAGE}`]]);
  });

  test("non-finite or missing engine results never reach a cell", () => {
    const nan: LiftedSpec = {
      ...SPEC,
      compute: (v, out, at) => {
        out[at] = (v[0] as number) > 0 ? NaN : undefined;
      },
    };
    expect(showAll(lift(nan, [[[1], [0]], 2]))).toEqual([["#NUM!"], ["#VALUE!: SCM: no result"]]);
    expect(showAll(finiteCells([[1, Infinity, "x"]]))).toEqual([[1, "#NUM!", "x"]]);
  });

  test("width 3: each element spills three cells, errors and blanks fill all three", () => {
    const triple: LiftedSpec = {
      args: [{ name: "a" }],
      required: 1,
      width: 3,
      compute: (v, out, at) => {
        const a = v[0] as number;
        if (a < 0) throw new DomainError("num", "neg");
        out[at] = a;
        out[at + 1] = 2 * a;
        out[at + 2] = 3 * a;
      },
    };
    expect(showAll(lift(triple, [[[1], [""], [-1]]]))).toEqual([
      [1, 2, 3],
      ["", "", ""],
      ["#NUM!", "#NUM!", "#NUM!"],
    ]);
    expect(showAll(lift(triple, [[[1, 2]]]))).toEqual([[1, 2, 3, 2, 4, 6]]);
  });

  test("text arguments are passed as strings; numbers there are #VALUE!", () => {
    const text: LiftedSpec = {
      args: [{ name: "x" }, { name: "method", text: true }],
      required: 1,
      width: 1,
      compute: (v, out, at) => {
        out[at] = v[1] === undefined ? v[0] : (v[0] as number) * 10;
      },
    };
    expect(
      showAll(
        lift(text, [
          [[1], [2]],
          [["es"], [""]],
        ]),
      ),
    ).toEqual([[10], [2]]);
    expect(showAll(lift(text, [1, 5]))).toEqual([["#VALUE!: method must be text"]]);
  });

  test("a result larger than the cap is one #VALUE!, not an out-of-memory", () => {
    // A column of 2,097,152 rows (rows shared, to keep the test light) against a row of 4.
    const rows = new Array(MAX_RESULT_CELLS / 2).fill([1]);
    const cols = [new Array(4).fill(1)];
    const [[e]] = lift(SPEC, [rows, cols]);
    expect(isErr(e, "#VALUE!")).toBe(true);
    expect((e as StandInError).message).toMatch(/more than 4194304 cells/);
  });
});

describe("slices (runInSlices)", () => {
  /** A step that takes about ms of wall time. */
  const busy = (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end);
  };

  test("a short job runs every step at once, in order, with no pause", async () => {
    const done: number[] = [];
    const p = runInSlices(5, (i) => done.push(i));
    expect(done).toEqual([0, 1, 2, 3, 4]); // before the promise is awaited: no timer was needed
    await p;
    await expect(runInSlices(0, () => done.push(-1))).resolves.toBeUndefined();
    expect(done).toEqual([0, 1, 2, 3, 4]);
  });

  test("a long job runs in slices of about SLICE_MS, with the event loop free between them", async () => {
    const done: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0); // runs only while the job pauses
    const p = runInSlices(20, (i) => (busy(4), done.push(i)), null);
    // The first slice ran at once: steps of 4 ms until SLICE_MS (15 ms) had passed, about 4 of them
    // (fewer on a machine busy enough to stretch a step).
    expect(SLICE_MS).toBe(15);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeLessThanOrEqual(10);
    expect(ticks).toBe(0);
    await p;
    clearInterval(timer);
    expect(done).toEqual([...Array(20).keys()]);
    expect(ticks).toBeGreaterThanOrEqual(1); // the interval ran between slices
  });

  test("canceled: no step runs after onCanceled fires, and the promise rejects (never resolves with part of the work)", async () => {
    const invocation: CustomFunctions.CancelableInvocation = {};
    const done: number[] = [];
    const p = runInSlices(100, (i) => (busy(2), done.push(i)), invocation);
    expect(typeof invocation.onCanceled).toBe("function");
    const firstSlice = done.length; // the first slice ran synchronously
    expect(firstSlice).toBeGreaterThan(0);
    expect(firstSlice).toBeLessThan(100);
    invocation.onCanceled!();
    await expect(p).rejects.toBeInstanceOf(CanceledError);
    expect(done.length).toBe(firstSlice);
    await new Promise((r) => setTimeout(r, 20));
    expect(done.length).toBe(firstSlice);
  });

  test("a cancel after the last slice changes nothing: the result is complete", async () => {
    const invocation: CustomFunctions.CancelableInvocation = {};
    const done: number[] = [];
    const p = runInSlices(3, (i) => done.push(i), invocation);
    invocation.onCanceled!();
    await expect(p).resolves.toBeUndefined();
    expect(done).toEqual([0, 1, 2]);
  });

  test("what a step throws rejects the promise (the functions' steps catch their own errors)", async () => {
    await expect(
      runInSlices(3, (i) => {
        if (i === 1) throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
  });
});
