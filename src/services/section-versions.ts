// What the services of versioned documents (the terms of reference, the review's report) answer one way: a
// change made on what someone else has changed since it was opened is a conflict (409), its form saying so.
import { ServiceError } from './context.ts';

/** The answer to a stale save or sign-off: `code` names it, `formKey` is the locale key the form shows. */
export function changedSinceOpened(code: string, formKey: string): ServiceError {
  return new ServiceError('conflict', code, { form: formKey });
}
