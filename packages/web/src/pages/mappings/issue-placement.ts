import type { PreviewIssue } from './mapping-types.ts';

export interface PlacedIssues {
  /** Issues per row index (the row whose target they belong to). */
  readonly byRow: ReadonlyMap<number, PreviewIssue[]>;
  /** Issues no row targets: shown with the sample (or the draft) as a whole. */
  readonly unplaced: PreviewIssue[];
}

/**
 * Puts each issue on the row it belongs to: the row whose draft field it names, else the row whose target
 * is its OCSF path or the nearest enclosing one (`finding_info` for an error at `finding_info.uid`), else
 * the row that sets something inside the path (`finding_info.title` for an error at `finding_info`).
 */
export function placeIssues(targets: readonly string[], issues: readonly PreviewIssue[]): PlacedIssues {
  const byRow = new Map<number, PreviewIssue[]>();
  const unplaced: PreviewIssue[] = [];
  const trimmed = targets.map((t) => t.trim());
  const rowOf = (issue: PreviewIssue): number => {
    if (issue.field?.startsWith('field_mappings.')) {
      const named = trimmed.lastIndexOf(issue.field.slice('field_mappings.'.length));
      if (named >= 0) return named;
    }
    const path = issue.path;
    if (!path) return -1;
    let best = -1;
    for (const [i, target] of trimmed.entries()) {
      if (!target) continue;
      const encloses = target === path || path.startsWith(`${target}.`);
      if (encloses && (best < 0 || target.length > trimmed[best]!.length)) best = i;
    }
    if (best >= 0) return best;
    return trimmed.findIndex((t) => t.startsWith(`${path}.`));
  };
  for (const issue of issues) {
    const row = rowOf(issue);
    if (row < 0) unplaced.push(issue);
    else byRow.set(row, [...(byRow.get(row) ?? []), issue]);
  }
  return { byRow, unplaced };
}
