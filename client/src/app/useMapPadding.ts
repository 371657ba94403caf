import { useEffect, useState } from 'react';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Must match the bottom-sheet media query and max-height in app.css. */
const NARROW = '(max-width: 640px)';
const SHEET_SHARE = 0.48;

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
