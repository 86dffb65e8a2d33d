import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridShape } from '../js/grid-layout.js';

test('one tile fills the stage', () => {
  assert.deepEqual(gridShape(1, 1280, 700), { cols: 1, rows: 1 });
});

test('two tiles sit side by side on a wide stage and stacked on a tall one', () => {
  assert.deepEqual(gridShape(2, 1280, 700), { cols: 2, rows: 1 });
  assert.deepEqual(gridShape(2, 390, 700), { cols: 1, rows: 2 });
});

test('eight tiles on a desktop make a compact grid', () => {
  const { cols, rows } = gridShape(8, 1280, 700);
  assert.ok(cols * rows >= 8 && cols <= 4 && rows <= 3, `${cols}x${rows}`);
});

test('no tiles or no room still gives a valid shape', () => {
  assert.deepEqual(gridShape(0, 100, 100), { cols: 1, rows: 1 });
  assert.deepEqual(gridShape(3, 0, 0), { cols: 1, rows: 1 });
});
