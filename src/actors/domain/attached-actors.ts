/**
 * An incident's actors as reads show them (docs/actors.md `Incident.actors`, the exports' actor columns):
 * each actor as the one it answers as (`survivorOf`), and each of those once per role, the first
 * attached kept. So an actor and one merged into it, attached in the same role (to the incident or
 * to one merged into it), show once; attached in two roles, once in each. Order is kept.
 */
export function distinctAttachments<Attached extends { readonly role: string }>(attached: readonly Attached[], survivorOf: (item: Attached) => string): Attached[] {
  const seen = new Set<string>();
  return attached.filter((item) => {
    const key = `${survivorOf(item)} ${item.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
