import { protocolError } from './program-errors.ts';
import type { MessageOf, MessageType } from './protocol.ts';
import { runProgram, type RunProgramOptions } from './run-program.ts';

/**
 * Runs an operation that has exactly one answer (spec, check, discover, invoke) and returns it once
 * the program has exited cleanly. A second answer, or none, is a protocol error.
 */
export async function requestAnswer<T extends MessageType>(options: RunProgramOptions & { readonly operation: 'spec' | 'check' | 'discover' | 'invoke' }, type: T): Promise<MessageOf<T>> {
  let answer: MessageOf<T> | undefined;
  for await (const { message, line } of runProgram(options)) {
    if (answer !== undefined) throw protocolError({ name: options.name, operation: options.operation }, `line ${line}: a second ${type} message; ${options.operation} answers once`, { line });
    answer = message as MessageOf<T>;
  }
  if (answer === undefined) throw protocolError({ name: options.name, operation: options.operation }, `exited without a ${type} message`);
  return answer;
}
