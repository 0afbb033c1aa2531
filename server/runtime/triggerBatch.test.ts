// WriteLanes: the trigger evaluation's bound on writes in flight, and how a failed write stops it.
import { describe, expect, it } from "vitest";
import { WriteLanes } from "./triggerBatch";

function deferred() {
  let resolve: () => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("WriteLanes", () => {
  it("lets a second write start while one is in flight, and waits before a third", async () => {
    const lanes = new WriteLanes(2);
    const [a, b] = [deferred(), deferred()];
    await lanes.add(a.promise); // one in flight: returns at once
    let added = false;
    const adding = lanes.add(b.promise).then(() => (added = true));
    await Promise.resolve();
    expect(added).toBe(false); // two in flight: waits for one to finish
    a.resolve();
    await adding;
    expect(added).toBe(true);
    b.resolve();
    await lanes.drain();
  });

  it("throws the first failure once every write in flight has settled", async () => {
    const lanes = new WriteLanes(2);
    const [a, b] = [deferred(), deferred()];
    await lanes.add(a.promise);
    const adding = lanes.add(b.promise);
    let settled = false;
    void adding.catch(() => (settled = true));
    a.reject(new Error("page write failed"));
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(false); // b is still in flight
    b.resolve();
    await expect(adding).rejects.toThrow("page write failed");
    await expect(lanes.drain()).rejects.toThrow("page write failed");
  });
});
