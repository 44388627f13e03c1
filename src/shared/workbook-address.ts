/**
 * Whether a workbook path is a team workbook's address (`postgres://…`, see src/app/store/pg/server-address.ts)
 * rather than a .mswb file. Shared: the page words its messages by it, the app opens by it.
 */
export const SERVER_ADDRESS_SCHEME = /^postgres(?:ql)?:\/\//i;

export function isServerAddress(path: string): boolean {
  return SERVER_ADDRESS_SCHEME.test(path.trim());
}
