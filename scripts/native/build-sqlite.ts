// `npm run build:native [-- --node PATH | --electron]`: builds better-sqlite3 for one runtime into
// build/native/better-sqlite3/<runtime>-<abi>-<platform>-<arch>/ (see src/main/db/native-binding.ts), one line out.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BINDING_FILE, bindingFolderName, describeRuntime, NATIVE_DIR } from '../../src/main/db/native-binding';
import { compile, failureReason, fetchPrebuilt, stageSources } from './compile';
import { ELECTRON_HEADERS, electronTarget, nodeTarget, type Target, TargetError } from './targets';

const USAGE = `usage: npm run build:native -- [--node PATH | --electron] [--out DIR] [--force] [--from-source] [--headers-url URL]
  --node PATH        build for this Node binary (default: the Node running this script)
  --electron         build for node_modules' Electron (fetches a published binary, else compiles with its headers)
  --out DIR          where the runtime folders go (default: build/native/better-sqlite3)
  --force            build even when the binary is there
  --from-source      never fetch a published binary
  --headers-url URL  where Electron's headers come from (default: ${ELECTRON_HEADERS})`;

const root = path.resolve(__dirname, '..', '..');

/** Whether the Node binary `node` loads `binding` and runs a query with it. */
function loads(node: string, binding: string): boolean {
  const pkg = createRequire(path.join(root, 'package.json')).resolve('better-sqlite3');
  const check =
    'const D=require(process.argv[1]);const db=new D(":memory:",{nativeBinding:process.argv[2]});process.exit(db.prepare("select 1").pluck().get()===1?0:1)';
  try {
    execFileSync(node, ['-e', check, pkg, binding], { stdio: 'ignore', env: {} });
    return true;
  } catch {
    return false;
  }
}

async function build(target: Target, file: string, options: { fromSource: boolean; headersUrl: string }): Promise<string> {
  const what = describeRuntime(target.runtime);
  const packageDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('better-sqlite3/package.json'));
  const stage = stageSources(packageDir);
  const started = Date.now();
  process.stdout.write(`building better-sqlite3 ${JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version} for ${what}…\n`);
  const fetched = !options.fromSource && (await fetchPrebuilt(stage, target, packageDir));
  if (!fetched && !(await compile(stage, target, root))) {
    rmSync(stage.dir, { recursive: true, force: true }); // the sources' copy; the log stays
    throw new TargetError(
      `could not build better-sqlite3 for ${what}: ${failureReason(readFileSync(stage.log, 'utf8'), options.headersUrl)} (log: ${stage.log})`,
    );
  }
  if (target.checkWith && !loads(target.checkWith, stage.output))
    throw new TargetError(`the better-sqlite3 built for ${what} does not load in it (log: ${stage.log})`);
  mkdirSync(path.dirname(file), { recursive: true });
  // Copy, then rename: a process starting meanwhile sees the old binary or the new one, never half of one.
  const partial = `${file}.${process.pid}.partial`;
  copyFileSync(stage.output, partial);
  renameSync(partial, file);
  rmSync(path.dirname(stage.dir), { recursive: true, force: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  return `${fetched ? 'fetched' : 'built'} better-sqlite3 for ${what} in ${seconds} s: ${path.relative(process.cwd(), file) || file}`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      node: { type: 'string' },
      electron: { type: 'boolean' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      'from-source': { type: 'boolean' },
      'headers-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return (process.stdout.write(`${USAGE}\n`), 0);
  if (values.node !== undefined && values.electron) throw new TargetError('--node and --electron: choose one runtime');
  const headersUrl = values['headers-url'] ?? ELECTRON_HEADERS;
  const target = values.electron ? electronTarget(root, headersUrl) : nodeTarget(values.node ?? process.execPath);
  const file = path.join(path.resolve(values.out ?? path.join(root, NATIVE_DIR)), bindingFolderName(target.runtime), BINDING_FILE);
  const present = existsSync(file) && (target.checkWith === null || loads(target.checkWith, file));
  if (present && !values.force) {
    process.stdout.write(`better-sqlite3 for ${describeRuntime(target.runtime)} is already built: ${file}\n`);
    return 0;
  }
  process.stdout.write(`${await build(target, file, { fromSource: values['from-source'] ?? false, headersUrl })}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    // Bad options and failed builds are one line; anything else is a bug and keeps its stack.
    const badOption = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (badOption) process.stderr.write(`${(err as Error).message} (see npm run build:native -- --help)\n`);
    else process.stderr.write(`${err instanceof TargetError ? err.message : (err as Error).stack}\n`);
    process.exitCode = 1;
  },
);
