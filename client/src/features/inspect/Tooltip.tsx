/** A small hover label positioned at the pointer (text only). */
export function Tooltip({ x, y, text }: { x: number; y: number; text: string }) {
  return (
    <div className="tooltip" role="tooltip" data-testid="map-tooltip" style={{ left: x + 12, top: y + 12 }}>
      {text}
    </div>
  );
}
