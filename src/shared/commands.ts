import { VIEWS, type ViewId } from './views';

/**
 * The one table of user commands. The in-page menu bar, the page's keyboard shortcuts and the native Electron
 * menu are all built from it, so a command has one label and one shortcut wherever it is offered. The native
 * menu only forwards the command id to the page (MENU_COMMAND_CHANNEL); the page runs every command.
 */

/** Views reachable by Ctrl+digit, in nav order; 使用说明 is F1 in the 帮助 menu instead. */
const NAVIGABLE_VIEWS = VIEWS.filter((view) => view.id !== 'help');
export type ViewCommand = `view-${Exclude<ViewId, 'help'>}`;

export type CommandId =
  | 'workbook-new'
  | 'workbook-open'
  | 'save'
  | 'workbook-save-as'
  | 'import-plan'
  | 'plans'
  | 'import-xlsx'
  | 'import-budget'
  | 'import-execution'
  | 'export-xlsx'
  | 'export-packets'
  | 'import-packet'
  | 'backups'
  | 'team-workbooks'
  | 'local-copy-return'
  | 'print'
  | 'undo'
  | 'redo'
  | 'find'
  | ViewCommand
  | 'help'
  | 'about';

export interface CommandSpec {
  label: string;
  /** as shown in the menu, Windows style: 'Ctrl+S', 'F1' */
  accelerator?: string;
  /** further keys for the same command, not shown (Ctrl+Shift+Z for 重做, as in WPS) */
  alsoKeys?: readonly string[];
  /**
   * The shortcut also works while the focus is in a text field or a cell editor, as it does in Excel (Ctrl+S
   * saves what is being typed, F1 opens help). Every other shortcut leaves the key to the field: Ctrl+Z there
   * undoes typing, not the last workbook action.
   */
  whileTyping?: boolean;
}

const viewCommands = Object.fromEntries(
  NAVIGABLE_VIEWS.map((view, i) => [`view-${view.id}`, { label: view.label, accelerator: `Ctrl+${(i + 1) % 10}` }]),
) as Record<ViewCommand, CommandSpec>;

export const COMMANDS: Record<CommandId, CommandSpec> = {
  'workbook-new': { label: '新建工作簿…', accelerator: 'Ctrl+N' },
  'workbook-open': { label: '打开工作簿…', accelerator: 'Ctrl+O' },
  save: { label: '保存', accelerator: 'Ctrl+S', whileTyping: true },
  'workbook-save-as': { label: '另存为…' },
  'import-plan': { label: '导入计划…', accelerator: 'Ctrl+I' },
  plans: { label: '计划管理…' },
  'import-xlsx': { label: '导入Excel（回导）…' },
  'import-budget': { label: '导入预算表…' },
  'import-execution': { label: '导入预算执行表…' },
  'export-xlsx': { label: '导出Excel…', accelerator: 'Ctrl+E' },
  'export-packets': { label: '导出单位报送表…' },
  'import-packet': { label: '导入单位报送表…' },
  backups: { label: '备份与恢复…' },
  'team-workbooks': { label: '团队工作簿（服务器）…' },
  'local-copy-return': { label: '带回本地副本的修改…' },
  print: { label: '打印报告…', accelerator: 'Ctrl+P' },
  undo: { label: '撤销', accelerator: 'Ctrl+Z' },
  redo: { label: '重做', accelerator: 'Ctrl+Y', alsoKeys: ['Ctrl+Shift+Z'] },
  find: { label: '查找…', accelerator: 'Ctrl+F' },
  ...viewCommands,
  help: { label: '使用说明', accelerator: 'F1', whileTyping: true },
  about: { label: '关于民生规划工作台' },
};

/** Electron menu roles the native menu adds for what the page cannot do itself (clipboard, zoom, quitting). */
export type NativeRole = 'cut' | 'copy' | 'paste' | 'selectAll' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'quit';

export type MenuEntry =
  | { kind: 'command'; command: CommandId }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; entries: readonly MenuEntry[] }
  /** the workbook's recently opened files, read when the page's menu opens (the native menu is built once) */
  | { kind: 'recent'; label: string }
  /**
   * Native only: the page keeps its own clipboard keys (the grids handle copy/paste events) and cannot zoom
   * itself or quit the app. `accelerator` overrides the role's default where that key is a command's.
   */
  | { kind: 'role'; role: NativeRole; label: string; accelerator?: string };

export type MenuId = 'file' | 'edit' | 'view' | 'help';

export interface MenuSpec {
  id: MenuId;
  label: string;
  /** Alt+letter opens the menu (shown as 文件(F)) */
  mnemonic: string;
  entries: readonly MenuEntry[];
}

const command = (id: CommandId): MenuEntry => ({ kind: 'command', command: id });
const separator: MenuEntry = { kind: 'separator' };

export const MENU_BAR: readonly MenuSpec[] = [
  {
    id: 'file',
    label: '文件',
    mnemonic: 'F',
    entries: [
      command('workbook-new'),
      command('workbook-open'),
      command('save'),
      command('workbook-save-as'),
      { kind: 'recent', label: '最近打开' },
      separator,
      command('import-plan'),
      command('plans'),
      separator,
      { kind: 'submenu', label: '导入', entries: [command('import-xlsx'), command('import-budget'), command('import-execution')] },
      command('export-xlsx'),
      { kind: 'submenu', label: '单位报送表', entries: [command('export-packets'), command('import-packet')] },
      separator,
      command('backups'),
      command('team-workbooks'),
      command('local-copy-return'),
      separator,
      command('print'),
      separator,
      { kind: 'role', role: 'quit', label: '退出' },
    ],
  },
  {
    id: 'edit',
    label: '编辑',
    mnemonic: 'E',
    entries: [
      command('undo'),
      command('redo'),
      separator,
      { kind: 'role', role: 'cut', label: '剪切' },
      { kind: 'role', role: 'copy', label: '复制' },
      { kind: 'role', role: 'paste', label: '粘贴' },
      { kind: 'role', role: 'selectAll', label: '全选' },
      separator,
      command('find'),
    ],
  },
  {
    id: 'view',
    label: '视图',
    mnemonic: 'V',
    entries: [
      ...NAVIGABLE_VIEWS.map((view) => command(`view-${view.id}`)),
      separator,
      // Ctrl+0 is 变更记录's; the zoom reset keeps Ctrl+Shift+0 so one key never means two things
      { kind: 'role', role: 'resetZoom', label: '实际大小', accelerator: 'Ctrl+Shift+0' },
      { kind: 'role', role: 'zoomIn', label: '放大' },
      { kind: 'role', role: 'zoomOut', label: '缩小' },
      separator,
      { kind: 'role', role: 'togglefullscreen', label: '全屏' },
    ],
  },
  { id: 'help', label: '帮助', mnemonic: 'H', entries: [command('help'), separator, command('about')] },
];

/** Every command id, for the preload's check of what main sends. */
export const MENU_COMMANDS = Object.keys(COMMANDS) as readonly CommandId[];
export type MenuCommand = CommandId;
export const MENU_COMMAND_CHANNEL = 'menu-command';
