/** Where GraphQL is served, over HTTP and `graphql-ws` alike; the HTTP layer reads its bodies by GraphQL's rules. */
export const GRAPHQL_PATH = '/graphql';
