/**
 * A value made once per GraphQL operation (its context object), usually a DataLoader: what it batches
 * and caches stays within one operation, never across requests, and goes when the operation does.
 */
export function perOperation<T>(create: () => T): (operation: object) => T {
  const made = new WeakMap<object, T>();
  return (operation) => {
    if (!made.has(operation)) made.set(operation, create());
    return made.get(operation)!;
  };
}
