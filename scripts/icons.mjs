// Generates every app icon from the one source, build/icon.svg: PNG sizes for Linux
// (build/icons/NxN.png), build/icon.png, build/icon.ico (Windows) and build/icon.icns
// (macOS). Run by `npm run dist*` before electron-builder; the outputs are not committed.
// Libraries: sharp (SVG → PNG, libvips) and png2icons (PNG → ICO / ICNS, pure JS).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import png2icons from 'png2icons';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = join(root, 'build');

/** Sizes electron-builder's Linux targets pick from (hicolor theme sizes). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** Renders the SVG at one size (density scaled so the vector is rasterised, not upscaled). */
async function png(svg, size) {
  return sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 1024) * 4) })
    .resize(size, size)
    .png()
    .toBuffer();
}

/** Writes every icon; returns the paths written. */
export async function generateIcons(outDir = build) {
  const svg = await readFile(join(build, 'icon.svg'));
  const written = [];
  await mkdir(join(outDir, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) {
    const file = join(outDir, 'icons', `${size}x${size}.png`);
    await writeFile(file, await png(svg, size));
    written.push(file);
  }
  const big = await png(svg, 1024);
  const targets = [
    ['icon.png', await png(svg, 512)],
    ['icon.ico', png2icons.createICO(big, png2icons.BICUBIC2, 0, false, true)],
    ['icon.icns', png2icons.createICNS(big, png2icons.BICUBIC2, 0)],
  ];
  for (const [name, data] of targets) {
    if (!data) throw new Error(`icons: could not make ${name}`);
    const file = join(outDir, name);
    await writeFile(file, data);
    written.push(file);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? build;
  const files = await generateIcons(out);
  console.log(`icons: ${files.length} files from build/icon.svg`);
}
