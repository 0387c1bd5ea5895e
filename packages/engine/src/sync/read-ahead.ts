/**
 * Yields each item of `source` with `prepare(item)` done, while the next item is already being read and
 * prepared: the stream runner normalises page N+1 (and the vendor serves it) while page N is written.
 * Errors surface in order, when the consumer reaches the item that failed. At most one item is read
 * ahead; when the consumer stops early, the source is closed once the read in flight settles.
 */
export async function* readAhead<T, U>(source: AsyncIterable<T>, prepare: (item: T) => Promise<U>): AsyncGenerator<{ item: T; prepared: U }> {
  const iterator = source[Symbol.asyncIterator]();
  const step = async () => {
    const result = await iterator.next();
    return result.done ? undefined : { item: result.value, prepared: await prepare(result.value) };
  };
  let next = step();
  let finished = false;
  try {
    for (;;) {
      const current = await next;
      if (!current) {
        finished = true;
        return;
      }
      next = step();
      next.catch(() => undefined); // reported when the consumer reaches it
      yield current;
    }
  } finally {
    if (!finished) {
      void next.then(
        () => iterator.return?.(),
        () => undefined,
      );
    }
  }
}
