import { useEffect, useState } from 'react';
import type { ToastAction } from './toast-action.js';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: ToastAction;
}

const SHOWN_MS = 5_000;

/** A short message about what just happened, gone after a few seconds. */
export function useToast() {
  const [toast, setToast] = useState<Toast>();
  useEffect(() => {
    if (toast === undefined) return;
    const timer = window.setTimeout(() => setToast(undefined), toast.action?.shownMs ?? SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);
  return {
    toast,
    show: (text: string, tone: Toast['tone'] = 'info', action?: ToastAction) =>
      setToast({ id: Date.now(), text, tone, ...(action ? { action } : {}) }),
    dismiss: () => setToast(undefined),
  };
}
