// The test Redis as its own process, for tests that may not import the main process (the e2e specs): starts it
// (see startRedis), prints `redis <url>` on stdout, and stops it (removing its folder) on SIGTERM or SIGINT.
import { startRedis } from './redis-server';

void startRedis().then((redis) => {
  process.stdout.write(`redis ${redis.url}\n`);
  const stop = () => void redis.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
