import { describe, expect, it } from 'vitest';
import { type KeyStoreApi, NO_OS_KEY_STORE, osKeyStore } from '../../../src/main/os-key-store';

function safeStorage(backend: ReturnType<KeyStoreApi['getSelectedStorageBackend']>, available = true): KeyStoreApi {
  return {
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (text) => Buffer.from(`sealed:${text}`),
    decryptStringAsync: async (data) => ({ result: data.toString().replace(/^sealed:/, ''), shouldReEncrypt: false }),
  };
}

describe('the OS key store behind 记住密码', () => {
  it("refuses Linux's basic_text (a key written in Chromium's source) and the not-yet-ready unknown", async () => {
    expect(await osKeyStore(safeStorage('basic_text'), 'linux').available()).toBe(NO_OS_KEY_STORE);
    expect(await osKeyStore(safeStorage('unknown'), 'linux').available()).toBe(NO_OS_KEY_STORE);
    expect(await osKeyStore(safeStorage('gnome_libsecret'), 'linux').available()).toBeNull();
    expect(await osKeyStore(safeStorage('kwallet6'), 'linux').available()).toBeNull();
  });

  it('asks Windows and macOS only whether encryption is available (the backend is a Linux notion)', async () => {
    expect(await osKeyStore(safeStorage('unknown'), 'win32').available()).toBeNull();
    expect(await osKeyStore(safeStorage('unknown', false), 'darwin').available()).toBe(NO_OS_KEY_STORE);
    const failing = { ...safeStorage('unknown'), isAsyncEncryptionAvailable: () => Promise.reject(new Error('keychain')) };
    expect(await osKeyStore(failing, 'darwin').available()).toBe(NO_OS_KEY_STORE);
  });

  it('passes a rotated key on as stale, so the vault encrypts the password again', async () => {
    const store = osKeyStore(
      { ...safeStorage('kwallet5'), decryptStringAsync: async () => ({ result: 'pw', shouldReEncrypt: true }) },
      'linux',
    );
    expect(await store.decrypt(await store.encrypt('pw'))).toEqual({ text: 'pw', stale: true });
  });
});
