import { type ConflictPolicy, POLICY_LABELS } from './import-phase.js';

const POLICIES = Object.keys(POLICY_LABELS) as ConflictPolicy[];

/** What happens to a key the store already has. */
export function PolicyField({
  value,
  onChange,
}: {
  value: ConflictPolicy;
  onChange: (policy: ConflictPolicy) => void;
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
          {POLICY_LABELS[policy]}
        </label>
      ))}
    </fieldset>
  );
}
