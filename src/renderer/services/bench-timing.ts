/**
 * User timing for the benchmark (test/bench/browser-workloads.ts), behind one flag: the bench's page script sets
 * `window.__minshengBenchTiming` before the app loads; in the app nothing is recorded.
 *
 * What is timed is the renderer's own work for one budget-grid edit — from the grid's request until the call
 * leaves, and from the answer until the rows and the figures are shown (React renders the store's change before the
 * next task) — without the wait for the main process, which the Node benchmark measures.
 */
declare global {
  interface Window {
    __minshengBenchTiming?: boolean;
  }
}

const enabled = (): boolean => window.__minshengBenchTiming === true;

export const budgetEditTiming = {
  /** the edit's request is about to leave */
  sent(): void {
    if (enabled()) performance.mark('budget-edit-sent');
  },
  /** its answer has arrived */
  answered(): void {
    if (enabled()) performance.mark('budget-edit-answered');
  },
  /** after the tasks already queued (the render of the answer among them): both measures, from `started` */
  shown(started: number): void {
    if (!enabled()) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      performance.measure('budget-edit-send', { start: started, end: 'budget-edit-sent' });
      performance.measure('budget-edit-show', { start: 'budget-edit-answered' });
    };
    channel.port2.postMessage(null);
  },
};
