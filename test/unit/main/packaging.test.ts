import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { build: Record<string, unknown> & { win: { icon: string; target: { target: string }[] } } };

describe('Windows packaging config', () => {
  it("passes electron-builder's own schema validation, and a wrong key would not", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(pkg.build, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...pkg.build, nsis: { ...(pkg.build.nsis as object), perUserInstallEverywhere: true } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('builds an NSIS installer and a portable exe with the app icon and the .mswb association', () => {
    expect(pkg.build.win.target.map((t) => t.target).sort()).toEqual(['nsis', 'portable']);
    expect(existsSync(new URL(`../../../${pkg.build.win.icon}`, import.meta.url))).toBe(true);
    expect(pkg.build.fileAssociations).toEqual([expect.objectContaining({ ext: 'mswb' })]);
    expect(pkg.build.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['zh_CN'] });
  });
});
