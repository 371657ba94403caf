import en from './en.json';
import { useFeatureText } from './text';
import vi from './vi.json';

export type AuthKey = keyof typeof vi;
const BUNDLES = { vi, en };

export function useAuthText() {
  return useFeatureText<AuthKey>(BUNDLES);
}
