import { COMMANDS, type CommandId } from '../../shared/commands';

/**
 * The command table's key names ('Ctrl+S', 'Ctrl+Shift+Z', 'F1', 'Ctrl+1') matched against key events.
 * Keys are compared by their physical code first, so a Chinese input method or Shift (Ctrl+Shift+Z gives 'Z')
 * does not change which command a key means.
 */
interface KeyChord {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parse(accelerator: string): KeyChord {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  return { ctrl: parts.includes('Ctrl'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), key };
}

/** 'S' → KeyS, '1' → Digit1 (or Numpad1), 'F1' → F1 */
function codeMatches(key: string, event: KeyboardEvent): boolean {
  if (/^[A-Z]$/.test(key)) return event.code === `Key${key}` || event.key.toUpperCase() === key;
  if (/^\d$/.test(key)) return event.code === `Digit${key}` || event.code === `Numpad${key}` || event.key === key;
  return event.key === key || event.code === key;
}

export function matchesAccelerator(accelerator: string, event: KeyboardEvent): boolean {
  const chord = parse(accelerator);
  return (
    chord.ctrl === (event.ctrlKey || event.metaKey) &&
    chord.shift === event.shiftKey &&
    chord.alt === event.altKey &&
    codeMatches(chord.key, event)
  );
}

const KEYED = (Object.keys(COMMANDS) as CommandId[]).flatMap((id) => {
  const spec = COMMANDS[id];
  return [spec.accelerator, ...(spec.alsoKeys ?? [])].filter((key): key is string => !!key).map((key) => ({ id, key }));
});

/** The command a key event is the shortcut of, if any. */
export function commandForKey(event: KeyboardEvent): CommandId | null {
  return KEYED.find(({ key }) => matchesAccelerator(key, event))?.id ?? null;
}

/** aria-keyshortcuts spells Ctrl as Control. */
export const ariaKeyShortcuts = (accelerator: string): string => accelerator.replace(/\bCtrl\b/g, 'Control');
