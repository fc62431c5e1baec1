import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ClientBudget } from '../common/client-budget.js';
import type { Runtime } from './runtime.js';

export const RUNTIME = 'RUNTIME';

/** Makes the started `Runtime` (config, database URL, JWT secret) injectable everywhere as `@Inject(RUNTIME)`, and what each client may send (`ClientBudget`). */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const budget = { provide: ClientBudget, useFactory: ({ config }: Runtime) => new ClientBudget(config.RATE_LIMIT_PER_MINUTE), inject: [RUNTIME] };
    return { module: RuntimeModule, providers: [{ provide: RUNTIME, useValue: runtime }, budget], exports: [RUNTIME, ClientBudget] };
  }
}
