import { unzipSync } from 'fflate';
import { MAX_IMPORT_BYTES } from '../limits';
import { ImportFileError } from '../source';

/** Most bytes a zip may unpack to (the parts we read), so a zip bomb fails cleanly: 8 × the upload limit. */
const MAX_UNPACKED = 8 * MAX_IMPORT_BYTES;

/**
 * The entries of a zip (fflate) whose names pass `keep`, by name. A damaged or truncated zip is
 * malformed (400 DamagedZip); entries that would unpack past the bound are refused (413).
 */
export function unzipEntries(bytes: Uint8Array, keep: (name: string) => boolean): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (file.name.startsWith('__MACOSX/') || !keep(file.name)) return false;
        total += file.originalSize;
        if (total > MAX_UNPACKED) {
          throw new ImportFileError(413, 'FileTooLarge', 'the zip unpacks to too much data', {
            limit: MAX_UNPACKED,
            limitMb: MAX_UNPACKED / 1024 / 1024,
          });
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(400, 'DamagedZip', 'the zip file is damaged or truncated');
  }
}
