#!/usr/bin/env node
// case-review: the command line over the same services as the web application (see program.ts).
import { runProgram } from './program.ts';

await runProgram(process.argv.slice(2));
