import { useState } from 'react';
import { errorMessage } from '../shared/api-error.js';

/** The typed folder path and the attempt to open it: a failure says why and leaves the dialog open. */
export function useOpenFolder(open: (path: string) => Promise<void>) {
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string>();
  const [opening, setOpening] = useState(false);
  return {
    path,
    problem,
    opening,
    setPath,
    submit: async () => {
      if (path.trim() === '') return;
      setOpening(true);
      setProblem(undefined);
      try {
        await open(path.trim());
      } catch (error) {
        setProblem(errorMessage(error));
        setOpening(false);
      }
    },
  };
}
