/**
 * The file parser process (spreadsheets and plan documents): requests in, one reply each. Runs as a Node child process (CLI, tests) or
 * an Electron utilityProcess (the app); either way a hostile file can at worst crash or stall this process,
 * which the host kills, while the app and the workbook are untouched. The host keeps it for the next file
 * for a short while (see parser-host.ts); it exits when the host goes away.
 */
import { parseFile } from './parse-file';
import type { ParseReply, ParseRequest } from './parse-protocol';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

async function handle(request: ParseRequest): Promise<ParseReply> {
  return { id: request.id, ...(await parseFile(request)) };
}

if (parentPort) {
  parentPort.on('message', (event) => void handle(event.data as ParseRequest).then((reply) => parentPort.postMessage(reply)));
} else {
  process.on('message', (request) => void handle(request as ParseRequest).then((reply) => process.send?.(reply)));
  // the host exited or let go of this process: nothing more will come
  process.on('disconnect', () => process.exit(0));
}
