// Where things are, for the e2e fixtures.
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');
export const WEB_MAIN = path.join(ROOT, 'src', 'main', 'app', 'web-main.ts');
/** 1000 training and 200 test MNIST digits (resources/fixtures/mnist-tiny/README.md). */
export const TINY_DATASET = path.join(ROOT, 'resources', 'fixtures', 'mnist-tiny');
