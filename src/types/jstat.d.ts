// Minimal typings for the parts of jStat the engine uses (the package ships none).
declare module "jstat" {
  interface Continuous {
    pdf(x: number, mean: number, sd: number): number;
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
  }
  interface Discrete {
    pdf(k: number, lambda: number): number;
    cdf(k: number, lambda: number): number;
  }
  export const jStat: {
    normal: Continuous;
    poisson: Discrete;
    [key: string]: any;
  };
}
