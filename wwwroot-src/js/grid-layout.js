// How many columns and rows of 16:9 tiles fill a stage best. Pure, so it is unit-tested.

const TILE_RATIO = 16 / 9;

/** {cols, rows} giving the largest tiles for `count` tiles in a `width` x `height` stage. */
export function gridShape(count, width, height, gap = 8) {
  if (count <= 0 || width <= 0 || height <= 0) return { cols: 1, rows: 1 };
  let best = { cols: 1, rows: count, area: -1 };
  for (let cols = 1; cols <= count; cols += 1) {
    const rows = Math.ceil(count / cols);
    const cellWidth = (width - gap * (cols - 1)) / cols;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const tileWidth = Math.min(cellWidth, cellHeight * TILE_RATIO);
    const area = tileWidth * (tileWidth / TILE_RATIO);
    if (area > best.area + 1) best = { cols, rows, area };
  }
  return { cols: best.cols, rows: best.rows };
}
