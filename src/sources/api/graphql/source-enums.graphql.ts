import { registerEnumType } from '@nestjs/graphql';
import { enumOf } from '../../../incidents/api/graphql/enums.graphql.js';
import { RELIABILITIES, SOURCE_SCALES } from '../../domain/events.js';

/** The registry's GraphQL enums (docs/sources.md); `kind` reuses the incidents' `SourceKind` enum. */

export const SourceScaleEnum = enumOf(SOURCE_SCALES);
/** Reliability grades are upper case already: A (completely reliable) … F (cannot be judged). */
export const ReliabilityEnum = enumOf(RELIABILITIES);
registerEnumType(SourceScaleEnum, { name: 'SourceScale', description: "A source's reach. Upper case of the REST value." });
registerEnumType(ReliabilityEnum, { name: 'Reliability', description: 'Admiralty-code source reliability: A completely reliable … F cannot be judged' });
