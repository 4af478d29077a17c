interface ReadOnlyBannerProps {
  reason: string;
  /** For a go-micro store: the way to an editable copy. */
  onCopy: (() => void) | undefined;
}

/** Over the records of a read-only store: nothing here can be changed, and why. */
export function ReadOnlyBanner({ reason, onCopy }: ReadOnlyBannerProps) {
  return (
    <p className="read-only-banner">
      <strong>Read-only</strong> ({reason}): browse, filter and export; editing is off.
      {onCopy !== undefined && (
        <>
          {' '}
          To edit, copy it into a Store Inspector store.{' '}
          <button type="button" onClick={onCopy}>
            Copy into a Store Inspector store…
          </button>
        </>
      )}
    </p>
  );
}
