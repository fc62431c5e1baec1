import { Injectable } from '@nestjs/common';
import { EventStore } from '../../event-store/event-store.port.js';
import { verifyHashChains, type ChainBreakFinding } from './hash-chain-verification.js';
import { type QuarantineReport, reportOf } from '../../projections/quarantine.js';
import { ReadModelVerification, type ReadModelDifference } from './read-model-verification.js';

/** `GET /audit/verify` and CLI `verify`: `ok` is false on any finding. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  /** Per stream, its first event whose hash does not match (every later one fails with it). */
  readonly chainBreaks: readonly ChainBreakFinding[];
  readonly readModelDifferences: readonly ReadModelDifference[];
  /** Streams (incidents) whose read models a projection holds back: the event it cannot apply, and why. */
  readonly quarantined: readonly QuarantineReport[];
  /**
   * Projections that have not applied the store's latest events yet (the app catches them up; the
   * CLI beside a stopped app does not): their read models were compared as far as they got.
   */
  readonly behind: readonly string[];
}

@Injectable()
export class VerifyService {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelVerification,
  ) {}

  async verify(): Promise<VerifyReport> {
    const chains = await verifyHashChains(this.store);
    const { differences, quarantined, behind } = await this.readModels.findings();
    return {
      ok: chains.breaks.length === 0 && differences.length === 0 && quarantined.length === 0,
      streams: chains.streams,
      events: chains.events,
      chainBreaks: chains.breaks,
      readModelDifferences: differences,
      quarantined: quarantined.map(reportOf),
      behind,
    };
  }
}
