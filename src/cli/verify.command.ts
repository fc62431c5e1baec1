import { Command, CommandRunner } from 'nest-commander';
import { VerifyService } from '../incidents/audit/verify.service.js';

@Command({ name: 'verify', description: 'Recompute every hash chain and compare every read model with a fresh replay; exits 1 on any finding' })
export class VerifyCommand extends CommandRunner {
  constructor(private readonly verification: VerifyService) {
    super();
  }

  async run(): Promise<void> {
    const report = await this.verification.verify();
    console.log(`Checked ${report.events} events in ${report.streams} streams.`);
    for (const broken of report.chainBreaks) {
      console.log(`BROKEN CHAIN ${broken.stream} at revision ${broken.revision} (event ${broken.eventId}): stored hash ${broken.storedHash ?? 'none'}, recomputed ${broken.expectedHash}`);
    }
    for (const difference of report.readModelDifferences) {
      const side = difference.readModel === null ? 'missing from the read model' : difference.replay === null ? 'not in the replay' : `differs in ${difference.columns.join(', ')}`;
      console.log(`READ MODEL ${difference.table} ${JSON.stringify(difference.key)}: ${side}`);
    }
    for (const held of report.quarantined) {
      console.log(`QUARANTINED ${held.stream} by projection ${held.projection} at position ${held.position} (${held.eventType}, ${held.attempts} attempts since ${held.firstFailedAt}): ${held.error}`);
    }
    for (const projection of report.behind) {
      console.log(`BEHIND ${projection}: it has not applied the store's latest events yet, so its read models were compared as far as they got (the app catches up when it runs; or run rebuild)`);
    }
    console.log(
      report.ok
        ? `OK: hash chains intact, read models match the events${report.behind.length > 0 ? ' they have applied' : ''}.`
        : `FAILED: ${report.chainBreaks.length} broken chain(s), ${report.readModelDifferences.length} read-model difference(s), ${report.quarantined.length} quarantined stream(s).`,
    );
    if (!report.ok) process.exitCode = 1;
  }
}
