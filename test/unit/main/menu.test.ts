import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { COMMANDS, MENU_BAR, type MenuEntry } from '../../../src/shared/commands';
import { menuTemplate } from '../../../src/main/menu';

vi.mock('electron', () => ({ Menu: {} }));

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

const accelerators = (entries: readonly MenuEntry[]): string[] =>
  entries.flatMap((entry) => {
    if (entry.kind === 'command')
      return [COMMANDS[entry.command].accelerator, ...(COMMANDS[entry.command].alsoKeys ?? [])].filter((a): a is string => !!a);
    if (entry.kind === 'submenu') return accelerators(entry.entries);
    return entry.kind === 'role' && entry.accelerator ? [entry.accelerator] : [];
  });

describe('the native menu, built from the shared command table', () => {
  it('offers every command of the page menu under the same label, and sends its id', () => {
    const sent: string[] = [];
    const items = flatten(menuTemplate((command) => sent.push(command)));
    expect(items.filter((item) => item.label?.startsWith('文件')).length).toBe(1);
    for (const [id, spec] of Object.entries(COMMANDS)) {
      const item = items.find((candidate) => candidate.label === spec.label);
      expect(item, id).toBeDefined();
      (item?.click as () => void)();
      expect(sent.at(-1)).toBe(id);
    }
  });

  it('shows the page’s shortcuts without registering them, so a key runs its command once (in the page)', () => {
    const items = flatten(menuTemplate(() => undefined)).filter((item) => item.click && item.accelerator);
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) expect(item.registerAccelerator, item.label).toBe(false);
    expect(items.find((item) => item.label === '保存')?.accelerator).toBe('CmdOrCtrl+S');
  });

  it('gives no key two meanings', () => {
    const keys = MENU_BAR.flatMap((menu) => accelerators(menu.entries));
    expect(keys.length).toBeGreaterThan(15);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
