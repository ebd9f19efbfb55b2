import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// Frontend message types of PostgreSQL's extended query protocol (Parse, Bind, Describe,
// Execute, Close, Flush) and the ones that end a request (Sync, simple Query, Terminate).
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const REQUEST_END = new Set(['S', 'Q', 'X'].map((c) => c.charCodeAt(0)));

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<void>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/**
 * pglite-socket 0.2 serialises protocol *messages* from all connections into the one PGlite
 * session, keeping a connection's messages together only inside a transaction. Outside one, the
 * Parse/Bind/Execute/Sync of two concurrent queries interleave and clobber each other's unnamed
 * statement ("bind message supplies 2 parameters, but prepared statement requires 3"). This keeps
 * a connection's messages together from its first extended-protocol message to its Sync.
 */
export function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let midRequest: number | null = null;

  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.db.isInTransaction() && this.lastHandlerId ? this.lastHandlerId : midRequest;
        let next: QueuedMessage | undefined;
        if (owner === null) {
          next = this.queue.shift();
        } else {
          const index = this.queue.findIndex((queued) => queued.handlerId === owner);
          // The owner's next message has not arrived yet: wait for it rather than interleave.
          if (index === -1) break;
          next = this.queue.splice(index, 1)[0];
        }
        if (!next) break;
        const item = next;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          if (midRequest === item.handlerId) midRequest = null;
          item.reject(error);
          continue;
        }
        const type = item.message[0] ?? 0;
        if (EXTENDED.has(type)) midRequest = item.handlerId;
        else if (REQUEST_END.has(type) && midRequest === item.handlerId) midRequest = null;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clearQueueForHandler = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clearQueueForHandler(handlerId);
    if (midRequest === handlerId) {
      midRequest = null;
      void queue.processQueue();
    }
  };
}
