/**
 * The one-series-per-row reader (functions/rowSeries.ts) that DEMAND_CLASS, XYZ and
 * FORECAST_ACCURACY share: layout, the blank rules (README, "Custom functions", Series, one per row), and cell errors.
 */
import { BLANK, ERROR, RowSeries, VALUES } from "../../functions/rowSeries";
import { DomainError } from "../../src/errors";
import { installCustomFunctionsStandIn, show, StandInError } from "./standIn";

beforeAll(installCustomFunctionsStandIn);

const values = (r: RowSeries) => Array.from(r.values.subarray(0, r.length));

describe("layout", () => {
  test("a 2-D range holds one series per row, periods across", () => {
    const r = new RowSeries(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      "history",
    );
    expect([r.count, r.periods, r.single]).toEqual([2, 3, false]);
    expect(r.read(1)).toBe(VALUES);
    expect(values(r)).toEqual([4, 5, 6]);
    expect(r.read(0)).toBe(VALUES);
    expect(values(r)).toEqual([1, 2, 3]);
  });

  test("a single column is one series down the rows; a single row and a single cell are one series", () => {
    const c = new RowSeries([[1], [2], [3]], "history");
    expect([c.count, c.periods, c.single, c.read(0)]).toEqual([1, 3, true, VALUES]);
    expect(values(c)).toEqual([1, 2, 3]);
    const r = new RowSeries([[1, 2, 3]], "history");
    expect([r.count, r.periods, r.single, r.read(0)]).toEqual([1, 3, true, VALUES]);
    const one = new RowSeries(7, "history");
    expect([one.count, one.periods, one.read(0), values(one)]).toEqual([1, 1, VALUES, [7]]);
  });

  test("missing, empty or ragged ranges throw #VALUE! naming the argument", () => {
    expect(() => new RowSeries(null, "actual")).toThrow(new DomainError("value", "actual is required"));
    expect(() => new RowSeries([], "actual")).toThrow(/actual is an empty or malformed range/);
    expect(() => new RowSeries([[1, 2], [3]], "actual")).toThrow(/actual is not a rectangular range \(row 2\)/);
  });
});

describe("blanks", () => {
  test('leading and trailing blanks (null, undefined, "") are skipped; first is the period of the first value', () => {
    const r = new RowSeries([[null, "", 0, 5, 0, undefined, ""]], "history");
    expect(r.read(0)).toBe(VALUES);
    expect([values(r), r.first, r.length]).toEqual([[0, 5, 0], 2, 3]);
  });

  test("a blank between numbers is #VALUE! naming its period (counted from the range's first cell)", () => {
    const r = new RowSeries([["", 1, 2, "", null, 3]], "history");
    expect(r.read(0)).toBe(ERROR);
    expect(show(r.error)).toBe("#VALUE!: history has a blank at period 4: enter 0 for no demand");
    const c = new RowSeries([[1], [null], [2]], "forecast");
    expect(c.read(0)).toBe(ERROR);
    expect(show(c.error)).toBe("#VALUE!: forecast has a blank at period 2: enter 0 for no demand");
  });

  test("an all-blank series is BLANK; a blank row does not disturb the next", () => {
    const r = new RowSeries(
      [
        [null, ""],
        [1, 2],
      ],
      "history",
    );
    expect(r.read(0)).toBe(BLANK);
    expect(r.read(1)).toBe(VALUES);
    expect(values(r)).toEqual([1, 2]);
  });
});

describe("cells", () => {
  test("text, booleans, NaN and Excel errors are that series' error; rich number values are read", () => {
    const na = new StandInError("#N/A", "lookup failed");
    const r = new RowSeries(
      [
        [1, "x", 2],
        [1, true, 2],
        [1, NaN, 2],
        [1, na, 2],
        [1, { type: "Double", basicValue: 4 }, { type: "Empty" }],
      ],
      "history",
    );
    expect(r.read(0)).toBe(ERROR);
    expect(show(r.error)).toBe("#VALUE!: history (row 1, period 2) must be a number, not text");
    expect(r.read(1)).toBe(ERROR);
    expect(show(r.error)).toBe("#VALUE!: history (row 2, period 2) must be a number, not a boolean (TRUE/FALSE)");
    expect(r.read(2)).toBe(ERROR);
    expect(show(r.error)).toBe("#NUM!");
    expect(r.read(3)).toBe(ERROR);
    expect(r.error).toBe(na);
    expect(r.read(4)).toBe(VALUES);
    expect(values(r)).toEqual([1, 4]);
  });

  test("a single series names the period only", () => {
    const r = new RowSeries([[1], ["x"]], "history");
    expect(r.read(0)).toBe(ERROR);
    expect(show(r.error)).toBe("#VALUE!: history (period 2) must be a number, not text");
  });

  test("a whole column (1,048,576 rows) with a 3-period history is one series of 3 values", () => {
    const ROWS = 1048576;
    const c: unknown[][] = new Array(ROWS);
    for (let i = 0; i < ROWS; i++) c[i] = [i >= 10 && i < 13 ? i : null];
    const r = new RowSeries(c, "history");
    expect(r.read(0)).toBe(VALUES);
    expect([values(r), r.first]).toEqual([[10, 11, 12], 10]);
  });
});
