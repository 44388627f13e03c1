/** Medians of repeated runs after a warm-up: the machine is noisy, so no single time is trusted. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs `run` until warm — at least `warmup` times and for at least `warmupMs` (a sub-millisecond workload needs
 * hundreds of calls before V8 has optimised it and the allocator has settled) — then `runs` timed times.
 * `before` runs untimed before each call.
 */
export async function measure(
  run: () => unknown | Promise<unknown>,
  options: { runs: number; warmup?: number; warmupMs?: number; before?: () => unknown | Promise<unknown> },
): Promise<number> {
  const warmupUntil = performance.now() + (options.warmupMs ?? 300);
  for (let i = 0; i < 1000 && (i < (options.warmup ?? 1) || performance.now() < warmupUntil); i++) {
    await options.before?.();
    await run();
  }
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    await options.before?.();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * For workloads of well under a millisecond: each sample is the mean of as many calls as fit in `sampleMs`
 * (a single call is too close to the timer's resolution and to one garbage collection), the result the median
 * of `samples` such means. The cost of the garbage a workload leaves is thereby counted, as a user would feel it.
 */
export function measureFast(run: () => unknown, options: { samples: number; sampleMs?: number; warmupMs?: number }): number {
  const warmupUntil = performance.now() + (options.warmupMs ?? 300);
  while (performance.now() < warmupUntil) run();
  const sampleMs = options.sampleMs ?? 20;
  const means: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    const started = performance.now();
    let calls = 0;
    do {
      run();
      calls++;
    } while (performance.now() - started < sampleMs);
    means.push((performance.now() - started) / calls);
  }
  return median(means);
}

export interface BenchRow {
  workload: string;
  ours: number;
  baseline: number;
  unit: string;
  /** the most ours may be as a multiple of the baseline */
  target: number | null;
  /** …or, for a workload with an absolute promise, the most ours may take (in `unit`) */
  limit?: number;
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
