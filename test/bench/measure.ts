/** Medians of repeated runs after a warm-up: the machine is noisy, so no single time is trusted. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function measure(run: () => unknown | Promise<unknown>, options: { runs: number; warmup?: number; before?: () => unknown | Promise<unknown> }): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < (options.warmup ?? 1) + options.runs; i++) {
    await options.before?.();
    const started = performance.now();
    await run();
    const elapsed = performance.now() - started;
    if (i >= (options.warmup ?? 1)) times.push(elapsed);
  }
  return median(times);
}

export interface BenchRow {
  workload: string;
  ours: number;
  baseline: number;
  unit: string;
  target: number | null;
  note?: string;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
