// Prints what the worker's modules declare, for tests/extension/test_worker_contract.py:
// the fields each event kind may carry, and backoff delays at the jitter extremes.
import { KIND_FIELDS } from "../../../extension/worker/events.js";
import { backoffDelay, BACKOFF_MAX_MS, MAX_QUEUED, BATCH_SIZE } from "../../../extension/worker/queue.js";

const attempts = [1, 2, 3, 4, 5, 8, 12, 20];
process.stdout.write(JSON.stringify({
  kindFields: KIND_FIELDS,
  backoff: attempts.map((n) => [n, backoffDelay(n, () => 0), backoffDelay(n, () => 0.999999)]),
  maxBackoff: BACKOFF_MAX_MS,
  maxQueued: MAX_QUEUED,
  batchSize: BATCH_SIZE,
}));
