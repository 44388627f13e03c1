import { fork } from 'node:child_process';
import { WorkbenchError } from '../../shared/result';
import type { SpreadsheetData } from '../../core/exchange/sheet-data';
import { PARSE_LIMITS, type ParseReply, type SpreadsheetParser } from './parse-protocol';

/**
 * The parser host for the CLI and the tests: a Node child process with a heap cap and a timeout. (The app
 * uses an Electron utilityProcess with the same worker and the same limits, see electron-parser.ts.)
 */
export function nodeSpreadsheetParser(workerPath: string, execArgv: string[] = [], limits = PARSE_LIMITS): SpreadsheetParser {
  return {
    parse: (path) =>
      new Promise<SpreadsheetData>((resolve, reject) => {
        const child = fork(workerPath, [], {
          execArgv: [...execArgv, `--max-old-space-size=${limits.maxHeapMb}`],
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          serialization: 'advanced',
        });
        let settled = false;
        const finish = (error: WorkbenchError | null, data?: SpreadsheetData): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (child.exitCode === null) child.kill('SIGKILL');
          if (error) reject(error);
          else resolve(data as SpreadsheetData);
        };
        const timer = setTimeout(
          () => finish(new WorkbenchError('bad_input', `解析表格超过${limits.timeoutMs / 1000}秒仍未完成，已中止。文件可能过大或已损坏，工作簿未做任何修改。`)),
          limits.timeoutMs,
        );
        child.on('message', (message) => {
          const reply = message as ParseReply;
          if (reply.ok) finish(null, reply.data);
          else finish(new WorkbenchError('bad_input', `${reply.reason}工作簿未做任何修改。`));
        });
        child.on('exit', (code, signal) => {
          finish(
            new WorkbenchError(
              'bad_input',
              `解析表格的进程意外退出（${signal ?? `代码 ${code}`}），多半是文件过大或构造异常（超出${limits.maxHeapMb} MB内存上限）。工作簿未做任何修改。`,
            ),
          );
        });
        child.on('error', (error) => finish(new WorkbenchError('internal', `无法启动表格解析进程：${error.message}`)));
        child.send({ path, maxFileBytes: limits.maxFileBytes, maxRows: limits.maxRows, maxColumns: limits.maxColumns });
      }),
  };
}
