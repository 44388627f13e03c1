import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as durable from '../../../src/app/durable-files';
import { type Encryptor, PasswordVault } from '../../../src/app/server-password-vault';
import { ServerPasswords } from '../../../src/app/server-passwords';
import { harnessKeyStore } from '../../../src/headless/harness-key-store';

vi.mock('../../../src/app/durable-files', async (original) => {
  const actual = await original<typeof import('../../../src/app/durable-files')>();
  return { ...actual, writeFileDurable: vi.fn(actual.writeFileDurable) };
});

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function vaultFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-vault-'));
  dirs.push(dir);
  // a folder not yet there, as on a first start
  return join(dir, 'MinshengWorkbench', 'server-passwords.json');
}

const ADDRESS = 'postgres://li_si@db.caizheng.local:5432/office?workbook=dazhou_2027';
const OTHER = 'postgres://zhang@db.caizheng.local:5432/office?workbook=bazhong_2027';
const PASSWORD = '财政Secret#2027';
const UNAVAILABLE = '本机没有可用的系统密钥库，密码只在本次运行中保留。';

describe('team-workbook passwords kept in the OS key store (issue 21)', () => {
  it('keeps a password encrypted and gives it back to the next run of the app', async () => {
    const file = vaultFile();
    expect(await new PasswordVault(file, harnessKeyStore()).keep(ADDRESS, PASSWORD)).toBeNull();
    // a new run: nothing in memory, the same file and key store
    const next = new ServerPasswords(new PasswordVault(file, harnessKeyStore()));
    expect(next.known(ADDRESS)).toBeUndefined();
    expect(await next.state(ADDRESS)).toEqual({ keyStore: null, saved: 'kept' });
    await next.recall(ADDRESS);
    expect(next.known(ADDRESS)).toBe(PASSWORD);
    expect(await next.state(OTHER)).toEqual({ keyStore: null, saved: null });
  });

  it('never writes the password in clear: the file holds the address and ciphertext only', async () => {
    const file = vaultFile();
    const passwords = new ServerPasswords(new PasswordVault(file, harnessKeyStore()));
    expect(await passwords.remember(ADDRESS, PASSWORD, { keep: true })).toBeNull();
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    expect(text).toContain(ADDRESS);
    for (const form of [PASSWORD, Buffer.from(PASSWORD).toString('base64'), Buffer.from(PASSWORD).toString('hex'), 'Secret#2027'])
      expect(text).not.toContain(form);
    expect(bytes.includes(Buffer.from(PASSWORD, 'utf16le'))).toBe(false);
  });

  it('holds a password for this run only when the key store is unavailable, and says why', async () => {
    const file = vaultFile();
    const passwords = new ServerPasswords(new PasswordVault(file, harnessKeyStore(UNAVAILABLE)));
    expect(await passwords.remember(ADDRESS, PASSWORD, { keep: true })).toBe(UNAVAILABLE);
    expect(passwords.known(ADDRESS)).toBe(PASSWORD);
    expect(existsSync(file)).toBe(false);
    expect(await passwords.state(ADDRESS)).toEqual({ keyStore: UNAVAILABLE, saved: 'this-run' });
    // and without any key store (the CLI), likewise
    const bare = new ServerPasswords();
    expect(await bare.remember(ADDRESS, PASSWORD, { keep: true })).toMatch(/只在本次运行中保留/);
    expect(bare.known(ADDRESS)).toBe(PASSWORD);
  });

  it('holds an unticked password for this run only, and takes a kept one for the address out of the file', async () => {
    const file = vaultFile();
    const passwords = new ServerPasswords(new PasswordVault(file, harnessKeyStore()));
    await passwords.remember(ADDRESS, 'old', { keep: true });
    await passwords.remember(OTHER, 'other', { keep: true });
    expect(await passwords.remember(ADDRESS, PASSWORD, { keep: false })).toBeNull();
    expect(passwords.known(ADDRESS)).toBe(PASSWORD);
    const vault = new PasswordVault(file, harnessKeyStore());
    expect(vault.has(ADDRESS)).toBe(false);
    expect(await vault.recall(OTHER)).toBe('other');
  });

  it('leaves the vault alone when the page had not yet said whether to keep (a quick 打开 with the field empty)', async () => {
    const file = vaultFile();
    const passwords = new ServerPasswords(new PasswordVault(file, harnessKeyStore()));
    await passwords.remember(ADDRESS, 'kept', { keep: true });
    expect(await passwords.remember(ADDRESS, 'kept', {})).toBeNull();
    expect(await new PasswordVault(file, harnessKeyStore()).recall(ADDRESS)).toBe('kept');
  });

  it('forgets an entry that no longer decrypts (another user, a reset keyring, damage) instead of failing', async () => {
    const file = vaultFile();
    const vault = new PasswordVault(file, harnessKeyStore());
    await vault.keep(ADDRESS, PASSWORD);
    await vault.keep(OTHER, 'other');
    const content = JSON.parse(readFileSync(file, 'utf8')) as { passwords: Record<string, string> };
    const sealed = Buffer.from(content.passwords[ADDRESS] ?? '', 'base64');
    // one bit of the ciphertext flipped: the authentication tag no longer matches
    sealed.writeUInt8((sealed.readUInt8(sealed.length - 1) ^ 0xff) & 0xff, sealed.length - 1);
    content.passwords[ADDRESS] = sealed.toString('base64');
    writeFileSync(file, JSON.stringify(content));

    const passwords = new ServerPasswords(new PasswordVault(file, harnessKeyStore()));
    await passwords.recall(ADDRESS);
    expect(passwords.known(ADDRESS)).toBeUndefined();
    expect(await passwords.state(ADDRESS)).toEqual({ keyStore: null, saved: null });
    expect(readFileSync(file, 'utf8')).not.toContain(ADDRESS);
    // the other entry is untouched
    expect(await vault.recall(OTHER)).toBe('other');
  });

  it('reads a damaged or foreign file as empty and replaces it whole at the next keep', async () => {
    const file = vaultFile();
    const vault = new PasswordVault(file, harnessKeyStore());
    await vault.keep(OTHER, 'other');
    for (const damaged of ['{"format":"minsheng-server-passwords/1","passwords":', '[1,2]', '{"passwords":{"x":"y"}}', '']) {
      writeFileSync(file, damaged);
      expect(vault.has(OTHER)).toBe(false);
      expect(await vault.recall(OTHER)).toBeUndefined();
    }
    expect(await vault.keep(ADDRESS, PASSWORD)).toBeNull();
    expect(await vault.recall(ADDRESS)).toBe(PASSWORD);
  });

  it('忘记已保存的密码 forgets it in memory and in the file', async () => {
    const file = vaultFile();
    const passwords = new ServerPasswords(new PasswordVault(file, harnessKeyStore()));
    await passwords.remember(ADDRESS, PASSWORD, { keep: true });
    await passwords.remember(OTHER, 'other', { keep: true });
    passwords.forget(ADDRESS);
    expect(passwords.known(ADDRESS)).toBeUndefined();
    expect(await passwords.state(ADDRESS)).toEqual({ keyStore: null, saved: null });
    const next = new ServerPasswords(new PasswordVault(file, harnessKeyStore()));
    await next.recall(ADDRESS);
    expect(next.known(ADDRESS)).toBeUndefined();
    expect(await next.state(OTHER)).toEqual({ keyStore: null, saved: 'kept' });
    // forgetting what is not there writes nothing
    vi.mocked(durable.writeFileDurable).mockClear();
    passwords.forget('postgres://nobody@h/db?workbook=none');
    expect(durable.writeFileDurable).not.toHaveBeenCalled();
  });

  it('writes the file durably (temp, fsync, rename) and leaves no temporary file behind', async () => {
    const file = vaultFile();
    vi.mocked(durable.writeFileDurable).mockClear();
    const vault = new PasswordVault(file, harnessKeyStore());
    await vault.keep(ADDRESS, PASSWORD);
    vault.forget(ADDRESS);
    expect(vi.mocked(durable.writeFileDurable).mock.calls.map(([path]) => path)).toEqual([file, file]);
    expect(readdirSync(join(file, '..'))).toEqual(['server-passwords.json']);
  });

  it('encrypts again what the key store asks to (a rotated key)', async () => {
    const file = vaultFile();
    const real = harnessKeyStore();
    const rotating: Encryptor = { ...real, decrypt: async (data) => ({ ...(await real.decrypt(data)), stale: true }) };
    const vault = new PasswordVault(file, rotating);
    await vault.keep(ADDRESS, PASSWORD);
    const before = readFileSync(file, 'utf8');
    expect(await vault.recall(ADDRESS)).toBe(PASSWORD);
    expect(readFileSync(file, 'utf8')).not.toBe(before);
    expect(await new PasswordVault(file, real).recall(ADDRESS)).toBe(PASSWORD);
  });
});
