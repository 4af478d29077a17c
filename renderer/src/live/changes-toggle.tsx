import { formatCount } from '../ui/format.js';
import { useLive } from './live-provider.js';

interface ChangesToggleProps {
  open: boolean;
  /** The id of the Changes panel it shows and hides. */
  controls: string;
  onToggle: () => void;
}

/** Shows or hides the Changes panel, with how many changes it lists. */
export function ChangesToggle({ open, controls, onToggle }: ChangesToggleProps) {
  const count = useLive('log').changes.length;
  return (
    <button type="button" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      Changes <span className="count-badge">{formatCount(count)}</span>
    </button>
  );
}
