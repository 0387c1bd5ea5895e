import { InvalidArgumentError } from 'commander';
import { isRole, roles, type Role } from '@patchbay/types';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return port;
}

export function parseRole(value: string): Role {
  if (!isRole(value)) throw new InvalidArgumentError(`one of ${roles.join(', ')}`);
  return value;
}
