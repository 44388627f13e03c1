import { utilityProcess } from 'electron';
import type { SpreadsheetData } from '../../core/exchange/sheet-data';
import { WorkbenchError } from '../../shared/result';
import { PARSE_LIMITS, type ParseReply, type SpreadsheetParser } from './parse-protocol';

/**
 * The app's parser host: an Electron utilityProcess (Node without RunAsNode, which the fuses turn off),
 * heap-capped and killed after the timeout. Same worker and messages as the Node host.
 */
export function electronSpreadsheetParser(workerPath: string, limits = PARSE_LIMITS): SpreadsheetParser {
  return {
    parse: (path) =>
      new Promise<SpreadsheetData>((resolve, reject) => {
        const child = utilityProcess.fork(workerPath, [], {
          serviceName: '民生规划工作台 表格解析',
          execArgv: [`--max-old-space-size=${limits.maxHeapMb}`],
          stdio: 'ignore',
        });
        let settled = false;
        const finish = (error: WorkbenchError | null, data?: SpreadsheetData): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          child.kill();
          if (error) reject(error);
          else resolve(data as SpreadsheetData);
        };
        const timer = setTimeout(
          () => finish(new WorkbenchError('bad_input', `解析表格超过${limits.timeoutMs / 1000}秒仍未完成，已中止。工作簿未做任何修改。`)),
          limits.timeoutMs,
        );
        child.on('message', (message: unknown) => {
          const reply = message as ParseReply;
          if (reply.ok) finish(null, reply.data);
          else finish(new WorkbenchError('bad_input', `${reply.reason}工作簿未做任何修改。`));
        });
        child.on('exit', (code) => finish(new WorkbenchError('bad_input', `解析表格的进程意外退出（代码 ${code}），多半是文件过大或构造异常。工作簿未做任何修改。`)));
        child.on('spawn', () => child.postMessage({ path, maxFileBytes: limits.maxFileBytes, maxRows: limits.maxRows, maxColumns: limits.maxColumns }));
      }),
  };
}
