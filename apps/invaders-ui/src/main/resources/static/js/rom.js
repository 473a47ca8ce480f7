// A ROM from the files a user drops or picks: one file (MAME's zip or one 8 KiB image) or the four files
// invaders.h, .g, .f and .e. The server checks sizes and hashes and says what is wrong.

const PARTS = ['invaders.h', 'invaders.g', 'invaders.f', 'invaders.e'];
const MAX_FILE = 1024 * 1024;

export async function base64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(out);
}

/** The request members for these files: {romImage} or {romFiles}; throws an Error saying what to drop. */
export async function romMembers(fileList) {
  const files = [...fileList];
  if (files.length === 0) {
    throw new Error('no file: drop a MAME zip, an 8 KiB image, or the four files invaders.h, .g, .f and .e');
  }
  const big = files.find((f) => f.size > MAX_FILE);
  if (big) {
    throw new Error(`${big.name} is ${big.size} bytes; a Space Invaders ROM is 8 KiB (a zip of it a little more)`);
  }
  if (files.length === 1) {
    return { romImage: await base64(files[0]) };
  }
  const byName = new Map(files.map((f) => [f.name.toLowerCase(), f]));
  if (files.length === 4 && PARTS.every((p) => byName.has(p))) {
    const romFiles = {};
    for (const p of PARTS) {
      romFiles[p] = await base64(byName.get(p));
    }
    return { romFiles };
  }
  throw new Error(`${files.length} files: drop one file (a MAME zip or an 8 KiB image) or exactly the four files`
    + ' invaders.h, invaders.g, invaders.f and invaders.e');
}
