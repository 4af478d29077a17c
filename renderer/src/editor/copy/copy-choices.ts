import { visibleKey } from '../../ui/visible-key.js';
import type { RecordEditor } from '../use-record-editor.js';
import { type Copied, valueAsBase64, valueAsJson, valueAsText, writeCommand } from './copy-formats.js';

export interface CopyChoice {
  label: string;
  /** For the message after copying: "Copied the key". */
  what: string;
  make: () => Promise<Copied>;
}

/** The Copy menu's items for the open record; values are read whole first when only a head is loaded. */
export function copyChoices(editor: RecordEditor, storePath: string | undefined): CopyChoice[] {
  const { target, detail } = editor.state;
  if (target === undefined || detail === undefined) return [];
  const withValue = (format: (bytes: Uint8Array) => Copied) => async (): Promise<Copied> => {
    const bytes = await editor.storedValue();
    return bytes === undefined ? { ok: false, why: 'The value could not be read' } : format(bytes);
  };
  return [
    {
      label: 'Copy key',
      what: `the key ${visibleKey(target.key)}`,
      make: async () => ({ ok: true, text: target.key }),
    },
    { label: 'Copy value as text', what: 'the value as text', make: withValue(valueAsText) },
    { label: 'Copy value as JSON', what: 'the value as JSON', make: withValue(valueAsJson) },
    { label: 'Copy value as base64', what: 'the value as base64', make: withValue(valueAsBase64) },
    {
      label: 'Copy as command',
      what: 'a store-inspector write command',
      make: withValue((value) => writeCommand({ ...target, storePath, value, detail }, Date.now())),
    },
  ];
}
