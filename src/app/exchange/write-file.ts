import { replaceFileDurable } from '../durable-files';
import { assertNotWorkbookFile } from '../file-identity';

/**
 * Every export (xlsx, CSV, packets, PDF) is written here: never onto the open workbook or a file that belongs to
 * it (by file identity, not spelling), and written beside the target, synced and renamed over it, so a crash or a
 * power cut never leaves half a file under the real name. A target that Excel/WPS or an antivirus scanner holds
 * is tried again for a few seconds (durable-files.ts), then refused with the reason (“请先关闭该文件后重试”).
 */
export async function writeExportFile(path: string, bytes: Uint8Array, workbookPath: string): Promise<void> {
  assertNotWorkbookFile(path, workbookPath);
  await replaceFileDurable(path, bytes);
}
