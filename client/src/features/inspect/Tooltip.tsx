import { useLayoutEffect, useRef, useState } from 'react';

/**
 * A small hover label next to the pointer (text only), flipped to the pointer's other side when
 * it would leave the map, so it never overflows the screen.
 */
export function Tooltip({ x, y, text }: { x: number; y: number; text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: x + 12, top: y + 12 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new text has a new size, so it is placed again.
  useLayoutEffect(() => {
    const el = ref.current;
    const parent = el?.parentElement;
    if (!el || !parent) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const left = x + 12 + w > parent.clientWidth - 4 ? Math.max(4, x - 12 - w) : x + 12;
    const top = y + 12 + h > parent.clientHeight - 4 ? Math.max(4, y - 12 - h) : y + 12;
    setPos({ left, top });
  }, [x, y, text]);
  return (
    <div ref={ref} className="tooltip" role="tooltip" data-testid="map-tooltip" style={pos}>
      {text}
    </div>
  );
}
