import type { Logger } from '../../src/common/log.js';

type Methods = Partial<Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>>;

/** A {@link Logger} from the methods a test cares about; the others do nothing, children are itself. */
export function fakeLogger(methods: Methods): Logger {
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: () => {},
    ...methods,
    child: () => logger,
  };
  return logger;
}
