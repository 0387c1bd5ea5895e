/**
 * A connector's icon: its emoji, or the first letter of its name when the declaration gives an image URL
 * (the UI loads nothing from other hosts: its CSP allows images from the hub only, and it works offline).
 */
export function ConnectorIcon({ icon, name, big }: { icon: string | null; name: string; big?: boolean }) {
  const emoji = icon && icon.length <= 8 && !/^[a-z]+:/i.test(icon) ? icon : null;
  return (
    <span className={`icon${big ? ' big' : ''}${emoji ? '' : ' letter'}`} aria-hidden="true">
      {emoji ?? name.slice(0, 1).toUpperCase()}
    </span>
  );
}
