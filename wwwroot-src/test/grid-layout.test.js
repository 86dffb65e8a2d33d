import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridShape } from '../js/grid-layout.js';

test('one tile takes the largest 16:9 box the stage allows', () => {
  assert.deepEqual(gridShape(1, 1280, 700), { cols: 1, rows: 1, tileWidth: 1244, tileHeight: 699 });
});

test('tiles keep the 16:9 shape of a video on a landscape stage', () => {
  const { tileWidth, tileHeight } = gridShape(3, 1200, 1000);
  assert.ok(Math.abs(tileWidth / tileHeight - 16 / 9) < 0.01);
});

test('tiles are square on a portrait stage (a phone)', () => {
  const { tileWidth, tileHeight, cols } = gridShape(2, 374, 760);
  assert.equal(cols, 1);
  assert.equal(tileWidth, tileHeight);
});

test('two tiles sit side by side on a wide stage and stacked on a tall one', () => {
  assert.equal(gridShape(2, 1280, 700).cols, 2);
  assert.equal(gridShape(2, 390, 700).rows, 2);
});

test('eight tiles on a desktop make a compact grid', () => {
  const { cols, rows } = gridShape(8, 1280, 700);
  assert.ok(cols * rows >= 8 && cols <= 4 && rows <= 3, `${cols}x${rows}`);
});

test('no tiles or no room still gives a valid shape', () => {
  assert.deepEqual(gridShape(0, 100, 100), { cols: 1, rows: 1, tileWidth: 0, tileHeight: 0 });
  assert.deepEqual(gridShape(3, 0, 0), { cols: 1, rows: 1, tileWidth: 0, tileHeight: 0 });
});
