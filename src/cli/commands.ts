/**
 * The commands (loaded by index.ts, the entry). `npm run -s cli -- <command> [options]`: the same handlers and store as the app, without Electron.
 * stdout carries only the result; messages go to stderr. Exit 0 success, 1 bad input, 2 usage.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeCsv } from '../core/exchange/csv';
import { printReport } from './report-command';
import { readSnapshot } from '../app/exchange/read-snapshot';
import type { PacketPreview, RoundTripPreview } from '../shared/exchange';
import { packetHeader } from '../shared/fields/field-spec';
import { TARGET_FIELDS } from '../shared/fields/target-fields';
import { fileURLToPath } from 'node:url';
import type { PlanReading } from '../core/document/plan-reading';
import type { Owner, ParsedPlan } from '../shared/plan';
import { bundledWorker } from '../app/exchange/dev-worker';
import { nodeSpreadsheetParser, takeEarlyParser } from '../app/exchange/node-parser';
import { floorFromLinesFile, floorReport, formatFloorReport, importBudget, lineIdByCode, scenarioIdByName } from './budget-commands';
import {
  allBudgetsReport,
  budgetIdOf,
  budgetReport,
  formatAllBudgets,
  formatBudgetReport,
  formatImport,
  importExecution,
  periodArgument,
} from './execution-commands';
import type { ExecutionCompare, ExecutionView } from '../shared/execution';
import type { FloorMetrics } from '../core/budget/floor';
import { handlers } from '../app/handlers';
import type { HandlerContext } from '../app/handlers/context';
import type { PresetDialogs } from '../app/handlers/preset-dialogs';
import { nodeHandlerContext } from '../app/exchange/node-context';
import { type OpenHow, WorkbookSession } from '../app/session';
import { writeExportFile } from '../app/exchange/write-file';

type CliContext = HandlerContext & { dialogs: PresetDialogs };
import { dispatch, toErrorData } from '../app/ipc/dispatch';
import { createWorkbook, openWorkbook, resourcesAt, type Workbook } from '../app/store/workbook';
import { orgIdByName } from '../app/store/org-repository';
import type { ChannelName } from '../shared/channel-names';
import { WorkbenchError } from '../shared/result';
import { formatOutput } from './output';
import { formatTransfer, formatUpgrade, grant, localCopy, upgrade, uploadWorkbook } from './server-commands';
import { isServerAddress, requireServerAddress } from '../app/store/pg/server-address';
import { eitherHome } from '../app/either-home';
import { ServerPasswords } from '../app/server-passwords';
import { type ParsedArgs, parseArgs } from './args';
import { terminalPassword } from './terminal-password';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const resources = resourcesAt(repoRoot);

/**
 * The parser process's script. Run from its bundle (out/cli, scripts/build-cli.mjs), the CLI has the worker built
 * beside it; run from source, the worker is bundled on first use — esbuild at every command that reads a file.
 */
const serverWorker = (): string => {
  const prebuilt = join(here, 'pg-sync-worker.mjs');
  return existsSync(prebuilt)
    ? prebuilt
    : bundledWorker(join(repoRoot, 'src', 'app', 'store', 'pg', 'sync-worker.ts'), repoRoot, 'pg-sync-worker');
};

const parserWorker = (): string => {
  const prebuilt = join(here, 'parse-worker.mjs');
  return existsSync(prebuilt) ? prebuilt : bundledWorker(join(repoRoot, 'src', 'app', 'exchange', 'parse-worker.ts'), repoRoot);
};

const USAGE = `用法：npm run -s cli -- <命令> [选项]
  init --db FILE                 新建工作簿（含默认的2017年实施计划）
  info --db FILE [--json]        工作簿信息：数据结构版本、各表行数、完整性检查、日志模式
  parse-plan FILE [--json]       识别计划文件（.docx/.doc/.wps/.pdf/.xlsx/.xls/.csv/.txt）并输出结构，不写入工作簿
  import-plan FILE --db FILE [--allow-duplicate]
                                 把计划文件导入工作簿（一个可撤销的操作）；内容相同的计划已导入过时默认拒绝
  floor --db FILE [--scenario 名称] [--json]
                                 当前（或指定）情景的民生支出占比、底线余量（金额单位：元）
  floor --lines FILE.json [--floor 0.7] [--json]
                                 不用工作簿，按文件中的预算行计算：[{ "code", "name", "amountYuan", "livelihood" }]
  goal-seek --db FILE --scenario 名称 --line 科目编码 --share 0.72 --save-as 新情景名 [--variable amount|rate|quantity] [--json]
                                 目标求解：调整一行使民生占比达到目标，结果另存为新情景
  export-xlsx --db FILE --out FILE.xlsx
                                 导出Excel工作簿（任务、指标、责任单位、任务分工表、预算、各情景、情景对比）
  import-xlsx FILE.xlsx --db FILE [--dry-run] [--json]
                                 导入本软件导出（并在Excel/WPS中修改过）的工作簿；有任何错误则整个文件不导入
  export-packet --db FILE (--unit 单位 --out FILE.xlsx | --out-dir 文件夹)
                                 导出单位报送表（一个单位，或每个有任务的单位各一个文件）
  import-packet FILE.xlsx --db FILE (--accept-all | --dry-run) [--json]
                                 导入单位交回的报送表
  report --db FILE --kind compliance|compare|status|supervision|matrix|execution [--scenario 名称] [--budget 地区名] --out FILE.pdf
                                 用Chromium（CHROMIUM_PATH或系统中的Chromium/Chrome/Edge）生成PDF报告
  export-csv --db FILE --sheet 任务|指标|责任单位|预算 --out FILE.csv
                                 导出CSV（UTF-8带BOM；以 = + - @ 开头的单元格加 ' 防止被当作公式）
  import-execution FILE --db FILE --budget 地区名 [--period 2017-06] [--dry-run] [--json]
                                 导入预算执行表（xlsx/xls/csv）；地区不存在时新建；同一期间已有报表时替换
  execution --db FILE [--budget 地区名] [--period 2017-06] [--json]
                                 执行进度、民生占比、三种年底预计和底线测算（金额单位：元）；不指定地区时为各地区对比
  upload --db FILE --to postgres://用户名@服务器:端口/数据库?workbook=名称 [--title 标题]
                                 上传到服务器：把本地工作簿发布为团队工作簿（一个事务，内容校验一致才提交）；密码用环境变量 PGPASSWORD
  local-copy --db postgres://…?workbook=名称 --out FILE.mswb
                                 另存为本地副本：取团队工作簿此刻的完整副本（出差或在隔离的电脑上用）；不覆盖已有文件
  upgrade --db postgres://所有者@…?workbook=名称
                                 把团队工作簿升级到本软件的数据结构版本（一个事务；先用 pg_dump 备份；只有所有者可以升级）
  grant --db postgres://管理员@…?workbook=名称 --role 数据库用户 --as 管理员|编辑|单位填报|只读 [--org 责任单位] [--name 姓名]
                                 设定某人在团队工作簿中的权限（由数据库强制执行；单位填报只能改本单位任务的指标实际值和备注）
  import-budget FILE --db FILE [--sheet 工作表] [--header-row 行号] [--unit 元|万元|亿元] [--name 基线名] [--dry-run] [--json]
                                 导入预算表（Excel或CSV）为新的基线，列按常见表头识别；有任何错误则整个文件不导入
  任何命令加 --ascii：输出中的汉字写成 \\uXXXX（Windows PowerShell 5.1 按936代码页读取输出时不会乱码）
  除 init 外，命令只打开已有的工作簿，不会新建文件。工作簿正被他人使用时只能读取；
  加 --force 可强制写入（可能与对方的修改冲突）。`;

class UsageError extends Error {}

/** `--force` on any workbook command: take the workbook from another live holder (强制打开). */
const FORCE_OPEN = process.argv.slice(2).includes('--force');

function requireFlag(args: ParsedArgs, name: string): string {
  const value = args.flags.get(name);
  if (typeof value !== 'string') throw new UsageError(`缺少 --${name} 参数`);
  return value;
}

function optionalFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  if (value === true) throw new UsageError(`--${name} 需要一个值`);
  return value;
}

function requireFile(args: ParsedArgs): string {
  const file = args.positional[0];
  if (!file) throw new UsageError('缺少文件参数');
  return file;
}

/** Any plan document, read and parsed in the guarded parser process, as the app does. */
async function readPlanFile(file: string): Promise<PlanReading> {
  if (!existsSync(file)) throw new WorkbenchError('bad_input', `找不到文件 ${file}`);
  const parser = nodeSpreadsheetParser(parserWorker);
  return parser.readPlan(resolve(file));
}

/**
 * Runs a command on an existing workbook (only `init` creates one). While another process holds the workbook the
 * command reads it read-only and a write is refused with who holds it; `--force` takes the lock (强制打开).
 */
async function withWorkbook<T>(
  path: string,
  work: (context: CliContext) => Promise<T>,
  options: { create?: boolean; force?: boolean } = {},
): Promise<T> {
  if (options.create && isServerAddress(path))
    throw new WorkbenchError('bad_input', '团队工作簿由上传本地工作簿产生：请先 init 一个本地工作簿，再用 upload 上传到服务器。');
  const passwords = new ServerPasswords();
  if (isServerAddress(path)) {
    const address = requireServerAddress(path);
    const typed = await terminalPassword(address);
    // held for this command only: the CLI keeps no password anywhere
    if (typed !== undefined) await passwords.remember(address.text, typed, { keep: false });
  }
  const open = eitherHome(
    (file: string, how: OpenHow = {}): Workbook =>
      openWorkbook(file, { resources, origin: 'cli', force: how.force ?? options.force ?? FORCE_OPEN, create: how.create ?? false }),
    { serverMigrationsDir: resources.serverMigrationsDir, workerScript: serverWorker, passwords, origin: 'cli' },
  );
  const workbook: Workbook = options.create ? createWorkbook(path, { resources, origin: 'cli' }) : open(path);
  try {
    return await work(nodeHandlerContext(new WorkbookSession(path, open).adopt(workbook), repoRoot, parserWorker, takeEarlyParser()));
  } finally {
    workbook.close();
  }
}

async function invoke(context: HandlerContext, channel: ChannelName, input: unknown): Promise<unknown> {
  const result = await dispatch(handlers, context, channel, input);
  if (!result.ok) throw new WorkbenchError(result.error.kind, result.error.message, result.error.details);
  return result.value;
}

/** set once per run from --ascii */
let asciiOutput = false;

function print(value: unknown, json: boolean, human: () => string): void {
  process.stdout.write(formatOutput(value, { json, ascii: asciiOutput }, human));
}

/**
 * `parse-plan --json` prints a plan with the keys earlier versions printed, which scripts may read: a 责任单位 is
 * `unit` there (`units`, `owners[].unit`), `org` in the code.
 */
function planAsPrinted({ orgs, domains, tasks, safeguards, ...rest }: Omit<ParsedPlan, 'preamble' | 'sections'>) {
  const owners = (list: readonly Owner[]) => list.map(({ org, role }) => ({ unit: org, role }));
  return {
    ...rest,
    domains: domains.map((domain) => ({ ...domain, owners: owners(domain.owners) })),
    tasks: tasks.map((task) => ({ ...task, owners: owners(task.owners) })),
    safeguards: safeguards.map((safeguard) => ({ ...safeguard, owners: owners(safeguard.owners) })),
    units: orgs,
  };
}

async function run(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  const json = args.flags.has('json');
  asciiOutput = args.flags.has('ascii');
  switch (args.command) {
    case 'init': {
      const db = requireFlag(args, 'db');
      const info = await withWorkbook(db, (context) => invoke(context, 'workbook-info', {}), { create: true });
      print(info, json, () => `已创建工作簿 ${db}`);
      return;
    }
    case 'info': {
      const db = requireFlag(args, 'db');
      const info = (await withWorkbook(db, (context) => invoke(context, 'workbook-info', {}))) as Record<string, unknown>;
      print(info, json, () =>
        Object.entries(info)
          .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
          .join('\n'),
      );
      return;
    }
    case 'parse-plan': {
      const file = requireFile(args);
      const reading = await readPlanFile(file);
      const { plan } = reading;
      const { preamble: _preamble, sections: _sections, ...result } = plan;
      print(
        {
          file: reading.name,
          format: reading.format,
          ...(reading.encoding ? { encoding: reading.encoding } : {}),
          ...planAsPrinted(result),
        },
        json,
        () =>
          [
            `${plan.title}（${reading.formatName}）`,
            `${plan.domains.length} 个领域，${plan.tasks.length} 项任务，` +
              `${plan.tasks.reduce((n, t) => n + t.targets.length, plan.keyWork.targets.length)} 个指标，${plan.conflicts.length} 处冲突`,
            ...plan.tasks.map(
              (t) =>
                `  ${t.number}. ${t.title}（${t.place ?? ''}）牵头：${
                  t.owners
                    .filter((o) => o.role === 'lead')
                    .map((o) => o.org)
                    .join('、') || '—'
                }`,
            ),
            ...plan.warnings.map((w) => `提示：${w}`),
          ].join('\n'),
      );
      return;
    }
    case 'import-plan': {
      const file = resolve(requireFile(args));
      const db = requireFlag(args, 'db');
      const allowDuplicate = args.flags.has('allow-duplicate');
      const result = await withWorkbook(db, async (context) => {
        context.dialogs.open = file;
        const preview = (await invoke(context, 'plan-pick-file', {})) as { token: string; name: string };
        return invoke(context, 'plan-import', {
          token: preview.token,
          sourceName: preview.name,
          ...(allowDuplicate ? { allowDuplicate } : {}),
        });
      });
      print(result, json, () => `已导入 ${file}：${JSON.stringify(result)}`);
      return;
    }
    case 'floor': {
      const linesFile = args.flags.get('lines');
      if (typeof linesFile === 'string') {
        const floor = Number(args.flags.get('floor') ?? '0.7');
        if (!Number.isFinite(floor)) throw new UsageError('--floor 应为0到1之间的小数，如 0.7');
        const report = floorFromLinesFile(linesFile, floor);
        print(report, json, () => formatFloorReport(report));
        return;
      }
      const db = requireFlag(args, 'db');
      const scenarioName = args.flags.get('scenario');
      const result = (await withWorkbook(db, (context) =>
        invoke(context, 'budget-metrics', typeof scenarioName === 'string' ? { scenarioId: scenarioIdByName(context, scenarioName) } : {}),
      )) as { metrics: FloorMetrics; scenario: { name: string } };
      const report = { scenario: result.scenario.name, ...floorReport(result.metrics) };
      print(report, json, () => `情景：${report.scenario}\n${formatFloorReport(report)}`);
      return;
    }
    case 'goal-seek': {
      const db = requireFlag(args, 'db');
      const share = Number(requireFlag(args, 'share'));
      if (!Number.isFinite(share)) throw new UsageError('--share 应为0到1之间的小数，如 0.72');
      const variable = args.flags.get('variable') ?? 'amount';
      const result = (await withWorkbook(db, async (context) => {
        const scenarioId = scenarioIdByName(context, requireFlag(args, 'scenario'));
        return invoke(context, 'goal-seek', {
          scenarioId,
          lineId: lineIdByCode(context, scenarioId, requireFlag(args, 'line')),
          variable,
          share,
          saveAs: requireFlag(args, 'save-as'),
        });
      })) as { scenario: { name: string }; value: number; amountFen: number; metrics: FloorMetrics };
      const report = {
        scenario: result.scenario.name,
        variable,
        value: variable === 'quantity' ? result.value : result.value / 100,
        amount: result.amountFen / 100,
        ...floorReport(result.metrics),
      };
      print(report, json, () => `已另存为情景“${report.scenario}”：该行金额 ${report.amount.toFixed(2)} 元\n${formatFloorReport(report)}`);
      return;
    }
    case 'export-xlsx': {
      const out = requireFlag(args, 'out');
      const result = await withWorkbook(requireFlag(args, 'db'), async (context) => {
        context.dialogs.save = resolve(out);
        return invoke(context, 'xlsx-export', {});
      });
      print(result, json, () => `已导出：${out}`);
      return;
    }
    case 'import-xlsx': {
      const file = resolve(requireFile(args));
      const dryRun = args.flags.has('dry-run');
      const result = await withWorkbook(requireFlag(args, 'db'), async (context) => {
        context.dialogs.open = file;
        const preview = (await invoke(context, 'xlsx-import-preview', {})) as RoundTripPreview;
        if (preview.problems.length > 0)
          throw new WorkbenchError(
            'bad_input',
            `“${preview.fileName}”中有${preview.problems.length}处问题，整个文件未导入。`,
            preview.problems,
          );
        const applied = dryRun
          ? 0
          : ((await invoke(context, 'xlsx-import-apply', { token: preview.token })) as { applied: number }).applied;
        return { file: preview.fileName, dryRun, changes: preview.count, applied, summary: preview.summary };
      });
      print(result, json, () =>
        [
          `${dryRun ? '（试运行，未写入）' : ''}${result.file}：共${result.changes}处修改，已写入${result.applied}处`,
          ...result.summary.map(
            (s) => `  ${s.sheet}：新增${s.added}，修改${s.changed}，删除${s.removed}${s.notes.length ? `（${s.notes.join('；')}）` : ''}`,
          ),
        ].join('\n'),
      );
      return;
    }
    case 'export-packet': {
      const result = (await withWorkbook(requireFlag(args, 'db'), async (context) => {
        const orgName = args.flags.get('unit');
        if (typeof orgName === 'string') {
          const orgId = orgIdByName(context.workbook.db, orgName);
          if (orgId === null) throw new WorkbenchError('not_found', `没有名为“${orgName}”的单位。`);
          context.dialogs.save = resolve(requireFlag(args, 'out'));
          return invoke(context, 'packet-export', { orgId });
        }
        context.dialogs.folder = resolve(requireFlag(args, 'out-dir'));
        return invoke(context, 'packet-export', {});
      })) as { files: string[] };
      print(result, json, () => `已导出${result.files.length}个报送表：\n${result.files.join('\n')}`);
      return;
    }
    case 'import-packet': {
      const file = resolve(requireFile(args));
      const acceptAll = args.flags.has('accept-all');
      if (!acceptAll && !args.flags.has('dry-run')) throw new UsageError('请指定 --accept-all（全部接受）或 --dry-run（只看变化）');
      const result = await withWorkbook(requireFlag(args, 'db'), async (context) => {
        context.dialogs.open = file;
        const preview = (await invoke(context, 'packet-import-preview', {})) as PacketPreview;
        if (preview.problems.length > 0)
          throw new WorkbenchError('bad_input', `“${preview.fileName}”中有${preview.problems.length}处问题，未导入。`, preview.problems);
        const applied = acceptAll
          ? (
              (await invoke(context, 'packet-import-apply', { token: preview.token, acceptIds: preview.changes.map((c) => c.id) })) as {
                applied: number;
              }
            ).applied
          : 0;
        // `unit`: the key earlier versions printed (--json), which scripts may read
        return { file: preview.fileName, unit: preview.orgName, changes: preview.changes, applied };
      });
      print(result, json, () =>
        [
          `${result.unit} 报送 ${result.file}：${result.changes.length}处变化，已接受${result.applied}处`,
          ...result.changes.map(
            (c) => `  ${c.label}「${packetHeader(TARGET_FIELDS[c.field])}」：${c.before || '（空）'} → ${c.after || '（空）'}`,
          ),
        ].join('\n'),
      );
      return;
    }
    case 'report': {
      const scenario = args.flags.get('scenario');
      const budget = optionalFlag(args, 'budget');
      const result = await printReport({
        db: requireFlag(args, 'db'),
        kind: requireFlag(args, 'kind'),
        ...(typeof scenario === 'string' ? { scenario } : {}),
        ...(budget === undefined ? {} : { budget }),
        out: resolve(requireFlag(args, 'out')),
        repoRoot,
      });
      print(result, json, () => `已生成 ${result.out}（${Math.ceil(result.bytes / 1024)} KB）`);
      return;
    }
    case 'import-budget': {
      const file = requireFile(args);
      const headerRow = args.flags.get('header-row');
      const unit = args.flags.get('unit');
      if (headerRow !== undefined && !(typeof headerRow === 'string' && /^[1-9]\d*$/.test(headerRow)))
        throw new UsageError('--header-row 应为表头所在的行号，如 3');
      if (unit !== undefined && !(typeof unit === 'string' && ['元', '万元', '亿元'].includes(unit)))
        throw new UsageError('--unit 应为 元、万元 或 亿元');
      const sheet = args.flags.get('sheet');
      const result = await withWorkbook(requireFlag(args, 'db'), (context) =>
        importBudget(context, (channel, input) => invoke(context, channel, input), {
          file,
          ...(typeof sheet === 'string' ? { sheet } : {}),
          ...(typeof headerRow === 'string' ? { headerRow: Number(headerRow) } : {}),
          ...(typeof unit === 'string' ? { unit: ({ 元: 'yuan', 万元: 'wan', 亿元: 'yi' } as const)[unit as '元'] } : {}),
          baselineName:
            typeof args.flags.get('name') === 'string' ? (args.flags.get('name') as string) : basename(file).replace(/\.[^.]+$/, ''),
          dryRun: args.flags.has('dry-run'),
        }),
      );
      print(result, json, () =>
        result.applied
          ? `已导入${result.lines}行为新基线“${result.baseline}”，合计 ${result.total.toFixed(2)} 元`
          : `${result.lines}行，合计 ${result.total.toFixed(2)} 元（未写入）`,
      );
      if (result.problems.length > 0) {
        throw new WorkbenchError('bad_input', `“${file}”中有${result.problems.length}处问题，未导入。`, result.problems);
      }
      return;
    }
    case 'export-csv': {
      const sheet = requireFlag(args, 'sheet');
      if (!['任务', '指标', '责任单位', '预算'].includes(sheet)) throw new UsageError('--sheet 应为 任务、指标、责任单位 或 预算');
      const out = requireFlag(args, 'out');
      const rows = await withWorkbook(requireFlag(args, 'db'), async (context) => {
        // SheetJS (under export-workbook) only for the commands that write a file
        const { sheetTable } = await import('../core/exchange/export-workbook');
        const table = sheetTable(readSnapshot(context.workbook.db), sheet as '任务');
        await writeExportFile(resolve(out), writeCsv(table), context.session.path);
        return table;
      });
      print({ out, rows: rows.length - 1 }, json, () => `已导出${rows.length - 1}行到 ${out}`);
      return;
    }
    case 'import-execution': {
      const file = requireFile(args);
      const options = {
        file,
        budget: requireFlag(args, 'budget'),
        period: periodArgument(optionalFlag(args, 'period')),
        dryRun: args.flags.has('dry-run'),
      };
      const result = await withWorkbook(requireFlag(args, 'db'), (context) =>
        importExecution(context, (channel, input) => invoke(context, channel as ChannelName, input), options),
      );
      print(result, json, () => formatImport(result));
      return;
    }
    case 'execution': {
      const budget = optionalFlag(args, 'budget');
      const period = periodArgument(optionalFlag(args, 'period'));
      const span = period ? { year: period.year, month: period.month } : {};
      const result = await withWorkbook(requireFlag(args, 'db'), async (context) =>
        budget === undefined
          ? allBudgetsReport((await invoke(context, 'execution-compare', span)) as ExecutionCompare)
          : budgetReport((await invoke(context, 'execution-view', { budgetId: budgetIdOf(context, budget), ...span })) as ExecutionView),
      );
      print(result, json, () => (budget === undefined ? formatAllBudgets(result) : formatBudgetReport(result)));
      return;
    }
    case 'upload': {
      const to = requireFlag(args, 'to');
      const title = optionalFlag(args, 'title') ?? '';
      const result = await withWorkbook(requireFlag(args, 'db'), async (context) =>
        uploadWorkbook(context.session.workbook, to, title, resources),
      );
      print(result, json, () => formatTransfer(result, `已上传到 ${result.address}`));
      return;
    }
    case 'grant': {
      const message = await grant(requireFlag(args, 'db'), {
        role: requireFlag(args, 'role'),
        as: requireFlag(args, 'as'),
        org: optionalFlag(args, 'org'),
        name: optionalFlag(args, 'name'),
      });
      print({ ok: true }, json, () => message);
      return;
    }
    case 'upgrade': {
      const result = await upgrade(requireFlag(args, 'db'), resources);
      print(result, json, () => formatUpgrade(result));
      return;
    }
    case 'local-copy': {
      const result = await localCopy(requireFlag(args, 'db'), requireFlag(args, 'out'), resources);
      print(result, json, () => formatTransfer(result, `已保存本地副本 ${result.file}`));
      return;
    }
    case '':
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new UsageError(`未知命令：${args.command}`);
  }
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    const data = toErrorData(error);
    process.stderr.write(`错误：${data.message}\n${data.details.map((d) => `  ${d.where ? `${d.where}：` : ''}${d.message}\n`).join('')}`);
    process.exit(data.kind === 'internal' ? 3 : 1);
  },
);
