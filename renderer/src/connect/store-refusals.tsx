import { createContext, type ReactNode, useContext } from 'react';

/**
 * What records in the open store cannot carry, in the one wording of each refusal (store-capabilities.ts):
 * the editor's fields read it here rather than through every component between the window and them.
 */
export interface FieldRefusals {
  /** Why records cannot carry metadata (Redis, MySQL); undefined when they can. */
  metadata: string | undefined;
  /** Why records cannot carry their own expiry (NATS KV); undefined when they can. */
  expiry: string | undefined;
}

const NONE: FieldRefusals = { metadata: undefined, expiry: undefined };
const RefusalsContext = createContext<FieldRefusals>(NONE);

export function StoreRefusalsProvider({ value, children }: { value: FieldRefusals; children: ReactNode }) {
  return <RefusalsContext.Provider value={value}>{children}</RefusalsContext.Provider>;
}

/** The open store's field refusals; none outside a workspace. */
export function useFieldRefusals(): FieldRefusals {
  return useContext(RefusalsContext);
}
