/** In place of the records when the server will not answer this page: what happened and what to do. */
export function AccessRefusedBanner({ reason }: { reason: string }) {
  return (
    <p className="read-only-banner" role="alert">
      <strong>Not connected</strong>: {reason}.
    </p>
  );
}
