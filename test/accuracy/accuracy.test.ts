/**
 * FORECAST_ACCURACY's engine (src/accuracy/accuracy.ts) against the worked example of Hyndman &
 * Athanasopoulos, Forecasting: Principles and Practice, 2nd ed. (FPP2), section 3.4 "Evaluating
 * forecast accuracy": quarterly Australian beer production (fpp2::ausbeer), fitted on 1992 Q1 - 2007 Q4
 * and evaluated on 2008 Q1 - 2010 Q2 with the mean, naive and seasonal naive methods. The book's table:
 *
 *                   RMSE    MAE   MAPE  MASE
 *   Mean method    38.45  34.83   8.28  2.44
 *   Naive method   62.69  57.40  14.18  4.01
 *   Seasonal naive 14.31  13.40   3.17  0.94
 *
 * The full-precision numbers below come from R 4.2.2 with forecast 8.20 (MASE scaled by the in-sample
 * seasonal naive MAE, frequency 4), ausbeer from the fpp2 package's data/ausbeer.rda:
 *
 *   beer2 <- window(ausbeer, start = 1992, end = c(2007, 4)); beer3 <- window(ausbeer, start = 2008)
 *   accuracy(meanf(beer2, h = 10), beer3); accuracy(rwf(beer2, h = 10), beer3); accuracy(snaive(beer2, h = 10), beer3)
 *
 * and, for a non-seasonal series (MASE scaled by the naive forecast's in-sample MAE):
 *
 *   x <- ts(c(10, 12, 14, 13, 15, 17, 16, 18)); accuracy(rwf(x, h = 3), c(19, 18, 21)); accuracy(meanf(x, h = 3), c(19, 18, 21))
 *
 * R's MAPE is in percent and its ME is mean(actual - forecast); here mape is a fraction and bias is
 * mean(forecast - actual).
 */
import { ACCURACY_METRICS, AccuracyMetric, forecastAccuracy, naiveScale, parseAccuracyMetric } from "../../src/accuracy/accuracy";
import { expectDomainError, expectRel } from "../engine/helpers";

// prettier-ignore
const BEER_TRAIN = [
  443, 410, 420, 532, 433, 421, 410, 512, 449, 381, 423, 531, 426, 408, 416, 520, 409, 398, 398, 507, 432, 398, 406, 526,
  428, 397, 403, 517, 435, 383, 424, 521, 421, 402, 414, 500, 451, 380, 416, 492, 428, 408, 406, 506, 435, 380, 421, 490,
  435, 390, 412, 454, 416, 403, 408, 482, 438, 386, 405, 491, 427, 383, 394, 473,
];
const BEER_TEST = [420, 390, 410, 488, 415, 398, 419, 488, 414, 374];
const FORECASTS: Record<string, number[]> = {
  mean: new Array(10).fill(435.375),
  naive: new Array(10).fill(473),
  snaive: [427, 383, 394, 473, 427, 383, 394, 473, 427, 383],
};
// R's Test set rows: ME, RMSE, MAE, MAPE (percent), MASE
const R_TEST_SET: Record<string, [number, number, number, number, number]> = {
  mean: [-13.775, 38.447244699718077, 34.825000000000003, 8.283390492741811, 2.435314685314685],
  naive: [-51.4, 62.692902309591638, 57.399999999999999, 14.184424239028141, 4.0139860139860142],
  snaive: [5.2000000000000002, 14.310835055998654, 13.4, 3.168502979852982, 0.93706293706293708],
};

const acc = (metric: AccuracyMetric, a: number[], f: number[], scale?: number) => forecastAccuracy(metric, a, 0, f, 0, a.length, scale);

describe("FPP2 section 3.4: Australian beer production, 2008 Q1 - 2010 Q2", () => {
  const scale = naiveScale(BEER_TRAIN, 0, BEER_TRAIN.length, 4);

  test("the seasonal naive scale is 14.3 (R: the seasonal naive's training-set MAE)", () => {
    expect([BEER_TRAIN.length, BEER_TEST.length]).toEqual([64, 10]);
    expectRel(scale, 14.300000000000001, 1e-14);
  });

  test.each(Object.keys(FORECASTS))("%s method: RMSE, MAE, MAPE, MASE and bias as R's accuracy()", (method) => {
    const f = FORECASTS[method];
    const [me, rmse, mae, mape, mase] = R_TEST_SET[method];
    expectRel(acc("rmse", BEER_TEST, f), rmse, 1e-13);
    expectRel(acc("mae", BEER_TEST, f), mae, 1e-13);
    expectRel(acc("mape", BEER_TEST, f), mape / 100, 1e-13);
    expectRel(acc("mase", BEER_TEST, f, scale), mase, 1e-13);
    expectRel(acc("bias", BEER_TEST, f), -me, 1e-13);
  });

  test("the book's rounded table", () => {
    const table = Object.keys(FORECASTS).map((m) => {
      const f = FORECASTS[m];
      return [acc("rmse", BEER_TEST, f), acc("mae", BEER_TEST, f), 100 * acc("mape", BEER_TEST, f), acc("mase", BEER_TEST, f, scale)].map(
        (x) => Math.round(x * 100) / 100,
      );
    });
    expect(table).toEqual([
      [38.45, 34.83, 8.28, 2.44],
      [62.69, 57.4, 14.18, 4.01],
      [14.31, 13.4, 3.17, 0.94],
    ]);
  });

  test("wape and smape of the seasonal naive forecast (by hand: 134 / 4216; mean of 2|e|/(|a|+|f|))", () => {
    const f = FORECASTS.snaive;
    expect(BEER_TEST.reduce((a, b) => a + b, 0)).toBe(4216);
    expectRel(acc("wape", BEER_TEST, f), 134 / 4216, 1e-14);
    const smape = BEER_TEST.reduce((s, y, t) => s + (2 * Math.abs(y - f[t])) / (y + f[t]), 0) / 10;
    expectRel(acc("smape", BEER_TEST, f), smape, 1e-14);
  });
});

describe("a non-seasonal series (R: rwf and meanf on 8 values, 3 test periods)", () => {
  const train = [10, 12, 14, 13, 15, 17, 16, 18];
  const actual = [19, 18, 21];
  const scale = naiveScale(train, 0, train.length); // 12 / 7, the naive forecast's training MAE

  test("the naive scale is R's training-set MAE of rwf", () => {
    expectRel(scale, 1.7142857142857142, 1e-15);
  });

  test("naive forecast 18: MAE 1.3333, RMSE 1.8257, MAPE 6.516%, MASE 0.7778, ME 1.3333", () => {
    const f = [18, 18, 18];
    expectRel(acc("mae", actual, f), 4 / 3, 1e-15); // R: 1.3333333333333333
    expectRel(acc("rmse", actual, f), 1.8257418583505538, 1e-15);
    expectRel(acc("mape", actual, f), 6.5162907268170418 / 100, 1e-14); // R: MAPE 6.5162907268170418 (percent)
    expectRel(acc("mase", actual, f, scale), 0.77777777777777779, 1e-15);
    expectRel(acc("bias", actual, f), -4 / 3, 1e-15); // R: ME 1.3333333333333333
  });

  test("mean forecast 14.375: MASE 2.8924, MAPE 25.34%", () => {
    const f = [14.375, 14.375, 14.375];
    expectRel(acc("mase", actual, f, scale), 2.8923611111111112, 1e-15);
    expectRel(acc("mape", actual, f), 25.342871066555276 / 100, 1e-14);
    expectRel(acc("rmse", actual, f), 5.1127903340543899, 1e-15);
  });
});

describe("metrics, offsets and errors", () => {
  test("metric names: case and spaces ignored, wape by default, others #VALUE!", () => {
    expect(parseAccuracyMetric(undefined)).toBe("wape");
    expect(parseAccuracyMetric("  ")).toBe("wape");
    expect(parseAccuracyMetric(" MASE ")).toBe("mase");
    for (const m of ACCURACY_METRICS) expect(parseAccuracyMetric(m)).toBe(m);
    expectDomainError(() => parseAccuracyMetric("mse"), "value", /metric must be one of "mae", "rmse"/);
  });

  test("offsets select the periods compared", () => {
    expect(forecastAccuracy("mae", [99, 1, 2], 1, [3, 5, 0], 0, 2)).toBe(2.5);
  });

  test("sMAPE: a period where actual and forecast are both 0 counts 0; the range is [0, 2]", () => {
    expect(acc("smape", [0, 10], [0, 10])).toBe(0);
    expect(acc("smape", [0, 10], [5, 10])).toBe(1);
    expect(acc("smape", [0, 0], [5, 5])).toBe(2);
  });

  test("zero denominators are #DIV/0!", () => {
    expectDomainError(() => acc("mape", [10, 0], [9, 1]), "div0", /actual is 0 in period 2/);
    expectDomainError(() => acc("wape", [0, 0], [1, 1]), "div0", /every actual is 0/);
    expectDomainError(() => naiveScale([5, 5, 5], 0, 3), "div0", /MASE scale is 0/);
    expectDomainError(() => naiveScale([1, 2, 3, 1, 2, 3], 0, 6, 3), "div0", /MASE scale is 0/);
  });

  test("the MASE scale needs more than season_length values and an integer season_length >= 1", () => {
    expectDomainError(() => naiveScale([5], 0, 1), "na", /at least season_length \+ 1 = 2 values/);
    expectDomainError(() => naiveScale([1, 2, 3, 4], 0, 4, 4), "na", /= 5 values for mase \(has 4\)/);
    expectDomainError(() => naiveScale([1, 2, 3], 0, 3, 1.5), "num", /season_length/);
    expectDomainError(() => naiveScale([1, 2, 3], 0, 3, 0), "num", /season_length/);
    expectDomainError(() => acc("mase", [1], [2]), "value", /mase needs the history/);
  });

  test("no period in common is #N/A; results too large to represent are #NUM!", () => {
    expectDomainError(() => forecastAccuracy("mae", [], 0, [], 0, 0), "na", /no period in common/);
    expectDomainError(() => acc("rmse", [1e200], [-1e200]), "num", /RMSE/);
    expectDomainError(() => acc("mape", [1e-320], [1e10]), "num", /MAPE/);
  });
});
