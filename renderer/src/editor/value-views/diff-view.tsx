import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/** Past this many characters a side is shown without the diff: the diff's cost grows with size times changes. */
export const DIFF_BUDGET = 512 * 1024;

interface DiffViewProps {
  mine: string;
  theirs: string;
  mineLabel: string;
  theirsLabel: string;
}

/** Two read-only versions side by side, their differences highlighted (changed lines and the changed text in them). */
export function DiffView({ mine, theirs, mineLabel, theirsLabel }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const tooLarge = mine.length > DIFF_BUDGET || theirs.length > DIFF_BUDGET;
  // The merge view is CodeMirror, outside React: built for these two texts, destroyed when they change.
  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const side = (doc: string, label: string) => ({
      doc: tooLarge ? doc.slice(0, DIFF_BUDGET) : doc,
      extensions: [
        lineNumbers(),
        EditorView.lineWrapping,
        EditorState.readOnly.of(true),
        EditorView.contentAttributes.of({ 'aria-label': label, role: 'textbox', 'aria-readonly': 'true' }),
      ],
    });
    const view = new MergeView({
      a: side(mine, mineLabel),
      b: side(theirs, theirsLabel),
      parent,
      collapseUnchanged: tooLarge ? undefined : { margin: 3, minSize: 8 },
      ...(tooLarge ? { diffConfig: { timeout: 1 } } : { diffConfig: { timeout: 500 } }),
    });
    return () => view.destroy();
  }, [mine, theirs, mineLabel, theirsLabel, tooLarge]);
  return (
    <>
      {tooLarge && (
        <p className="note">Too large to compare here: the first {DIFF_BUDGET / 1024} KB of each are shown.</p>
      )}
      <div ref={host} className="diff-view" />
    </>
  );
}
