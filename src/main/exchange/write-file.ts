import { renameSync, writeFileSync } from 'node:fs';

/** Writes beside the target and renames over it: a crash never leaves half a file under the real name. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}
