import type { Command } from 'commander';
import { accessHub } from '../hub-access.ts';
import { runtimeConfig } from '../runtime-config.ts';
import { EXIT } from '../exit-codes.ts';

interface VerifyResult {
  ok: boolean;
  rows: number;
  broken_at: { seq: number; id: string; reason: string } | null;
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Walk the audit chain; exit 1 naming the first broken row')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (flags: { dataDir?: string }) => {
      const access = await accessHub(runtimeConfig(flags));
      let result: VerifyResult;
      if (access.mode === 'http') result = await access.client.request<VerifyResult>('GET', '/api/admin/audit/verify');
      else {
        try {
          const r = await access.hub.engine.audit.verify();
          result = { ok: r.ok, rows: r.rows, broken_at: r.ok ? null : r.brokenAt };
        } finally {
          await access.hub.close();
        }
      }
      if (result.ok) {
        process.stdout.write(`audit chain intact: ${result.rows} rows\n`);
        return;
      }
      const b = result.broken_at!;
      process.stdout.write(`audit chain BROKEN at row seq=${b.seq} id=${b.id}: ${b.reason}\n`);
      process.exitCode = EXIT.failure;
    });
}
