/** Summary statistics of timing samples (milliseconds). */
export interface Summary {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank quantile of sorted samples. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || Number.NaN);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean,
  };
}

/** High-resolution clock in milliseconds. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** CPU time of this process (user + system, all threads) in milliseconds. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs `fn` `warmup` times untimed, then `iterations` times timed; `fn` gets the iteration number. */
export function timeLoop(warmup: number, iterations: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = now();
    fn(i);
    times.push(now() - t);
  }
  return times;
}
