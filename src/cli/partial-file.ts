import { open, rename, rm, stat } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';

/**
 * A file written as `<path>.partial` and given its name only once complete (`complete()`): an export
 * cut short (an error, Ctrl-C, a crash) never leaves a truncated file under the name of a whole one.
 * Opened at once, so a path that cannot be written fails before any work; `abandon()` removes it.
 */
export interface PartialFile {
  readonly stream: WriteStream;
  complete(): Promise<void>;
  abandon(): Promise<void>;
}

export async function openPartialFile(path: string): Promise<PartialFile> {
  // Its name is taken only at the end: a directory in its place is refused now, as opening it would be.
  if ((await stat(path).catch(() => undefined))?.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR' });
  const partial = `${path}.partial`;
  const stream = (await open(partial, 'w')).createWriteStream();
  return {
    stream,
    complete: () => rename(partial, path),
    abandon: async () => {
      stream.destroy();
      await rm(partial, { force: true });
    },
  };
}
