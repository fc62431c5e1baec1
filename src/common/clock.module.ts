import { Global, Module } from '@nestjs/common';
import { Clock, systemClock } from './clock.js';

/**
 * Provides the one `Clock` everywhere (global): command handlers, the projection runner, token
 * checks. A test overrides this provider (`overrideProvider(Clock)`) to fix the time for all of them.
 */
@Global()
@Module({ providers: [{ provide: Clock, useValue: systemClock }], exports: [Clock] })
export class ClockModule {}
