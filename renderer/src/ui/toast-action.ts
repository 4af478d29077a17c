/** A button in the toast, such as Undo; the toast stays longer while it offers one. */
export interface ToastAction {
  label: string;
  run: () => void;
  shownMs: number;
}
