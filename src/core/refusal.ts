/**
 * The failure half of every result union in core: the input cannot be used, and why, in Chinese. A cell's reason
 * (a parser's, an edit planner's) has no final 。: callers place it in their own sentence ("未修改：任务6「状态」：
 * “…”：<reason>。"); a file's reason (the ZIP check, the format guess) is shown as it is and ends with one.
 */
export interface Refusal {
  ok: false;
  reason: string;
}
