import { refuseClearing } from '../../common/absent-nulls.js';
import type { SourceFields } from '../domain/events.js';
import type { SourceCommandInput } from './source-command-handler.js';

/** Every registry field is required (a source without aliases has `[]`), so an amendment clears none. */
const REQUIRED: readonly (keyof SourceFields)[] = ['name', 'aliases', 'kind', 'scale', 'reliability'];

/**
 * `PATCH /sources/{id}` and `amendSource` as a command: `patch` holds the fields to change, a `null`
 * one is refused (400 naming it, `refuseClearing`).
 */
export function amendSourceCommand(sourceId: string, patch: { readonly [K in keyof SourceFields]?: SourceFields[K] | null }): SourceCommandInput {
  refuseClearing(patch, REQUIRED);
  return { type: 'AmendSource', data: { ...(patch as Partial<SourceFields>), sourceId } };
}
