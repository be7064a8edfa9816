// Process entry: configuration, then the service (see start.ts: migrate, listen, graceful shutdown).
import { loadConfig } from './config.ts';
import { KeyringError } from './keyring.ts';
import { startServer } from './start.ts';

try {
  await startServer(loadConfig());
} catch (error) {
  if (!(error instanceof KeyringError)) throw error;
  process.stderr.write(`Case Review cannot start: ${error.message}\n`);
  process.exit(1);
}
