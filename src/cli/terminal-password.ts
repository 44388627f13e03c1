import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ServerAddress } from '../app/store/pg/server-address';
import { WorkbenchError } from '../shared/result';

/**
 * A team workbook's password on the command line. Never an argument (shell history, the process list): the driver
 * reads PGPASSWORD or the pgpass file as libpq does, and when neither is there and a person is at the terminal, it
 * is asked for here, without echo. In a script (stdin not a terminal) nothing is asked, as before. The CLI never keeps
 * a password anywhere; one typed here lasts for this command.
 */
export async function terminalPassword(
  address: ServerAddress,
  env: NodeJS.ProcessEnv = process.env,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string | undefined> {
  if (env.PGPASSWORD !== undefined || existsSync(pgpassFile(env)) || !input.isTTY) return undefined;
  const typed = await readHidden(`数据库用户“${address.user}”在 ${address.host} 上的密码（直接回车则不用密码）：`, input, output);
  return typed === '' ? undefined : typed;
}

/** Where libpq (and the driver) look for saved passwords. */
function pgpassFile(env: NodeJS.ProcessEnv): string {
  if (env.PGPASSFILE) return env.PGPASSFILE;
  return process.platform === 'win32' ? join(env.APPDATA ?? '', 'postgresql', 'pgpass.conf') : join(homedir(), '.pgpass');
}

/** One line from the terminal in raw mode, so nothing typed is echoed; Ctrl+C stops the command. */
function readHidden(question: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  output.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (settle: () => void): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      settle();
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(() => resolve(typed));
        if (char === '\u0003') return finish(() => reject(new WorkbenchError('bad_input', '已取消：未输入密码。')));
        // backspace removes one character (a whole Chinese character, as the user sees it)
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
