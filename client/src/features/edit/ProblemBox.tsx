import type { FieldProblem } from '../../../../server/src/contract/api';
import { useEditText } from './i18n/useEditText';
import { serverProblemText } from './serverProblemText';

/**
 * Server problems that belong to no input of the form (the location, or fields the form does not
 * show), in the UI language under a heading; focusable, so a refused save can bring it into view.
 */
export function ProblemBox({
  problems,
  heading,
  testId,
}: {
  problems: FieldProblem[];
  heading: string;
  testId: string;
}) {
  const { t, lang } = useEditText();
  if (problems.length === 0) return null;
  return (
    <div className="field-error" role="alert" tabIndex={-1} data-invalid-target data-testid={testId}>
      {problems.map((p) => (
        <p key={`${p.field}:${p.code}:${p.message}`}>{`${heading}: ${serverProblemText(p, t, lang)}`}</p>
      ))}
    </div>
  );
}
