import { isIP } from 'node:net';

/** Whether `value` is an IPv4/IPv6 address or a CIDR range with a valid prefix length. */
export function isIpOrCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address = '', prefix, ...extra] = value.split('/');
  const version = isIP(address);
  if (version === 0 || extra.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}
