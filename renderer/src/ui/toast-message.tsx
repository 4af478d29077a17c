import type { Toast } from './use-toast.js';
import './toast.css';

/** Errors interrupt (role=alert); other news waits its turn (a polite live region). */
export function ToastMessage({ toast, onDismiss }: { toast: Toast | undefined; onDismiss: () => void }) {
  return (
    <div className="toast-region" aria-live="polite">
      {toast && (
        <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : undefined}>
          <span title={toast.text}>{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                onDismiss();
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
