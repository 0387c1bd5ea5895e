/** A closed time range `[from, to]`. */
export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

/** Splits `[from, to]` into consecutive windows at most `sizeMs` long (one window when no size). */
export function timeWindows(from: Date, to: Date, sizeMs?: number): TimeWindow[] {
  if (to.getTime() <= from.getTime()) return [];
  if (sizeMs === undefined) return [{ from, to }];
  const windows: TimeWindow[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += sizeMs) {
    windows.push({ from: new Date(start), to: new Date(Math.min(start + sizeMs, to.getTime())) });
  }
  return windows;
}

/** The two halves of a window, for when one window holds too much to buffer. */
export function halve(window: TimeWindow): [TimeWindow, TimeWindow] {
  const middle = new Date(Math.floor((window.from.getTime() + window.to.getTime()) / 2));
  return [
    { from: window.from, to: middle },
    { from: middle, to: window.to },
  ];
}
