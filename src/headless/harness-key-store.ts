import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Encryptor } from '../app/server-password-vault';

/**
 * One key for the whole test process, never written anywhere: the OS key store outlives a run of the app, so a
 * harness app started again over the same data folder in the same process must still open what the last one kept.
 */
const KEY = randomBytes(32);
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The key store of the headless harness: real encryption (AES-256-GCM, authenticated, so a damaged entry fails to
 * decrypt as the OS's would), so tests can check that the password file never holds a password in clear. `problem`
 * makes it unavailable with that reason, as a Linux without a keyring is.
 */
export function harnessKeyStore(problem: string | null = null): Encryptor {
  return {
    available: async () => problem,
    encrypt: async (text) => {
      if (problem !== null) throw new Error(problem);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', KEY, iv);
      const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    decrypt: async (data) => {
      if (problem !== null) throw new Error(problem);
      const decipher = createDecipheriv('aes-256-gcm', KEY, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const text = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      return { text, stale: false };
    },
  };
}
