import { describe, expect, it } from 'vitest';
import { sqliteBindingOverride } from '../../../src/main/native-binding';

describe('sqliteBindingOverride', () => {
  const env = { MINSHENG_SQLITE_BINDING: 'C:\\dev\\.native-cache\\better_sqlite3.node' };

  it('uses the development build named by npm start', () => {
    expect(sqliteBindingOverride(false, env)).toBe(env.MINSHENG_SQLITE_BINDING);
    expect(sqliteBindingOverride(false, {})).toBeUndefined();
    expect(sqliteBindingOverride(false, { MINSHENG_SQLITE_BINDING: ' ' })).toBeUndefined();
  });

  it('ignores the variable in a packaged app, so an environment variable cannot load a native module', () => {
    expect(sqliteBindingOverride(true, env)).toBeUndefined();
  });
});
