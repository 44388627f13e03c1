import { COMMANDS, type CommandId, type MenuEntry } from '../../shared/commands';

/** One row of the in-page menu: a command, a submenu, or a line between groups. */
export type PageMenuItem =
  | { kind: 'separator'; key: string }
  | { kind: 'action'; key: string; label: string; shortcut?: string; disabled: boolean; title?: string; run(): void }
  | { kind: 'submenu'; key: string; label: string; items: PageMenuItem[] };

export interface RecentFile {
  path: string;
  exists: boolean;
}

export interface PageMenuContext {
  enabled(command: CommandId): boolean;
  /** why this person may not run the command in this workbook (their team-workbook role), or null */
  refusal(command: CommandId): string | null;
  run(command: CommandId): void;
  /** the workbooks opened before, the current one left out; null while not yet read */
  recent: RecentFile[] | null;
  openRecent(path: string): void;
}

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

function recentItems(context: PageMenuContext): PageMenuItem[] {
  if (!context.recent || context.recent.length === 0) {
    return [{ kind: 'action', key: 'none', label: context.recent ? '（无）' : '正在读取…', disabled: true, run: () => undefined }];
  }
  return context.recent.map((file) => ({
    kind: 'action',
    key: file.path,
    label: fileName(file.path),
    disabled: !file.exists,
    title: file.exists ? file.path : `${file.path}（文件不存在或U盘未插入）`,
    run: () => context.openRecent(file.path),
  }));
}

/**
 * The page's menu from the shared table. Native-only roles (clipboard, zoom, quit) are left out, and with them
 * any separator they leave doubled or dangling.
 */
export function pageMenuItems(entries: readonly MenuEntry[], context: PageMenuContext, prefix = ''): PageMenuItem[] {
  const items: PageMenuItem[] = [];
  entries.forEach((entry, i) => {
    const key = `${prefix}${i}`;
    if (entry.kind === 'separator') {
      if (items.length > 0 && items.at(-1)?.kind !== 'separator') items.push({ kind: 'separator', key });
    } else if (entry.kind === 'command') {
      const spec = COMMANDS[entry.command];
      const refusal = context.refusal(entry.command);
      items.push({
        kind: 'action',
        key,
        label: spec.label,
        ...(spec.accelerator ? { shortcut: spec.accelerator } : {}),
        ...(refusal === null ? {} : { title: refusal }),
        disabled: refusal !== null || !context.enabled(entry.command),
        run: () => context.run(entry.command),
      });
    } else if (entry.kind === 'submenu') {
      items.push({ kind: 'submenu', key, label: entry.label, items: pageMenuItems(entry.entries, context, `${key}.`) });
    } else if (entry.kind === 'recent') {
      items.push({ kind: 'submenu', key, label: entry.label, items: recentItems(context) });
    }
  });
  if (items.at(-1)?.kind === 'separator') items.pop();
  return items;
}
