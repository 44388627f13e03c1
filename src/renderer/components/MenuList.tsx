import { useEffect, useRef, useState } from 'react';
import { ariaKeyShortcuts } from '../commands/accelerators';
import type { PageMenuItem } from '../commands/page-menu';

export type InitialFocus = 'first' | 'last' | null;

interface MenuListProps {
  items: PageMenuItem[];
  label: string;
  depth: number;
  /** which item takes the focus when the list opens (null: opened by the mouse, the focus stays put) */
  initialFocus: InitialFocus;
  onRun(item: Extract<PageMenuItem, { kind: 'action' }>): void;
  /** Esc (or ← in a submenu): close this list, its opener takes the focus back */
  onClose(): void;
  /** ←/→ in a top-level list: the neighbouring menu of the bar */
  onSideways(direction: 1 | -1): void;
  /** Tab: leave the menus altogether */
  onExit(): void;
}

/** The enabled items of one list (not those of its open submenu): what the arrow keys step through. */
export const enabledItems = (list: HTMLElement | null): HTMLButtonElement[] =>
  Array.from(list?.querySelectorAll<HTMLButtonElement>(':scope > li > [role="menuitem"]:not(:disabled)') ?? []);

/**
 * Whether the pointer really moved: a list opened by the keyboard under a resting pointer must not have its
 * highlight taken by the item that happens to appear under it (the browser reports hover for layout changes too).
 */
let lastPointer = { x: -1, y: -1 };
function pointerMoved(event: React.MouseEvent): boolean {
  const moved = event.clientX !== lastPointer.x || event.clientY !== lastPointer.y;
  lastPointer = { x: event.clientX, y: event.clientY };
  return moved;
}

/** One drop-down list of the menu bar, and recursively its submenus (WAI-ARIA menu pattern). */
export function MenuList({ items, label, depth, initialFocus, onRun, onClose, onSideways, onExit }: MenuListProps): React.JSX.Element {
  const list = useRef<HTMLUListElement>(null);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [childFocus, setChildFocus] = useState<InitialFocus>(null);

  useEffect(() => {
    const all = enabledItems(list.current);
    if (initialFocus) (initialFocus === 'last' ? all.at(-1) : all[0])?.focus();
    // only when the list opens: later focus follows the keys and the mouse
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const trigger = (key: string): HTMLButtonElement | null | undefined =>
    list.current?.querySelector<HTMLButtonElement>(`:scope > li > [data-key="${CSS.escape(key)}"]`);
  const openSubmenu = (key: string, focus: InitialFocus): void => {
    setChildFocus(focus);
    setOpenKey(key);
  };
  const closeSubmenu = (): void => {
    if (openKey) trigger(openKey)?.focus();
    setOpenKey(null);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>): void => {
    const all = enabledItems(list.current);
    const current = all.indexOf(document.activeElement as HTMLButtonElement);
    const focused = items.find((item) => item.key === (document.activeElement as HTMLElement | null)?.dataset.key);
    switch (event.key) {
      case 'ArrowDown':
        all[(current + 1) % all.length]?.focus();
        break;
      case 'ArrowUp':
        all[(current - 1 + all.length) % all.length]?.focus();
        break;
      case 'Home':
        all[0]?.focus();
        break;
      case 'End':
        all.at(-1)?.focus();
        break;
      case 'ArrowRight':
        if (focused?.kind === 'submenu') openSubmenu(focused.key, 'first');
        else onSideways(1);
        break;
      case 'ArrowLeft':
        if (depth > 0) onClose();
        else onSideways(-1);
        break;
      case 'Escape':
        onClose();
        break;
      case 'Tab':
        onExit();
        break;
      default:
        return;
    }
    // handled here: neither the parent list nor the page's shortcuts see the key
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <ul role="menu" aria-label={label} className={`menu-list depth-${depth}`} ref={list} onKeyDown={onKeyDown}>
      {items.map((item) => {
        if (item.kind === 'separator') return <li key={item.key} role="separator" className="menu-separator" />;
        if (item.kind === 'submenu') {
          return (
            <li key={item.key} role="none" className="has-submenu">
              <button
                type="button"
                role="menuitem"
                data-key={item.key}
                aria-haspopup="menu"
                aria-expanded={openKey === item.key}
                onClick={() => openSubmenu(item.key, 'first')}
                onMouseMove={(event) => {
                  if (!pointerMoved(event)) return;
                  event.currentTarget.focus();
                  if (openKey !== item.key) openSubmenu(item.key, null);
                }}
              >
                <span>{item.label}</span>
                <span className="menu-shortcut" aria-hidden="true">
                  ▸
                </span>
              </button>
              {openKey === item.key && (
                <MenuList
                  items={item.items}
                  label={item.label}
                  depth={depth + 1}
                  initialFocus={childFocus}
                  onRun={onRun}
                  onClose={closeSubmenu}
                  onSideways={onSideways}
                  onExit={onExit}
                />
              )}
            </li>
          );
        }
        return (
          <li key={item.key} role="none">
            <button
              type="button"
              role="menuitem"
              data-key={item.key}
              disabled={item.disabled}
              title={item.title}
              aria-keyshortcuts={item.shortcut ? ariaKeyShortcuts(item.shortcut) : undefined}
              onClick={() => onRun(item)}
              onMouseMove={(event) => {
                if (!pointerMoved(event)) return;
                event.currentTarget.focus();
                setOpenKey(null);
              }}
            >
              <span>{item.label}</span>
              {item.shortcut && (
                <span className="menu-shortcut" aria-hidden="true">
                  {item.shortcut}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
