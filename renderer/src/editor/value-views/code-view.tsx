import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { type RefObject, useEffect, useMemo, useRef } from 'react';
import { type ValueHighlight, valueMatchHighlight } from '../../search/value-highlight.js';
import { useStableCallback } from '../../ui/use-stable-callback.js';
import {
  accessExtensions,
  baseExtensions,
  type CodeLanguage,
  languageExtensions,
  overLanguageBudget,
  stylesAllowed,
} from './code-extensions.js';
import type { DocText } from './doc-text.js';
import { piecesOf } from './line-pieces.js';

interface CodeViewProps {
  doc: DocText;
  language: CodeLanguage;
  readOnly: boolean;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  onChange?: (doc: DocText) => void;
  onEscape?: () => void;
  /** The grid's Value contains text: marked wherever it occurs. */
  highlight?: ValueHighlight | undefined;
  /** Opened with Enter: the user means to edit, so the field takes focus. */
  focusOnMount?: boolean;
  className?: string;
}

/**
 * A CodeMirror 6 editor over `doc`. The editor owns its document while the user types (each change
 * is handed up as the new document, no string copy); a different `doc` from above (another record,
 * another mode, Revert) starts a fresh editor state, so undo never crosses into another value.
 */
export function CodeView({
  doc,
  language,
  readOnly,
  labelledBy,
  describedBy,
  invalid = false,
  highlight,
  ...props
}: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const onChange = useStableCallback((next: DocText) => props.onChange?.(next));
  const onEscape = useStableCallback(() => props.onEscape?.());
  const overBudget = overLanguageBudget(doc.length, piecesOf(doc).length > 0);
  const languageSetting = useMemo(() => languageExtensions(language, overBudget), [language, overBudget]);
  const accessSetting = useMemo(() => {
    const attributes: Record<string, string> = { 'aria-labelledby': labelledBy, 'aria-invalid': String(invalid) };
    if (describedBy !== undefined) attributes['aria-describedby'] = describedBy;
    return accessExtensions(attributes, readOnly);
  }, [labelledBy, describedBy, invalid, readOnly]);
  const highlightText = highlight?.text;
  const highlightCase = highlight?.matchCase ?? true;
  const highlightSetting = useMemo(
    () =>
      valueMatchHighlight(highlightText === undefined ? undefined : { text: highlightText, matchCase: highlightCase }),
    [highlightText, highlightCase],
  );
  const highlightSlot = useSlot(view, highlightSetting);
  const languageSlot = useSlot(view, languageSetting);
  const accessSlot = useSlot(view, accessSetting);
  /** The document the editor holds: the last one given, or the last one typed. */
  const shown = useRef<DocText>(undefined);

  // CodeMirror lives outside React: it is created once on mount and destroyed on unmount.
  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    view.current = new EditorView({ parent, state: EditorState.create({ extensions: stylesAllowed }) });
    return () => {
      view.current?.destroy();
      view.current = undefined;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor === undefined || shown.current === doc) return;
    shown.current = doc;
    const listener = EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      shown.current = update.state.doc;
      onChange(update.state.doc);
    });
    const extensions = [
      baseExtensions(onEscape),
      languageSlot.initial(),
      accessSlot.initial(),
      highlightSlot.initial(),
      listener,
    ];
    editor.setState(EditorState.create({ doc, extensions }));
  }, [doc, onChange, onEscape, languageSlot, accessSlot, highlightSlot]);

  useEffect(() => {
    if (props.focusOnMount) view.current?.focus();
  }, [props.focusOnMount]);

  return <div ref={host} className={props.className ?? 'code-scroll'} />;
}

/** A compartment holding `setting`; reconfigured in place when the setting changes, so typing keeps its state. */
function useSlot(view: RefObject<EditorView | undefined>, setting: Extension) {
  const slot = useRef({ compartment: new Compartment(), setting });
  useEffect(() => {
    if (slot.current.setting === setting) return;
    slot.current.setting = setting;
    view.current?.dispatch({ effects: slot.current.compartment.reconfigure(setting) });
  });
  return useMemo(() => ({ initial: () => slot.current.compartment.of(slot.current.setting) }), []);
}
