import { findingAction } from './finding-action.ts';

/** Archives GuardDuty findings; `unarchive-findings` undoes it. */
export const archiveFindings = findingAction(true);
