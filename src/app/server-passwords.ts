import type { PasswordVault } from './server-password-vault';

/** Whether a password is at hand for an address: kept in the OS key store, typed earlier in this run, or neither. */
export type SavedPassword = 'kept' | 'this-run' | null;

/** Why nothing is kept where the app was given no key store (the CLI, the plain test contexts). */
export const NO_KEY_STORE = '此环境没有系统密钥库，密码只在本次运行中保留。';

/**
 * The team-workbook passwords the app knows, by address (the address text never holds a password): those typed in
 * this run, in memory, and those the user asked to keep (记住密码), in the vault. Opening a workbook is synchronous
 * (the store waits on its worker) while the key store answers asynchronously, so a kept password is first
 * `recall`ed into memory by the handler that opens, and the opener reads memory only (`known`).
 */
export class ServerPasswords {
  private readonly thisRun = new Map<string, string>();

  constructor(private readonly vault: PasswordVault | null = null) {}

  /** The password to log in to `address` with, if one was typed in this run or recalled from the vault. */
  known(address: string): string | undefined {
    return this.thisRun.get(address);
  }

  /** Brings the vault's password for `address` into memory, unless this run already has one. */
  async recall(address: string): Promise<void> {
    if (this.thisRun.has(address) || !this.vault) return;
    const kept = await this.vault.recall(address);
    if (kept !== undefined) this.thisRun.set(address, kept);
  }

  /**
   * A password that just logged in: held for this run, and kept in the vault when `keep` (记住密码) — or, unticked,
   * taken out of it, so the vault never holds a password the user chose not to keep; without `keep`, the vault is
   * not touched. Resolves to null when done as
   * asked, else why it is held for this run only.
   */
  async remember(address: string, password: string, { keep }: { keep?: boolean }): Promise<string | null> {
    this.thisRun.set(address, password);
    // not decided (the page had not yet learnt what is kept): the vault is left as it is
    if (keep === undefined) return null;
    if (!this.vault) return keep ? NO_KEY_STORE : null;
    if (!keep) {
      this.vault.forget(address);
      return null;
    }
    return this.vault.keep(address, password);
  }

  /** 忘记已保存的密码, and what a refused login does to the password it tried. */
  forget(address: string): void {
    this.thisRun.delete(address);
    this.vault?.forget(address);
  }

  /** What the dialog shows for `address`: whether 记住密码 can be offered (null) or why not, and what is saved. */
  async state(address: string): Promise<{ keyStore: string | null; saved: SavedPassword }> {
    const keyStore = this.vault ? await this.vault.unavailable() : NO_KEY_STORE;
    // a kept password the key store cannot open now (a locked keyring) is as good as none
    const kept = keyStore === null && this.vault?.has(address) === true;
    const saved: SavedPassword = kept ? 'kept' : this.thisRun.has(address) ? 'this-run' : null;
    return { keyStore, saved };
  }
}
