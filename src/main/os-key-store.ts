import type { SafeStorage } from 'electron';
import type { Encryptor } from '../app/server-password-vault';

export type KeyStoreApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export const NO_OS_KEY_STORE = '本机没有可用的系统密钥库，密码只在本次运行中保留。';

/**
 * Linux backends that are no key store: `basic_text` encrypts with a key written into Chromium's source (anyone can
 * decrypt), `unknown` is the answer before the app is ready. A password "kept" with either would be plain text in all
 * but name, so 记住密码 is not offered.
 */
const NOT_A_KEY_STORE = new Set(['basic_text', 'unknown']);

/**
 * The OS key store through Electron's safeStorage (Windows DPAPI, the macOS Keychain, libsecret or KWallet on Linux).
 * Only usable once the app is ready: startup.ts runs after app.whenReady(). The asynchronous calls are used: the
 * synchronous ones are deprecated in Electron 45 and removed in 46, and they block the main process while a keyring
 * asks the user to unlock it.
 */
export function osKeyStore(safeStorage: KeyStoreApi, platform: NodeJS.Platform): Encryptor {
  return {
    available: async () => {
      if (platform === 'linux' && NOT_A_KEY_STORE.has(safeStorage.getSelectedStorageBackend())) return NO_OS_KEY_STORE;
      try {
        return (await safeStorage.isAsyncEncryptionAvailable()) ? null : NO_OS_KEY_STORE;
      } catch {
        return NO_OS_KEY_STORE;
      }
    },
    encrypt: (text) => safeStorage.encryptStringAsync(text),
    decrypt: async (data) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(data);
      return { text: result, stale: shouldReEncrypt };
    },
  };
}
