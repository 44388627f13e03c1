import { writeFileDurable } from '../durable-files';
import { assertNotWorkbookFile } from '../file-identity';

/**
 * Every export (xlsx, CSV, packets, PDF) is written here: never onto the open workbook or a file that belongs to
 * it (by file identity, not spelling), and written beside the target, synced and renamed over it, so a crash or a
 * power cut never leaves half a file under the real name.
 */
export function writeExportFile(path: string, bytes: Uint8Array, workbookPath: string): void {
  assertNotWorkbookFile(path, workbookPath);
  writeFileDurable(path, bytes);
}
