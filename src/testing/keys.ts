// Keys for tests: one random keyring per test process, never written anywhere.
import { generateKeyring, type Keyring } from '../keyring.ts';

let keyring: Keyring | undefined;

export function testKeyring(): Keyring {
  keyring ??= generateKeyring('test');
  return keyring;
}
