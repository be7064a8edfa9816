// Process entry: configuration, then the service (see start.ts: migrate, listen, graceful shutdown).
import { loadConfig } from './config.ts';
import { startServer } from './start.ts';

await startServer(loadConfig());
