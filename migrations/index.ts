import type { MigrationInterface } from 'typeorm';
import { CreateEvents1795800234981 } from './1795800234981-create-events.js';
import { CreateReadModels1795900000000 } from './1795900000000-create-read-models.js';
import { ReadModelJson1796000000000 } from './1796000000000-read-model-json.js';
import { FiguresBigint1797000000000 } from './1797000000000-figures-bigint.js';
import { ProjectionQuarantine1797100000000 } from './1797100000000-projection-quarantine.js';
import { ProjectionLease1797100000001 } from './1797100000001-projection-lease.js';
import { SummaryPositionIndex1797300000000 } from './1797300000000-summary-position-index.js';
import { LocalDates1797400000000 } from './1797400000000-local-dates.js';
import { IncidentLinksMerges1797700000000 } from './1797700000000-incident-links-merges.js';
import { Actors1797600000000 } from './1797600000000-actors.js';
import { SourceIdentity1797900000000 } from './1797900000000-source-identity.js';
import { PerpetratorIndexes1798100000000 } from './1798100000000-perpetrator-indexes.js';
import { CategoryIndex1798300000000 } from './1798300000000-category-index.js';
import { SourceKeyRefold1798350000000 } from './1798350000000-source-key-refold.js';
import { TemporalReadModel1798400000000 } from './1798400000000-temporal-read-model.js';
import { EventTypeIndex1798500000000 } from './1798500000000-event-type-index.js';
import { TallyCheckpoints1798600000000 } from './1798600000000-tally-checkpoints.js';
import { ClockRuns1798700000000 } from './1798700000000-clock-runs.js';
import { MergedVersionsIndex1798800000000 } from './1798800000000-merged-versions-index.js';
import { ActorMergeChanges1798900000000 } from './1798900000000-actor-merge-changes.js';
import { SurvivorRecordIds1799100000000 } from './1799100000000-survivor-record-ids.js';
import { NoPartyCheckpointRows1799200000000 } from './1799200000000-no-party-checkpoint-rows.js';

/** Every migration, in order. Register new ones here (explicit imports work under ts-jest and in dist/). */
export const migrations: (new () => MigrationInterface)[] = [
  CreateEvents1795800234981,
  CreateReadModels1795900000000,
  ReadModelJson1796000000000,
  FiguresBigint1797000000000,
  ProjectionQuarantine1797100000000,
  ProjectionLease1797100000001,
  SummaryPositionIndex1797300000000,
  LocalDates1797400000000,
  IncidentLinksMerges1797700000000,
  Actors1797600000000,
  SourceIdentity1797900000000,
  PerpetratorIndexes1798100000000,
  CategoryIndex1798300000000,
  SourceKeyRefold1798350000000,
  TemporalReadModel1798400000000,
  EventTypeIndex1798500000000,
  TallyCheckpoints1798600000000,
  ClockRuns1798700000000,
  MergedVersionsIndex1798800000000,
  ActorMergeChanges1798900000000,
  SurvivorRecordIds1799100000000,
  NoPartyCheckpointRows1799200000000,
];
