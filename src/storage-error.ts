/**
 * A file-system failure on one of the project's folders (corpus, index, feedback), told in terms an
 * admin can act on: which folder, and why (disk full, read-only, permission, missing).
 */
const REASONS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exhausted",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a path component is not a folder",
  ENOENT: "it does not exist",
  EISDIR: "a folder stands where a file was expected",
  EEXIST: "a file stands where a folder was expected",
};

export class StorageError extends Error {
  constructor(
    readonly folder: string,
    readonly action: string,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot ${action} ${folder}: ${REASONS[code] ?? code}`, options);
    this.name = "StorageError";
  }
}

/** Rethrows a file-system error of `folder` as a StorageError; other errors pass through unchanged. */
export function asStorageError(error: unknown, folder: string, action: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code && code in REASONS ? new StorageError(folder, action, code, { cause: error }) : error;
}
