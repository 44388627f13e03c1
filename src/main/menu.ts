import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, MENU_BAR, type MenuCommand, type MenuEntry } from '../shared/commands';

/** 'Ctrl+S' (the table's Windows spelling) as Electron writes it, so macOS shows ⌘S. */
const electronAccelerator = (accelerator: string): string => accelerator.replace(/^Ctrl\+/, 'CmdOrCtrl+');

function menuItem(entry: MenuEntry, send: (command: MenuCommand) => void): MenuItemConstructorOptions | null {
  switch (entry.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'command': {
      const spec = COMMANDS[entry.command];
      return {
        label: spec.label,
        click: () => send(entry.command),
        ...(spec.accelerator
          ? {
              accelerator: electronAccelerator(spec.accelerator),
              // shown, not registered: the page's own key handler runs these (it must, in the harness and with the
              // menu bar hidden); a registered accelerator would take the key first and the command would run twice
              // or, in a text field, take Ctrl+Z from the typing
              registerAccelerator: false,
            }
          : {}),
      };
    }
    case 'submenu':
      return { label: entry.label, submenu: menuItems(entry.entries, send) };
    case 'recent':
      // the list changes with every open and lives in the workbook; the page's 文件 menu reads it when it opens
      return null;
    case 'role':
      return {
        label: entry.label,
        role: entry.role,
        ...(entry.accelerator ? { accelerator: electronAccelerator(entry.accelerator) } : {}),
      };
  }
}

function menuItems(entries: readonly MenuEntry[], send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  return entries.map((entry) => menuItem(entry, send)).filter((item): item is MenuItemConstructorOptions => item !== null);
}

/** The Simplified Chinese application menu, built from the shared command table. `send` forwards a command to the page. */
export function menuTemplate(send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  return MENU_BAR.map((menu) => ({ label: `${menu.label}(&${menu.mnemonic})`, submenu: menuItems(menu.entries, send) }));
}
