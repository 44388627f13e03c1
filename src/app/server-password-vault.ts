import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureFolder, writeFileDurable } from './durable-files';

/**
 * What encrypts a kept password: the OS key store in the app (src/main/os-key-store.ts: Electron's safeStorage, i.e.
 * DPAPI, the macOS Keychain, libsecret/KWallet), a key of the test harness elsewhere. Asynchronous because safeStorage's
 * synchronous calls are deprecated in Electron 45 and gone in 46; they also block the main process while the keyring
 * asks the user.
 */
export interface Encryptor {
  /** null when passwords can be kept; otherwise why not, in Chinese (shown beside the disabled 记住密码) */
  available(): Promise<string | null>;
  encrypt(text: string): Promise<Buffer>;
  /** throws when `data` cannot be decrypted; `stale` asks for it to be encrypted again (the key store rotated its key) */
  decrypt(data: Buffer): Promise<{ text: string; stale: boolean }>;
}

const FORMAT = 'minsheng-server-passwords/1';

interface VaultFile {
  format: typeof FORMAT;
  /** team-workbook address (never holds a password, see server-address.ts) → base64 of the encrypted password */
  passwords: Record<string, string>;
}

/**
 * The team-workbook passwords the user asked to keep (记住密码), in a small JSON file in the local app-data folder
 * beside the recent list. Only ciphertext is written: a password the key store cannot encrypt is not kept at all
 * (the caller keeps it in memory for the run). An entry that no longer decrypts — another Windows user, a reset
 * keyring, a damaged file — is forgotten, and the dialog asks for the password again.
 */
export class PasswordVault {
  constructor(
    private readonly file: string,
    private readonly encryptor: Encryptor,
  ) {}

  /** null when passwords can be kept, else why not */
  unavailable(): Promise<string | null> {
    return this.encryptor.available();
  }

  /** Whether a password is kept for `address` (without asking the key store: listing is not decrypting). */
  has(address: string): boolean {
    return Object.hasOwn(this.read(), address);
  }

  /** The kept password for `address`, or undefined (none kept, or it could not be decrypted and is now forgotten). */
  async recall(address: string): Promise<string | undefined> {
    const passwords = this.read();
    const sealed = Object.hasOwn(passwords, address) ? passwords[address] : undefined;
    if (sealed === undefined) return undefined;
    if ((await this.encryptor.available()) !== null) return undefined;
    let opened: { text: string; stale: boolean };
    try {
      opened = await this.encryptor.decrypt(Buffer.from(sealed, 'base64'));
    } catch {
      this.forget(address);
      return undefined;
    }
    if (opened.stale) await this.keep(address, opened.text);
    return opened.text;
  }

  /** Keeps `password` for `address`, encrypted. Resolves to null when kept, else why it was not (nothing written). */
  async keep(address: string, password: string): Promise<string | null> {
    const problem = await this.encryptor.available();
    if (problem !== null) return problem;
    let sealed: Buffer;
    try {
      sealed = await this.encryptor.encrypt(password);
    } catch (error) {
      return `系统密钥库未能加密密码（${error instanceof Error ? error.message : String(error)}），密码只在本次运行中保留。`;
    }
    // read after the await: the file as it is now, so a keep or forget finished meanwhile is not undone
    this.write({ ...this.read(), [address]: sealed.toString('base64') });
    return null;
  }

  forget(address: string): void {
    const passwords = this.read();
    if (!Object.hasOwn(passwords, address)) return;
    delete passwords[address];
    this.write(passwords);
  }

  /** The file's entries; a missing or damaged file holds none (it is replaced whole at the next write). */
  private read(): Record<string, string> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return {};
    }
    const passwords = (parsed as Partial<VaultFile> | null)?.passwords;
    if ((parsed as Partial<VaultFile> | null)?.format !== FORMAT || typeof passwords !== 'object' || passwords === null) return {};
    return Object.fromEntries(Object.entries(passwords).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  /** Durably (temp file, fsync, rename): a power cut leaves the old list or the new one, never half of either. */
  private write(passwords: Record<string, string>): void {
    const content: VaultFile = { format: FORMAT, passwords };
    ensureFolder(dirname(this.file));
    writeFileDurable(this.file, JSON.stringify(content, null, 1));
  }
}
