import { useFeatureText } from '../../auth/i18n/text';
import en from './en.json';
import vi from './vi.json';

export type EditKey = keyof typeof vi;
const BUNDLES = { vi, en };

export function useEditText() {
  return useFeatureText<EditKey>(BUNDLES);
}

export { formatDateTime } from '../../../lib/format';
