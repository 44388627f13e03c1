import { COMMANDS } from '../../shared/commands';
import { commandForKey } from './accelerators';
import { dialogIsOpen, isTextEntry } from './focus-target';
import { runCommand } from './run-command';

/**
 * The page's one keyboard handler for the command table's shortcuts. The native menu shows the same keys but
 * does not register them (src/main/menu.ts), so each key runs its command exactly once, here — also in the
 * browser harness and with the window's menu bar hidden.
 */
export function installShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    const command = commandForKey(event);
    if (!command || dialogIsOpen()) return;
    // typing keeps its own keys (Ctrl+Z undoes the typing), except those Excel also honours while editing
    if (isTextEntry(document.activeElement) && !COMMANDS[command].whileTyping) return;
    event.preventDefault();
    runCommand(command);
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
