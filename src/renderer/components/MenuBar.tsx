import { useEffect, useMemo, useRef, useState } from 'react';
import { MENU_BAR, type CommandId, type MenuId } from '../../shared/commands';
import { dialogIsOpen } from '../commands/focus-target';
import { pageMenuItems, type PageMenuItem, type RecentFile } from '../commands/page-menu';
import { openRecent, runCommand } from '../commands/run-command';
import { call } from '../services/api';
import { commandRefusal } from '../../shared/team-roles';
import { useHistoryStore } from '../stores/history-store';
import { useWorkbookStore } from '../stores/workbook-store';
import { enabledItems, MenuList, type InitialFocus } from './MenuList';

/**
 * 文件 / 编辑 / 视图 / 帮助 at the top of the window, as in Office and WPS, built from the shared command table.
 * Alt (or F10) puts the keyboard on the bar, Alt+F/E/V/H opens a menu; arrows move, Enter runs, Esc steps
 * back. When a command runs or the bar is left, the focus goes back to where the user was (the grid cell, the
 * field), so 查找 and 撤销 act on the view the user was in.
 */
export function MenuBar(): React.JSX.Element {
  const [open, setOpen] = useState<MenuId | null>(null);
  const [initialFocus, setInitialFocus] = useState<InitialFocus>(null);
  const [active, setActive] = useState<MenuId>('file');
  const [recent, setRecent] = useState<RecentFile[] | null>(null);
  const history = useHistoryStore((state) => state.history);
  const role = useWorkbookStore((state) => state.role);
  const bar = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const topButton = (id: MenuId): HTMLButtonElement | null | undefined =>
    bar.current?.querySelector<HTMLButtonElement>(`[data-menu="${id}"]`);
  /** remembers where the user was before the bar took the keyboard */
  const enter = (): void => {
    const current = document.activeElement;
    if (current instanceof HTMLElement && !bar.current?.contains(current)) returnFocus.current = current;
  };
  const leave = (): void => {
    setOpen(null);
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
    else if (bar.current?.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
  };
  const openMenu = (id: MenuId, focus: InitialFocus): void => {
    enter();
    setActive(id);
    if (open === id) {
      const all = enabledItems(bar.current?.querySelector<HTMLElement>(`[data-menu-list="${id}"] > [role="menu"]`) ?? null);
      if (focus) (focus === 'last' ? all.at(-1) : all[0])?.focus();
      return;
    }
    setInitialFocus(focus);
    setOpen(id);
    if (!focus) topButton(id)?.focus();
  };
  const sideways = (from: MenuId, direction: 1 | -1): void => {
    const index = MENU_BAR.findIndex((menu) => menu.id === from);
    const next = MENU_BAR[(index + direction + MENU_BAR.length) % MENU_BAR.length]!.id;
    if (open) openMenu(next, 'first');
    else {
      setActive(next);
      topButton(next)?.focus();
    }
  };

  // Alt alone (pressed and released) and F10 move the keyboard to the bar and back; Alt+letter opens a menu
  const keys = useRef({ openMenu, leave, enter, topButton });
  keys.current = { openMenu, leave, enter, topButton };
  useEffect(() => {
    let altAlone = false;
    const toggleBar = (): void => {
      const { leave, enter, topButton } = keys.current;
      if (bar.current?.contains(document.activeElement)) return leave();
      enter();
      setActive('file');
      topButton('file')?.focus();
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      const otherModifier = event.ctrlKey || event.metaKey || event.shiftKey;
      if (event.key === 'Alt') {
        altAlone = !otherModifier;
        return;
      }
      altAlone = false;
      if (dialogIsOpen()) return;
      if (event.key === 'F10' && !otherModifier && !event.altKey) {
        event.preventDefault();
        toggleBar();
        return;
      }
      const menu = event.altKey && !otherModifier ? MENU_BAR.find((m) => event.code === `Key${m.mnemonic}`) : undefined;
      if (menu) {
        event.preventDefault();
        keys.current.openMenu(menu.id, 'first');
      }
    };
    const onKeyUp = (event: KeyboardEvent): void => {
      if (event.key !== 'Alt' || !altAlone) return;
      altAlone = false;
      if (dialogIsOpen()) return;
      event.preventDefault();
      toggleBar();
    };
    // Alt+Tab away leaves a lone Alt key-up behind when the window comes back
    const onBlur = (): void => {
      altAlone = false;
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, []);

  // a click anywhere else closes the menu; the click itself decides where the focus goes
  useEffect(() => {
    if (!open) return undefined;
    const onMouseDown = (event: MouseEvent): void => {
      if (bar.current?.contains(event.target as Node)) return;
      returnFocus.current = null;
      setOpen(null);
    };
    window.addEventListener('mousedown', onMouseDown);
    return () => window.removeEventListener('mousedown', onMouseDown);
  }, [open]);

  // 最近打开 is read each time 文件 opens: another window may have opened a workbook since
  useEffect(() => {
    if (open !== 'file') return;
    setRecent(null);
    call('workbook-recent', {}).then(
      (answer) => setRecent(answer.recent.filter((file) => file.path !== answer.current)),
      () => setRecent([]),
    );
  }, [open]);

  const items = useMemo(() => {
    const enabled = (command: CommandId): boolean => (command === 'undo' ? history.canUndo : command === 'redo' ? history.canRedo : true);
    const refusal = (command: CommandId): string | null => commandRefusal(role, command);
    const context = { enabled, refusal, run: runCommand, recent, openRecent: (path: string) => void openRecent(path) };
    return new Map(MENU_BAR.map((menu) => [menu.id, pageMenuItems(menu.entries, context)]));
  }, [history.canUndo, history.canRedo, recent, role]);

  const run = (item: Extract<PageMenuItem, { kind: 'action' }>): void => {
    leave();
    item.run();
  };

  const onTopKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>, id: MenuId): void => {
    switch (event.key) {
      case 'ArrowRight':
        sideways(id, 1);
        break;
      case 'ArrowLeft':
        sideways(id, -1);
        break;
      case 'ArrowDown':
      case 'Enter':
      case ' ':
        openMenu(id, 'first');
        break;
      case 'ArrowUp':
        openMenu(id, 'last');
        break;
      case 'Escape':
        if (open) setOpen(null);
        else leave();
        break;
      case 'Tab':
        leave();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="menubar" role="menubar" aria-label="菜单栏" ref={bar}>
      {MENU_BAR.map((menu) => (
        <div key={menu.id} className="menubar-entry" data-menu-list={menu.id}>
          <button
            type="button"
            role="menuitem"
            data-menu={menu.id}
            aria-haspopup="menu"
            aria-expanded={open === menu.id}
            aria-keyshortcuts={`Alt+${menu.mnemonic}`}
            tabIndex={active === menu.id ? 0 : -1}
            onMouseDown={enter}
            onClick={() => (open === menu.id ? leave() : openMenu(menu.id, null))}
            onMouseEnter={() => {
              if (open && open !== menu.id) openMenu(menu.id, null);
            }}
            onKeyDown={(event) => onTopKeyDown(event, menu.id)}
          >
            {menu.label}
            <span className="mnemonic" aria-hidden="true">
              ({menu.mnemonic})
            </span>
          </button>
          {open === menu.id && (
            <MenuList
              items={items.get(menu.id) ?? []}
              label={menu.label}
              depth={0}
              initialFocus={initialFocus}
              onRun={run}
              onClose={() => {
                setOpen(null);
                topButton(menu.id)?.focus();
              }}
              onSideways={(direction) => sideways(menu.id, direction)}
              onExit={leave}
            />
          )}
        </div>
      ))}
    </div>
  );
}
