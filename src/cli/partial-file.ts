import type { WriteStream } from 'node:fs';
import { lstat, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { InvalidInput } from '../common/invalid-input.js';

/**
 * Refuses an `--out` file `writeWhole` cannot write, before any work (and before any database): a
 * blank name or a blank last part (`dir/ `: a file named by spaces is a slip, not a name), its
 * directory missing (or not a directory), or in its place (or in that of its `.partial` file)
 * anything but a regular file: the rename at the end would replace a directory, a device, a pipe or
 * a symbolic link with the export. Throws `InvalidInput` naming `--out`.
 */
export async function checkOut(path: string): Promise<void> {
  if (basename(path).trim() === '') throw new InvalidInput([{ field: '--out', message: '--out must name a file' }]);
  const problem = await outProblem(path);
  if (problem) throw new InvalidInput([{ field: '--out', message: problem }]);
}

/** What stands in the way of writing `path` and then `path.partial`, or `undefined`. */
async function outProblem(path: string): Promise<string | undefined> {
  const directory = await stat(dirname(path)).catch(() => undefined);
  if (!directory) return `directory ${dirname(path)} does not exist`;
  if (!directory.isDirectory()) return `${dirname(path)} is not a directory`;
  for (const name of [path, `${path}.partial`]) {
    const found = await lstat(name).catch(() => undefined);
    if (found && !found.isFile()) return `${name} is ${found.isDirectory() ? 'a directory' : 'not a regular file'}`;
  }
  return undefined;
}

/**
 * Runs `write` into `<path>.partial` and gives the file its name only once `write` is done: an
 * export cut short (an error, Ctrl-C, a crash) never leaves a truncated file under the name of a
 * whole one; on an error the partial file is removed. Checked (`checkOut`) and opened first, so a
 * path that cannot be written fails before any work.
 */
export async function writeWhole<T>(path: string, write: (stream: WriteStream) => Promise<T>): Promise<T> {
  await checkOut(path);
  const partial = `${path}.partial`;
  const stream = (await open(partial, 'w')).createWriteStream();
  try {
    const written = await write(stream);
    await rename(partial, path);
    return written;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
