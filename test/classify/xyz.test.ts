/**
 * XYZ's engine (src/classify/xyz.ts). Published example: a planner's worked XYZ example on the
 * olegon.ru retail forum (thread 22257, "XYZ по месяцам"), which shows that the CV depends on the
 * period length: one item's weekly sales over 36 weeks give CV 59%, the same sales by month (4 weeks)
 * 29%, by quarter 19%. Those are the sample standard deviation's figures (Excel's STDEV, as this
 * function uses); the population one (STDEV.P) would give 58%, 28% and 16%.
 */
import { classifyXyz, demandCv, xyz, xyzCutoffsDomainError } from "../../src/classify/xyz";
import { expectDomainError, expectRel } from "../engine/helpers";

const WEEKLY = [
  0, 15, 40, 15, 10, 15, 20, 15, 10, 15, 20, 15, 5, 20, 45, 20, 15, 20, 25, 20, 15, 20, 25, 20, 40, 10, 35, 10, 5, 10, 15, 10, 5, 10, 15,
  10,
];
const sumsOf = (x: number[], k: number) =>
  Array.from({ length: x.length / k }, (_, i) => x.slice(i * k, i * k + k).reduce((a, b) => a + b, 0));

describe("the olegon.ru example: one item's sales by week, month and quarter", () => {
  test("the aggregates are the forum's: months 70 60 60 90 80 80 95 40 40, quarters 190 250 175", () => {
    expect(sumsOf(WEEKLY, 4)).toEqual([70, 60, 60, 90, 80, 80, 95, 40, 40]);
    expect(sumsOf(WEEKLY, 12)).toEqual([190, 250, 175]);
  });

  test("CV 59% by week, 29% by month, 19% by quarter", () => {
    // R: sd(x) / mean(x)
    expectRel(demandCv(WEEKLY), 0.58693170359010904, 1e-12);
    expectRel(demandCv(sumsOf(WEEKLY, 4)), 0.29268292682926833, 1e-12);
    expectRel(demandCv(sumsOf(WEEKLY, 12)), 0.19359155934618955, 1e-12);
    expect(Math.round(100 * demandCv(WEEKLY))).toBe(59);
    expect(Math.round(100 * demandCv(sumsOf(WEEKLY, 4)))).toBe(29);
    expect(Math.round(100 * demandCv(sumsOf(WEEKLY, 12)))).toBe(19);
  });

  test("classes with the defaults (0.5, 1.0) and with the forum's 10% / 25% cut-offs", () => {
    expect([WEEKLY, sumsOf(WEEKLY, 4), sumsOf(WEEKLY, 12)].map((x) => xyz(x)).join("")).toBe("YXX");
    expect([WEEKLY, sumsOf(WEEKLY, 4), sumsOf(WEEKLY, 12)].map((x) => xyz(x, x.length, 0.1, 0.25)).join("")).toBe("ZZY");
  });
});

describe("cut-offs and edge cases", () => {
  test('"X" below x_cv, "Y" below y_cv, else "Z": a CV equal to a cut-off is in the next class', () => {
    expect(classifyXyz(0.4999)).toBe("X");
    expect(classifyXyz(0.5)).toBe("Y");
    expect(classifyXyz(0.9999)).toBe("Y");
    expect(classifyXyz(1)).toBe("Z");
    expect(classifyXyz(0.3, 0.3, 0.3)).toBe("Z");
  });

  test("the sample standard deviation (n - 1): 2 and 4 have CV sqrt(2)/3", () => {
    expectRel(demandCv([2, 4]), Math.SQRT2 / 3, 1e-15);
    expect(demandCv([7, 7, 7])).toBe(0);
    expect(xyz([7, 7, 7])).toBe("X");
  });

  test("zeros are periods without demand and count", () => {
    // 0, 10: mean 5, sd 7.07: CV 1.414
    expectRel(demandCv([0, 10]), Math.SQRT2, 1e-15);
  });

  test("fewer than two periods and all-zero histories are #N/A; negative values #NUM!", () => {
    expectDomainError(() => demandCv([5]), "na", /at least 2 periods/);
    expectDomainError(() => demandCv([0, 0, 0]), "na", /no demand/);
    expectDomainError(() => demandCv([3, -1]), "num", /negative value at period 2/);
    expectDomainError(() => demandCv([3, Infinity]), "num", /finite/);
    expectDomainError(() => demandCv([1e300, 1e300, 0]), "num", /coefficient of variation/);
  });

  test("cut-offs: finite, 0 <= x_cv <= y_cv", () => {
    expect(xyzCutoffsDomainError(0.5, 1)).toBeUndefined();
    expect(xyzCutoffsDomainError(0, 0)).toBeUndefined();
    expect(xyzCutoffsDomainError(1, 0.5)?.message).toMatch(/x_cv must be <= y_cv/);
    expect(xyzCutoffsDomainError(-0.1, 0.5)?.kind).toBe("num");
    expect(xyzCutoffsDomainError(0.1, Infinity)?.kind).toBe("num");
    expectDomainError(() => xyz([1, 2], 2, 2, 1), "num", /x_cv/);
  });
});
