import { type Stats, statSync } from 'node:fs';
import { dirname, parse } from 'node:path';
import type { ServerUser } from './pg-ctl.js';

/** The permission bits that let `user` enter a directory: owner's, group's, or everyone's (ACLs aside). */
function canEnter(stats: Stats, user: ServerUser): boolean {
  if (stats.uid === user.uid) return (stats.mode & 0o100) !== 0;
  if (user.gids.includes(stats.gid)) return (stats.mode & 0o010) !== 0;
  return (stats.mode & 0o001) !== 0;
}

/** `dir` and each directory above it, top first. */
function ancestry(dir: string): string[] {
  const chain = [dir];
  while (chain[0] !== parse(chain[0]).root) chain.unshift(dirname(chain[0]));
  return chain;
}

/**
 * The first directory on the way to `dir` (itself included) that `user` may not enter, with a
 * one-line explanation and fix, or `undefined` when every step is open. PostgreSQL started by root
 * runs as `user`, and then fails deep inside initdb or the server with EACCES.
 */
export function unreachable(dir: string, user: ServerUser, fix: string): string | undefined {
  for (const step of ancestry(dir)) {
    const stats = statSync(step);
    if (canEnter(stats, user)) continue;
    const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
    return `PostgreSQL runs as the "${user.name}" user, which cannot enter ${step} (mode ${mode}, owner uid ${stats.uid}) on the way to ${dir}; fix: chmod o+x ${step}, or ${fix}`;
  }
  return undefined;
}
