// A pledge deal's collateral over time: each pledged patent's valuations as a step line (a value holds until the next).
interface MoneyLike { amount?: number | null; currency?: string | null }
export interface ValuationLike { effectiveDate: string; value: MoneyLike }

/** One series per patent, points [effectiveDate, minor units] oldest first; only valuations in the deal's currency count. */
export function valuationSeries(patents: { number: string; valuations: ValuationLike[] }[], currency: string) {
  return patents.map((p) => ({
    number: p.number,
    points: p.valuations.filter((v) => (v.value.currency ?? currency) === currency)
      .map((v) => [v.effectiveDate, v.value.amount ?? 0] as [string, number])
      .sort((a, b) => a[0].localeCompare(b[0])),
  }));
}

/** Σ of every patent's value in force on `day` (the latest valuation on or before it): the collateral on that day. */
export function collateralOn(series: ReturnType<typeof valuationSeries>, day: string): number {
  let sum = 0;
  for (const s of series) {
    const inForce = s.points.filter(([d]) => d <= day).at(-1);
    if (inForce) sum += inForce[1];
  }
  return sum;
}
