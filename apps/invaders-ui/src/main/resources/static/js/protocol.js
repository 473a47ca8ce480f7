// fetch-execute's frame stream, as the UI relays it: one WebSocket message per stream message,
// u8 type, u32 big-endian length, payload.

export const FRAME = 1;
export const STATS = 2;
export const CONSOLE = 3;
export const END = 4;

/** Video RAM 0x2400-0x3FFF: 224 raster lines of 32 bytes. */
export const VRAM_SIZE = 7168;

const utf8 = new TextDecoder('utf-8');

/** Splits one message into its type and payload; throws on a message whose length is not its own. */
export function parseMessage(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 5) {
    throw new Error(`a stream message of ${bytes.length} bytes has no header`);
  }
  const view = new DataView(buffer);
  const length = view.getUint32(1, false);
  if (length !== bytes.length - 5) {
    throw new Error(`a stream message says ${length} bytes and carries ${bytes.length - 5}`);
  }
  return { type: bytes[0], payload: bytes.subarray(5) };
}

/** A text payload (STATS, CONSOLE, END). */
export function text(payload) {
  return utf8.decode(payload);
}

function leb128(payload, at) {
  let value = 0;
  let shift = 0;
  let p = at.p;
  for (;;) {
    if (p >= payload.length) {
      throw new Error('a frame delta ends inside a number');
    }
    const b = payload[p++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) {
      break;
    }
    shift += 7;
    if (shift > 28) {
      throw new Error('a frame delta has a number over 32 bits');
    }
  }
  at.p = p;
  return value;
}

/**
 * Applies one FRAME payload to {@code vram} (7168 bytes, the previous frame; a keyframe starts from zeros) and
 * returns its header: frame number, keyframe, the sound latches OUT 3 and OUT 5 and their rising edges.
 * Throws, leaving {@code vram} unusable until the next keyframe, on a delta that does not cover 7168 bytes.
 */
export function applyFrame(payload, vram) {
  if (payload.length < 13) {
    throw new Error(`a FRAME of ${payload.length} bytes has no header`);
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const frame = view.getUint32(0, false) * 2 ** 32 + view.getUint32(4, false);
  const flags = payload[8];
  const header = {
    frame,
    keyframe: (flags & 1) !== 0,
    sound3: payload[9],
    sound5: payload[10],
    edges3: payload[11],
    edges5: payload[12],
  };
  if (header.keyframe) {
    vram.fill(0);
  }
  const at = { p: 13 };
  let pos = 0;
  while (pos < VRAM_SIZE) {
    pos += leb128(payload, at);
    if (pos > VRAM_SIZE) {
      throw new Error('a frame delta skips past the end of video RAM');
    }
    if (pos === VRAM_SIZE && at.p >= payload.length) {
      break;
    }
    const count = leb128(payload, at);
    if (pos + count > VRAM_SIZE || at.p + count > payload.length) {
      throw new Error('a frame delta has more bytes than video RAM or than the message');
    }
    for (let i = 0; i < count; i++) {
      vram[pos + i] ^= payload[at.p + i];
    }
    pos += count;
    at.p += count;
  }
  return header;
}
