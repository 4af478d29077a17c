import { useEffect, useRef } from 'react';
import { JsonHighlight } from './json-highlight.js';

/** Past this many characters a value is edited in a plain field: highlighting megabytes would freeze the window. */
export const HIGHLIGHT_BUDGET = 100_000;

interface CodeEditorProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  highlight: boolean;
  readOnly: boolean;
  invalid: boolean;
  describedBy?: string;
  onKeyDown?: (event: React.KeyboardEvent<HTMLTextAreaElement>) => void;
  /** Opened with Enter: the user means to edit, so the field takes focus. */
  focusOnMount?: boolean;
}

/**
 * A textarea; for JSON within the budget, a transparent one over a highlighted copy of the same
 * text (same font, same wrapping), so typing stays native and the colours follow.
 */
export function CodeEditor({
  id,
  value,
  onChange,
  highlight,
  readOnly,
  invalid,
  describedBy,
  onKeyDown,
  focusOnMount = false,
}: CodeEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  const field = (
    <textarea
      ref={ref}
      id={id}
      className={highlight ? 'code-input' : 'code-plain'}
      value={value}
      readOnly={readOnly}
      spellCheck={false}
      autoComplete="off"
      aria-invalid={invalid}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
  if (!highlight || value.length > HIGHLIGHT_BUDGET) return <div className="code-scroll">{field}</div>;
  return (
    <div className="code-scroll">
      <div className="code-layers">
        <pre className="code-highlight" aria-hidden="true">
          <JsonHighlight text={value} />
          {'\n'}
        </pre>
        {field}
      </div>
    </div>
  );
}
