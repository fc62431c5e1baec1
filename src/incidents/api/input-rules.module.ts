import { Global, Module } from '@nestjs/common';
import { INPUT_RULES } from '../audit/exported-event.js';
import { inputFault } from './inputs/event-inputs.js';

/** The API's input rules, given to `import` (`INPUT_RULES`), which stands below the transports: it refuses an event the API would not have written. */
@Global()
@Module({ providers: [{ provide: INPUT_RULES, useValue: inputFault }], exports: [INPUT_RULES] })
export class InputRulesModule {}
