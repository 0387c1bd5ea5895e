/** OCSF device `type_id` for Tenable's device / system types (`device_type`, `system_types`). */
const DEVICE_TYPES: Readonly<Record<string, number>> = {
  'general-purpose': 0,
  server: 1,
  router: 12,
  firewall: 9,
  switch: 10,
  hub: 11,
  'load-balancer': 15,
  hypervisor: 99,
  mobile: 5,
  embedded: 7,
  camera: 7,
  printer: 99,
  'print-server': 99,
  scada: 99,
  wireless: 99,
};

/**
 * OCSF device type: Unknown (0) for general-purpose hosts, Other (99) with Tenable's word for a type OCSF
 * has no value for. `kept` says whether the word survives in the OCSF device (else it belongs in `unmapped`).
 */
export function deviceType(tenableType: string | undefined): { readonly type_id: number; readonly type?: string; readonly kept: boolean } {
  if (tenableType === undefined || tenableType === '') return { type_id: 0, kept: true };
  const id = DEVICE_TYPES[tenableType.toLowerCase()] ?? 99;
  if (id === 99) return { type_id: 99, type: tenableType, kept: true };
  return { type_id: id, kept: id !== 0 };
}

/** The agent that reported an asset: a Nessus Agent (OCSF agent type Vulnerability Management). */
export function nessusAgent(uid: string, name?: string): Record<string, unknown> {
  return { uid, ...(name ? { name } : {}), type_id: 5, vendor_name: 'Tenable' };
}

/** OCSF os from Tenable's operating system text ("Microsoft Windows 10 Pro", "Linux Kernel 4.8 on Ubuntu 16.04"). */
export function osOf(name: string | undefined): { name: string; type_id: number } | undefined {
  if (name === undefined || name === '') return undefined;
  const type = /windows/i.test(name)
    ? 100
    : /android/i.test(name)
      ? 201
      : /linux|ubuntu|debian|centos|red hat|rhel|fedora|suse|amazon linux|oracle linux/i.test(name)
        ? 200
        : /mac ?os|os x|darwin/i.test(name)
          ? 300
          : /\bios\b/i.test(name) && /apple|iphone/i.test(name)
            ? 301
            : /solaris|sunos/i.test(name)
              ? 400
              : /\baix\b/i.test(name)
                ? 401
                : /hp-ux/i.test(name)
                  ? 402
                  : 99;
  return { name, type_id: type };
}
