import { plural } from '../ui/format.js';
import { capabilityLines, kindName } from './store-capabilities.js';
import type { TestState } from './use-connection-form.js';

/** What the test found (databases, tables, what the store cannot do), or the problem with its heading. */
export function TestOutcome({ test }: { test: TestState }) {
  if (test.phase === 'failed') {
    return (
      <div role="alert" className="connect-problem">
        <strong>{test.problem.heading}</strong>
        <p>{test.problem.detail}</p>
      </div>
    );
  }
  return (
    <div role="status" className="connect-outcome">
      {test.phase === 'testing' && 'Testing…'}
      {test.phase === 'ok' && <Found result={test.result} />}
    </div>
  );
}

function Found({ result }: { result: Extract<TestState, { phase: 'ok' }>['result'] }) {
  const tables = result.databases.reduce((sum, each) => sum + each.tables.length, 0);
  const found = result.capabilities.listsTables
    ? `found ${plural(result.databases.length, 'database')} with ${plural(tables, 'go-micro table')}`
    : 'this server cannot list its tables: type one';
  return (
    <>
      <strong>
        Connected to {kindName(result.kind)}: {found}
      </strong>
      <ul className="capability-list" aria-label="What this store cannot do">
        {capabilityLines(result.capabilities, result.refusals).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </>
  );
}
