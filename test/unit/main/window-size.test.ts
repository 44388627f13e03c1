import { describe, expect, it } from 'vitest';
import { initialWindowSize, minimumWindowSize } from '../../../src/main/window-size';

describe('window size on the screens offices have', () => {
  it('opens at 1366×768 where it fits', () => {
    expect(initialWindowSize({ width: 1920, height: 1040 })).toEqual({ width: 1366, height: 768 });
  });

  it('fits the work area of a 1366×768 laptop at 125% (about 1093×574 above the taskbar)', () => {
    const area = { width: 1093, height: 574 };
    expect(initialWindowSize(area)).toEqual({ width: 1093, height: 574 });
    const min = minimumWindowSize(area);
    expect(min.width).toBeLessThanOrEqual(area.width);
    expect(min.height).toBeLessThanOrEqual(area.height);
  });

  it('fits 1920×1080 at 150% (1280×680) and never asks for more than a tiny screen has', () => {
    expect(initialWindowSize({ width: 1280, height: 680 })).toEqual({ width: 1280, height: 680 });
    expect(minimumWindowSize({ width: 800, height: 500 })).toEqual({ width: 800, height: 500 });
    expect(initialWindowSize({ width: 800, height: 500 })).toEqual({ width: 800, height: 500 });
  });
});
