import type { Logger } from '@patchbay/sdk';
import type { Clock } from '@patchbay/types';
import type { ProcessLimits } from './limits.ts';
import { requestAnswer } from './request-answer.ts';
import type { ProgramCommand } from './run-program.ts';

/** Runs `spec` (no config, no credentials) and returns the declaration the program printed, unchecked. */
export async function fetchSpec(program: ProgramCommand, options: { clock: Clock; log: Logger; limits: ProcessLimits; signal?: AbortSignal }): Promise<Record<string, unknown>> {
  const answer = await requestAnswer({ ...options, program, name: program.command, operation: 'spec' }, 'SPEC');
  return answer.spec;
}
