import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from '../../shared/result';
import { fsyncFile, renameNoClobber, temporaryBeside } from '../durable-files';
import { type FileDb, openDatabase } from './connection';
import { APPLICATION_ID } from './file-check';
import { type Migration, migrate } from './migrations';

/**
 * Writes a new workbook file: the schema, the workbook's identity, then `fill` (one transaction), all in a
 * temporary file beside `path` that gets its name only when complete. A crash or a full disk never leaves half a
 * workbook under the real name, and an existing file is never replaced. `fill` may check what it wrote and
 * throw; then no file is left at all.
 */
export function writeNewWorkbookFile(
  path: string,
  options: { migrations: readonly Migration[]; nativeBinding?: string | undefined },
  fill: (db: FileDb) => void,
): void {
  if (!existsSync(dirname(path))) {
    throw new WorkbenchError('bad_input', `文件夹“${dirname(path)}”不存在。请先创建该文件夹，或换一个保存位置。`);
  }
  const temporary = temporaryBeside(path, 'creating');
  try {
    const db = openDatabase(temporary, { nativeBinding: options.nativeBinding });
    try {
      migrate(db, options.migrations);
      db.transaction(() => {
        fill(db);
        db.pragma(`application_id = ${APPLICATION_ID}`);
      })();
      // the file alone holds everything: no -wal beside it to lose when it is copied to a USB stick
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    fsyncFile(temporary);
    if (!renameNoClobber(temporary, path)) throw new WorkbenchError('conflict', `文件已存在：${path}。为避免覆盖数据，请换一个文件名。`);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temporary}${suffix}`, { force: true });
  }
}
