import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private PostgreSQL cluster for one test file, from Debian's `postgresql` package (`.ci/run` installs it):
 * `initdb` into a temporary folder, a server listening only on a Unix socket in that folder (no TCP port to
 * collide with or expose), trust authentication for the cluster's own superuser, and `stop()` removes it all.
 * PostgreSQL refuses to run as root, so under root (CI containers) the server runs as the package's `postgres`
 * user; the tests connect through the socket as the superuser role `postgres`.
 */
export interface PgCluster {
  /** folder holding the socket: the `host` of a connection */
  socketDir: string;
  /** an address the app accepts, for `database` (created on demand with createDatabase) */
  address(database: string, query?: Record<string, string>): string;
  /** with `icuLocale` ('zh-Hans'), the database's text sorts and compares by that locale, as many offices' servers do */
  createDatabase(name: string, options?: { icuLocale?: string }): void;
  /** runs SQL through psql as the superuser (setting up roles, checking what a client wrote), or as `user` */
  psql(database: string, sql: string, user?: string): string;
  restart(): void;
  /** the server goes away (fast shutdown: connections are cut) until startServer */
  stopServer(): void;
  startServer(): void;
  stop(): void;
}

/** The folder of the newest installed server's programs, or null when PostgreSQL is not installed. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/**
 * True when the PostgreSQL tests can run. On CI a missing server is a failure, never a skip: the tests would
 * otherwise pass by not running.
 */
export function postgresAvailable(): boolean {
  const available = postgresBinaries() !== null;
  if (!available && process.env.CI) throw new Error('CI 需要 PostgreSQL（apt-get install postgresql）以运行团队工作簿的测试');
  return available;
}

export function startPgCluster(): PgCluster {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]): string => {
    const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const start = (): void => {
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-k ${dir} -c listen_addresses=''`, 'start']);
  };
  const stopServer = (): void => {
    run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  start();
  const psql = (database: string, sql: string, user = 'postgres'): string =>
    run('psql', ['-h', dir, '-U', user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql]);
  return {
    socketDir: dir,
    address: (database, query = {}) => {
      const search = new URLSearchParams({ host: dir, ...query });
      return `postgres://postgres@localhost/${encodeURIComponent(database)}?${search.toString()}`;
    },
    createDatabase: (name, options = {}) => {
      // an office's server is often initialised with its region's collation (Chinese by pinyin through ICU)
      const locale = options.icuLocale ? ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${options.icuLocale}'` : '';
      psql('postgres', `CREATE DATABASE "${name}"${locale}`);
    },
    psql,
    restart: () => {
      stopServer();
      start();
    },
    stopServer,
    startServer: start,
    stop: () => {
      try {
        stopServer();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
