import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

describe('IPC sender check', () => {
  it('answers only the top frame of the app page; iframes, other origins and detached frames are refused', async () => {
    const { isTrustedSender, registerIpc } = await import('../../../src/main/ipc/register');
    const top = { parent: null, url: 'app://workbench/index.html' };
    expect(isTrustedSender({ senderFrame: top } as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: { parent: top, url: 'app://workbench/index.html' } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: { parent: null, url: 'https://example.com/' } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: { parent: null, url: 'file:///C:/x.html' } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);

    const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const handler = vi.fn(() => []);
    registerIpc(
      { handle: (channel: string, fn: never) => registered.set(channel, fn) } as never,
      { 'plan-list': handler } as never,
      () => ({}) as never,
    );
    const answer = await registered.get('plan-list')?.({ senderFrame: { parent: top, url: 'app://workbench/' } }, {});
    expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });
});
