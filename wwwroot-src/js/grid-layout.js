// How many columns and rows of 16:9 tiles fill a stage best. Pure, so it is unit-tested.

export const VIDEO_RATIO = 16 / 9;
// On a portrait stage (a phone held upright) square tiles waste less of the screen than 16:9 ones.
export const PORTRAIT_RATIO = 1;

/**
 * {cols, rows, tileWidth, tileHeight} giving the largest tiles for `count` tiles in a `width` x
 * `height` stage. Tiles keep one shape (16:9 like a video, square on a portrait stage) instead of being
 * stretched to whatever cell is left.
 */
export function gridShape(count, width, height, gap = 8) {
  const ratio = height > width ? PORTRAIT_RATIO : VIDEO_RATIO;
  if (count <= 0 || width <= 0 || height <= 0) return { cols: 1, rows: 1, tileWidth: 0, tileHeight: 0 };
  let best = { cols: 1, rows: count, area: -1, tileWidth: 0 };
  for (let cols = 1; cols <= count; cols += 1) {
    const rows = Math.ceil(count / cols);
    const cellWidth = (width - gap * (cols - 1)) / cols;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const tileWidth = Math.min(cellWidth, cellHeight * ratio);
    const area = tileWidth * (tileWidth / ratio);
    if (area > best.area + 1) best = { cols, rows, area, tileWidth };
  }
  const tileWidth = Math.floor(best.tileWidth);
  return { cols: best.cols, rows: best.rows, tileWidth, tileHeight: Math.floor(tileWidth / ratio) };
}
