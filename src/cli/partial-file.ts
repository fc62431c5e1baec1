import type { WriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';

/**
 * Runs `write` into `<path>.partial` and gives the file its name only once `write` is done: an
 * export cut short (an error, Ctrl-C, a crash) never leaves a truncated file under the name of a
 * whole one; on an error the partial file is removed. Opened first, so a path that cannot be
 * written fails before any work.
 */
export async function writeWhole<T>(path: string, write: (stream: WriteStream) => Promise<T>): Promise<T> {
  // Its name is taken only at the end: a directory in its place is refused now, as opening it would be.
  if ((await stat(path).catch(() => undefined))?.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR' });
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
