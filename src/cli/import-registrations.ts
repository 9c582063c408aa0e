/**
 * Registration import from the command line, for files too large for the browser:
 *
 *   npx tsx src/cli/import-registrations.ts <file.csv|file.xlsx> [--region 99] [--report <path>]
 *
 * The same service as POST /api/v1/admin/registrations/import, on the database the server
 * uses (DATA_DIR / DATABASE_URL / DATA_KEY as for the server). --region imports as that
 * region's administrator (rows of other regions are refused); without it, nationally.
 * Rejected rows go to <file>.errors.csv (or --report). Exit code: 0 all stored,
 * 3 some rows rejected, 1 the file was refused or the import failed, 2 wrong usage.
 */
import { exitWithUsage, parseCliArgs } from './cli-args.js';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { createAppContext } from '../app-context.js';
import { isAppError } from '../domain/errors.js';
import type { Actor } from '../services/deps.js';
import { importRegistrations } from '../services/import-registrations.js';
import { getImportReport } from '../services/import-reports.js';
import { importReportCsv } from '../adapters/import/write-import-report.js';

const USAGE = 'npx tsx src/cli/import-registrations.ts <file.csv|file.xlsx> [--region <考区代码>] [--report <errors.csv>]';
function usage(message?: string): never {
  return exitWithUsage(USAGE, message);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(
    argv,
    { region: { type: 'string' }, report: { type: 'string' } },
    USAGE,
    true,
  );
  const region = values.region;
  const reportPath = values.report;
  if (positionals.length !== 1) usage('give exactly one file to import');
  const file = path.resolve(positionals[0]!);
  const bytes = await fs.readFile(file).catch(() => usage(`cannot read ${file}`));

  const ctx = await createAppContext({ ...loadConfig(), loadDemoData: false });
  try {
    if (region && !(await ctx.deps.store.regions.exists(region))) {
      console.error(`考区 ${region} 不存在`);
      return 1;
    }
    const actor: Actor = {
      accountId: 'cli',
      username: `cli:${os.userInfo().username}`,
      role: 'admin',
      displayName: '命令行导入',
      regionCode: region ?? null,
      siteCode: null,
      registrationId: null,
      mustChangePassword: false,
    };
    const started = Date.now();
    let lastShown = 0;
    const result = await importRegistrations(ctx.deps, actor, {
      fileName: path.basename(file),
      bytes,
      onProgress: (done, total) => {
        if (process.stderr.isTTY && (Date.now() - lastShown > 500 || done === total)) {
          lastShown = Date.now();
          process.stderr.write(`\r写入 ${done}/${total}`);
        }
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${path.basename(file)}（${result.format === 'csv' ? `CSV ${result.encoding}` : 'xlsx'}）：共 ${result.totalRows} 行，新增 ${result.imported}，更新 ${result.updated}，` +
        `未变 ${result.unchanged}，拒绝 ${result.rejectedRows}；重回填报 ${result.returnedToDraft}。用时 ${seconds.toFixed(1)} 秒（${Math.round(result.totalRows / Math.max(seconds, 0.001))} 行/秒）。`,
    );
    if (result.rejectedRows === 0) return 0;
    const report = await getImportReport(ctx.deps, actor, result.reportId);
    const out = reportPath ? path.resolve(reportPath) : `${file}.errors.csv`;
    await fs.writeFile(out, importReportCsv(report));
    for (const p of result.rejected.slice(0, 20)) console.log(`  第 ${p.row} 行 ${p.column || ''} ${p.code}：${p.message}`);
    if (result.rejected.length > 20) console.log(`  ……共 ${result.rejected.length} 个问题`);
    console.log(`错误报告：${out}`);
    return 3;
  } catch (e) {
    if (isAppError(e)) {
      console.error(`${e.code}：${e.messageFor('zh-CN')}`);
      return 1;
    }
    throw e;
  } finally {
    await ctx.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
