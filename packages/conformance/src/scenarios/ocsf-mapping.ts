import { getClass, validateRecord } from '@patchbay/ocsf';
import type { AnyStream, MapMeta } from '@patchbay/sdk';
import { CheckFailure } from '../harness/check-failure.ts';
import { expectStatus } from '../harness/expect-run.ts';
import type { ScenarioEnv } from '../harness/scenario-env.ts';
import { recordCount, type Scenario } from './scenario.ts';

interface Problem {
  readonly stream: string;
  readonly record: string;
  readonly problem: string;
}

/** Where a mapped record's class disagrees with the class its stream declares. */
function classProblem(stream: AnyStream, data: Readonly<Record<string, unknown>>): string | undefined {
  const { classUid, class: className } = stream.ocsf;
  if (classUid !== undefined && data.class_uid !== classUid) return `class_uid ${String(data.class_uid)}, but the stream declares ${classUid}`;
  const found = typeof data.class_uid === 'number' ? getClass(data.class_uid) : undefined;
  if (className !== undefined && found?.name !== className) return `class ${found?.name ?? String(data.class_uid)}, but the stream declares ${className}`;
  return undefined;
}

function mapperProblems(env: ScenarioEnv, stream: AnyStream): Problem[] {
  const { connector } = env;
  const meta: MapMeta = { connector: { id: connector.id, name: connector.name, vendor: connector.vendor, version: connector.version }, stream: stream.name, instanceId: env.instance.id, receivedAt: env.clock.now() };
  const problems: Problem[] = [];
  env.simulator.records(stream.name).forEach((raw, index) => {
    const record = `vendor record #${index}`;
    let data: Readonly<Record<string, unknown>>;
    try {
      data = stream.map(raw, meta);
    } catch (error) {
      problems.push({ stream: stream.name, record, problem: `the mapper threw: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const result = validateRecord(data, { warnings: false });
    for (const issue of result.valid ? [] : result.errors.slice(0, 3)) problems.push({ stream: stream.name, record, problem: `${issue.path || '/'}: ${issue.message}` });
    const wrongClass = classProblem(stream, data);
    if (wrongClass) problems.push({ stream: stream.name, record, problem: wrongClass });
  });
  return problems;
}

/**
 * Every mapper output validates against its OCSF class: each vendor record mapped directly, then a sync
 * that must reject nothing (rejected records keep the validator's reasons).
 */
export const ocsfMapping: Scenario = {
  name: 'ocsf-mapping',
  notApplicable: ({ dataStreams }) => (dataStreams.length === 0 ? 'the simulator serves no stream of this connector' : undefined),
  async run({ open }) {
    const env = await open();
    env.seed(recordCount(env));
    const problems = env.dataStreams.flatMap((stream) => mapperProblems(env, stream));
    if (problems.length > 0) throw new CheckFailure(`${problems.length} mapped records are not valid OCSF: ${problems[0]!.problem}`, { problems: problems.slice(0, 20) });
    const runs = await env.sync();
    expectStatus(runs, 'sync');
    const rejected = await env.database.query<{ stream: string; external_id: string | null; kind: string; reason: unknown }>(
      'select stream, external_id, kind, reason from rejected_records where instance_id = $1 limit 20',
      [env.instance.id],
    );
    if (rejected.length > 0) throw new CheckFailure(`the engine rejected ${rejected.length} records after mapping`, { rejected });
    const [stored] = await env.database.query<{ n: number }>('select count(*)::int as n from records where instance_id = $1', [env.instance.id]);
    return { validated: stored?.n ?? 0, classes: env.dataStreams.map((s) => ({ stream: s.name, ...s.ocsf })) };
  },
};
