/**
 * The failure half of every result union in core: the input cannot be used, and why — a Chinese sentence without
 * the final 。, which callers place into their own sentence ("未修改：任务6「状态」：“…”：<reason>。").
 */
export interface Refusal {
  ok: false;
  reason: string;
}
