/** Commands the application menu sends to the page (main → renderer, the one event channel). */
export const MENU_COMMANDS = [
  'import-plan',
  'export-xlsx',
  'import-xlsx',
  'import-budget',
  'export-packets',
  'import-packet',
  'import-execution',
  'backups',
  'undo',
  'redo',
  'help',
  'navigate-tasks',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const MENU_COMMAND_CHANNEL = 'menu-command';
