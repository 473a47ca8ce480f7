// The upright 224 x 256 picture from video RAM (as dev.invaders.machine.Video draws it), on a canvas
// scaled by whole device pixels so that it stays sharp.

export const WIDTH = 224;
export const HEIGHT = 256;

// ImageData as little-endian 32-bit words: 0xAABBGGRR.
const BLACK = 0xff000000;
const WHITE = 0xffffffff;
const RED = 0xff0000ff;
const GREEN = 0xff00ff00;

/** The colour of the overlay strip over upright pixel (x, y): Video.overlayColour's bands. */
export function overlayColour(x, y) {
  if (y >= 32 && y < 64) {
    return RED;
  }
  if (y >= 184 && y < 240) {
    return GREEN;
  }
  if (y >= 240 && x >= 16 && x <= 134) {
    return GREEN;
  }
  return WHITE;
}

const PLAIN = new Uint32Array(WIDTH * HEIGHT).fill(WHITE);
const OVERLAY = new Uint32Array(WIDTH * HEIGHT);
for (let y = 0; y < HEIGHT; y++) {
  for (let x = 0; x < WIDTH; x++) {
    OVERLAY[y * WIDTH + x] = overlayColour(x, y);
  }
}

export class Screen {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.image = this.ctx.createImageData(WIDTH, HEIGHT);
    this.pixels = new Uint32Array(this.image.data.buffer);
    this.overlay = true;
    this.vram = null;
    this.dirty = false;
    this.clear();
    const loop = () => {
      if (this.dirty) {
        this.dirty = false;
        this.paint();
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  setOverlay(on) {
    this.overlay = on;
    this.dirty = this.vram !== null;
  }

  /** Shows this video RAM at the next animation frame (only the newest is drawn). */
  show(vram) {
    this.vram = vram;
    this.dirty = true;
  }

  clear() {
    this.vram = null;
    this.pixels.fill(BLACK);
    this.ctx.putImageData(this.image, 0, 0);
  }

  paint() {
    const vram = this.vram;
    if (!vram) {
      return;
    }
    const colours = this.overlay ? OVERLAY : PLAIN;
    const px = this.pixels;
    for (let x = 0; x < WIDTH; x++) {
      const line = x * 32;
      for (let i = 0; i < 32; i++) {
        const bits = vram[line + i];
        // Raster bit position p = 8 * i + b is upright row 255 - p.
        const rowBase = 255 - 8 * i;
        for (let b = 0; b < 8; b++) {
          const idx = (rowBase - b) * WIDTH + x;
          px[idx] = (bits >> b) & 1 ? colours[idx] : BLACK;
        }
      }
    }
    this.ctx.putImageData(this.image, 0, 0);
  }
}

/**
 * Sizes the canvas to the largest whole number of device pixels per game pixel that fits its box
 * (at least 1), so no pixel is blurred or drawn wider than its neighbours. The height it may take is
 * the window's below the box's top, less what must stay in view under it (the cabinet's buttons).
 */
export function fitCanvas(canvas, box, below) {
  const dpr = window.devicePixelRatio || 1;
  const width = box.clientWidth;
  const top = box.getBoundingClientRect().top + window.scrollY;
  const reserved = below ? below.offsetHeight + 16 : 24;
  const height = Math.max(256, window.innerHeight - top - reserved);
  const scale = Math.max(1, Math.floor(Math.min((width * dpr) / WIDTH, (height * dpr) / HEIGHT)));
  canvas.style.width = `${(WIDTH * scale) / dpr}px`;
  canvas.style.height = `${(HEIGHT * scale) / dpr}px`;
  canvas.dataset.scale = String(scale);
  return scale;
}
