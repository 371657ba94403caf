import { useFeatureText } from '../../auth/i18n/text';
import en from './en.json';
import vi from './vi.json';

/** The investor features' strings (site card, nearby, measure, shortlist, inquiry), vi and en. */
export type InvestorKey = keyof typeof vi;
const BUNDLES = { vi, en };

export function useInvestorText() {
  return useFeatureText<InvestorKey>(BUNDLES);
}
