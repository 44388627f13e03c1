import { type Db, prepared } from './connection';

/**
 * The `setting` table: one text value per key (the 民生 floor and classes, the progress thresholds, which scenario
 * the views show). Settings a user edits are written through the journal's recorder like any other field; only a
 * view preference — which scenario is shown — is saved here directly, because it is not an edit: it is neither
 * logged nor undone.
 */

export function settingValue(db: Db, key: string): string | undefined {
  return (prepared(db, 'SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** Saves a view preference outside the journal (not logged, not undoable). */
export function saveViewSetting(db: Db, key: string, value: string): void {
  prepared(db, 'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
