import type { BenchRow } from './measure';

export async function browserWorkloads(_env: { dir: string; repoRoot: string; big: string; runs: number }): Promise<BenchRow[]> {
  return [];
}
