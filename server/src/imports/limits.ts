/** The limits of an import (issue 14), in one place: the API, the docs and the tests read them here. */

/** Largest file accepted: 50 MiB (52,428,800 bytes); larger → 413. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Most rows (records, features) in one file; more → 413. */
export const MAX_IMPORT_ROWS = 100_000;
/** An import nobody looked at or committed for this long is dropped (its id then answers 404). */
export const IMPORT_EXPIRY_MS = 60 * 60 * 1000;
/** Files larger than this are answered 202 at once and parsed while the client polls; smaller ones 201 with the preview. */
export const ASYNC_THRESHOLD_BYTES = 1024 * 1024;
/** Imports held at once by one server process (parsed, parsing or committed until they expire); more → 429. */
export const MAX_OPEN_IMPORTS = 100;
/** File bytes held at once by uncommitted imports of one process (five files at the limit); more → 429. */
export const MAX_HELD_BYTES = 5 * MAX_IMPORT_BYTES;
/** Files parsed at the same time (each in its own worker thread); more wait their turn. */
export const MAX_PARSING = 2;
/** A worker that has not finished after this long is stopped and the import fails. */
export const PARSE_TIMEOUT_MS = 5 * 60 * 1000;
/** Heap of one parsing worker; a file that needs more fails cleanly instead of hurting the server. */
export const WORKER_HEAP_MB = 2048;
/** Rows and problems per page of an import's preview. */
export const PREVIEW_PAGE = 1000;
/** Imported rows closer than this to an existing feature are flagged as likely duplicates. */
export const DUPLICATE_DISTANCE_M = 100;
