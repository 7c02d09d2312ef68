// The UI's one door to the server.
export { ApiClient, queryOf, type ClientOptions } from './client.js';
export { ApiError, NetworkError, UnauthorisedError, errorOf } from './errors.js';
export type * from './types.js';
