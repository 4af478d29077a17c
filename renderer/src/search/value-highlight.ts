import type { Extension } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type ViewUpdate,
} from '@codemirror/view';
import { createContext, useContext } from 'react';

/** The grid's Value contains text, which the value editor marks wherever it occurs. */
export interface ValueHighlight {
  text: string;
  /** Off: ASCII letters match either case, as the filter folds them (docs/metadata-queries.md). */
  matchCase: boolean;
}

const HighlightContext = createContext<ValueHighlight | undefined>(undefined);
export const ValueHighlightProvider = HighlightContext.Provider;

export function useValueHighlight(): ValueHighlight | undefined {
  return useContext(HighlightContext);
}

/**
 * The text as a pattern that matches what the filter matches: each ASCII letter as either case when case is
 * ignored, everything else itself (a JavaScript `i` flag would also fold É and é, which the filter does not).
 */
export function highlightPattern({ text, matchCase }: ValueHighlight): RegExp {
  const source = Array.from(text, (char) => {
    if (!matchCase && /[A-Za-z]/.test(char)) return `[${char.toLowerCase()}${char.toUpperCase()}]`;
    return char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }).join('');
  return new RegExp(source, 'gu');
}

const mark = Decoration.mark({ class: 'cm-value-match' });

const theme = EditorView.baseTheme({
  '.cm-value-match': { backgroundColor: 'rgb(255 213 0 / 0.45)', borderRadius: '2px' },
});

/** Marks every occurrence of the highlight in the visible part of the document (none when undefined). */
export function valueMatchHighlight(highlight: ValueHighlight | undefined): Extension {
  if (highlight === undefined || highlight.text === '') return [];
  const decorator = new MatchDecorator({ regexp: highlightPattern(highlight), decoration: mark });
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorator.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = decorator.updateDeco(update, this.decorations);
      }
    },
    { decorations: (instance) => instance.decorations },
  );
  return [plugin, theme];
}
