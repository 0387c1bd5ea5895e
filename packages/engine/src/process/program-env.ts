/**
 * The environment a connector program starts with: only what locating the interpreter and text
 * encoding need. The engine's own environment (DATABASE_URL, master keys, tokens) never reaches it,
 * and neither do credentials: those travel on stdin.
 */
const PASSED = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'SYSTEMROOT', 'WINDIR', 'PATHEXT', 'COMSPEC'] as const;

export function programEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}
