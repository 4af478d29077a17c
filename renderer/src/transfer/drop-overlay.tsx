import './transfer.css';

/** Shown while a file is dragged over the window. */
export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop a records file to import it</p>
    </div>
  );
}
