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
import { highlightPattern, type ValueHighlight } from './highlight-pattern.js';

export type { ValueHighlight } from './highlight-pattern.js';

const HighlightContext = createContext<ValueHighlight | undefined>(undefined);
export const ValueHighlightProvider = HighlightContext.Provider;

export function useValueHighlight(): ValueHighlight | undefined {
  return useContext(HighlightContext);
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
