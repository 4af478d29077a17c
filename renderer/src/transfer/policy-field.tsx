import { type ConflictPolicy, POLICY_LABELS } from './import-phase.js';

const POLICIES = Object.keys(POLICY_LABELS) as ConflictPolicy[];

/** What happens to a key the store already has (`labels`: a copy's words rather than an import's). */
export function PolicyField({
  value,
  onChange,
  labels = POLICY_LABELS,
}: {
  value: ConflictPolicy;
  onChange: (policy: ConflictPolicy) => void;
  labels?: Record<ConflictPolicy, string>;
}) {
  return (
    <fieldset className="policy-field">
      <legend>When a key already exists</legend>
      {POLICIES.map((policy) => (
        <label key={policy}>
          <input
            type="radio"
            name="conflict-policy"
            value={policy}
            checked={value === policy}
            onChange={() => onChange(policy)}
          />
          {labels[policy]}
        </label>
      ))}
    </fieldset>
  );
}
