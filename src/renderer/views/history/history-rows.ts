import type { ChangeLogEntry } from '../../../shared/contract';

/**
 * The change log as a person reads it: one entry per action (an edit, a paste, a 分摊), its changes beneath it.
 * An action that changed one field is one row; an action of many changes is one row that opens to show them.
 */

export interface ActionEntry {
  kind: 'action';
  key: string;
  actionId: number;
  at: string;
  actor: string;
  label: string;
  reason: string;
  state: ChangeLogEntry['state'];
  /** in the order they were made */
  changes: ChangeLogEntry[];
  /** its changes are shown beneath it */
  open: boolean;
}

export interface ChangeEntry {
  kind: 'change';
  key: string;
  actionId: number;
  change: ChangeLogEntry;
  /** the last change of its action (drawn with └) */
  last: boolean;
}

export type HistoryRow = ActionEntry | ChangeEntry;

/** Groups the listing (newest action first) into actions, each with its changes in the order they were made. */
export function groupByAction(entries: readonly ChangeLogEntry[]): ActionEntry[] {
  const actions: ActionEntry[] = [];
  const byId = new Map<number, ActionEntry>();
  for (const entry of entries) {
    let action = byId.get(entry.actionId);
    if (!action) {
      action = {
        kind: 'action',
        key: `a${entry.actionId}`,
        actionId: entry.actionId,
        at: entry.at,
        actor: entry.actor,
        label: entry.label,
        reason: entry.reason,
        state: entry.state,
        changes: [],
        open: false,
      };
      byId.set(entry.actionId, action);
      actions.push(action);
    }
    action.changes.push(entry);
  }
  for (const action of actions) action.changes.sort((a, b) => a.id - b.id);
  return actions;
}

/** The rows shown: every action, and beneath each expanded action of several changes, its changes. */
export function historyRows(actions: readonly ActionEntry[], expanded: ReadonlySet<number>): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const action of actions) {
    const open = action.changes.length > 1 && expanded.has(action.actionId);
    // a new object when it opens or closes, so the grid redraws its twisty
    rows.push(action.open === open ? action : { ...action, open });
    if (open) {
      action.changes.forEach((change, i) =>
        rows.push({ kind: 'change', key: `c${change.id}`, actionId: action.actionId, change, last: i === action.changes.length - 1 }),
      );
    }
  }
  return rows;
}

/** What an action touched, in a phrase: "情景调整 24处" when it is all one kind, else "修改 5处". */
export function actionSummary(action: ActionEntry): string {
  const only = action.changes.length === 1 ? action.changes[0] : undefined;
  if (only) return `${only.tableLabel}：${only.what}`;
  const tables = new Set(action.changes.map((c) => c.tableLabel));
  const first = action.changes[0];
  return tables.size === 1 && first ? `${first.tableLabel} ${action.changes.length}处` : `修改 ${action.changes.length}处`;
}

/** The one change an action row shows in its own columns (an action of a single change), else none. */
export function singleChange(row: HistoryRow): ChangeLogEntry | null {
  if (row.kind === 'change') return row.change;
  return row.changes.length === 1 ? (row.changes[0] ?? null) : null;
}
