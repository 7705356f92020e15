/**
 * Setup of every integration test file (vitest.integration.config.ts): the statements the app
 * sends during the file must keep the distribution-key rule (test/support/statements.ts). A
 * statement that breaks it fails the file that made the app send it.
 */
import pg from "pg";
import { afterAll } from "vitest";

import { recordStatements } from "./statements";

const recorder = recordStatements(pg);
// For the test of the recorder itself (statements.integration.test.ts).
(globalThis as { __codewatchStatements?: typeof recorder }).__codewatchStatements = recorder;

afterAll(() => {
  recorder.stop();
  if (recorder.violations.length > 0) {
    const listed = recorder.violations
      .slice(0, 10)
      .map((v) => `  - ${v.problem}: ${v.statement}`)
      .join("\n");
    throw new Error(
      `${recorder.violations.length} statements on project-sharded tables name no project ` +
        `(test/support/statements.ts):\n${listed}`,
    );
  }
});
