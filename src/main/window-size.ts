/**
 * The window's size on a given screen. The work area is in CSS pixels (Electron's DIPs): a 1366×768 laptop at 125%
 * scaling leaves about 1093×574 above the taskbar, a 1920×1080 screen at 150% about 1280×680 — so the minimum must be
 * below both, and the first size never larger than the work area (or the status bar ends up under the taskbar).
 */
export const MIN_WINDOW = { width: 960, height: 540 } as const;
const PREFERRED_WINDOW = { width: 1366, height: 768 } as const;

export interface WorkArea {
  width: number;
  height: number;
}

export function initialWindowSize(workArea: WorkArea): { width: number; height: number } {
  return {
    width: Math.max(Math.min(PREFERRED_WINDOW.width, workArea.width), Math.min(MIN_WINDOW.width, workArea.width)),
    height: Math.max(Math.min(PREFERRED_WINDOW.height, workArea.height), Math.min(MIN_WINDOW.height, workArea.height)),
  };
}

/** The minimum, never above what the screen can show. */
export function minimumWindowSize(workArea: WorkArea): { width: number; height: number } {
  return { width: Math.min(MIN_WINDOW.width, workArea.width), height: Math.min(MIN_WINDOW.height, workArea.height) };
}
