import type { DeclarationIssues } from './issues.ts';

const MAX_ICON = 64 * 1024;

/**
 * An icon is an inline SVG, an emoji, or an https/data:image URL. Inline SVG is shown in the UI, so it
 * may hold no script, event handlers or javascript: links.
 */
export function checkIcon(issues: DeclarationIssues, field: string, icon: unknown): void {
  if (typeof icon !== 'string' || icon.trim() === '') {
    issues.add(field, 'must be an inline SVG, an emoji or a URL');
    return;
  }
  if (icon.length > MAX_ICON) {
    issues.add(field, `is larger than ${MAX_ICON / 1024} KiB`);
    return;
  }
  const text = icon.trim();
  if (/^<svg[\s>]/i.test(text)) {
    if (!/<\/svg>$/i.test(text)) issues.add(field, 'inline SVG does not end with </svg>');
    if (/<script|<foreignobject|\son[a-z]+\s*=|javascript:/i.test(text)) {
      issues.add(field, 'inline SVG contains script, event handlers or javascript: links');
    }
    return;
  }
  if (URL.canParse(text)) {
    const url = new URL(text);
    if (!(url.protocol === 'https:' || (url.protocol === 'data:' && url.pathname.startsWith('image/')))) {
      issues.add(field, 'icon URL must be https: or data:image/');
    }
    return;
  }
  const isEmoji = [...text].length <= 8 && /\p{Extended_Pictographic}/u.test(text) && !/[\p{L}\p{N}<>]/u.test(text);
  if (!isEmoji) issues.add(field, 'must be an inline SVG (<svg ...>), an emoji or a URL');
}
