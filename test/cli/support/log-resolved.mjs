// `node --import` this file to append the URL of every ES module the process resolves to $RESOLVED_LOG.
import { register } from 'node:module';

register('./resolve-hooks.mjs', import.meta.url);
