import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/commands';

/** The Simplified Chinese application menu. `send` forwards a command to the page. */
export function menuTemplate(send: (command: MenuCommand) => void, showAbout: () => void): MenuItemConstructorOptions[] {
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '导入计划…', accelerator: 'CmdOrCtrl+I', click: () => send('import-plan') },
        { type: 'separator' },
        { label: '导出Excel…', accelerator: 'CmdOrCtrl+E', click: () => send('export-xlsx') },
        { label: '导入Excel（回导）…', click: () => send('import-xlsx') },
        { label: '导入预算表…', click: () => send('import-budget') },
        { label: '导入预算执行表…', click: () => send('import-execution') },
        { type: 'separator' },
        { label: '导出单位报送表…', click: () => send('export-packets') },
        { label: '导入单位报送表…', click: () => send('import-packet') },
        { type: 'separator' },
        { label: '备份与恢复…', click: () => send('backups') },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', accelerator: 'CmdOrCtrl+Z', click: () => send('undo') },
        { label: '重做', accelerator: 'CmdOrCtrl+Y', click: () => send('redo') },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { label: '任务', accelerator: 'CmdOrCtrl+1', click: () => send('navigate-tasks') },
        { type: 'separator' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [
        { label: '使用说明', accelerator: 'F1', click: () => send('help') },
        { label: '关于民生规划工作台', click: showAbout },
      ],
    },
  ];
}
