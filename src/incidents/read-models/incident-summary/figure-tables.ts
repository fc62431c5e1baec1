/**
 * The tables `sumsOf` reads, each with the columns of the incidents read model's table of that
 * name: the read model's own, or relations of the same shape as of a past moment (`as-of-relations.ts`).
 */
export interface FigureTables {
  /** `incident_summaries`' columns `filtered` and the sums read: incident_id, merged_into, country, admin1, status, category, occurred_at, occurred_on, vehicles_seized, weapons_seized, arrests. */
  readonly summaries: string;
  /** outcome, party, `BEST_COLUMNS`, low, high, perpetrator_actor_id */
  readonly casualties: string;
  /** outcome, party, source_key, source, figure, perpetrator_actor_id */
  readonly sources: string;
  /** party, `HOSTAGE_COUNTS`, perpetrator_actor_id */
  readonly hostages: string;
}

export const FIGURE_TABLES: FigureTables = { summaries: 'incident_summaries', casualties: 'incident_casualty_figures', sources: 'incident_source_figures', hostages: 'incident_hostages' };
