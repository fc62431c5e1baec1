import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Turns } from '../common/commands/turns.js';
import { PostgresTurns } from './postgres-turns.js';

/** `Turns` for every feature's command handlers: across the app instances that share the database. */
@Global()
@Module({
  providers: [{ provide: Turns, useFactory: (dataSource: DataSource) => new PostgresTurns(dataSource), inject: [DataSource] }],
  exports: [Turns],
})
export class TurnsModule {}
