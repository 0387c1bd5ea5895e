import { PatchbayError } from '@patchbay/types';
import type { InstanceStatus } from '@patchbay/store';

/** configuring → active ↔ inactive; error is entered by the engine and left by activate or deactivate. */
const transitions: Record<'activate' | 'deactivate', readonly InstanceStatus[]> = {
  activate: ['configuring', 'inactive', 'error'],
  deactivate: ['active', 'error', 'configuring'],
};

export function nextStatus(from: InstanceStatus, action: 'activate' | 'deactivate'): InstanceStatus {
  if (!transitions[action].includes(from)) {
    throw new PatchbayError('INVALID_STATE_TRANSITION', {
      message: `Cannot ${action} an instance that is ${from}`,
      hint: action === 'activate' ? 'The instance is already active.' : 'The instance is already inactive.',
      details: { from, action },
    });
  }
  return action === 'activate' ? 'active' : 'inactive';
}
