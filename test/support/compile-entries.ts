import { execFile } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Jest's TypeScript transform does not reach child processes: compiles the module graphs of `entries`
 * (paths relative to the repository root) to JS under `outDir` (no type-check) and returns each
 * entry's compiled path, runnable with `node`.
 */
export async function compileEntries(outDir: string, entries: readonly string[]): Promise<string[]> {
  symlinkSync(join(ROOT, 'node_modules'), join(outDir, 'node_modules'));
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }');
  const config = {
    extends: join(ROOT, 'tsconfig.json'),
    compilerOptions: { outDir: join(outDir, 'out'), rootDir: ROOT, noCheck: true, sourceMap: false, types: ['node'] },
    files: entries.map((entry) => join(ROOT, entry)),
    include: [],
  };
  writeFileSync(join(outDir, 'tsconfig.json'), JSON.stringify(config));
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(outDir, 'tsconfig.json')]);
  return entries.map((entry) => join(outDir, 'out', entry.replace(/\.ts$/, '.js')));
}
