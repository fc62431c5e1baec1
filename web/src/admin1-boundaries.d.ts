/** Built by `web/admin1-boundaries.ts`: each country's admin-1 TopoJSON asset, by ISO 3166-1 alpha-2 code. */
declare module 'virtual:admin1-boundaries' {
  const urls: Readonly<Record<string, string>>;
  export default urls;
}
