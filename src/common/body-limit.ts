/** The most bytes a request body (REST, GraphQL over HTTP) or a graphql-ws message may hold: larger ones are refused (413, or close 1009). */
export const BODY_LIMIT_BYTES = 256 * 1024;
