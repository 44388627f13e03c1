import type { WorkbookSession } from './session';

export const PERIODIC_BACKUP_MS = 10 * 60 * 1000;

/** While editing, a verified backup every ten minutes — only when something changed since the last one. */
export function startPeriodicBackups(session: WorkbookSession, intervalMs = PERIODIC_BACKUP_MS): () => void {
  let backedUpAt = -1;
  const timer = setInterval(() => {
    if (!session.isOpen) return;
    const revision = session.workbook.journal.revision;
    if (revision === backedUpAt) return;
    backedUpAt = revision;
    void session.workbook.backup('periodic').catch(() => undefined);
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
