import { findingAction } from './finding-action.ts';

/** Moves archived GuardDuty findings back to current; `archive-findings` undoes it. */
export const unarchiveFindings = findingAction(false);
