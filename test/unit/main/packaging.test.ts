import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface Target {
  target: string;
  arch: string[];
}
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
  build: Record<string, unknown> & {
    win: { icon: string; target: Target[] };
    linux: { target: Target[]; category: string; executableName: string; desktop: { entry: Record<string, string> } };
    electronFuses: Record<string, boolean>;
    fileAssociations: { ext: string; mimeType?: string }[];
  };
};

describe('packaging config (Windows, and 信创 Linux: UOS / Kylin on x64 and ARM64)', () => {
  it("passes electron-builder's own schema validation, and a wrong key would not", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(pkg.build, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration(
        { ...pkg.build, nsis: { ...(pkg.build.nsis as object), perUserInstallEverywhere: true } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration/);
  }, 30_000); // loading the validator's schema takes seconds on a busy 2-core machine

  it('builds an NSIS installer and a portable exe with the app icon and the .mswb association', () => {
    expect(pkg.build.win.target.map((t) => t.target).sort()).toEqual(['nsis', 'portable']);
    expect(existsSync(new URL(`../../../${pkg.build.win.icon}`, import.meta.url))).toBe(true);
    expect(pkg.build.fileAssociations).toEqual([expect.objectContaining({ ext: 'mswb' })]);
    expect(pkg.build.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['zh_CN'] });
  });

  it('builds .deb and AppImage for x64 and arm64 with a Chinese desktop entry and the workbook MIME type', () => {
    expect(pkg.scripts['package:linux']).toContain('--linux');
    expect(pkg.build.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(pkg.build.linux.desktop.entry['Name[zh_CN]']).toBe('民生规划工作台');
    expect(pkg.build.linux.category).toBe('Office');
    // the .desktop file's MimeType and the shared-mime-info XML both come from the association's mimeType
    expect(pkg.build.fileAssociations[0]).toMatchObject({ ext: 'mswb', mimeType: 'application/x-minsheng-workbook' });
  });

  it('turns off the Electron features a government desktop app does not need', () => {
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
