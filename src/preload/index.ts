/**
 * The page's only door to the app: one function per contract channel, plus the menu-command subscription.
 * Raw ipcRenderer and the IPC event objects never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../shared/channel-names';
import { MENU_COMMANDS, MENU_COMMAND_CHANNEL, type MenuCommand } from '../shared/commands';

const api = Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input ?? {})]));

contextBridge.exposeInMainWorld('workbench', Object.freeze(api));
contextBridge.exposeInMainWorld(
  'workbenchEvents',
  Object.freeze({
    onMenuCommand(listener: (command: MenuCommand) => void): () => void {
      const wrapped = (_event: unknown, command: unknown): void => {
        if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command)) listener(command as MenuCommand);
      };
      ipcRenderer.on(MENU_COMMAND_CHANNEL, wrapped);
      return () => ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, wrapped);
    },
  }),
);
