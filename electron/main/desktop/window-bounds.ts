/**
 * Window bounds remembered between runs, clamped to the displays present now: a window
 * saved on a monitor since unplugged comes back on a visible one. Pure (no electron
 * import): the glue passes `screen.getAllDisplays()` work areas in.
 */

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered: the normal bounds and whether the window was maximized. */
export interface SavedBounds extends Rect {
  maximized: boolean;
}

/** The smallest window the app allows (also the BrowserWindow minimum). */
export const MIN_SIZE = { width: 640, height: 480 } as const;
/** The size of a first window. */
export const DEFAULT_SIZE = { width: 1100, height: 820 } as const;

/** How much of a window must overlap a display to count as visible there. */
const MIN_VISIBLE = 64;

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

function finite(r: Rect): boolean {
  return [r.x, r.y, r.width, r.height].every((n) => Number.isFinite(n));
}

/**
 * The bounds to open the window with. `saved` null, unreadable or mostly off-screen →
 * the default size centred on the primary work area (the first one). A window larger
 * than its display shrinks to fit (not below the minimum), and is moved inside it.
 */
export function clampBounds(saved: SavedBounds | null, workAreas: readonly Rect[]): SavedBounds {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const centred = (): SavedBounds => {
    const width = Math.max(MIN_SIZE.width, Math.min(DEFAULT_SIZE.width, primary.width));
    const height = Math.max(MIN_SIZE.height, Math.min(DEFAULT_SIZE.height, primary.height));
    return {
      x: Math.round(primary.x + (primary.width - width) / 2),
      y: Math.round(primary.y + (primary.height - height) / 2),
      width,
      height,
      maximized: false,
    };
  };
  if (saved === null || !finite(saved)) return centred();
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(saved, area);
    if (o.w >= MIN_VISIBLE && o.h >= MIN_VISIBLE && o.w * o.h > bestArea) {
      best = area;
      bestArea = o.w * o.h;
    }
  }
  if (best === null) return { ...centred(), maximized: saved.maximized };
  const width = Math.max(MIN_SIZE.width, Math.min(Math.round(saved.width), best.width));
  const height = Math.max(MIN_SIZE.height, Math.min(Math.round(saved.height), best.height));
  const x = Math.min(Math.max(Math.round(saved.x), best.x), best.x + best.width - width);
  const y = Math.min(Math.max(Math.round(saved.y), best.y), best.y + best.height - height);
  return { x, y, width, height, maximized: saved.maximized };
}
