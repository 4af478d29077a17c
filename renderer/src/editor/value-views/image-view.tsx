import { useMemo, useState } from 'react';
import { bytesToBase64 } from '../../ui/base64.js';
import { formatBytes } from '../../ui/format.js';
import { imageKindOf, imageMime } from './image-kind.js';

/**
 * The value drawn as the image its magic bytes name. A data: URL, because the page's security policy
 * allows images from 'self' and data: only (no blob:).
 */
export function ImageView({ bytes, labelledBy }: { bytes: Uint8Array; labelledBy: string }) {
  const kind = imageKindOf(bytes);
  const source = useMemo(
    () => (kind === undefined ? undefined : `data:${imageMime(kind)};base64,${bytesToBase64(bytes)}`),
    [bytes, kind],
  );
  const [size, setSize] = useState<string>();
  if (kind === undefined || source === undefined) return null;
  const description = `${kind.toUpperCase()} image, ${formatBytes(bytes.length)}${size === undefined ? '' : `, ${size}`}`;
  return (
    <figure className="code-scroll image-view" aria-labelledby={labelledBy}>
      <img
        src={source}
        alt={description}
        onLoad={(event) => setSize(`${event.currentTarget.naturalWidth} × ${event.currentTarget.naturalHeight} px`)}
        onError={() => setSize('cannot be drawn (damaged or unsupported)')}
      />
      <figcaption className="muted">{description}</figcaption>
    </figure>
  );
}
