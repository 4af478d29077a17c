import {
  defaultKeymap,
  deleteCharBackward,
  deleteCharForward,
  history,
  historyKeymap,
  insertNewline,
} from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
  syntaxTree,
} from '@codemirror/language';
import { type Diagnostic, linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { styleNonce } from '../../ui/style-nonce.js';
import { LINE_SEPARATOR } from './doc-text.js';
import { pieceExtensions } from './piece-extensions.js';
import { typedOverSelection } from './typed-over-selection.js';

/**
 * Past this many characters the JSON language (highlighting, folding, bracket matching on the tree)
 * and the linter are off: both walk the whole document, and the linter parses it at every pause in
 * typing. The field says so (docs/editing.md, "Large values").
 */
export const LANGUAGE_BUDGET = 1024 * 1024;

/** A document held in pieces stays over the budget even when edited below it: the language would read the breaks. */
export function overLanguageBudget(length: number, hasPieces: boolean): boolean {
  return length > LANGUAGE_BUDGET || hasPieces;
}

export type CodeLanguage = 'json' | 'plain';

/** Colours from the theme's variables, so light and dark follow the page. */
const jsonColours = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--json-key)' },
  { tag: tags.string, color: 'var(--json-string)' },
  { tag: tags.number, color: 'var(--json-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--json-literal)' },
  { tag: [tags.brace, tags.squareBracket, tags.separator, tags.punctuation], color: 'var(--json-punct)' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

/**
 * CodeMirror writes its theme into a `<style>` element, which the page's CSP lets in only with this load's
 * nonce. It must be in the editor's very first state: the element is made once, at the first mount.
 */
export const stylesAllowed: Extension = styleNonce === '' ? [] : EditorView.cspNonce.of(styleNonce);

/** What every value field has: line numbers, search and replace (Ctrl/Cmd+F), undo, a large value's long lines in pieces. */
export function baseExtensions(onEscape: () => void): Extension {
  return [
    stylesAllowed,
    EditorState.lineSeparator.of(LINE_SEPARATOR),
    typedOverSelection,
    pieceExtensions(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    search({ top: true }),
    keymap.of([
      // Inside the field Ctrl/Cmd+F searches the value; the window's own Ctrl/Cmd+F (the filter) must not also run.
      { key: 'Mod-f', run: openSearchPanel, scope: 'editor search-panel', stopPropagation: true },
      ...searchKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...lintKeymap,
      {
        key: 'Escape',
        run: () => {
          onEscape();
          return true;
        },
      },
    ]),
  ];
}

/**
 * Within the budget: control characters drawn visibly, the selected word's other occurrences marked, and for
 * JSON highlighting, folding, and parse errors marked where they are. Over it none of these: each reads the
 * whole line the cursor is on at every keystroke, which on a one-line 50 MB value is most of a keystroke's
 * time (docs/editing.md, "Large values").
 */
export function languageExtensions(language: CodeLanguage, overBudget: boolean): Extension {
  if (overBudget) return typedDirectly;
  const everyLine = [EditorView.lineWrapping, highlightSpecialChars(), highlightSelectionMatches()];
  if (language !== 'json') return [...everyLine, bracketMatching()];
  return [
    ...everyLine,
    bracketMatching(),
    json(),
    syntaxHighlighting(jsonColours),
    indentOnInput(),
    foldGutter(),
    linter(jsonErrorsAtPlace, { delay: 300 }),
    lintGutter(),
  ];
}

const parseLinter = jsonParseLinter();

/**
 * JSON.parse says whether the text is JSON, but Chromium's messages no longer always give the
 * offset ("… is not valid JSON"), which would put every marker at the start. The parser's own syntax
 * tree marks where it could not go on: the first such node is where the marker goes.
 */
function jsonErrorsAtPlace(view: EditorView): Diagnostic[] {
  const reported = parseLinter(view);
  if (reported.length === 0) return reported;
  let at: number | undefined;
  syntaxTree(view.state).iterate({
    enter: (node) => {
      if (at === undefined && node.type.isError) at = node.from;
      return at === undefined;
    },
  });
  return reported.map((diagnostic) =>
    at === undefined || diagnostic.from !== 0 ? diagnostic : { ...diagnostic, from: at, to: at },
  );
}

/**
 * Over the budget, typing is applied as an edit straight from the `beforeinput` event, not by letting
 * the browser change the DOM and diffing it back: on a value with a multi-megabyte line that diff
 * alone took half a second a keystroke. Composition (IME) input still goes the usual way.
 */
const typedDirectly: Extension = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const run = typedCommand(event);
    if (run === undefined || view.state.readOnly) return false;
    event.preventDefault();
    run(view);
    return true;
  },
});

function typedCommand(event: InputEvent): ((view: EditorView) => unknown) | undefined {
  switch (event.inputType) {
    case 'insertText': {
      const text = event.data;
      if (text === null) return undefined;
      return (view) =>
        view.dispatch(view.state.replaceSelection(text), { scrollIntoView: true, userEvent: 'input.type' });
    }
    case 'deleteContentBackward':
      return deleteCharBackward;
    case 'deleteContentForward':
      return deleteCharForward;
    case 'insertLineBreak':
    case 'insertParagraph':
      return insertNewline;
    default:
      return undefined;
  }
}

export function accessExtensions(attributes: Record<string, string>, readOnly: boolean): Extension {
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({
      ...attributes,
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-readonly': String(readOnly),
    }),
  ];
}
