import { useFeatureText } from '../../auth/i18n/text';
import en from './en.json';
import vi from './vi.json';

export type ImportKey = keyof typeof vi;
const BUNDLES = { vi, en };

/** The import feature's own strings (loaded with its chunk), in the app's language. */
export function useImportText() {
  return useFeatureText<ImportKey>(BUNDLES);
}
