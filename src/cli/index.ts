/**
 * `npm run -s cli -- <command> [options]`. This entry is small on purpose: a command that reads a spreadsheet
 * starts the parser process and the parse of its file before the commands (commands.ts: the handlers, the
 * store, SQLite, zod …) are loaded, so that the parse runs while they load and the workbook opens. The file is
 * parsed in the same separate, capped process as always; only sooner.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEarlyParser } from '../app/exchange/node-parser';
import { parseArgs } from './args';

/** Commands whose first argument is a spreadsheet the command parses (with kind 'spreadsheet'). */
const SPREADSHEET_COMMANDS = new Set(['import-budget', 'import-xlsx', 'import-packet', 'import-execution']);

const args = parseArgs(process.argv.slice(2));
const file = args.positional[0];
// only from the bundle (out/cli), whose worker is built beside it; from source the worker is bundled on first use
const worker = join(dirname(fileURLToPath(import.meta.url)), 'parse-worker.mjs');
if (SPREADSHEET_COMMANDS.has(args.command) && file && existsSync(file) && existsSync(worker)) startEarlyParser(worker, file);

await import('./commands');
