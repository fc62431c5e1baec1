import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { SOURCE_STREAM_PREFIX } from '../../event-store/stream-names.js';
import { directoryOfRecorded, readSourceEvents } from '../../sources/stored-events/source-registry-log.js';
import { registryReader } from '../../sources/stored-events/source-events.js';
import { type SourceDirectory, withSourceEvent } from '../../sources/domain/source-directory.js';
import { sourceKey } from '../../sources/domain/source-key.js';

/** One registry event: its position and the `sourceKey`s of every name and alias it gave or took away. */
export type SourceKeysChange = Readonly<{ position: bigint; keys: ReadonlySet<string> }>;
/** A batch's registry events, as the incidents projection reads them. */
export type RegistryChange = Readonly<{ directory: SourceDirectory; sourceKeys: readonly string[]; changes: readonly SourceKeysChange[] }>;

/**
 * The source registry as the incidents projection has read it: registry events arrive in its
 * batches, in `$all` order with the incidents' events. A writer starts from a checkpoint, so before
 * its first batch it folds the registry's events that precede that batch from the store.
 */
export class SourceDirectoryFold {
  private directory: SourceDirectory | undefined;
  private readonly reader = registryReader();

  constructor(private readonly store: EventStore) {}

  /**
   * Folds a batch's registry events; returns the directory at the batch's end, the `sourceKey`s
   * of every name and alias the batch's registry events gave or took away (incidents citing one of
   * them may count their sources differently now) and those keys event by event.
   */
  async fold(events: readonly RecordedEvent[]): Promise<RegistryChange> {
    this.directory ??= directoryOfRecorded(await readSourceEvents(this.store, events[0].position), this.reader);
    const changes: SourceKeysChange[] = [];
    for (const recorded of events) {
      const event = recorded.stream.startsWith(SOURCE_STREAM_PREFIX) ? this.reader.read(recorded) : undefined;
      if (event === undefined) continue;
      const before = this.directory.sources.get(event.data.sourceId);
      this.directory = withSourceEvent(this.directory, event);
      const after = this.directory.sources.get(event.data.sourceId);
      const keys = new Set([before, after].flatMap((fields) => (fields ? [fields.name, ...fields.aliases].map(sourceKey) : [])));
      changes.push({ position: recorded.position, keys });
    }
    return { directory: this.directory, sourceKeys: [...new Set(changes.flatMap(({ keys }) => [...keys]))], changes };
  }
}
