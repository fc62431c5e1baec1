import { useEffect } from 'react';

/** The tab's title names the view: "Villa Unión — Incident Ledger". */
export function useTitle(view: string | undefined): void {
  useEffect(() => {
    document.title = view ? `${view} — Incident Ledger` : 'Incident Ledger';
  }, [view]);
}
