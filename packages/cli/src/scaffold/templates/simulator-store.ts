import type { ScaffoldNames } from '../scaffold-names.ts';

export function simulatorStoreFile(n: ScaffoldNames): string {
  return `import type { ${n.recordType} } from '../mappers/${n.record}.ts';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** What the simulated vendor holds: ${n.stream} with ids, creation and update times. */
export interface ${n.typePrefix}Store {
  readonly ${n.streamBinding}: ${n.recordType}[];
  /**
   * Adds \`count\` ${n.stream}, one second apart and ending before \`now\`. With \`equalAtBoundary\`, the
   * last of every page of \`pageSize\` and the first of the next share one timestamp.
   */
  seed(count: number, now: Date, pageSize: number, equalAtBoundary: boolean): void;
  /** Creates, updates (stamped \`now\`) and deletes ${n.stream}. */
  mutate(change: { readonly create?: number; readonly update?: number; readonly delete?: number }, now: Date): void;
  /** The ${n.stream} updated within [from, to], by (updated_at, id). */
  list(from: number, to: number): ${n.recordType}[];
}

export function create${n.typePrefix}Store(): ${n.typePrefix}Store {
  const ${n.streamBinding}: ${n.recordType}[] = [];
  let serial = 0;
  const make = (at: Date): ${n.recordType} => {
    serial += 1;
    return {
      id: \`${n.record}-\${String(serial).padStart(6, '0')}\`,
      title: \`${n.streamTitle} #\${serial}\`,
      severity: SEVERITIES[serial % SEVERITIES.length] ?? 'low',
      status: 'new',
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      hostname: serial % 2 === 0 ? \`host-\${serial}.corp.example\` : null,
      rule_id: \`rule-\${serial % 7}\`,
    };
  };
  return {
    ${n.streamBinding},
    seed(count, now, pageSize, equalAtBoundary) {
      let at = now.getTime() - count * 1000;
      for (let index = 0; index < count; index += 1) {
        const boundary = equalAtBoundary && index > 0 && index % pageSize === 0;
        if (!boundary) at += 1000;
        ${n.streamBinding}.push(make(new Date(at)));
      }
    },
    mutate(change, now) {
      for (let index = 0; index < (change.update ?? 0) && index < ${n.streamBinding}.length; index += 1) {
        const current = ${n.streamBinding}[index]!;
        ${n.streamBinding}[index] = { ...current, status: 'in_progress', title: \`\${current.title} (updated)\`, updated_at: now.toISOString() };
      }
      ${n.streamBinding}.splice(0, change.delete ?? 0);
      for (let index = 0; index < (change.create ?? 0); index += 1) ${n.streamBinding}.push(make(now));
    },
    list(from, to) {
      return ${n.streamBinding}
        .filter((record) => Date.parse(record.updated_at) >= from && Date.parse(record.updated_at) <= to)
        .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || (a.id < b.id ? -1 : 1));
    },
  };
}
`;
}
