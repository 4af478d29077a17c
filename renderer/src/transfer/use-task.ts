import { useRef, useState } from 'react';
import { useClient } from '../app/client-context.js';
import { useApiEvent } from '../app/use-api-event.js';
import { addProgress, startProgress, type TaskProgress } from './task-progress.js';

let nextTask = 0;
const taskId = (kind: string) => `${kind}-${Date.now().toString(36)}-${++nextTask}`;

/**
 * One long task at a time (an import, its preview, an export, a copy): its id, its progress from
 * the `progress` events main sends for that id, and a way to cancel it.
 */
export function useTask() {
  const client = useClient();
  const current = useRef<string>(undefined);
  const [progress, setProgress] = useState<TaskProgress>();
  useApiEvent((event) => {
    if (event.type !== 'progress' || event.task !== current.current) return;
    setProgress((previous) => previous && addProgress(previous, event.done, event.total, performance.now()));
  });
  return {
    running: progress !== undefined,
    progress,
    /** Runs `work` under a new task id; progress shows until it settles. */
    run: async <T>(kind: string, work: (taskId: string) => Promise<T>): Promise<T> => {
      const id = taskId(kind);
      current.current = id;
      setProgress(startProgress(performance.now()));
      try {
        return await work(id);
      } finally {
        if (current.current === id) {
          current.current = undefined;
          setProgress(undefined);
        }
      }
    },
    cancel: () => {
      const id = current.current;
      if (id !== undefined) void client.call('task.cancel', { taskId: id }).catch(() => undefined);
    },
  };
}
