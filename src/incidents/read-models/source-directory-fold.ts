import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { SOURCE_STREAM_PREFIX } from '../../event-store/stream-names.js';
import { directoryOfRecorded, readSourceEvents } from '../../sources/application/source-registry-log.js';
import { toSourceEvent } from '../../sources/application/source-events.js';
import { type SourceDirectory, withSourceEvent } from '../../sources/domain/source-directory.js';
import { sourceKey } from '../../sources/domain/source-key.js';

/** A batch's registry events, as the incidents projection reads them. */
export type RegistryChange = Readonly<{ directory: SourceDirectory; sourceKeys: readonly string[]; position: bigint | undefined }>;

/**
 * The source registry as the incidents projection has read it: registry events arrive in its
 * batches, in `$all` order with the incidents' events. A writer starts from a checkpoint, so before
 * its first batch it folds the registry's events that precede that batch from the store.
 */
export class SourceDirectoryFold {
  private directory: SourceDirectory | undefined;

  constructor(private readonly store: EventStore) {}

  /**
   * Folds a batch's registry events; returns the directory at the batch's end, the `sourceKey`s
   * of every name and alias the batch's registry events gave or took away (incidents citing one of
   * them may count their sources differently now) and the position of the last of those events.
   */
  async fold(events: readonly RecordedEvent[]): Promise<RegistryChange> {
    this.directory ??= directoryOfRecorded(await readSourceEvents(this.store, events[0].position));
    const keys = new Set<string>();
    let position: bigint | undefined;
    for (const recorded of events) {
      if (!recorded.stream.startsWith(SOURCE_STREAM_PREFIX)) continue;
      const event = toSourceEvent(recorded);
      const before = this.directory.sources.get(event.data.sourceId);
      this.directory = withSourceEvent(this.directory, event);
      const after = this.directory.sources.get(event.data.sourceId);
      for (const fields of [before, after]) for (const name of fields ? [fields.name, ...fields.aliases] : []) keys.add(sourceKey(name));
      position = recorded.position;
    }
    return { directory: this.directory, sourceKeys: [...keys], position };
  }
}
