// The room map of docs/ARCHITECTURE.md as data: which room may import which.
// A room is the longest matching folder prefix; `engineFrom` lists the main-process folders that run the engine.

export const rooms = [
  { name: 'engine', dir: 'src/engine', mayImport: ['engine'], node: false, electron: false },
  { name: 'shared', dir: 'src/shared', mayImport: ['shared'], typeOnly: ['engine'], node: false, electron: false },
  { name: 'main/electron', dir: 'src/main/electron', mayImport: ['main', 'main/electron', 'shared'], node: true, electron: true },
  {
    name: 'main/training',
    dirs: ['src/main/worker', 'src/main/report', 'src/main/datasets', 'src/main/wasm', 'src/main/native'],
    mayImport: ['main', 'main/training', 'shared', 'engine'],
    node: true,
    electron: false,
  },
  { name: 'main', dir: 'src/main', mayImport: ['main', 'main/training', 'shared'], typeOnly: ['engine'], node: true, electron: false },
  { name: 'preload', dir: 'src/preload', mayImport: ['preload', 'shared'], node: false, electron: true },
  { name: 'renderer', dir: 'src/renderer', mayImport: ['renderer', 'shared'], typeOnly: ['engine'], node: false, electron: false },
  { name: 'e2e', dir: 'e2e', mayImport: ['e2e'], typeOnly: ['shared'], node: true, electron: true },
];

/** Folders whose files are tests or test helpers: they may also use Node (fs for fixtures). */
export const testPattern = /(\.test\.ts$|\/testing\/)/;
