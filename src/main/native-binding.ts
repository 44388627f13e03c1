/**
 * Where better-sqlite3's native build comes from. In development `npm start` builds one for Electron's ABI beside the
 * Node build and names it in MINSHENG_SQLITE_BINDING (scripts/native.mjs). A packaged app has its own build unpacked
 * from the asar and must ignore the variable: it would let anyone who can set an environment variable load any
 * native module into the main process, which holds the workbook.
 */
export function sqliteBindingOverride(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (isPackaged) return undefined;
  const path = env.MINSHENG_SQLITE_BINDING;
  return path && path.trim() !== '' ? path : undefined;
}
