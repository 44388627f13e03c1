/**
 * 尾差 reconciliation: amounts in 分 shown rounded (e.g. 万元 with two decimals) must still add up on paper.
 * Each part is rounded, then the difference between the rounded total and the sum of the rounded parts is
 * given, one display step at a time, to the parts whose rounding lost the most (largest remainder), so the
 * displayed 合计 equals the sum of the displayed parts and no part moves by more than one step.
 */

/** `step` is the display resolution in 分 (10,000 for 万元 to two decimals). Returns the parts in display steps. */
export function reconcileParts(partsFen: readonly number[], step: number): { parts: number[]; total: number } {
  const exactTotal = partsFen.reduce((sum, value) => sum + value, 0);
  const total = Math.round(exactTotal / step);
  const floors = partsFen.map((value) => Math.floor(value / step));
  let missing = total - floors.reduce((sum, value) => sum + value, 0);
  const order = partsFen
    .map((value, index) => ({ index, remainder: value / step - Math.floor(value / step) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const parts = [...floors];
  // missing is between 0 and n for non-negative parts; negative parts can need a step taken back
  for (let i = 0; missing > 0 && order.length > 0; i = (i + 1) % order.length) {
    parts[order[i]?.index ?? 0] = (parts[order[i]?.index ?? 0] ?? 0) + 1;
    missing--;
  }
  for (let i = order.length - 1; missing < 0 && order.length > 0; i = (i - 1 + order.length) % order.length) {
    parts[order[i]?.index ?? 0] = (parts[order[i]?.index ?? 0] ?? 0) - 1;
    missing++;
  }
  return { parts, total };
}

/** 万元 to two decimals: reconciled parts and total as display strings. */
export function reconcileWan(partsFen: readonly number[]): { parts: string[]; total: string } {
  const { parts, total } = reconcileParts(partsFen, 10_000);
  const show = (steps: number): string => (steps / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return { parts: parts.map(show), total: show(total) };
}
