import { useEffect, useState } from 'react';
import { admin1Boundaries } from '../api/admin1';
import type { Features } from '../api/features';
import { CATEGORIES } from '../api/types';
import { label } from '../format';

/** The list filters as the form holds them (empty fields are absent). */
export interface Filter {
  country?: string;
  admin1?: string;
  occurredFrom?: string;
  occurredTo?: string;
  status?: string;
  category?: string;
  actorId?: string;
}

/** The `IncidentFilter` the API takes (category included: the server filters, list, map and charts alike); actorId only when the server filters by it. */
export function toApiFilter(filter: Filter, features: Features): Record<string, string> {
  const { actorId, ...rest } = filter;
  return Object.fromEntries(
    Object.entries({ ...rest, ...(features.actorFilter ? { actorId } : {}) }).filter(([, value]) => value),
  ) as Record<string, string>;
}

/** The admin-1 names (states, provinces) of `country` the map draws, suggested for the admin1 filter. */
function useAdmin1Names(country: string): string[] {
  const [known, setKnown] = useState<{ country: string; names: string[] }>({ country: '', names: [] });
  useEffect(() => {
    let current = true;
    if (country.length === 2)
      void admin1Boundaries(country).then(
        (boundaries) => current && setKnown({ country, names: (boundaries?.features ?? []).flatMap((state) => state.properties.name ?? []).sort() }),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [country]);
  return known.country === country ? known.names : [];
}

/** Applied on submit, so typing does not send a query per key. */
export function Filters({ features, value, onChange }: { features: Features; value: Filter; onChange: (filter: Filter) => void }) {
  const [draft, setDraft] = useState<Filter>(value);
  const admin1Names = useAdmin1Names(draft.country?.toUpperCase() ?? '');
  const field = (name: keyof Filter) => ({
    id: `filter-${name}`,
    name,
    value: draft[name] ?? '',
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [name]: event.target.value || undefined }),
  });
  return (
    <form
      className="filters"
      aria-label="Filter incidents"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...draft, country: draft.country?.toUpperCase() });
      }}
    >
      <div>
        <label htmlFor="filter-country">Country (ISO code)</label>
        <input {...field('country')} maxLength={2} size={3} placeholder="MX" autoComplete="off" />
      </div>
      <div>
        <label htmlFor="filter-admin1">State / admin1</label>
        <input {...field('admin1')} placeholder="Coahuila" list="admin1-names" />
        <datalist id="admin1-names">
          {admin1Names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="filter-occurredFrom">From</label>
        <input {...field('occurredFrom')} type="date" />
      </div>
      <div>
        <label htmlFor="filter-occurredTo">To</label>
        {/* The browser holds the form back while To is before From (the API refuses such a window). */}
        <input {...field('occurredTo')} type="date" min={draft.occurredFrom} />
      </div>
      <div>
        <label htmlFor="filter-category">Category</label>
        <select {...field('category')}>
          <option value="">any</option>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {label(category)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status">Status</label>
        <select {...field('status')}>
          <option value="">any</option>
          <option value="OPEN">open</option>
          <option value="CLOSED">closed</option>
        </select>
      </div>
      {features.actorFilter && (
        <div>
          <label htmlFor="filter-actorId">Actor id</label>
          <input {...field('actorId')} />
        </div>
      )}
      <div className="actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          onClick={() => {
            setDraft({});
            onChange({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
