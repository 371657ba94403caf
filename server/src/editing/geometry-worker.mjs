// Worker thread of editing/geometry-checker.ts. Plain JavaScript so that it starts in any runtime
// (node, tsx, vitest): it registers tsx's TypeScript loader, then runs the costly geometry rules.
import { register } from 'tsx/esm/api';

register();
const { checkPreparedGeometry } = await import('../validation/geometry.validation.ts');

/** One task: `{ geometry, province }` → the GeometryCheck of checkPreparedGeometry. */
export default function check(task) {
  return checkPreparedGeometry(task.geometry, task.province);
}
