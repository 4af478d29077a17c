import { keySegments } from './visible-key.js';
import './key-text.css';

/** A key as text, with what would not show drawn as markers (see visible-key.ts). */
export function KeyText({ value }: { value: string }) {
  return (
    <>
      {keySegments(value).map((segment, index) =>
        segment.marker ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but their place
          <span key={index} className="key-marker">
            {segment.text}
          </span>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
