// A minimal promise wrapper over the IndexedDB store that holds the event
// queue: appends and deletes touch single records, so a long queue never
// gets rewritten whole (as one chrome.storage.local value would be).

const DB_NAME = "trailguide";
const STORE = "events";

/** @type {Promise<IDBDatabase> | null} */
let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      // Auto-increment keys keep insertion order: the oldest event is first.
      request.result.createObjectStore(STORE, { autoIncrement: true });
    };
    request.onsuccess = () => {
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

/**
 * Run `work` in one transaction and resolve once it has committed.
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T> | void} work
 * @returns {Promise<T | undefined>}
 */
async function transact(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode, { durability: "strict" });
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

/** Append records in one transaction. */
export function addAll(records) {
  return transact("readwrite", (store) => {
    for (const record of records) store.add(record);
  });
}

/** How many records are stored. */
export async function count() {
  return (await transact("readonly", (store) => store.count())) ?? 0;
}

/**
 * The oldest `limit` records with their keys.
 * @returns {Promise<{keys: IDBValidKey[], values: any[]}>}
 */
export async function oldest(limit) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, "readonly");
    const store = tx.objectStore(STORE);
    const keys = store.getAllKeys(null, limit);
    const values = store.getAll(null, limit);
    tx.oncomplete = () => resolve({ keys: keys.result, values: values.result });
    tx.onerror = () => reject(tx.error);
  });
}

/** Delete records by key in one transaction. */
export function remove(keys) {
  return transact("readwrite", (store) => {
    for (const key of keys) store.delete(key);
  });
}

/** Delete the oldest `n` records (the cap drops from the front). */
export async function dropOldest(n) {
  if (n <= 0) return;
  const { keys } = await oldest(n);
  await remove(keys);
}
