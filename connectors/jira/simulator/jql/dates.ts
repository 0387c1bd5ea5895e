import { zonedToEpochMs } from '../zoned-time.ts';
import { JqlError } from './jql-error.ts';
import type { Operand } from './parse.ts';

/**
 * JQL date operands (https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Updated): a date and
 * time to the minute, or a date, read in the searching account's time zone; or a period from now.
 */
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD = /^([-+]?)(\d+)([wdhm])$/;
const UNIT_MS: Readonly<Record<string, number>> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
/** A JQL date operand as an instant: `yyyy-MM-dd HH:mm` (or `/`, or a date alone) in the account's zone, or a period like `-5d`. */
export function dateOf(operand: Operand, field: string, ctx: { readonly timeZone: string; readonly nowMs: number }): number | null {
  if (operand.type === 'empty') return null;
  if (operand.type === 'function') {
    if (operand.name === 'now') return ctx.nowMs;
    throw new JqlError(`Error in the JQL Query: Unable to find JQL function '${operand.name}()'.`);
  }
  const date = DATE.exec(operand.value.trim());
  if (date) return zonedToEpochMs(Number(date[1]), Number(date[2]), Number(date[3]), Number(date[4] ?? 0), Number(date[5] ?? 0), ctx.timeZone);
  const period = PERIOD.exec(operand.value.trim());
  if (period) return ctx.nowMs + (period[1] === '-' ? -1 : 1) * Number(period[2]) * UNIT_MS[period[3]!]!;
  throw new JqlError(
    `Date value '${operand.value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}
