import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Runtime } from './runtime.js';

export const RUNTIME = 'RUNTIME';

/** Makes the started `Runtime` (config, database URL, JWT secret) injectable everywhere as `@Inject(RUNTIME)`. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return { module: RuntimeModule, providers: [{ provide: RUNTIME, useValue: runtime }], exports: [RUNTIME] };
  }
}
