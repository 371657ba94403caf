import { useEffect, useState } from 'react';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Must match the bottom-sheet media query and max-heights (open, folded) in app.css. */
const NARROW = '(max-width: 640px)';
const SHEET_SHARE = 0.48;
const FOLDED_SHEET = 96;

/** The phone layout: the side panel is a bottom sheet. */
export function isNarrow(): boolean {
  return window.matchMedia(NARROW).matches;
}

function compute(): Padding {
  const narrow = isNarrow();
  return narrow
    ? { top: 24, right: 24, bottom: Math.round(window.innerHeight * SHEET_SHARE) + 16, left: 24 }
    : { top: 32, right: 32, bottom: 32, left: 32 };
}

/** How much of the map's bottom the phone's sheet covers (CSS px), open or folded; 0 on wide screens. */
export function sheetCover(open: boolean): number {
  if (!isNarrow()) return 0;
  return open ? Math.round(window.innerHeight * SHEET_SHARE) : FOLDED_SHEET;
}

/** Camera padding that keeps fitted features clear of the bottom sheet on narrow screens. */
export function useMapPadding(): Padding {
  const [padding, setPadding] = useState(compute);
  useEffect(() => {
    const onResize = (): void => setPadding(compute());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return padding;
}
