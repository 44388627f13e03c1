import { describe, expect, it } from 'vitest';
import { isArrowKey, stepFrom } from '../../../../src/renderer/grid/range';

const columns = ['number', 'title', 'status'];

describe('stepFrom: one arrow step inside the grid body', () => {
  it('moves one row or one displayed column', () => {
    expect(stepFrom({ rowIndex: 2, colId: 'title' }, 'ArrowDown', 10, columns)).toEqual({ rowIndex: 3, colId: 'title' });
    expect(stepFrom({ rowIndex: 2, colId: 'title' }, 'ArrowUp', 10, columns)).toEqual({ rowIndex: 1, colId: 'title' });
    expect(stepFrom({ rowIndex: 2, colId: 'title' }, 'ArrowRight', 10, columns)).toEqual({ rowIndex: 2, colId: 'status' });
    expect(stepFrom({ rowIndex: 2, colId: 'title' }, 'ArrowLeft', 10, columns)).toEqual({ rowIndex: 2, colId: 'number' });
  });

  it('leaves the edges to the grid (header above, totals row below, no column beyond)', () => {
    expect(stepFrom({ rowIndex: 0, colId: 'title' }, 'ArrowUp', 10, columns)).toBeNull();
    expect(stepFrom({ rowIndex: 9, colId: 'title' }, 'ArrowDown', 10, columns)).toBeNull();
    expect(stepFrom({ rowIndex: 3, colId: 'number' }, 'ArrowLeft', 10, columns)).toBeNull();
    expect(stepFrom({ rowIndex: 3, colId: 'status' }, 'ArrowRight', 10, columns)).toBeNull();
  });

  it('knows the arrow keys', () => {
    expect(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter'].map(isArrowKey)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
