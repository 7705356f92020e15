/**
 * codewatch's command line: `npm run cw -- <command>`. Each command lives in scripts/commands/.
 * Progress goes to stderr, results (a key, a count) to stdout, so output can be piped.
 */
import { Command, CommanderError } from "commander";

import { registerAccountCommands } from "./commands/accounts";
import { registerChannelCommands } from "./commands/channels";
import { registerDatabaseCommands } from "./commands/database";
import { registerRetentionCommand } from "./commands/retention";
import { registerServeCommands } from "./commands/serve";
import { registerSimulateCommand } from "./commands/simulate";

// Log lines of the code the commands run (lib/log.ts) go to stderr, readable: stdout is for
// results (a key, a count). The server `demo` and `dev` start inherits this too.
process.env.CW_LOG_DESTINATION ??= "stderr";
process.env.CW_LOG_FORMAT ??= "pretty";

const program = new Command()
  .name("cw")
  .description("codewatch: error-code diagnostics dashboard")
  .showHelpAfterError()
  .exitOverride();

registerDatabaseCommands(program);
registerAccountCommands(program);
registerChannelCommands(program);
registerRetentionCommand(program);
registerServeCommands(program);
registerSimulateCommand(program);

try {
  await program.parseAsync(process.argv);
  // Exit explicitly: the wasm schema engine leaves a timer behind that would hold the process
  // open for seconds after the work is done.
  process.exit(0);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode);
  }
  console.error(`cw: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
