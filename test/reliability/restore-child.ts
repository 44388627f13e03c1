/**
 * Restores a backup over a workbook and says how it went. The opening tests run it with a file-size limit
 * (`ulimit -f`), a real "disk full" for this process, to show that a restore failing half-way changes nothing.
 */
import { restoreBackup } from '../../src/app/store/backups';
import { WorkbenchError } from '../../src/shared/result';

const [workbook, backup] = process.argv.slice(2) as [string, string];
try {
  restoreBackup(workbook, backup);
  process.stdout.write('restored\n');
} catch (error) {
  process.stdout.write(`refused: ${error instanceof WorkbenchError ? error.message : String(error)}\n`);
}
