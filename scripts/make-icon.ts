// Renders the app icon (resources/build/icon.svg, drawn by hand) to the 512×512 PNG electron-builder makes every
// platform's icon from. Run after editing the SVG: node --import tsx scripts/make-icon.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const dir = path.resolve(__dirname, '..', 'resources', 'build');
const png = new Resvg(readFileSync(path.join(dir, 'icon.svg'), 'utf8'), { fitTo: { mode: 'width', value: 512 }, background: 'rgba(0,0,0,0)' }).render();
writeFileSync(path.join(dir, 'icon.png'), png.asPng());
process.stdout.write(`resources/build/icon.png: ${png.width}×${png.height}\n`);
