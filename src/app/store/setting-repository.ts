import { type Db, prepared } from './connection';

/**
 * The `setting` table: one text value per key (the 民生 floor and classes, the progress thresholds, which scenario
 * the views show). Settings a user edits are written through the journal's recorder like any other field; only a
 * view preference — which scenario is shown — is saved here directly, because it is not an edit: it is neither
 * logged nor undone.
 */

/** A team workbook's view preferences, per window: one person's choice of scenario is not everyone's. */
const windowViews = new WeakMap<Db, Map<string, string>>();

export function settingValue(db: Db, key: string): string | undefined {
  const own = windowViews.get(db)?.get(key);
  if (own !== undefined) return own;
  return (prepared(db, 'SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** Saves a view preference outside the journal (not logged, not undoable); in a team workbook, for this window only. */
export function saveViewSetting(db: Db, key: string, value: string): void {
  if (db.shared) {
    const views = windowViews.get(db) ?? new Map<string, string>();
    views.set(key, value);
    windowViews.set(db, views);
    return;
  }
  prepared(db, 'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Forgets this window's view preference (a team workbook's), e.g. a scenario that was deleted. */
export function forgetViewSetting(db: Db, key: string): void {
  windowViews.get(db)?.delete(key);
}
