import { appendFileSync } from 'node:fs';
import process from 'node:process';

/** Module customization hook (runs off the main thread): logs each resolved URL, one per line. */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.RESOLVED_LOG, `${resolved.url}\n`);
  return resolved;
}
