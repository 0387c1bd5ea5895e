/** OCSF `os.type_id` by Falcon `platform_name` (Windows, Mac, Linux, and the mobile platforms). */
const OS_TYPES: Readonly<Record<string, number>> = { windows: 100, mac: 300, linux: 200, ios: 301, android: 201 };

export function osOf(platform: string | undefined, version?: string, build?: string): Record<string, unknown> | undefined {
  if (!platform) return undefined;
  const type_id = OS_TYPES[platform.toLowerCase()] ?? 99;
  return { name: version ?? platform, type_id, ...(type_id === 99 ? { type: platform } : {}), ...(build ? { build } : {}) };
}

/** OCSF `device.type_id` from Falcon's `product_type_desc` (Workstation, Server, Domain Controller, Mobile). */
export function deviceTypeOf(productType: string | undefined): { type_id: number; type?: string } {
  switch ((productType ?? '').toLowerCase()) {
    case 'workstation':
      return { type_id: 2, type: 'Desktop' };
    case 'server':
    case 'domain controller':
      return { type_id: 1, type: 'Server' };
    case 'mobile':
      return { type_id: 5, type: 'Mobile' };
    case '':
      return { type_id: 0 };
    default:
      return { type_id: 99, type: productType! };
  }
}

/** Falcon writes MAC addresses with dashes (`aa-bb-cc-dd-ee-ff`); OCSF wants colons. */
export function macOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const mac = value.replace(/-/g, ':').toLowerCase();
  return /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac) ? mac : undefined;
}
