import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channel-names';
import { contract } from '../../../src/shared/contract';

const exposed = new Map<string, Record<string, unknown>>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));
const on = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args), on: (...args: unknown[]) => on(...args), removeListener: vi.fn() },
}));

describe('the preload surface', () => {
  beforeEach(async () => {
    exposed.clear();
    vi.resetModules();
    await import('../../../src/preload/index');
  });

  it('exposes exactly one function per contract channel and a menu subscription, nothing else', () => {
    expect([...exposed.keys()].sort()).toEqual(['workbench', 'workbenchEvents']);
    const api = exposed.get('workbench')!;
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.values(api).every((fn) => typeof fn === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(exposed.get('workbenchEvents')!)).toEqual(['onMenuCommand']);
  });

  it('forwards a call to its own channel only', async () => {
    const api = exposed.get('workbench') as Record<string, (input: unknown) => Promise<unknown>>;
    await api['task-list']!({});
    expect(invoke).toHaveBeenLastCalledWith('task-list', {});
  });

  it('passes only known menu commands to the page, never the IPC event', () => {
    const events = exposed.get('workbenchEvents') as { onMenuCommand(listener: (command: string) => void): () => void };
    const received: unknown[] = [];
    events.onMenuCommand((...args) => received.push(args));
    const wrapped = on.mock.calls.at(-1)?.[1] as (event: unknown, command: unknown) => void;
    wrapped({ sender: 'secret' }, 'undo');
    wrapped({ sender: 'secret' }, 'rm -rf');
    expect(received).toEqual([['undo']]);
  });
});
