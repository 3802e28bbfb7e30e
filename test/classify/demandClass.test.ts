/**
 * DEMAND_CLASS's engine (src/classify/demandClass.ts) against R's tsintermittent::idclass
 * (Kourentzes & Petropoulos; version 1.10 from CRAN, type = "SBC"), which computes the
 * Syntetos-Boylan-Croston p (ADI) and CV^2 this function follows. The reference numbers were
 * produced with R 4.2.2, sourcing tsintermittent's R/idclass.R:
 *
 *   source("idclass.R"); load("ts.data1.rda"); load("ts.data2.rda")
 *   r <- idclass(as.vector(ts.data2), type = "SBC", outplot = "none"); r$p; r$cv2
 *
 * ts.data1 and ts.data2 are the example intermittent series the package ships (monthly, 84 and 24
 * values); the other series are made up to land in each class.
 */
import { ADI_CUTOFF, classifyDemand, CV2_CUTOFF, demandClass, demandProfile } from "../../src/classify/demandClass";
import { expectDomainError, expectRel } from "../engine/helpers";

// tsintermittent's ts.data1 (1980-1986, monthly) and ts.data2 (1980-1981).
const TS_DATA1 = [
  6, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0,
];
const TS_DATA2 = [0, 2, 0, 1, 0, 11, 0, 0, 0, 0, 2, 0, 6, 3, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0];

describe("against tsintermittent::idclass (type SBC)", () => {
  test("the package's example series ts.data1 and ts.data2: both lumpy", () => {
    expect(TS_DATA1.length).toBe(84);
    const d1 = demandClass(TS_DATA1);
    expectRel(d1.adi, 8.5555555555555554, 1e-15); // r$p
    expectRel(d1.cv2, 0.73183391003460219, 1e-14); // r$cv2
    expect(d1.demandClass).toBe("lumpy"); // idclass puts it in idx.sba: p > 1.32 or CV^2 > 0.49
    const d2 = demandClass(TS_DATA2);
    expectRel(d2.adi, 2.8571428571428572, 1e-15);
    expectRel(d2.cv2, 0.61979166666666674, 1e-14);
    expect(d2.demandClass).toBe("lumpy");
  });

  test.each([
    // [series, p, cv2, class]; idclass: idx.croston for smooth only
    ["smooth", [5, 6, 4, 5, 7, 5, 6, 5, 4, 6], 1, 0.032039871840512636],
    ["erratic", [1, 10, 2, 15, 1, 20, 3, 1, 12, 2], 1, 1.0893294720427711],
    ["intermittent", [0, 5, 0, 0, 6, 0, 5, 0, 0, 4, 0, 6], 2.3999999999999999, 0.025887573964497038],
    ["lumpy", [0, 1, 0, 0, 20, 0, 0, 2, 0, 15, 0, 0], 2.5, 0.99353647276084955],
  ])("%s", (cls, x, p, cv2) => {
    const r = demandClass(x as number[]);
    expectRel(r.adi, p as number, 1e-15);
    expectRel(r.cv2, cv2 as number, 1e-14);
    expect(r.demandClass).toBe(cls);
  });

  test("zeros after the last demand close no interval: ADI = position of the last demand / demands", () => {
    // idclass: p 2.6666666666666665 (8 / 3), cv2 0.0625; the shortcut 12 periods / 3 demands would say 4
    const r = demandClass([3, 0, 4, 0, 0, 0, 0, 5, 0, 0, 0, 0]);
    expectRel(r.adi, 2.6666666666666665, 1e-15);
    expectRel(r.cv2, 0.0625, 1e-15);
    expect(r.demandClass).toBe("intermittent");
  });

  test("leading zeros count: the first interval runs from the start of the series", () => {
    expect(demandProfile([0, 0, 4, 4]).adi).toBe(2); // intervals 3, 1
  });
});

describe("cut-offs and edge cases", () => {
  test("Syntetos, Boylan & Croston's cut-offs; the boundaries belong to the less intermittent side", () => {
    expect([ADI_CUTOFF, CV2_CUTOFF]).toEqual([1.32, 0.49]);
    expect(classifyDemand(1.32, 0.49)).toBe("smooth");
    expect(classifyDemand(1.3200001, 0.49)).toBe("intermittent");
    expect(classifyDemand(1.32, 0.4900001)).toBe("erratic");
    expect(classifyDemand(2, 2)).toBe("lumpy");
  });

  test("CV^2 uses the sample standard deviation (n - 1), as R's sd()", () => {
    // sizes 2 and 4: mean 3, sample variance 2: CV^2 = 2/9 (population would be 1/9)
    expectRel(demandClass([2, 4]).cv2, 2 / 9, 1e-15);
  });

  test("one non-zero demand: ADI is defined, CV^2 is not", () => {
    const p = demandProfile([0, 0, 0, 7, 0]);
    expect(p).toEqual({ adi: 4, cv2: undefined, nonZero: 1 });
    expectDomainError(() => demandClass([0, 0, 0, 7, 0]), "na", /one non-zero demand/);
  });

  test("no demand at all is #N/A; negative or non-finite values are #NUM!", () => {
    expectDomainError(() => demandProfile([0, 0, 0]), "na", /no demand/);
    expectDomainError(() => demandProfile([]), "na", /no demand/);
    expectDomainError(() => demandProfile([1, -1, 2]), "num", /negative value at period 2/);
    expectDomainError(() => demandProfile([1, NaN]), "num", /finite/);
    expectDomainError(() => demandProfile([1e200, 1e-200, 3e200]), "num", /CV\^2/); // squares overflow
  });

  test("only the first n values count", () => {
    expect(demandProfile(Float64Array.from([0, 4, 0, 0, 99, 99]), 3).adi).toBe(2);
  });
});
